using BenchmarkDotNet.Attributes;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Benchmarks.Protocols;

/// <summary>
/// One batch of the DGK/Veugen comparison over the in-memory transport, offline (randomizers) and online phases
/// separately, next to the raw GMP exponentiation that dominates it (h^r mod n with a 2t-bit r).
/// Run: dotnet run -c Release --project benchmarks/Samenreken.Benchmarks -- --filter '*SecureComparison*'
/// </summary>
[MemoryDiagnoser]
public class SecureComparisonBenchmarks
{
    private const int Batch = 256;
    private PaillierKeyPair _paillier = null!;
    private DgkKeyPair _dgk = null!;
    private PaillierCiphertext[] _x = [];
    private PaillierCiphertext[] _y = [];
    private ComparisonEvaluator _evaluator = null!;
    private ComparisonKeyHolder _keyHolder = null!;
    private BigNumber _exponent = null!;

    [Params(2048, 3072)]
    public int Bits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var settings = ComparisonSettings.Default;
        _paillier = PaillierKeyPair.Generate(Bits, KeySizePolicy.Production, RandomSource.Secure);
        _dgk = DgkKeyPair.Generate(Bits, settings.ComparisonBits, DgkKeyPair.DefaultSubgroupBits(Bits), KeySizePolicy.Production, RandomSource.Secure);
        _paillier.PublicKey.Precompute();
        _dgk.PublicKey.Precompute();
        var random = new Random(1);
        _x = [.. Enumerable.Range(0, Batch).Select(_ => SecureComparisonInput.Encrypt(_paillier.PublicKey, random.NextInt64(0, 1L << 32), settings, RandomSource.Secure))];
        _y = [.. Enumerable.Range(0, Batch).Select(_ => SecureComparisonInput.Encrypt(_paillier.PublicKey, random.NextInt64(0, 1L << 32), settings, RandomSource.Secure))];
        _exponent = ModMath.RandomBits(_paillier.PublicKey.Backend, _dgk.PublicKey.RandomExponentBits, RandomSource.Secure);
    }

    [IterationSetup(Targets = [nameof(Online)])]
    public void PrepareOnline()
    {
        NewParties();
        Offline();
    }

    [IterationSetup(Targets = [nameof(Offline)])]
    public void NewParties()
    {
        _evaluator = new ComparisonEvaluator(ComparisonSettings.Default, _paillier.PublicKey, _dgk.PublicKey, RandomSource.Secure);
        _keyHolder = new ComparisonKeyHolder(ComparisonSettings.Default, _paillier.PrivateKey, _dgk.PrivateKey, RandomSource.Secure);
    }

    [Benchmark(Description = "offline phase, 256 comparisons")]
    public void Offline()
    {
        _evaluator.PrecomputeRandomness(Batch, ComparisonOutputMode.PlaintextToEvaluator);
        _keyHolder.PrecomputeRandomness(Batch);
    }

    [Benchmark(Description = "online phase, 256 comparisons")]
    public int Online()
    {
        InMemoryTransport.Run(_evaluator, _keyHolder, _evaluator.Start(_x, _y, ComparisonOutputMode.PlaintextToEvaluator));
        return _evaluator.Results.Count;
    }

    [Benchmark(Baseline = true, Description = "raw h^r mod n (2t-bit r), one")]
    public BigNumber RawDgkRandomizer() => _dgk.PublicKey.Backend.ModPow(_dgk.PublicKey.H, _exponent, _dgk.PublicKey.N);
}
