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
    public double Ratio => FloorMicroseconds > 0 ? MeasuredMicroseconds / FloorMicroseconds : double.NaN;
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
/// The garbled comparison on one batch, both parties in one process, each message serialized as over the wire, every
/// stage timed on its own: the Paillier part (packing squarings mod n², decryptions) against raw GMP, the GC part
/// (OT extension, garbling, evaluation) against raw AES on the same backend, all measured in the same run.
/// </summary>
internal static class GarbledQuickBench
{
    public static GarbledBenchReport Run(ComparisonSettings settings, PaillierKeyPair paillier, PaillierCiphertext[] x, PaillierCiphertext[] y, RawPaillierFloor floor)
    {
        var random = RandomSource.Secure;
        var aes = AesBackend.Default;
        var batch = x.Length;
        var clock = Stopwatch.StartNew();
        var evaluator = new GarbledEvaluator(settings, paillier.PublicKey, random, aes);
        var keyHolder = new GarbledKeyHolder(settings, paillier.PrivateKey, random, Math.Max(batch, 1 << 16), aes);
        evaluator.PrecomputeRandomness(batch);
        keyHolder.PrecomputeRandomness();
        var offline = clock.Elapsed.TotalSeconds;

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

        var stages = new double[5];
        double Time(int stage, Action action)
        {
            var watch = Stopwatch.StartNew();
            action();
            return stages[stage] = watch.Elapsed.TotalSeconds;
        }

        Protocols.GarbledComparison.Wire.GarbledComparisonMessage? toB = null, toA = null;
        Time(0, () => toB = Wire(evaluator.Start(x, y)));
        Time(1, () => toA = Wire(keyHolder.Receive(toB!)));
        Time(2, () => toB = Wire(evaluator.Receive(toA!)!));
        Time(3, () => toA = Wire(keyHolder.Receive(toB!)));
        Time(4, () => Assert(evaluator.Receive(toA!) is null));
        var online = stages.Sum();
        Assert(evaluator.IsCompleted && evaluator.Results.Count == batch);

        var l = settings.ComparisonBits;
        var aesPerComparison = AesBlocksPerComparison(l);
        var rawAes = RawAesBlocksPerSecond(aes);
        var cores = Environment.ProcessorCount;
        var slots = (paillier.PublicKey.Bits - 1) / settings.SlotBits;
        double PerItem(double seconds) => seconds * 1e6 / batch;
        double WallFloor(double coreSeconds) => coreSeconds * 1e6 / cores;

        return new GarbledBenchReport(
            aes.Name,
            batch,
            [
                new("gc.online", batch / online),
                new("gc.offline", batch / offline),
                new("gc.total", batch / (offline + online)),
            ],
            (double)bytes / batch,
            [
                new("a.blind-pack", "A", "[x − y + 2^l], w squarings mod n² per item (Horner), rerandomize per packed ciphertext",
                    PerItem(stages[0]), WallFloor(floor.PackCoreSeconds), "raw GMP: 2^w-th power mod n²"),
                new("b.decrypt-check+base-ot", "B", "decrypt packed d (CRT), unpack, shape check; 128 base-OT responses (P-256)",
                    PerItem(stages[1]), WallFloor(floor.DecryptCoreSeconds / slots), "raw GMP: CRT decryption / slots"),
                new("a.base-ot+iknp", "A", "128 base-OT keys, IKNP: PRG, u columns, transpose",
                    PerItem(stages[2]), WallFloor(2.0 * (l + 1) / rawAes), "raw AES: 2(l+1) PRG blocks"),
                new("b.iknp+garble", "B", "IKNP rows, garble l AND gates (4 TCCR hashes each), B's labels",
                    PerItem(stages[3]), WallFloor(((8.0 * l) + l + 1) / rawAes), "raw AES: 8l + l + 1 blocks"),
                new("a.evaluate", "A", "evaluate l AND gates (2 TCCR hashes each), decode",
                    PerItem(stages[4]), WallFloor(4.0 * l / rawAes), "raw AES: 4l blocks"),
            ],
            rawAes,
            aesPerComparison);
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
