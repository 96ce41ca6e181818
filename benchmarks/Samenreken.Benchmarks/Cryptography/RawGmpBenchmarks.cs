using BenchmarkDotNet.Attributes;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Math.Gmp;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Benchmarks.Cryptography;

/// <summary>
/// The baseline: the same modular exponentiations as <see cref="PaillierBenchmarks"/>, straight through
/// <see cref="GmpNative"/> on preallocated mpz_t (no wrapper objects, no randomness, no validation).
/// </summary>
public class RawGmpBenchmarks
{
    private GmpHandle _n = null!;
    private GmpHandle _nSquared = null!;
    private GmpHandle _base = null!;
    private GmpHandle _c = null!;
    private GmpHandle _c2 = null!;
    private GmpHandle _scalar = null!;
    private GmpHandle _cModPSquared = null!;
    private GmpHandle _cModQSquared = null!;
    private GmpHandle _pSquared = null!;
    private GmpHandle _qSquared = null!;
    private GmpHandle _pMinusOne = null!;
    private GmpHandle _qMinusOne = null!;
    private GmpHandle _result = null!;
    private GmpHandle _product = null!;

    [Params(2048, 3072)]
    public int Bits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var gmp = MathBackend.Gmp ?? throw new InvalidOperationException("libgmp.so.10 is required for the raw baseline.");
        var pair = PaillierKeyPair.Generate(Bits, KeySizePolicy.Production, RandomSource.Secure, gmp);
        var key = pair.PublicKey;
        static GmpHandle H(BigNumber value) => ((GmpNumber)value).Handle;
        var p = pair.PrivateKey.P;
        var q = pair.PrivateKey.Q;
        var c = key.Encrypt(ModMath.RandomBelow(gmp, key.N, RandomSource.Secure), RandomSource.Secure).Value;
        _n = H(key.N);
        _nSquared = H(key.NSquared);
        _base = H(ModMath.RandomUnit(gmp, key.N, RandomSource.Secure));
        _c = H(c);
        _c2 = H(key.Encrypt(gmp.One, RandomSource.Secure).Value);
        _scalar = H(ModMath.RandomBelow(gmp, key.N, RandomSource.Secure));
        var pSquared = gmp.Multiply(p, p);
        var qSquared = gmp.Multiply(q, q);
        _pSquared = H(pSquared);
        _qSquared = H(qSquared);
        _cModPSquared = H(gmp.Mod(c, pSquared));
        _cModQSquared = H(gmp.Mod(c, qSquared));
        _pMinusOne = H(gmp.Subtract(p, gmp.One));
        _qMinusOne = H(gmp.Subtract(q, gmp.One));
        _result = GmpHandle.Allocate(2 * Bits);
        _product = GmpHandle.Allocate(4 * Bits);
    }

    [Benchmark(Description = "mpz_powm(r, n, n²)")]
    public void EncryptCore() => GmpNative.Powm(_result, _base, _n, _nSquared);

    [Benchmark(Description = "2 × mpz_powm_sec (CRT decryption)")]
    public void DecryptCore()
    {
        GmpNative.PowmSec(_result, _cModPSquared, _pMinusOne, _pSquared);
        GmpNative.PowmSec(_result, _cModQSquared, _qMinusOne, _qSquared);
    }

    [Benchmark(Description = "mpz_mul + mpz_mod (n²)")]
    public void AddCore()
    {
        GmpNative.Mul(_product, _c, _c2);
        GmpNative.Mod(_result, _product, _nSquared);
    }

    [Benchmark(Description = "mpz_powm(c, k, n²)")]
    public void ScalarMultiplyCore() => GmpNative.Powm(_result, _c, _scalar, _nSquared);
}
