using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.Tests;

public sealed class SecureComparisonCorrectnessTests
{
    public static TheoryData<string, ComparisonOutputMode> BackendsAndModes => new()
    {
        { "gmp", ComparisonOutputMode.EncryptedToEvaluator },
        { "gmp", ComparisonOutputMode.PlaintextToEvaluator },
        { "managed", ComparisonOutputMode.EncryptedToEvaluator },
        { "managed", ComparisonOutputMode.PlaintextToEvaluator },
    };

    [Theory]
    [MemberData(nameof(BackendsAndModes))]
    public void AllPairsOfFourBitInputs_CompareCorrectly(string backend, ComparisonOutputMode mode)
    {
        var harness = new ComparisonHarness(backend, comparisonBits: 4);
        var pairs = (from x in Enumerable.Range(0, 16) from y in Enumerable.Range(0, 16) select ((long)x, (long)y)).ToList();

        var results = harness.Run(pairs, mode);

        Assert.Equal(pairs.Select(p => p.Item1 >= p.Item2), results);
    }

    [Theory]
    [MemberData(nameof(BackendsAndModes))]
    public void EdgesAndRandomPairsOfThirtyTwoBits_CompareCorrectly(string backend, ComparisonOutputMode mode)
    {
        var harness = new ComparisonHarness(backend, comparisonBits: 32);
        const long max = (1L << 32) - 1;
        var random = new Random(20261125);
        var pairs = new List<(long X, long Y)>
        {
            (0, 0), (0, 1), (1, 0), (max, max), (max, max - 1), (max - 1, max), (0, max), (max, 0),
            (123_456, 123_456), (123_456, 123_457), (123_457, 123_456), (1L << 31, (1L << 31) - 1),
        };
        for (var i = 0; i < 60; i++)
        {
            var x = random.NextInt64(0, max + 1);
            pairs.Add((x, random.NextInt64(0, max + 1)));
            pairs.Add((x, System.Math.Clamp(x + random.Next(-2, 3), 0, max)));
        }

        var results = harness.Run(pairs, mode);

        Assert.Equal(pairs.Select(p => p.X >= p.Y), results);
    }
}
