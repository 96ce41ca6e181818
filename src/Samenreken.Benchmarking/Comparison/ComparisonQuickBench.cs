using System.Diagnostics;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Garbling;
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

/// <summary>`bench compare`: the engines run on the same keys and inputs, in one process, one after the other.</summary>
public sealed record CompareBenchReport(
    string Backend,
    string AesBackend,
    int Bits,
    int L,
    int Kappa,
    int Cores,
    int Batch,
    ComparisonBenchReport? Dgk,
    GarbledBenchReport? Gc,
    double? GcOverDgkTotal,
    double? DgkOverGcBytes);

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
    double BytesPerComparison,
    ModexpBaseline ModexpBaseline);

/// <summary>
/// `samenreken bench compare`: times one batch of each comparison engine at full key size, both parties in one process
/// over the in-memory transport (messages serialized), offline phase (randomizers) and online phase separately,
/// and measures in the same run the raw GMP cost of the exponentiations one comparison needs.
/// </summary>
public static class ComparisonQuickBench
{
    /// <param name="bits">The modulus size of the keys.</param>
    /// <param name="batch">Comparisons in the measured batch.</param>
    /// <param name="dgk">Whether to run the DGK/Veugen engine.</param>
    /// <param name="gc">Whether to run the garbled-circuit engine.</param>
    /// <param name="progress">Receives short progress lines.</param>
    public static CompareBenchReport Run(int bits, int batch, bool dgk, bool gc, Action<string>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 16);
        var backend = MathBackend.Gmp ?? throw new InvalidOperationException("bench compare measures against raw GMP; libgmp.so.10 is not available.");
        var random = RandomSource.Secure;
        var settings = ComparisonSettings.Default;
        var t = DgkKeyPair.DefaultSubgroupBits(bits);
        var policy = KeySizePolicy.Production;

        progress?.Invoke($"generating {bits}-bit Paillier{(dgk ? " and DGK" : string.Empty)} keys");
        using var paillier = PaillierKeyPair.Generate(bits, policy, random, backend);
        using var dgkKeys = dgk ? DgkKeyPair.Generate(bits, settings.ComparisonBits, t, policy, random, backend) : null;
        paillier.PublicKey.Precompute();
        dgkKeys?.PublicKey.Precompute();

        var inputs = new Random(2026);
        var max = 1L << settings.ComparisonBits;
        // As in a run: x is A's own plaintext (SVB's norm), y the ciphertext of a household income.
        long[] Thresholds(int count) => [.. Enumerable.Range(0, count).Select(_ => inputs.NextInt64(0, max))];
        PaillierCiphertext[] Inputs(int count) =>
            [.. Enumerable.Range(0, count).Select(_ => SecureComparisonInput.Encrypt(paillier.PublicKey, inputs.NextInt64(0, max), settings, random))];
        var x = Thresholds(batch);
        var y = Inputs(batch);

        progress?.Invoke("measuring raw GMP exponentiations");
        var key = paillier.PublicKey;
        var floor = new RawPaillierFloor(
            1 / RawGmpExponentiation.PowerOfTwoPerSecond(key.RandomizerBase, settings.SlotBits, key.NSquared),
            2 / RawGmpExponentiation.PerSecond(key.N, key.Bits / 2, key.Bits, secret: true));

        ComparisonBenchReport? dgkReport = null;
        if (dgkKeys is not null)
        {
            progress?.Invoke("dgk: warming up");
            RunOnce(settings, paillier, dgkKeys, random, Thresholds(32), Inputs(32));
            progress?.Invoke($"dgk: comparing a batch of {batch}");
            var (offline, online, zeroTests, bytes) = RunOnce(settings, paillier, dgkKeys, random, x, y);
            progress?.Invoke("dgk: measuring raw GMP exponentiations");
            var baselineCosts = MeasureBaseline(paillier, dgkKeys, settings, batch, zeroTests);
            var cores = Environment.ProcessorCount;
            var lowerBound = baselineCosts.Sum(c => c.CoreSecondsPerComparison);
            var real = (offline + online) * cores / batch;
            dgkReport = new ComparisonBenchReport(
                backend.Name, bits, t, settings.ComparisonBits, settings.StatisticalSecurity, cores, batch, ComparisonOutputMode.PlaintextToEvaluator.ToString(),
                [
                    new("compare.online", batch / online),
                    new("compare.offline", batch / offline),
                    new("compare.total", batch / (offline + online)),
                ],
                (double)bytes / batch,
                new ModexpBaseline(baselineCosts, lowerBound, cores / lowerBound, real, real / lowerBound));
        }

        GarbledBenchReport? gcReport = null;
        if (gc)
        {
            progress?.Invoke("gc: warming up");
            GarbledQuickBench.Run(settings, paillier, Thresholds(32), Inputs(32), floor);
            progress?.Invoke($"gc: comparing a batch of {batch}");
            gcReport = GarbledQuickBench.Run(settings, paillier, x, y, floor);
        }

        double Total(IReadOnlyList<ComparisonRate> rates) => rates.Single(r => r.Name.EndsWith(".total", StringComparison.Ordinal)).ComparisonsPerSecond;
        return new CompareBenchReport(
            backend.Name,
            AesBackend.Default.Name,
            bits,
            settings.ComparisonBits,
            settings.StatisticalSecurity,
            Environment.ProcessorCount,
            batch,
            dgkReport,
            gcReport,
            dgkReport is not null && gcReport is not null ? Total(gcReport.Results) / Total(dgkReport.Results) : null,
            dgkReport is not null && gcReport is not null ? dgkReport.BytesPerComparison / gcReport.BytesPerComparison : null);
    }

    private static (double Offline, double Online, int ZeroTests, long Bytes) RunOnce(
        ComparisonSettings settings, PaillierKeyPair paillier, DgkKeyPair dgk, RandomSource random, long[] x, PaillierCiphertext[] y)
    {
        const ComparisonOutputMode mode = ComparisonOutputMode.PlaintextToEvaluator;
        var evaluator = new ComparisonEvaluator(settings, paillier.PublicKey, dgk.PublicKey, random);
        var keyHolder = new ComparisonKeyHolder(settings, paillier.PrivateKey, dgk.PrivateKey, random);
        var clock = Stopwatch.StartNew();
        evaluator.PrecomputeRandomness(x.Length, mode);
        keyHolder.PrecomputeRandomness(x.Length);
        var offline = clock.Elapsed.TotalSeconds;
        clock.Restart();
        long bytes = 0;
        InMemoryTransport.Run(evaluator, keyHolder, evaluator.Start(x, y, mode), message => bytes += message.CalculateSize());
        var online = clock.Elapsed.TotalSeconds;
        if (!evaluator.IsCompleted || evaluator.Results.Count != x.Length)
        {
            throw new InvalidOperationException("The benchmark run did not complete.");
        }

        return (offline, online, keyHolder.ZeroTestsServed, bytes);
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
