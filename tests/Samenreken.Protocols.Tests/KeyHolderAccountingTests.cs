using System.Numerics;
using Google.Protobuf;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Protocols.SecureComparison.Wire;

namespace Samenreken.Protocols.Tests;

/// <summary>
/// Issue 19: what the key holder serves, counted exactly (the audit trail rests on <see cref="ComparisonKeyHolder.DecryptionsServed"/>
/// and <see cref="ComparisonKeyHolder.ZeroTestsServed"/>), the empty and oversized batch refused by their own rule, and
/// a plaintext-output run whose masked outputs need a second packed ciphertext.
/// </summary>
public sealed class KeyHolderAccountingTests
{
    private const int Bits = 8;

    private static readonly (long X, long Y)[] s_pairs = [(5, 3), (3, 5), (7, 7)];

    private readonly ComparisonHarness _harness = new("gmp", Bits);

    [Fact]
    public void PlaintextOutputRun_CountsOneDecryptionPerPackedCiphertext_AndOneZeroTestPerTerm()
    {
        var (evaluator, keyHolder, first) = Start(_harness, s_pairs, ComparisonOutputMode.PlaintextToEvaluator);
        Assert.Equal(0, keyHolder.DecryptionsServed);
        Assert.Equal(0, keyHolder.ZeroTestsServed);

        var terms = evaluator.Receive(keyHolder.Receive(first))!;
        Assert.Equal(1, keyHolder.DecryptionsServed); // three blinded differences in one packed ciphertext
        Assert.Equal(0, keyHolder.ZeroTestsServed);
        Assert.Equal(s_pairs.Length, keyHolder.BatchSize);

        var outputs = evaluator.Receive(keyHolder.Receive(terms))!;
        Assert.Equal(1, keyHolder.DecryptionsServed);
        Assert.Equal(s_pairs.Length * (Bits + 1), keyHolder.ZeroTestsServed);
        Assert.False(keyHolder.IsCompleted);

        Assert.Null(evaluator.Receive(keyHolder.Receive(outputs)));
        Assert.Equal(2, keyHolder.DecryptionsServed); // three masked bits in one packed ciphertext
        Assert.Equal(s_pairs.Length * (Bits + 1), keyHolder.ZeroTestsServed);
        Assert.True(keyHolder.IsCompleted);
        Assert.Equal(s_pairs.Select(p => p.X >= p.Y), evaluator.Results);
    }

    [Fact]
    public void EncryptedOutputRun_EndsAfterTheZeroTests_WithoutASecondDecryption()
    {
        var (evaluator, keyHolder, first) = Start(_harness, s_pairs, ComparisonOutputMode.EncryptedToEvaluator);

        var terms = evaluator.Receive(keyHolder.Receive(first))!;
        Assert.Null(evaluator.Receive(keyHolder.Receive(terms)));

        Assert.True(keyHolder.IsCompleted);
        Assert.Equal(1, keyHolder.DecryptionsServed);
        Assert.Equal(s_pairs.Length * (Bits + 1), keyHolder.ZeroTestsServed);
        Assert.Equal(s_pairs.Select(p => p.X >= p.Y), evaluator.EncryptedResults.Select(_harness.DecryptBit));
    }

    [Fact]
    public void RefusedMessages_ServeNothing_AndTheRunStillCompletes()
    {
        var (evaluator, keyHolder, first) = Start(_harness, s_pairs, ComparisonOutputMode.PlaintextToEvaluator);
        var terms = evaluator.Receive(keyHolder.Receive(first))!;
        var otherSession = terms.Clone();
        otherSession.SessionId = ByteString.CopyFrom(new byte[16]);
        var otherLength = terms.Clone();
        otherLength.BatchSize++;

        AssertRefused(ProtocolFailure.WrongSession, () => keyHolder.Receive(otherSession));
        AssertRefused(ProtocolFailure.WrongBatchLength, () => keyHolder.Receive(otherLength));
        AssertRefused(ProtocolFailure.UnexpectedMessage, () => keyHolder.Receive(first));

        Assert.Equal(1, keyHolder.DecryptionsServed);
        Assert.Equal(0, keyHolder.ZeroTestsServed);
        InMemoryTransport.Run(evaluator, keyHolder, terms);
        Assert.Equal(s_pairs.Select(p => p.X >= p.Y), evaluator.Results);
        Assert.Equal(2, keyHolder.DecryptionsServed);
    }

    [Fact]
    public void EmptyBatchWithNoCiphertexts_IsRefusedAsEmpty_AndNothingChanges()
    {
        // Batch size 0 and an empty packed field agree with each other, so only the "batch is empty" rule refuses it.
        var (evaluator, keyHolder, first) = Start(_harness, s_pairs, ComparisonOutputMode.PlaintextToEvaluator);
        var empty = first.Clone();
        empty.BatchSize = 0;
        empty.BlindedDifferences.PackedCiphertexts = ByteString.Empty;

        var refusal = AssertRefused(ProtocolFailure.WrongBatchLength, () => keyHolder.Receive(empty));

        Assert.Contains("empty", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, keyHolder.BatchSize);
        Assert.Equal(0, keyHolder.DecryptionsServed);
        Assert.False(keyHolder.IsCompleted);
        InMemoryTransport.Run(evaluator, keyHolder, first);
        Assert.Equal(s_pairs.Select(p => p.X >= p.Y), evaluator.Results);
    }

    [Fact]
    public void PackedValueHoldingMoreThanTheAnnouncedSlots_IsRefusedForThatReason()
    {
        // Two items announced, three packed: the split fails (and leaves a zero slot the range rule would also refuse);
        // the refusal names the first broken rule, so an operator reading it knows what the evaluator sent.
        var (_, keyHolder, first) = Start(_harness, s_pairs, ComparisonOutputMode.PlaintextToEvaluator);
        var fewer = first.Clone();
        fewer.BatchSize = 2;

        var refusal = AssertRefused(ProtocolFailure.OutOfRange, () => keyHolder.Receive(fewer));

        Assert.Contains("announced slots", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(1, keyHolder.DecryptionsServed); // the decryption was made, its result not returned
        Assert.Equal(0, keyHolder.BatchSize);
    }

    [Fact]
    public void PackedFieldOfTheWrongLength_IsRefusedNamingTheField()
    {
        var (_, keyHolder, first) = Start(_harness, s_pairs, ComparisonOutputMode.PlaintextToEvaluator);
        var truncated = first.Clone();
        truncated.BlindedDifferences.PackedCiphertexts = ByteString.CopyFrom(first.BlindedDifferences.PackedCiphertexts.Span[1..]);

        var refusal = AssertRefused(ProtocolFailure.WrongBatchLength, () => keyHolder.Receive(truncated));

        Assert.Contains("packed_ciphertexts", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, keyHolder.DecryptionsServed);
    }

    [Fact]
    public void TermsOrOutputsOfTheWrongLength_AreRefusedNamingTheirField()
    {
        var (evaluator, keyHolder, first) = Start(_harness, s_pairs, ComparisonOutputMode.PlaintextToEvaluator);
        var terms = evaluator.Receive(keyHolder.Receive(first))!;
        var shortTerms = terms.Clone();
        shortTerms.MaskedTerms.TermCiphertexts = ByteString.CopyFrom(terms.MaskedTerms.TermCiphertexts.Span[1..]);

        Assert.Contains("term_ciphertexts", AssertRefused(ProtocolFailure.WrongBatchLength, () => keyHolder.Receive(shortTerms)).Message, StringComparison.Ordinal);
        Assert.Equal(0, keyHolder.ZeroTestsServed);

        var outputs = evaluator.Receive(keyHolder.Receive(terms))!;
        var shortOutputs = outputs.Clone();
        shortOutputs.MaskedOutputs.PackedCiphertexts = ByteString.CopyFrom(outputs.MaskedOutputs.PackedCiphertexts.Span[1..]);

        Assert.Contains("packed_ciphertexts", AssertRefused(ProtocolFailure.WrongBatchLength, () => keyHolder.Receive(shortOutputs)).Message, StringComparison.Ordinal);
        Assert.Equal(1, keyHolder.DecryptionsServed); // only step 2's packed difference
    }

    [Fact]
    public void Constructor_RefusesMissingKeysOrRandomness_AndABatchLimitBelowOne()
    {
        var settings = _harness.Settings;
        var paillier = _harness.Paillier.PrivateKey;
        var dgk = _harness.Dgk;

        Assert.Equal("paillier", Assert.Throws<ArgumentNullException>(() => new ComparisonKeyHolder(settings, null!, dgk, RandomSource.Secure)).ParamName);
        Assert.Equal("dgk", Assert.Throws<ArgumentNullException>(() => new ComparisonKeyHolder(settings, paillier, null!, RandomSource.Secure)).ParamName);
        Assert.Equal("random", Assert.Throws<ArgumentNullException>(() => new ComparisonKeyHolder(settings, paillier, dgk, null!)).ParamName);
        Assert.Equal("maxBatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new ComparisonKeyHolder(settings, paillier, dgk, RandomSource.Secure, 0)).ParamName);
        Assert.Equal(0, new ComparisonKeyHolder(settings, paillier, dgk, RandomSource.Secure, 1).BatchSize); // a limit of 1 is accepted
    }

    [Fact]
    public void PrecomputeRandomness_MakesLDgkAndTwoPaillierRandomizersPerItem_AndRefusesAnEmptyBatch()
    {
        var keyHolder = _harness.NewKeyHolder();
        Assert.Equal((0, 0), keyHolder.PrecomputedRandomizers);

        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => keyHolder.PrecomputeRandomness(0)).ParamName);
        keyHolder.PrecomputeRandomness(s_pairs.Length);

        Assert.Equal((s_pairs.Length * Bits, 2 * s_pairs.Length), keyHolder.PrecomputedRandomizers);
    }

    [Fact]
    public void NullMessage_IsAnArgumentError() =>
        Assert.Equal("message", Assert.Throws<ArgumentNullException>(() => _harness.NewKeyHolder().Receive(null!)).ParamName);

    [Fact]
    public void BatchSizeBeyondInt32_IsRefusedAsTooLarge_NotReadAsNegative()
    {
        var (_, keyHolder, first) = Start(_harness, s_pairs, ComparisonOutputMode.PlaintextToEvaluator);
        var huge = first.Clone();
        huge.BatchSize = uint.MaxValue;

        AssertRefused(ProtocolFailure.BatchTooLarge, () => keyHolder.Receive(huge));
        Assert.Equal(0, keyHolder.DecryptionsServed);
    }

    [Theory]
    [InlineData(ComparisonOutputMode.PlaintextToEvaluator)]
    [InlineData(ComparisonOutputMode.EncryptedToEvaluator)]
    public void BatchOfOne_IsServed(ComparisonOutputMode mode)
        => Assert.Equal([true, false], new[] { _harness.Run([(1, 0)], mode)[0], _harness.Run([(0, 1)], mode)[0] });

    [Fact]
    public void BatchAtTheKeyHoldersLimit_IsServed()
    {
        var keyHolder = new ComparisonKeyHolder(_harness.Settings, _harness.Paillier.PrivateKey, _harness.Dgk, RandomSource.Secure, maxBatchSize: s_pairs.Length);
        var (x, y) = _harness.Encrypt(s_pairs);
        var evaluator = _harness.NewEvaluator();

        InMemoryTransport.Run(evaluator, keyHolder, evaluator.Start(x, y, ComparisonOutputMode.PlaintextToEvaluator));

        Assert.Equal(s_pairs.Select(p => p.X >= p.Y), evaluator.Results);
    }

    [Fact]
    public void PlaintextOutputsInTwoPackedCiphertexts_AreUnpackedInOrder_AndTheSecondIsCheckedAgainstItsOwnSlots()
    {
        // A 768-bit key packs |n| − 2 = 766 masked bits per ciphertext: 800 items need a second one, holding 34.
        var harness = new ComparisonHarness("gmp", comparisonBits: 4);
        var random = new Random(19);
        var pairs = Enumerable.Range(0, 800).Select(_ => ((long)random.Next(16), (long)random.Next(16))).ToArray();
        var (evaluator, keyHolder, first) = Start(harness, pairs, ComparisonOutputMode.PlaintextToEvaluator);
        var terms = evaluator.Receive(keyHolder.Receive(first))!;
        var outputs = evaluator.Receive(keyHolder.Receive(terms))!;
        var bitSlots = (int)outputs.MaskedOutputs.SlotsPerCiphertext;
        Assert.Equal(harness.PublicKey.Bits - 2, bitSlots);
        var decryptionsBefore = keyHolder.DecryptionsServed;
        Assert.Equal((pairs.Length + (int)first.BlindedDifferences.SlotsPerCiphertext - 1) / (int)first.BlindedDifferences.SlotsPerCiphertext, decryptionsBefore);

        // The second ciphertext may hold one bit per remaining item, not one more.
        var key = harness.PublicKey;
        var remaining = pairs.Length - bitSlots;
        var forged = outputs.Clone();
        var bytes = outputs.MaskedOutputs.PackedCiphertexts.ToByteArray();
        key.Encrypt(key.Backend.FromBigInteger(BigInteger.One << remaining), RandomSource.Secure).ToBytes().CopyTo(bytes, key.CiphertextBytes);
        forged.MaskedOutputs.PackedCiphertexts = ByteString.CopyFrom(bytes);
        AssertRefused(ProtocolFailure.OutOfRange, () => keyHolder.Receive(forged));
        Assert.False(keyHolder.IsCompleted);

        var revealed = keyHolder.Receive(outputs);
        Assert.Null(evaluator.Receive(revealed));

        Assert.Equal((pairs.Length + 7) / 8, revealed.RevealedBits.Bits.Length);
        Assert.Equal(pairs.Select(p => p.Item1 >= p.Item2), evaluator.Results);
        Assert.Equal(decryptionsBefore + 2 + 2, keyHolder.DecryptionsServed); // the refused pair was decrypted too
    }

    private static (ComparisonEvaluator Evaluator, ComparisonKeyHolder KeyHolder, ComparisonMessage First) Start(
        ComparisonHarness harness, IReadOnlyList<(long X, long Y)> pairs, ComparisonOutputMode mode)
    {
        var (x, y) = harness.Encrypt(pairs);
        var evaluator = harness.NewEvaluator();
        return (evaluator, harness.NewKeyHolder(), evaluator.Start(x, y, mode));
    }

    private static ProtocolException AssertRefused(ProtocolFailure expected, Func<object?> action)
    {
        var protocol = Assert.IsType<ProtocolException>(Record.Exception(action));
        Assert.Equal(expected, protocol.Failure);
        return protocol;
    }
}
