using System.Numerics;
using System.Security.Cryptography;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Diagnostics;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Benchmarking.Cryptography;

/// <summary>
/// <c>samenreken bench crypto</c>: each Paillier operation on the chosen backend, interleaved with its raw-GMP
/// baseline (<see cref="PaillierGmpBaseline"/>). Randomness comes from the real CSPRNG inside the clock; the DJN fixed-base
/// table belongs to the key and is built once, before measuring, like any other key precomputation.
/// </summary>
public static class PaillierQuickBench
{
    /// <summary>Runs all six measurements in about <paramref name="budget"/> (key generation gets a quarter of it).</summary>
    public static QuickBenchReport Run(int bits, MathBackend backend, TimeSpan budget, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var random = RandomSource.Secure;
        progress?.Invoke($"generating a {bits}-bit key on {backend.Name}");
        using var pair = PaillierKeyPair.Generate(bits, KeySizePolicy.Production, random, backend);
        var key = pair.PublicKey;
        key.Precompute();

        // Residues one byte shorter than n: uniform enough for timing, and always below n.
        BigNumber Residue() => backend.FromBigEndian(RandomNumberGenerator.GetBytes(key.ModulusBytes - 1));
        var message = Residue();
        var left = key.Encrypt(Residue(), random);
        var right = key.Encrypt(Residue(), random);

        // A scalar of n's full length (n − 1 − a random (bits − 8)-bit number), so the baseline exponent has the same size.
        var scalarValue = key.N.ToBigInteger() - 1 - new BigInteger(RandomNumberGenerator.GetBytes((bits - 8) / 8), isUnsigned: true);
        var scalar = backend.FromBigInteger(scalarValue);
        var baseline = PaillierGmpBaseline.TryCreate(pair.PrivateKey, left, right, scalarValue);

        var each = budget * 0.75 / 5;
        var results = new List<QuickBenchResult>();
        QuickBenchResult Measure(string name, Action subject, Action? core, TimeSpan time)
        {
            progress?.Invoke(name);
            var result = InterleavedMeasurement.Run(name, subject, core, time);
            results.Add(result);
            return result;
        }

        Measure("paillier.encrypt", () => key.EncryptWithFullRandomness(message, random), baseline is null ? null : baseline.EncryptCore, each);
        Measure("paillier.encrypt.fast", () => key.Encrypt(message, random), baseline is null ? null : baseline.EncryptCore, each * 0.6);
        Measure("paillier.decrypt", () => pair.PrivateKey.Decrypt(left), baseline is null ? null : baseline.DecryptCore, each);
        Measure("paillier.add", () => key.Add(left, right), baseline is null ? null : baseline.AddCore, each * 0.6);
        Measure("paillier.scalarmul", () => key.MultiplyPlain(left, scalar), baseline is null ? null : baseline.ScalarMultiplyCore, each);
        progress?.Invoke("paillier.keygen");
        results.Add(KeyGeneration(bits, backend, random, budget * 0.25));
        return new QuickBenchReport(backend.Name, bits, results);
    }

    /// <summary>Key generation takes seconds per key with a wide spread (prime search): timed key by key within the budget, median of what fits (at least one).</summary>
    private static QuickBenchResult KeyGeneration(int bits, MathBackend backend, RandomSource random, TimeSpan budget)
    {
        var seconds = new List<double>();
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        while (seconds.Count == 0 || (System.Diagnostics.Stopwatch.GetElapsedTime(start) < budget && seconds.Count < 50))
        {
            var one = System.Diagnostics.Stopwatch.GetTimestamp();
            PaillierKeyPair.Generate(bits, KeySizePolicy.Production, random, backend).Dispose();
            seconds.Add(System.Diagnostics.Stopwatch.GetElapsedTime(one).TotalSeconds);
        }

        return new QuickBenchResult("paillier.keygen", 1 / InterleavedMeasurement.Median(seconds), null);
    }
}
