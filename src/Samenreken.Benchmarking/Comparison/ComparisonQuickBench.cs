using System.Diagnostics;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Diagnostics;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Benchmarking.Comparison;

/// <summary>One kind of modular exponentiation a comparison needs, with its count and raw GMP speed.</summary>
public sealed record ModexpCost(string Name, string Description, double CountPerComparison, int ExponentBits, int ModulusBits, double RawOpsPerSecond)
{
    public double CoreSecondsPerComparison => CountPerComparison / RawOpsPerSecond;
}

public sealed record ComparisonRate(string Name, double ComparisonsPerSecond);

/// <summary>The lower bound: the raw GMP cost (no tables, no packing tricks beyond the protocol's own counts) of every exponentiation.</summary>
public sealed record ModexpBaseline(
    IReadOnlyList<ModexpCost> PerComparison,
    double LowerBoundCoreSecondsPerComparison,
    double LowerBoundComparisonsPerSecond,
    double RealCoreSecondsPerComparison,
    double Ratio);

public sealed record ComparisonBenchReport(
    string Backend,
    int Bits,
    int T,
    int L,
    int Kappa,
    int Cores,
    int Batch,
    string OutputMode,
    IReadOnlyList<ComparisonRate> Results,
    ModexpBaseline ModexpBaseline);

/// <summary>
/// `samenreken bench compare`: times one batch of the secure comparison at full key size, both parties in one process
/// over the in-memory transport (messages serialized), offline phase (randomizers) and online phase separately,
/// and measures in the same run the raw GMP cost of the exponentiations one comparison needs.
/// </summary>
public static class ComparisonQuickBench
{
    public static ComparisonBenchReport Run(int bits, int batch, Action<string>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 16);
        var backend = MathBackend.Gmp ?? throw new InvalidOperationException("bench compare measures against raw GMP; libgmp.so.10 is not available.");
        var random = RandomSource.Secure;
        var settings = ComparisonSettings.Default;
        var t = DgkKeyPair.DefaultSubgroupBits(bits);
        var policy = KeySizePolicy.Production;

        progress?.Invoke($"generating {bits}-bit Paillier and DGK keys (t = {t})");
        var paillier = PaillierKeyPair.Generate(bits, policy, random, backend);
        var dgk = DgkKeyPair.Generate(bits, settings.ComparisonBits, t, policy, random, backend);
        paillier.PublicKey.Precompute();
        dgk.PublicKey.Precompute();

        var inputs = new Random(2026);
        var max = 1L << settings.ComparisonBits;
        PaillierCiphertext[] Inputs(int count) =>
            [.. Enumerable.Range(0, count).Select(_ => SecureComparisonInput.Encrypt(paillier.PublicKey, inputs.NextInt64(0, max), settings, random))];

        progress?.Invoke("warming up");
        RunOnce(settings, paillier, dgk, random, Inputs(32), Inputs(32));

        progress?.Invoke($"comparing a batch of {batch}");
        var x = Inputs(batch);
        var y = Inputs(batch);
        var (offline, online, zeroTests) = RunOnce(settings, paillier, dgk, random, x, y);

        progress?.Invoke("measuring raw GMP exponentiations");
        var baselineCosts = MeasureBaseline(paillier, dgk, settings, batch, zeroTests);
        var cores = Environment.ProcessorCount;
        var lowerBound = baselineCosts.Sum(c => c.CoreSecondsPerComparison);
        var real = (offline + online) * cores / batch;

        return new ComparisonBenchReport(
            backend.Name,
            bits,
            t,
            settings.ComparisonBits,
            settings.StatisticalSecurity,
            cores,
            batch,
            ComparisonOutputMode.PlaintextToEvaluator.ToString(),
            [
                new("compare.online", batch / online),
                new("compare.offline", batch / offline),
                new("compare.total", batch / (offline + online)),
            ],
            new ModexpBaseline(baselineCosts, lowerBound, cores / lowerBound, real, real / lowerBound));
    }

    private static (double Offline, double Online, int ZeroTests) RunOnce(
        ComparisonSettings settings, PaillierKeyPair paillier, DgkKeyPair dgk, RandomSource random, PaillierCiphertext[] x, PaillierCiphertext[] y)
    {
        const ComparisonOutputMode mode = ComparisonOutputMode.PlaintextToEvaluator;
        var evaluator = new ComparisonEvaluator(settings, paillier.PublicKey, dgk.PublicKey, random);
        var keyHolder = new ComparisonKeyHolder(settings, paillier.PrivateKey, dgk.PrivateKey, random);
        var clock = Stopwatch.StartNew();
        evaluator.PrecomputeRandomness(x.Length, mode);
        keyHolder.PrecomputeRandomness(x.Length);
        var offline = clock.Elapsed.TotalSeconds;
        clock.Restart();
        InMemoryTransport.Run(evaluator, keyHolder, evaluator.Start(x, y, mode));
        var online = clock.Elapsed.TotalSeconds;
        if (!evaluator.IsCompleted || evaluator.Results.Count != x.Length)
        {
            throw new InvalidOperationException("The benchmark run did not complete.");
        }

        return (offline, online, keyHolder.ZeroTestsServed);
    }

    /// <summary>Counts per comparison at l bits, with the raw cost of each exponentiation measured now.</summary>
    private static List<ModexpCost> MeasureBaseline(PaillierKeyPair paillier, DgkKeyPair dgk, ComparisonSettings settings, int batch, int zeroTests)
    {
        var l = settings.ComparisonBits;
        var paillierKey = paillier.PublicKey;
        var dgkKey = dgk.PublicKey;
        var slots = (paillierKey.Bits - 1) / settings.SlotBits;
        var bitSlots = paillierKey.Bits - 2;
        var decryptionsPerComparison = (Math.Ceiling((double)batch / slots) + Math.Ceiling((double)batch / bitSlots)) / batch;
        var uBits = (int)Math.Ceiling(Math.Log2(dgkKey.U));
        var primeBits = dgkKey.Bits / 2;
        var halfBits = paillierKey.Bits / 2;

        return
        [
            new("dgk.randomizer.public", "h^r mod n, r of 2t bits: A's l + 1 rerandomizations",
                l + 1, dgkKey.RandomExponentBits, dgkKey.Bits, RawGmpExponentiation.PerSecond(dgkKey.H, dgkKey.RandomExponentBits, dgkKey.N, secret: false)),
            new("dgk.randomizer.crt", "h_p^(r_p) mod p (and the same mod q), r_p below v_p: B's l bit encryptions, two each",
                2 * l, dgkKey.T, primeBits, RawGmpExponentiation.PerSecond(dgkKey.H, dgkKey.T, primeBits, secret: false)),
            new("dgk.blind", "c^r_i mod n, r_i uniform in Z_u^*: A blinds l + 1 terms",
                l + 1, uBits, dgkKey.Bits, RawGmpExponentiation.PerSecond(dgkKey.G, uBits, dgkKey.N, secret: false)),
            new("dgk.zerotest", "c^(v_p) mod p, constant time: B tests all l + 1 terms (count from the run)",
                (double)zeroTests / batch, dgkKey.T, primeBits, RawGmpExponentiation.PerSecond(dgkKey.G, dgkKey.T, primeBits, secret: true)),
            new("paillier.randomizer", "h_s^α mod n², α of 2·security bits: B's [d div 2^l] and [δ_B], A's packed messages",
                2 + decryptionsPerComparison, paillierKey.ShortExponentBits, 2 * paillierKey.Bits, RawGmpExponentiation.PerSecond(paillierKey.RandomizerBase, paillierKey.ShortExponentBits, paillierKey.NSquared, secret: false)),
            new("paillier.decrypt", "two half-size constant-time exponentiations mod p², q², once per packed ciphertext",
                2 * decryptionsPerComparison, halfBits, 2 * halfBits, RawGmpExponentiation.PerSecond(paillierKey.N, halfBits, 2 * halfBits, secret: true)),
            new("paillier.pack", "2^w-th power mod n² (w squarings) to pack one blinded difference",
                1, settings.SlotBits, 2 * paillierKey.Bits, RawGmpExponentiation.PowerOfTwoPerSecond(paillierKey.RandomizerBase, settings.SlotBits, paillierKey.NSquared)),
        ];
    }
}
