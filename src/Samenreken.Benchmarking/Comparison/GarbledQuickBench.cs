using System.Diagnostics;
using Google.Protobuf;
using Samenreken.Cryptography.Garbling;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.GarbledComparison;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Benchmarking.Comparison;

/// <summary>One stage of the garbled comparison: its wall time in the run and the raw floor of its dominant operation, per comparison.</summary>
public sealed record StageCost(string Name, string Party, string Description, double MeasuredMicroseconds, double FloorMicroseconds, string Floor)
{
    /// <summary>Measured over floor; null for a stage without a floor (JSON has no NaN).</summary>
    public double? Ratio => FloorMicroseconds > 0 ? MeasuredMicroseconds / FloorMicroseconds : null;
}

/// <summary>The garbled-circuit engine's figures from one batch.</summary>
public sealed record GarbledBenchReport(
    string AesBackend,
    int Batch,
    IReadOnlyList<ComparisonRate> Results,
    double BytesPerComparison,
    IReadOnlyList<StageCost> Stages,
    double RawAesBlocksPerSecond,
    double AesBlocksPerComparison);

/// <summary>
/// The garbled comparison on <see cref="MeasuredBatches"/> batches of one run session, each figure their median (the
/// base OTs once per run, timed apart and amortized over a pilot-size run), both parties in one process, each message serialized as over the wire, every stage timed on its own: the Paillier part (packing squarings mod n², decryptions) against raw GMP, the GC part
/// (OT extension, garbling, evaluation) against raw AES on the same backend, all measured in the same run.
/// </summary>
internal static class GarbledQuickBench
{
    /// <summary>Comparisons in the run over which the session's base OTs are amortized: the pilot's 100,000 persons.</summary>
    public const int RunComparisons = 100_000;

    /// <summary>
    /// Batches measured per run; the figures are their medians. With 5 the total still moved by ±8% from run to run on
    /// a quiet machine (3,606–4,204/s); 11 batches (3 s) brought it within ±2.5%.
    /// </summary>
    public const int MeasuredBatches = 11;

    public static GarbledBenchReport Run(ComparisonSettings settings, PaillierKeyPair paillier, long[] x, PaillierCiphertext[] y, RawPaillierFloor floor)
    {
        var random = RandomSource.Secure;
        var aes = AesBackend.Default;
        var batch = x.Length;

        long bytes = 0;
        T Wire<T>(T message)
            where T : IMessage<T>, new()
        {
            var wire = message.ToByteArray();
            bytes += wire.Length;
            var copy = new T();
            copy.MergeFrom(wire);
            return copy;
        }

        // Once per run: the 128 base OTs of the session (both parties, two messages).
        var clock = Stopwatch.StartNew();
        var evaluatorSession = new GarbledEvaluatorSession(settings, paillier.PublicKey, random, aes);
        var keyHolderSession = new GarbledKeyHolderSession(settings, paillier.PrivateKey, random, aes);
        evaluatorSession.Accept(Wire(keyHolderSession.Accept(Wire(evaluatorSession.Open()))));
        var setup = clock.Elapsed.TotalSeconds;
        var setupBytes = bytes;
        bytes = 0;

        // Several batches of the same session, as a run has them: one batch is a fraction of a second, so a single
        // one is at the mercy of whatever else the machine does; each stage and the offline part take their median.
        var offlines = new double[MeasuredBatches];
        var stageRuns = new double[3][];
        for (var stage = 0; stage < stageRuns.Length; stage++)
        {
            stageRuns[stage] = new double[MeasuredBatches];
        }

        long batchBytes = 0;
        for (var run = 0; run < MeasuredBatches; run++)
        {
            bytes = 0;
            clock.Restart();
            var evaluator = evaluatorSession.NewBatch((ulong)run);
            var keyHolder = keyHolderSession.NewBatch(Math.Max(batch, 1 << 16), (ulong)run);
            evaluator.PrecomputeRandomness(batch);
            offlines[run] = clock.Elapsed.TotalSeconds;

            double Time(int stage, Action action)
            {
                var watch = Stopwatch.StartNew();
                action();
                return stageRuns[stage][run] = watch.Elapsed.TotalSeconds;
            }

            Protocols.GarbledComparison.Wire.GarbledComparisonMessage? toB = null, toA = null;
            Time(0, () => toB = Wire(evaluator.Start(x, y)));
            Time(1, () => toA = Wire(keyHolder.Receive(toB!)));
            Time(2, () => Assert(evaluator.Receive(toA!) is null));
            Assert(evaluator.IsCompleted && evaluator.Results.Count == batch);
            batchBytes = bytes;
        }

        bytes = batchBytes;
        var offline = Median(offlines);
        var stages = stageRuns.Select(Median).ToArray();
        var online = stages.Sum();

        var l = settings.ComparisonBits;
        var aesPerComparison = AesBlocksPerComparison(l);
        var rawAes = RawAesBlocksPerSecond(aes);
        var cores = Environment.ProcessorCount;
        var slots = (paillier.PublicKey.Bits - 1) / settings.SlotBits;
        double PerItem(double seconds) => seconds * 1e6 / batch;
        double WallFloor(double coreSeconds) => coreSeconds * 1e6 / cores;
        var setupShare = setup * batch / RunComparisons;

        return new GarbledBenchReport(
            aes.Name,
            batch,
            [
                new("gc.online", batch / online),
                new("gc.offline", batch / offline),
                new("gc.total", batch / (offline + online + setupShare)),
                new("gc.total.one-batch-run", batch / (offline + online + setup)),
            ],
            (double)bytes / batch,
            [
                new("session.base-ots", "A+B", $"once per run: 128 Chou–Orlandi base OTs (P-256); {setup:F3} s, {setupBytes} bytes, amortized over {RunComparisons:N0} comparisons",
                    PerItem(setupShare), 0, "none (a fixed cost per run)"),
                new("a.blind-pack+iknp", "A", "[x − y + 2^l + r], x plaintext: w squarings and one multiplication mod n² per item (Horner), one inverse and a rerandomization per packed ciphertext; IKNP: PRG, u columns, transpose",
                    PerItem(stages[0]), WallFloor(floor.PackCoreSeconds + (2.0 * (l + 1) / rawAes)), "raw GMP: 2^w-th power mod n²; raw AES: 2(l+1) PRG blocks"),
                new("b.decrypt-check+garble", "B", "decrypt packed d (CRT), unpack, shape check; IKNP rows, garble l AND gates (4 TCCR hashes each), B's labels",
                    PerItem(stages[1]), WallFloor((floor.DecryptCoreSeconds / slots) + (((8.0 * l) + l + 1) / rawAes)), "raw GMP: CRT decryption / slots; raw AES: 8l + l + 1 blocks"),
                new("a.evaluate", "A", "evaluate l AND gates (2 TCCR hashes each), decode",
                    PerItem(stages[2]), WallFloor(4.0 * l / rawAes), "raw AES: 4l blocks"),
            ],
            rawAes,
            aesPerComparison);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Fixed-key and PRG AES blocks per comparison: garbling 8l, evaluation 4l, OT-extension PRG 3(l + 1).</summary>
    public static double AesBlocksPerComparison(int l) => (12.0 * l) + (3.0 * (l + 1));

    /// <summary>Blocks per second of one core encrypting a long batch under one key on this backend.</summary>
    private static double RawAesBlocksPerSecond(AesBackend aes)
    {
        var hash = new TweakableHash(aes);
        var blocks = new UInt128[1 << 14];
        var clock = Stopwatch.StartNew();
        long done = 0;
        while (clock.Elapsed.TotalSeconds < 0.3)
        {
            hash.Permute(blocks, blocks);
            done += blocks.Length;
        }

        return done / clock.Elapsed.TotalSeconds;
    }

    private static void Assert(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("The garbled benchmark run did not complete.");
        }
    }
}

/// <summary>Raw GMP costs of the Paillier part, core-seconds per operation, measured once per run and shared by both engines.</summary>
internal sealed record RawPaillierFloor(double PackCoreSeconds, double DecryptCoreSeconds);
