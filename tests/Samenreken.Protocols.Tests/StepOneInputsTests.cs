using System.Numerics;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Protocols.PackedBlinding;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.Tests;

/// <summary>Step 1 with x as A's own plaintext (SVB's norms) against x encrypted: the same packed plaintext for B, and the caller's range rule.</summary>
public sealed class StepOneInputsTests
{
    private readonly ComparisonHarness _harness = new("gmp", 32);

    [Fact]
    public void PlainAndEncryptedX_GiveTheKeyHolderTheSamePackedPlaintexts()
    {
        var settings = _harness.Settings;
        var pairs = EngineHarness.EdgesAndRandomPairs(60);
        var (x, y) = _harness.Encrypt(pairs);
        var slots = BlindingSteps.SlotsPerCiphertext(_harness.PublicKey.Bits, settings);
        var blinds = BlindingSteps.DrawBlinds(pairs.Count, settings.ComparisonBits + settings.StatisticalSecurity, RandomSource.Secure);

        var fromPlain = PackAndDecrypt(StepOneInputs.Plain(false, [.. pairs.Select(p => p.X)], y, settings), blinds, slots);
        var fromEncrypted = PackAndDecrypt(StepOneInputs.Encrypted(false, x, y), blinds, slots);

        // B receives d_k = x_k − y_k + 2^l + r_k in its slot either way.
        var expected = pairs.Select((p, k) => (UInt128)(p.X - p.Y + (1L << settings.ComparisonBits)) + blinds[k]).ToArray();
        Assert.Equal(expected, fromPlain);
        Assert.Equal(expected, fromEncrypted);
        Assert.True(slots < pairs.Count, "the batch spans more than one packed ciphertext");
    }

    [Theory]
    [InlineData(ComparisonEngineKind.Dgk, -1)]
    [InlineData(ComparisonEngineKind.Dgk, 1L << 32)]
    [InlineData(ComparisonEngineKind.GarbledCircuit, -1)]
    [InlineData(ComparisonEngineKind.GarbledCircuit, 1L << 32)]
    public void PlainX_OutsideTheRange_IsRefused_AndTheRunCanStillStart(ComparisonEngineKind engine, long outside)
    {
        var engines = new EngineHarness(32);
        var (_, y) = engines.Keys.Encrypt([(0, 5), (0, 6)]);
        var evaluator = engines.NewEvaluator(engine, 2);

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.Start([0, outside], y));
        Assert.Equal("x", refused.ParamName);
        Assert.StartsWith("x[1] lies outside [0, 2^32).", refused.Message, StringComparison.Ordinal);

        // The edges themselves are inputs; the refused start left the run ready.
        var keyHolder = engines.NewKeyHolder(engine);
        EngineTransport.Run(evaluator, keyHolder, evaluator.Start([0, (1L << 32) - 1], y));
        Assert.Equal([false, true], evaluator.Results);
    }

    [Fact]
    public void PlainX_MissingOrOfAnotherLength_IsRefused()
    {
        var engines = new EngineHarness(32);
        var (_, y) = engines.Keys.Encrypt([(0, 5), (0, 6)]);
        var evaluator = engines.NewEvaluator(ComparisonEngineKind.GarbledCircuit, 2);

        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => evaluator.Start((IReadOnlyList<long>)null!, y)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => evaluator.Start([1L], y)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => evaluator.Start(Array.Empty<long>(), [])).ParamName);
    }

    private UInt128[] PackAndDecrypt(StepOneInputs inputs, UInt128[] blinds, int slots)
    {
        var randomizers = new RandomizerPool<PaillierRandomizer>(() => _harness.PublicKey.NewRandomizer(RandomSource.Secure));
        randomizers.Fill(BlindingSteps.PackedCount(inputs.Count, slots));
        var packed = BlindingSteps.BlindAndPack(_harness.PublicKey, inputs, blinds, _harness.Settings, slots, randomizers);
        return BlindingSteps.DecryptAndCheck(_harness.Paillier.PrivateKey, [.. packed], inputs.Count, _harness.Settings, slots);
    }
}
