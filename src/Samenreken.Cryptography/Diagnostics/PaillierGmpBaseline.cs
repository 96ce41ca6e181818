using System.Numerics;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Math.Gmp;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Diagnostics;

/// <summary>
/// The raw GMP cost of the exponentiations Paillier performs, called straight through libgmp on preallocated mpz_t:
/// no wrapper objects, no allocation, no validation. What <c>samenreken bench crypto</c>'s "ratio" divides by. It
/// lives here, not in the benchmark library, because it needs the key's factorization and GMP's raw calls, which
/// no other assembly may see.
/// </summary>
public sealed class PaillierGmpBaseline
{
    private readonly GmpHandle _n;
    private readonly GmpHandle _nSquared;
    private readonly GmpHandle _pSquared;
    private readonly GmpHandle _qSquared;
    private readonly GmpHandle _pMinusOne;
    private readonly GmpHandle _qMinusOne;
    private readonly GmpHandle _cModPSquared;
    private readonly GmpHandle _cModQSquared;
    private readonly GmpHandle _left;
    private readonly GmpHandle _right;
    private readonly GmpHandle _scalar;
    private readonly GmpHandle[] _bases;
    private readonly GmpHandle _result;
    private readonly GmpHandle _result2;
    private readonly GmpHandle _product;
    private int _next;

    private PaillierGmpBaseline(PaillierPrivateKey key, BigNumber left, BigNumber right, BigNumber scalar, IEnumerable<BigNumber> randomBases)
    {
        var gmp = MathBackend.Gmp!;
        GmpHandle H(BigNumber value) => ((GmpNumber)gmp.FromBigInteger(value.ToBigInteger())).Handle;
        var bits = key.PublicKey.Bits;
        _n = H(key.PublicKey.N);
        _nSquared = H(key.PublicKey.NSquared);
        var p = gmp.FromBigInteger(key.P.ToBigInteger());
        var q = gmp.FromBigInteger(key.Q.ToBigInteger());
        var pSquared = gmp.Multiply(p, p);
        var qSquared = gmp.Multiply(q, q);
        _pSquared = ((GmpNumber)pSquared).Handle;
        _qSquared = ((GmpNumber)qSquared).Handle;
        _pMinusOne = ((GmpNumber)gmp.Subtract(p, gmp.One)).Handle;
        _qMinusOne = ((GmpNumber)gmp.Subtract(q, gmp.One)).Handle;
        _left = H(left);
        _right = H(right);
        _cModPSquared = ((GmpNumber)gmp.Mod(gmp.FromBigInteger(left.ToBigInteger()), pSquared)).Handle;
        _cModQSquared = ((GmpNumber)gmp.Mod(gmp.FromBigInteger(left.ToBigInteger()), qSquared)).Handle;
        _scalar = H(scalar);
        _bases = [.. randomBases.Select(H)];
        _result = GmpHandle.Allocate(2 * bits);
        _result2 = GmpHandle.Allocate(2 * bits);
        _product = GmpHandle.Allocate(4 * bits);
    }

    /// <summary>The baseline for one key, or null when libgmp cannot be loaded.</summary>
    /// <param name="key">The key whose numbers the baseline uses (any backend; values are copied into GMP).</param>
    /// <param name="left">A ciphertext (the decrypt input and left addend).</param>
    /// <param name="right">A second ciphertext.</param>
    /// <param name="scalar">A scalar of the size the subject multiplies by.</param>
    public static PaillierGmpBaseline? TryCreate(PaillierPrivateKey key, PaillierCiphertext left, PaillierCiphertext right, BigInteger scalar)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (MathBackend.Gmp is null)
        {
            return null;
        }

        var backend = key.PublicKey.Backend;
        var bases = Enumerable.Range(0, 16).Select(_ => ModMath.RandomUnit(backend, key.PublicKey.N, RandomSource.Secure)).ToArray();
        return new PaillierGmpBaseline(key, left.Value, right.Value, backend.FromBigInteger(scalar), bases);
    }

    /// <summary>Fresh encryption's core: r^n mod n² for a random r (cycling through preset bases).</summary>
    public void EncryptCore()
    {
        _next = (_next + 1) % _bases.Length;
        GmpNative.Powm(_result, _bases[_next], _n, _nSquared);
    }

    /// <summary>CRT decryption's core: c^(p−1) mod p² and c^(q−1) mod q² with mpz_powm_sec.</summary>
    public void DecryptCore()
    {
        GmpNative.PowmSec(_result, _cModPSquared, _pMinusOne, _pSquared);
        GmpNative.PowmSec(_result2, _cModQSquared, _qMinusOne, _qSquared);
    }

    /// <summary>Homomorphic addition's core: one multiplication and one reduction mod n².</summary>
    public void AddCore()
    {
        GmpNative.Mul(_product, _left, _right);
        GmpNative.Mod(_result, _product, _nSquared);
    }

    /// <summary>Scalar multiplication's core: c^k mod n² with k as long as the subject's scalar.</summary>
    public void ScalarMultiplyCore() => GmpNative.Powm(_result, _left, _scalar, _nSquared);
}
