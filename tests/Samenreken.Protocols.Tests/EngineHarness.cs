using Samenreken.Cryptography.Garbling;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Protocols.GarbledComparison;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.Tests;

/// <summary>Runs one batch of either engine through the comparison seam, over the in-memory engine transport.</summary>
internal sealed class EngineHarness(int comparisonBits, string aesBackend = "default")
{
    public ComparisonHarness Keys { get; } = new("gmp", comparisonBits);

    public ComparisonSettings Settings => Keys.Settings;

    public AesBackend Aes { get; } = AesBackend.FromName(aesBackend);

    /// <summary>The AES backends this machine has, for theories: managed always, AES-NI when present.</summary>
    public static TheoryData<string> AesBackends
    {
        get
        {
            var data = new TheoryData<string> { "managed" };
            if (AesBackend.Hardware is not null)
            {
                data.Add("aes-ni");
            }

            return data;
        }
    }

    public IComparisonEvaluatorRun NewEvaluator(ComparisonEngineKind engine, int batchSize)
        => ComparisonEngine.NewEvaluatorRun(engine, Settings, Keys.PublicKey, Keys.Dgk.PublicKey, RandomSource.Secure, batchSize, Aes);

    public IComparisonKeyHolderRun NewKeyHolder(ComparisonEngineKind engine)
        => ComparisonEngine.NewKeyHolderRun(engine, Settings, Keys.Paillier.PrivateKey, Keys.Dgk, RandomSource.Secure, 1 << 16, Aes);

    public GarbledEvaluator NewGarbledEvaluator(GarbledEvaluatorFaults faults = GarbledEvaluatorFaults.None)
        => new(Settings, Keys.PublicKey, RandomSource.Secure, Aes, new BrokenGarbledEvaluatorChoices(faults));

    public GarbledKeyHolder NewGarbledKeyHolder(GarbledKeyHolderFaults faults = GarbledKeyHolderFaults.None)
        => new(Settings, Keys.Paillier.PrivateKey, RandomSource.Secure, 1 << 16, Aes, new BrokenGarbledKeyHolderChoices(faults));

    /// <summary>Runs the pairs through the engine, x encrypted or, with <paramref name="plainX"/>, A's own plaintext (as SVB's norms); returns A's bits and the bytes exchanged.</summary>
    public (bool[] Results, long Bytes) Run(ComparisonEngineKind engine, IReadOnlyList<(long X, long Y)> pairs, Action<EngineMessage, bool>? observe = null, bool plainX = false)
    {
        var (x, y) = Keys.Encrypt(pairs);
        var evaluator = NewEvaluator(engine, pairs.Count);
        var keyHolder = NewKeyHolder(engine);
        var first = plainX ? evaluator.Start([.. pairs.Select(p => p.X)], y) : evaluator.Start(x, y);
        var bytes = EngineTransport.Run(evaluator, keyHolder, first, observe);
        Assert.True(evaluator.IsCompleted);
        Assert.True(keyHolder.IsCompleted);
        return ([.. evaluator.Results], bytes);
    }

    /// <summary>The pairs of the 32-bit correctness tests: edges, equal and adjacent pairs, and random pairs from a fixed seed.</summary>
    public static List<(long X, long Y)> EdgesAndRandomPairs(int count)
    {
        const long max = (1L << 32) - 1;
        var random = new Random(20261204);
        var pairs = new List<(long X, long Y)>
        {
            (0, 0), (0, 1), (1, 0), (1, 1), (max, max), (max, max - 1), (max - 1, max), (0, max), (max, 0),
            (123_456, 123_456), (123_456, 123_457), (123_457, 123_456), (1L << 31, (1L << 31) - 1), ((1L << 31) - 1, 1L << 31),
        };
        while (pairs.Count < count)
        {
            var x = random.NextInt64(0, max + 1);
            pairs.Add((x, random.NextInt64(0, max + 1)));
            pairs.Add((x, Math.Clamp(x + random.Next(-2, 3), 0, max)));
        }

        return pairs;
    }
}
