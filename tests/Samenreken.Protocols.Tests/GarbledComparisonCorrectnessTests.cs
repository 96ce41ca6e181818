using Samenreken.Protocols.ComparisonEngines;

namespace Samenreken.Protocols.Tests;

/// <summary>Both engines behind the seam: the same correctness suite, both AES backends for the garbled circuit, item-by-item agreement.</summary>
public sealed class GarbledComparisonCorrectnessTests
{
    public static TheoryData<string> AesBackends => EngineHarness.AesBackends;

    [Theory]
    [MemberData(nameof(AesBackends))]
    public void Gc_AllPairsOfFourBitInputs_CompareCorrectly(string aes)
    {
        var harness = new EngineHarness(4, aes);
        var pairs = (from x in Enumerable.Range(0, 16) from y in Enumerable.Range(0, 16) select ((long)x, (long)y)).ToList();

        var (results, _) = harness.Run(ComparisonEngineKind.GarbledCircuit, pairs);

        Assert.Equal(pairs.Select(p => p.Item1 >= p.Item2), results);
    }

    [Theory]
    [MemberData(nameof(AesBackends))]
    public void Gc_EdgesAndRandomPairsOfThirtyTwoBits_CompareCorrectly(string aes)
    {
        var harness = new EngineHarness(32, aes);
        var pairs = EngineHarness.EdgesAndRandomPairs(300);

        var (results, _) = harness.Run(ComparisonEngineKind.GarbledCircuit, pairs);

        Assert.Equal(pairs.Select(p => p.X >= p.Y), results);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(32)]
    public void Engines_AgreeItemByItem(int comparisonBits)
    {
        var harness = new EngineHarness(comparisonBits);
        var pairs = comparisonBits == 4
            ? [.. from x in Enumerable.Range(0, 16) from y in Enumerable.Range(0, 16) select ((long)x, (long)y)]
            : EngineHarness.EdgesAndRandomPairs(120);

        var (dgk, dgkBytes) = harness.Run(ComparisonEngineKind.Dgk, pairs);
        var (gc, gcBytes) = harness.Run(ComparisonEngineKind.GarbledCircuit, pairs);

        Assert.Equal(pairs.Select(p => p.Item1 >= p.Item2), dgk);
        Assert.Equal(dgk, gc);
        Assert.True(gcBytes < dgkBytes, $"gc sent {gcBytes} bytes, dgk {dgkBytes}");
    }

    [Theory]
    [InlineData(ComparisonEngineKind.Dgk, 4)]
    [InlineData(ComparisonEngineKind.Dgk, 32)]
    [InlineData(ComparisonEngineKind.GarbledCircuit, 4)]
    [InlineData(ComparisonEngineKind.GarbledCircuit, 32)]
    public void Engines_WithXAsOwnPlaintext_CompareCorrectly(ComparisonEngineKind engine, int comparisonBits)
    {
        var harness = new EngineHarness(comparisonBits);
        var pairs = comparisonBits == 4
            ? [.. from x in Enumerable.Range(0, 16) from y in Enumerable.Range(0, 16) select ((long)x, (long)y)]
            : EngineHarness.EdgesAndRandomPairs(120);

        var (results, _) = harness.Run(engine, pairs, plainX: true);

        Assert.Equal(pairs.Select(p => p.Item1 >= p.Item2), results);
    }

    [Fact]
    public void Gc_BatchOfOne_ComparesCorrectly()
    {
        var harness = new EngineHarness(32);

        Assert.Equal([true], harness.Run(ComparisonEngineKind.GarbledCircuit, [(5, 5)]).Results);
        Assert.Equal([false], harness.Run(ComparisonEngineKind.GarbledCircuit, [(4, 5)]).Results);
    }
}
