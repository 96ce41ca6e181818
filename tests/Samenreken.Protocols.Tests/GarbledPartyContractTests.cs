using System.Numerics;
using Google.Protobuf;
using Samenreken.Cryptography.Garbling;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.GarbledComparison;
using Samenreken.Protocols.GarbledComparison.Wire;

namespace Samenreken.Protocols.Tests;

/// <summary>
/// The garbled engine's parties as a caller and a peer see them: argument checks that name the argument, the start
/// rules, what the opening announces, what B's view holds, and the exact refusals of the wire helpers.
/// </summary>
public sealed class GarbledPartyContractTests
{
    private static readonly (long X, long Y)[] s_pairs = [(5, 3), (3, 5), (7, 7), (0, 255), (255, 0), (1, 2), (200, 100), (9, 9), (128, 127)];
    private readonly EngineHarness _harness = new(8);

    private static string? ParamOf(Action action) => Assert.ThrowsAny<ArgumentException>(action).ParamName;

    [Fact]
    public void Constructors_NameTheMissingArgument_AndUseTheDefaultAesBackend()
    {
        var (settings, publicKey, privateKey) = (_harness.Settings, _harness.Keys.PublicKey, _harness.Keys.Paillier.PrivateKey);
        Assert.Equal("random", ParamOf(() => new GarbledEvaluator(settings, publicKey, null!)));
        Assert.Equal("settings", ParamOf(() => new GarbledEvaluator(null!, publicKey, RandomSource.Secure)));
        Assert.Equal("paillier", ParamOf(() => new GarbledEvaluator(settings, null!, RandomSource.Secure)));
        Assert.Equal("choices", ParamOf(() => new GarbledEvaluator(settings, publicKey, RandomSource.Secure, null, null!)));
        Assert.Equal("paillier", ParamOf(() => new GarbledKeyHolder(settings, null!, RandomSource.Secure)));
        Assert.Equal("random", ParamOf(() => new GarbledKeyHolder(settings, privateKey, null!)));
        Assert.Equal("maxBatchSize", ParamOf(() => new GarbledKeyHolder(settings, privateKey, RandomSource.Secure, 0)));
        Assert.Equal("choices", ParamOf(() => new GarbledKeyHolder(settings, privateKey, RandomSource.Secure, 1, null, null!)));

        Assert.Same(AesBackend.Default, new GarbledEvaluator(settings, publicKey, RandomSource.Secure).AesBackend);
        Assert.Same(AesBackend.Default, new GarbledKeyHolder(settings, privateKey, RandomSource.Secure).AesBackend);
        Assert.Same(AesBackend.Managed, new GarbledEvaluator(settings, publicKey, RandomSource.Secure, AesBackend.Managed).AesBackend);
        Assert.Same(AesBackend.Managed, new GarbledKeyHolder(settings, privateKey, RandomSource.Secure, 1, AesBackend.Managed).AesBackend);
    }

    [Fact]
    public void AKeyWithRoomForNoSlot_IsRefused_OneWithRoomForOneIsNot()
    {
        var settings = _harness.Settings;
        var b = _harness.Keys.PublicKey.Backend;

        // No key-size policy lets a key this small through: the trusted constructor reaches the check behind those rules.
        PaillierPublicKey KeyOf(int bits) => new(b.FromBigInteger((BigInteger.One << (bits - 1)) + 1), b.FromInt64(2));
        var refused = Assert.Throws<ProtocolException>(() => new GarbledEvaluator(settings, KeyOf(settings.SlotBits), RandomSource.Secure));
        Assert.Equal(ProtocolFailure.ParameterMismatch, refused.Failure);
        Assert.Equal("The Paillier modulus is too small for l + κ.", refused.Message);
        Assert.NotNull(new GarbledEvaluator(settings, KeyOf(settings.SlotBits + 1), RandomSource.Secure)); // the twin: room for one slot is enough
    }

    [Fact]
    public void Start_RefusesMissingUnequalOrEmptyInputs_AndASecondStart()
    {
        var (x, y) = _harness.Keys.Encrypt([(1, 2), (3, 4)]);
        var evaluator = _harness.NewGarbledEvaluator();

        Assert.Equal("x", ParamOf(() => evaluator.Start((IReadOnlyList<PaillierCiphertext>)null!, y)));
        Assert.Equal("y", ParamOf(() => evaluator.Start(x, null!)));
        var unequal = Assert.Throws<ArgumentException>(() => evaluator.Start(x, y.Take(1).ToList()));
        Assert.Equal("y", unequal.ParamName);
        Assert.StartsWith("x and y must be non-empty and of equal length.", unequal.Message, StringComparison.Ordinal);
        Assert.Equal("y", ParamOf(() => evaluator.Start(Array.Empty<PaillierCiphertext>(), [])));
        Assert.Equal("batchSize", ParamOf(() => evaluator.PrecomputeRandomness(0)));
        Assert.Equal("message", ParamOf(() => evaluator.Receive(null!)));
        Assert.Equal("message", ParamOf(() => _harness.NewGarbledKeyHolder().Receive(null!)));

        var early = Assert.Throws<ProtocolException>(() => evaluator.Receive(new GarbledComparisonMessage()));
        Assert.Equal(ProtocolFailure.WrongSession, early.Failure);
        Assert.Equal("The message does not belong to this run.", early.Message);

        Assert.NotNull(evaluator.Start(x, y));
        var again = Assert.Throws<InvalidOperationException>(() => evaluator.Start(x, y));
        Assert.Equal("This evaluator has already started a run; use a new one per batch.", again.Message);
    }

    [Fact]
    public void Opening_AnnouncesTheParametersBothSidesCheck()
    {
        var (x, y) = _harness.Keys.Encrypt([(1, 2)]);
        var parameters = _harness.NewGarbledEvaluator().Start(x, y).BlindedBatch.Parameters;

        Assert.Equal((uint)_harness.Settings.ComparisonBits, parameters.ComparisonBits);
        Assert.Equal((uint)_harness.Settings.StatisticalSecurity, parameters.StatisticalSecurity);
        Assert.Equal((uint)_harness.Keys.PublicKey.Bits, parameters.PaillierBits);
        Assert.Equal(128u, parameters.LabelBits);
        Assert.Equal(128u, parameters.BaseOts);
        Assert.Equal("P-256", parameters.OtGroup);
        Assert.Equal("fixed-key AES-128 TCCR (GKWY 2020)", parameters.Hash);
        Assert.False(parameters.PaillierKeyId.IsEmpty);
    }

    [Fact]
    public void AFullRun_CompletesBothParties_BsViewHoldsOnlyTheLowBits_AndItsLabelsLookRandom()
    {
        var (x, y) = _harness.Keys.Encrypt(s_pairs);
        var evaluator = _harness.NewGarbledEvaluator();
        var keyHolder = _harness.NewGarbledKeyHolder();
        var pending = Assert.Throws<InvalidOperationException>(() => evaluator.Results);
        Assert.Equal("The comparison has not completed.", pending.Message);
        Assert.False(evaluator.IsCompleted);

        var circuits = keyHolder.Receive(evaluator.Receive(keyHolder.Receive(evaluator.Start(x, y)))!);
        Assert.Null(evaluator.Receive(circuits));

        Assert.True(evaluator.IsCompleted);
        Assert.True(keyHolder.IsCompleted);
        Assert.Equal(s_pairs.Select(p => p.X >= p.Y), evaluator.Results);
        Assert.All(keyHolder.CircuitInputs, d => Assert.True(d < 1UL << (_harness.Settings.ComparisonBits + 1)));

        // B's active labels: fresh zero-labels, ⊕ Δ for its 1 bits; no two alike (all-zero labels would repeat at once).
        var labels = circuits.GarbledCircuits.GarblerLabels.ToByteArray().Chunk(16).Select(Convert.ToHexString).ToList();
        Assert.Equal(labels.Count, labels.Distinct().Count());
    }

    [Fact]
    public void WireHelpers_RefuseWrongLengthsAndPaddingBits_SayingWhatWasExpected()
    {
        var labels = Assert.Throws<ProtocolException>(() => GarbledSession.LabelsFromBytes(ByteString.CopyFrom(new byte[40]), 3, "tables"));
        Assert.Equal(ProtocolFailure.WrongBatchLength, labels.Failure);
        Assert.Equal("tables holds 40 bytes; 3 labels of 16 bytes were expected.", labels.Message);

        var length = Assert.Throws<ProtocolException>(() => GarbledSession.UnpackBits(ByteString.CopyFrom(new byte[3]), 9, "bits"));
        Assert.Equal(ProtocolFailure.WrongBatchLength, length.Failure);
        Assert.Equal("bits holds 3 bytes; 2 were expected.", length.Message);

        var padding = Assert.Throws<ProtocolException>(() => GarbledSession.UnpackBits(ByteString.CopyFrom(0x05, 0x02), 9, "bits"));
        Assert.Equal(ProtocolFailure.MalformedMessage, padding.Failure);
        Assert.Equal("bits has bits set beyond the batch.", padding.Message);

        Assert.Equal([true, false, true, false, false, false, false, false, true], GarbledSession.UnpackBits(ByteString.CopyFrom(0x05, 0x01), 9, "bits"));
        Assert.Equal([0x05, 0x01], GarbledSession.PackBits(9, k => k is 0 or 2 or 8));
        Assert.Equal([0x80], GarbledSession.PackBits(8, k => k == 7));
        Assert.Equal([true, false], GarbledSession.UnpackBits(ByteString.CopyFrom(0x01), 2, "bits"));
    }

    [Fact]
    public void EachKeyHolder_DrawsItsOwnDelta_WithTheLowBitSet()
    {
        var (x, y) = _harness.Keys.Encrypt([(1, 2)]);
        var deltas = new HashSet<UInt128>();
        for (var run = 0; run < 4; run++)
        {
            var keyHolder = _harness.NewGarbledKeyHolder();
            keyHolder.Receive(_harness.NewGarbledEvaluator().Start(x, y));
            Assert.Equal(UInt128.One, keyHolder.Delta & UInt128.One); // point-and-permute needs lsb(Δ) = 1
            deltas.Add(keyHolder.Delta);
        }

        // 127 random bits each: four equal draws (or Δ = 1 from a silent randomness source) would be a defect.
        Assert.Equal(4, deltas.Count);
        Assert.DoesNotContain(UInt128.One, deltas);
    }
}
