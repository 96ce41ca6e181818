using BenchmarkDotNet.Attributes;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Benchmarks.Cryptography;

/// <summary>
/// Paillier operations at 2048 and 3072 bits on both backends. Run with
/// <c>dotnet run -c Release --project benchmarks/Samenreken.Benchmarks -- --filter '*Paillier*'</c>.
/// </summary>
[MemoryDiagnoser]
public class PaillierBenchmarks
{
    private PaillierKeyPair _pair = null!;
    private BigNumber _message = null!;
    private BigNumber _scalar = null!;
    private FreshPaillierCiphertext _left = null!;
    private FreshPaillierCiphertext _right = null!;

    [Params(2048, 3072)]
    public int Bits { get; set; }

    [Params("gmp", "managed")]
    public string Backend { get; set; } = "gmp";

    [GlobalSetup]
    public void Setup()
    {
        var backend = MathBackend.FromName(Backend);
        _pair = PaillierKeyPair.Generate(Bits, KeySizePolicy.Production, RandomSource.Secure, backend);
        _pair.PublicKey.Precompute();
        _message = ModMath.RandomBelow(backend, _pair.PublicKey.N, RandomSource.Secure);
        _scalar = ModMath.RandomBelow(backend, _pair.PublicKey.N, RandomSource.Secure);
        _left = _pair.PublicKey.Encrypt(_message, RandomSource.Secure);
        _right = _pair.PublicKey.Encrypt(_scalar, RandomSource.Secure);
    }

    [Benchmark(Description = "encrypt (fresh r^n)")]
    public PaillierCiphertext EncryptFresh() => _pair.PublicKey.EncryptWithFullRandomness(_message, RandomSource.Secure);

    [Benchmark(Description = "encrypt (DJN fast)")]
    public PaillierCiphertext EncryptFast() => _pair.PublicKey.Encrypt(_message, RandomSource.Secure);

    [Benchmark(Description = "decrypt (CRT)")]
    public BigNumber Decrypt() => _pair.PrivateKey.Decrypt(_left);

    [Benchmark(Description = "add")]
    public PaillierCiphertext Add() => _pair.PublicKey.Add(_left, _right);

    [Benchmark(Description = "scalar multiply (full-size scalar)")]
    public PaillierCiphertext ScalarMultiply() => _pair.PublicKey.MultiplyPlain(_left, _scalar);
}

/// <summary>Key generation, separately: seconds per operation with a wide spread, so fewer iterations.</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class PaillierKeyGenerationBenchmarks
{
    [Params(2048, 3072)]
    public int Bits { get; set; }

    [Params("gmp", "managed")]
    public string Backend { get; set; } = "gmp";

    [Benchmark]
    public PaillierKeyPair Generate() => PaillierKeyPair.Generate(Bits, KeySizePolicy.Production, RandomSource.Secure, MathBackend.FromName(Backend));
}
