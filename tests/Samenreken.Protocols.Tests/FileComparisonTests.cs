using Google.Protobuf;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Protocols.FileComparison;
using Samenreken.Protocols.FileComparison.Wire;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Protocols.SecureComparison.Wire;

namespace Samenreken.Protocols.Tests;

/// <summary>
/// The pilot's file comparison with small keys: what SVB asks (sorted, distinct), what UWV answers (a fresh encryption
/// per person, 0 for an unknown one), every refusal with its reason, and the selection against plaintext arithmetic.
/// </summary>
public sealed class FileComparisonTests
{
    private const long MaxPart = 1_000_000_000;

    private static readonly Dictionary<string, long> s_parts = new(StringComparer.Ordinal)
    {
        ["100000001"] = 50_000,
        ["100000002"] = 0,
        ["100000003"] = 120_000,
        ["100000004"] = MaxPart,
        ["100000005"] = 70_000,
    };

    private static (PaillierKeyPair Paillier, DgkKeyPair Dgk) Keys => ComparisonKeys.Small("gmp", ComparisonSettings.DefaultComparisonBits);

    private static HouseholdFormula Household(long constant, long norm, params (string Id, long Coefficient)[] members)
        => HouseholdFormula.Create([.. members.Select(m => m.Id)], [.. members.Select(m => m.Coefficient)], constant, norm);

    private static SvbHouseholdSelector Selector(
        IReadOnlyList<HouseholdFormula> households, int batchSize = SvbHouseholdSelector.DefaultBatchSize, ComparisonEngineKind engine = ComparisonEngine.Default)
        => new(ComparisonSettings.Default, Keys.Paillier.PublicKey, Keys.Dgk.PublicKey, households, MaxPart, RandomSource.Secure, batchSize, engine: engine);

    private static IComparisonKeyHolderRun KeyHolder(SvbHouseholdSelector selector)
        => ComparisonEngine.NewKeyHolderRun(selector.Engine, ComparisonSettings.Default, Keys.Paillier.PrivateKey, Keys.Dgk.PrivateKey, RandomSource.Secure, selector.BatchSize);

    private static UwvIncomeEncryptor Encryptor(int maxRequestSize = UwvIncomeEncryptor.DefaultMaxRequestSize)
        => new(Keys.Paillier.PublicKey, s_parts, MaxPart, RandomSource.Secure, maxRequestSize);

    private static IncomeRequest Request(params string[] ids)
    {
        var request = new IncomeRequest { RequestId = ByteString.CopyFrom(new byte[16]) };
        request.PersonIds.AddRange(ids);
        return request;
    }

    private static System.Numerics.BigInteger DecryptAt(PaillierKeyPair key, ByteString ciphertexts, int index)
        => key.PrivateKey.DecryptSigned(key.PublicKey.ImportCiphertext(key.PublicKey.Backend.FromBigEndian(ciphertexts.Span.Slice(index * key.PublicKey.CiphertextBytes, key.PublicKey.CiphertextBytes))));

    private static T RoundTrip<T>(T message, MessageParser<T> parser)
        where T : IMessage<T> => parser.ParseFrom(message.ToByteArray());

    private static void RunComparisons(SvbHouseholdSelector selector)
    {
        while (selector.HasNextBatch)
        {
            var keyHolder = KeyHolder(selector);
            for (EngineMessage? next = selector.StartNextBatch(); next is not null;)
            {
                next = selector.Receive(RoundTrip(keyHolder.Receive(RoundTrip(next, EngineMessage.Parser)), EngineMessage.Parser));
            }
        }
    }

    [Fact]
    public void CreateRequest_AsksEachPersonOnce_InAscendingOrder_WhateverTheHouseholdOrder()
    {
        HouseholdFormula[] households =
        [
            Household(0, 100, ("100000005", 1), ("100000001", 1)),
            Household(0, 100, ("100000003", 1)),
            Household(0, 100, ("100000001", 1), ("100000009", 1)),
        ];

        var request = Selector(households).CreateRequest();
        var reversed = Selector([.. households.Reverse()]).CreateRequest();

        Assert.Equal(["100000001", "100000003", "100000005", "100000009"], request.PersonIds);
        Assert.Equal(request.PersonIds, reversed.PersonIds);
        Assert.Equal(16, request.RequestId.Length);
        Assert.NotEqual(request.RequestId, reversed.RequestId);
    }

    [Fact]
    public void Answer_EncryptsEachPart_AndZeroForAPersonUnknownToPolis()
    {
        var encryptor = Encryptor();
        var response = encryptor.Answer(Request("100000001", "100000004", "199999998", "199999999"));

        var key = Keys.Paillier;
        Assert.Equal(4u, response.Count);
        Assert.Equal(4 * key.PublicKey.CiphertextBytes, response.Ciphertexts.Length);
        var values = Enumerable.Range(0, 4)
            .Select(i => DecryptAt(key, response.Ciphertexts, i))
            .ToArray();
        Assert.Equal([50_000, MaxPart, 0, 0], values.Select(v => (long)v));

        // Two unknown persons: two encryptions of 0 that are not the same ciphertext (fresh randomness).
        var bytes = key.PublicKey.CiphertextBytes;
        Assert.False(response.Ciphertexts.Span.Slice(2 * bytes, bytes).SequenceEqual(response.Ciphertexts.Span.Slice(3 * bytes, bytes)));
        Assert.Equal(2, encryptor.UnknownPersonsServed);
        Assert.Equal(SecureComparison.KeyFingerprint.Of(key.PublicKey), response.PaillierKeyId.ToByteArray());
    }

    [Fact]
    public void Answer_OversizeRequest_IsRefusedWithBatchTooLarge_AndNothingIsServed()
    {
        var encryptor = Encryptor(maxRequestSize: 2);

        var refused = Assert.Throws<ProtocolException>(() => encryptor.Answer(Request("100000001", "100000002", "100000003")));

        Assert.Equal(ProtocolFailure.BatchTooLarge, refused.Failure);
        Assert.Equal(0, encryptor.PersonsServed);
        Assert.Equal(2u, encryptor.Answer(Request("100000001", "100000002")).Count);
    }

    [Theory]
    [InlineData(new[] { "100000002", "100000001" }, ProtocolFailure.MalformedMessage)]
    [InlineData(new[] { "100000001", "100000001" }, ProtocolFailure.MalformedMessage)]
    [InlineData(new string[0], ProtocolFailure.WrongBatchLength)]
    public void Answer_UnsortedDuplicatedOrEmptyRequest_IsRefused(string[] ids, ProtocolFailure failure)
    {
        var encryptor = Encryptor();
        Assert.Equal(failure, Assert.Throws<ProtocolException>(() => encryptor.Answer(Request(ids))).Failure);
        Assert.Equal(0, encryptor.RequestsServed);
    }

    [Fact]
    public void Answer_ReplayedOrMisshapedRequestId_IsRefused()
    {
        var encryptor = Encryptor();
        var request = Request("100000001");
        encryptor.Answer(request);

        Assert.Equal(ProtocolFailure.UnexpectedMessage, Assert.Throws<ProtocolException>(() => encryptor.Answer(request)).Failure);
        var shortId = Request("100000001");
        shortId.RequestId = ByteString.CopyFrom(new byte[15]);
        Assert.Equal(ProtocolFailure.WrongSession, Assert.Throws<ProtocolException>(() => encryptor.Answer(shortId)).Failure);
        Assert.Equal(1, encryptor.RequestsServed);
    }

    public enum ResponseFault
    {
        CountTooSmall,
        OneCiphertextMissing,
        OneByteTooMany,
        ZeroCiphertext,
        CiphertextAtLeastNSquared,
        OtherRequestId,
        OtherKeyId,
        SupplementsMissing,
        OneSupplementMissing,
    }

    public static TheoryData<ResponseFault, ProtocolFailure> ResponseFaults => new()
    {
        { ResponseFault.CountTooSmall, ProtocolFailure.WrongBatchLength },
        { ResponseFault.OneCiphertextMissing, ProtocolFailure.WrongBatchLength },
        { ResponseFault.OneByteTooMany, ProtocolFailure.WrongBatchLength },
        { ResponseFault.ZeroCiphertext, ProtocolFailure.InvalidCiphertext },
        { ResponseFault.CiphertextAtLeastNSquared, ProtocolFailure.InvalidCiphertext },
        { ResponseFault.OtherRequestId, ProtocolFailure.WrongSession },
        { ResponseFault.OtherKeyId, ProtocolFailure.ParameterMismatch },
        { ResponseFault.SupplementsMissing, ProtocolFailure.WrongBatchLength },
        { ResponseFault.OneSupplementMissing, ProtocolFailure.WrongBatchLength },
    };

    [Theory]
    [MemberData(nameof(ResponseFaults))]
    public void Receive_BadResponse_IsRefused_AndTheGoodOneIsStillAccepted(ResponseFault fault, ProtocolFailure failure)
    {
        var selector = Selector([Household(100, 200_000, ("100000001", 1), ("100000002", 1)), Household(0, 200_000, ("100000003", 1))]);
        var good = Encryptor().Answer(selector.CreateRequest());
        var bad = good.Clone();
        var bytes = good.Ciphertexts.ToByteArray();
        var length = Keys.Paillier.PublicKey.CiphertextBytes;
        switch (fault)
        {
            case ResponseFault.CountTooSmall:
                bad.Count--;
                break;
            case ResponseFault.OneCiphertextMissing:
                bad.Ciphertexts = ByteString.CopyFrom(bytes, 0, bytes.Length - length);
                break;
            case ResponseFault.OneByteTooMany:
                bad.Ciphertexts = ByteString.CopyFrom([.. bytes, 1]);
                break;
            case ResponseFault.ZeroCiphertext:
                Array.Clear(bytes, length, length);
                bad.Ciphertexts = ByteString.CopyFrom(bytes);
                break;
            case ResponseFault.CiphertextAtLeastNSquared:
                Array.Fill(bytes, (byte)0xFF, 0, length);
                bad.Ciphertexts = ByteString.CopyFrom(bytes);
                break;
            case ResponseFault.OtherRequestId:
                bad.RequestId = ByteString.CopyFrom(new byte[16]);
                break;
            case ResponseFault.OtherKeyId:
                bad.PaillierKeyId = ByteString.CopyFrom(new byte[32]);
                break;
            case ResponseFault.SupplementsMissing:
                bad.SingleSupplements = ByteString.Empty;
                break;
            case ResponseFault.OneSupplementMissing:
                bad.SingleSupplements = ByteString.CopyFrom(good.SingleSupplements.Span[..^length]);
                break;
        }

        Assert.Equal(failure, Assert.Throws<ProtocolException>(() => selector.Receive(bad)).Failure);
        Assert.False(selector.HasNextBatch);

        selector.Receive(good);
        RunComparisons(selector);
        Assert.Equal([true, true], selector.Selected);
    }

    [Theory]
    [InlineData(ComparisonEngineKind.GarbledCircuit)]
    [InlineData(ComparisonEngineKind.Dgk)]
    public void Selection_EqualsPlaintextArithmetic_AcrossBatches_AtTheNormsEdges(ComparisonEngineKind engine)
    {
        // income = Σ c·part + constant; selected ⇔ income < norm.
        HouseholdFormula[] households =
        [
            Household(10_000, 60_001, ("100000001", 1)),                        // 60,000 < 60,001: selected
            Household(10_000, 60_000, ("100000001", 1)),                        // 60,000 = norm: not selected
            Household(0, 1, ("100000002", 1)),                                  // 0 < 1: selected
            Household(5_000, 125_000, ("100000003", 1), ("100000009", 1)),      // unknown partner counts 0: 125,000 = norm: not
            Household(5_000, 125_001, ("100000003", 1), ("100000009", 1)),      // selected
            Household(0, 140_001, ("100000005", 2)),                            // 140,000 < 140,001: selected
            Household(0, 200_000, ("100000004", 1)),                            // the cap: not selected
            Household(0, 1, ("100000008", 0)),                                  // coefficient 0 and constant 0: 0 < 1
        ];
        var selector = Selector(households, batchSize: 3, engine);
        selector.Receive(RoundTrip(Encryptor().Answer(RoundTrip(selector.CreateRequest(), IncomeRequest.Parser)), IncomeResponse.Parser));

        RunComparisons(selector);

        Assert.Equal(3, selector.BatchCount);
        Assert.True(selector.IsCompleted);
        Assert.Equal([true, false, true, false, true, true, false, true], selector.Selected);
    }

    /// <summary>The comparisons UWV serves, batch by batch, and the selection SVB ends with.</summary>
    private static (List<uint> BatchSizes, IReadOnlyList<bool> Selected) ComparisonsSeenByUwv(IReadOnlyList<HouseholdFormula> households)
    {
        var selector = Selector(households, batchSize: 3);
        selector.Receive(RoundTrip(Encryptor().Answer(RoundTrip(selector.CreateRequest(), IncomeRequest.Parser)), IncomeResponse.Parser));
        var batchSizes = new List<uint>();
        while (selector.HasNextBatch)
        {
            var keyHolder = KeyHolder(selector);
            var first = selector.StartNextBatch();
            batchSizes.Add(ComparisonEngine.BatchSize(first));
            for (EngineMessage? next = first; next is not null;)
            {
                next = selector.Receive(RoundTrip(keyHolder.Receive(RoundTrip(next, EngineMessage.Parser)), EngineMessage.Parser));
            }
        }

        return (batchSizes, selector.Selected);
    }

    [Fact]
    public void Comparisons_ArePaddedToThePersonsAsked_SoUwvCannotCountHouseholds()
    {
        // The same four persons as four singles and as two couples: UWV must see the same batches.
        HouseholdFormula[] singles =
        [
            Household(0, 60_001, ("100000001", 1)), Household(0, 1, ("100000002", 1)),
            Household(0, 1, ("100000003", 1)), Household(0, 1, ("100000004", 1)),
        ];
        HouseholdFormula[] couples =
        [
            Household(0, 60_001, ("100000001", 1), ("100000002", 1)),
            Household(0, 200_000, ("100000003", 1), ("100000004", 1)),
        ];

        var asSingles = ComparisonsSeenByUwv(singles);
        var asCouples = ComparisonsSeenByUwv(couples);

        Assert.Equal([3u, 1u], asSingles.BatchSizes);
        Assert.Equal(asSingles.BatchSizes, asCouples.BatchSizes);
        Assert.Equal([true, true, false, false], asSingles.Selected);
        Assert.Equal([true, false], asCouples.Selected);
    }

    [Fact]
    public void Selector_HouseholdThatCouldExceedTheComparisonRange_IsRefused()
    {
        var tooLarge = Household(0, 100, ("100000001", 5));
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => Selector([tooLarge]));
        Assert.Equal("households", refused.ParamName);
    }

    [Fact]
    public void Encryptor_PartOutsideTheAnnouncedBound_IsRefused()
    {
        var parts = new Dictionary<string, long>(StringComparer.Ordinal) { ["100000001"] = MaxPart + 1 };
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new UwvIncomeEncryptor(Keys.Paillier.PublicKey, parts, MaxPart, RandomSource.Secure));
        Assert.Equal("parts", refused.ParamName);
    }

    private static readonly Dictionary<string, IncomeParts> s_atAowAge = new(StringComparer.Ordinal)
    {
        ["100000001"] = new(50_000, 4_425),
        ["100000002"] = new(30_000, 0),
        ["100000003"] = new(80_000, 1_000),
    };

    private static readonly Dictionary<string, IncomeParts> s_belowAowAge = new(StringComparer.Ordinal)
    {
        ["100000001"] = new(40_000, 0),
        ["100000002"] = new(20_000, 0),
        ["100000003"] = new(60_000, 0),
    };

    private static UwvIncomeEncryptor TwoBandEncryptor()
        => new(Keys.Paillier.PublicKey, s_atAowAge, s_belowAowAge, MaxPart, 1_000_000, RandomSource.Secure);

    [Fact]
    public void SingleSupplement_IsAddedOnlyWhereTheFormulaSaysSo_AndTheYoungerPartnerGetsTheRatesBelowAowAge()
    {
        HouseholdFormula[] households =
        [
            // A single: 50,000 + supplement 4,425 + 10,000 = 64,425 < 64,426: selected; = 64,425: not.
            HouseholdFormula.Create(["100000001"], [1], 10_000, 64_426, [1], [false]),
            HouseholdFormula.Create(["100000001"], [1], 10_000, 64_425, [1], [false]),
            // A couple with a younger partner: 30,000 (no supplement) + partner below AOW age 60,000 + 0 = 90,000 < 90,001.
            HouseholdFormula.Create(["100000002", "100000003"], [1, 1], 0, 90_001, [0, 0], [false, true]),
            HouseholdFormula.Create(["100000002", "100000003"], [1, 1], 0, 90_000, [0, 0], [false, true]),
        ];
        var selector = new SvbHouseholdSelector(ComparisonSettings.Default, Keys.Paillier.PublicKey, Keys.Dgk.PublicKey, households, MaxPart, RandomSource.Secure, maxSupplementCents: 1_000_000);
        var request = RoundTrip(selector.CreateRequest(), IncomeRequest.Parser);
        Assert.Equal([false, false, true], request.BelowAowAge);
        var response = RoundTrip(TwoBandEncryptor().Answer(request), IncomeResponse.Parser);
        Assert.Equal(response.Ciphertexts.Length, response.SingleSupplements.Length); // one extra ciphertext per person
        selector.Receive(response);
        RunComparisons(selector);
        Assert.Equal([true, false, true, false], selector.Selected);
    }

    [Fact]
    public void Answer_AgeFlagsThatDoNotAlign_AreRefused()
    {
        var request = Request("100000001", "100000002");
        request.BelowAowAge.Add(true);
        Assert.Equal(ProtocolFailure.MalformedMessage, Assert.Throws<ProtocolException>(() => TwoBandEncryptor().Answer(request)).Failure);
    }

    [Fact]
    public void Answer_SendsTwoCiphertextsForEveryone_WhateverTheirSupplement()
    {
        var keys = Keys;
        var request = Request("100000001", "100000002", "100000009");
        var response = TwoBandEncryptor().Answer(request);
        var length = keys.Paillier.PublicKey.CiphertextBytes;
        Assert.Equal(3 * length, response.SingleSupplements.Length);
        var supplements = Enumerable.Range(0, 3).Select(i => (long)DecryptAt(keys.Paillier, response.SingleSupplements, i)).ToArray();
        Assert.Equal([4_425L, 0L, 0L], supplements);
    }

    [Fact]
    public void Selector_SupplementThatCouldExceedTheComparisonRange_IsRefused()
    {
        var household = HouseholdFormula.Create(["100000001"], [1], 0, 100, [1L << 31], [false]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SvbHouseholdSelector(ComparisonSettings.Default, Keys.Paillier.PublicKey, Keys.Dgk.PublicKey, [household], 1_000, RandomSource.Secure, maxSupplementCents: 1_000_000));
    }
}
