using System.Numerics;
using Google.Protobuf;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Protocols.SecureComparison.Wire;

namespace Samenreken.Protocols.Tests;

/// <summary>
/// Issue 4, "Bad input": every malformed, mismatched, misplaced or oversized message is refused with its specific
/// <see cref="ProtocolFailure"/>, and the refusing state machine is unchanged: given the right message afterwards, the
/// run completes with the correct results. A refusal is an exception, so the sender gets nothing back.
/// </summary>
public sealed class SecureComparisonBadInputTests
{
    private const int Bits = 8;

    private static readonly (long X, long Y)[] s_pairs = [(5, 3), (3, 5), (7, 7)];

    private readonly ComparisonHarness _harness = new("gmp", Bits);

    public enum Corruption
    {
        Zero,
        AtLeastModulus,
        NotUnit,
        OneByteShort,
        OneByteLong,
        OneCiphertextTooFew,
        OneCiphertextTooMany,
    }

    public static TheoryData<Corruption, ProtocolFailure> Corruptions => new()
    {
        { Corruption.Zero, ProtocolFailure.InvalidCiphertext },
        { Corruption.AtLeastModulus, ProtocolFailure.InvalidCiphertext },
        { Corruption.NotUnit, ProtocolFailure.InvalidCiphertext },
        { Corruption.OneByteShort, ProtocolFailure.WrongBatchLength },
        { Corruption.OneByteLong, ProtocolFailure.WrongBatchLength },
        { Corruption.OneCiphertextTooFew, ProtocolFailure.WrongBatchLength },
        { Corruption.OneCiphertextTooMany, ProtocolFailure.WrongBatchLength },
    };

    // ---- malformed ciphertexts, in every field a party reads ----

    public static TheoryData<Corruption, ValidationFailure> CiphertextReasons => new()
    {
        { Corruption.Zero, ValidationFailure.CiphertextOutOfRange },
        { Corruption.AtLeastModulus, ValidationFailure.CiphertextOutOfRange },
        { Corruption.NotUnit, ValidationFailure.CiphertextNotUnit },
    };

    [Theory]
    [MemberData(nameof(CiphertextReasons))]
    public void ARefusedCiphertext_KeepsTheKeysReason_ForPaillierAndDgk(Corruption corruption, ValidationFailure reason)
    {
        var run = Start();
        var badPaillier = run.First.Clone();
        badPaillier.BlindedDifferences.PackedCiphertexts = Corrupt(badPaillier.BlindedDifferences.PackedCiphertexts, _harness.PublicKey.CiphertextBytes, corruption, _harness.Paillier.PrivateKey.P);

        var paillier = Assert.IsType<ProtocolException>(Record.Exception(() => run.KeyHolder.Receive(badPaillier)));

        Assert.Equal(ProtocolFailure.InvalidCiphertext, paillier.Failure);
        Assert.Equal(reason, paillier.CiphertextFailure);

        var terms = run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!;
        var badDgk = terms.Clone();
        badDgk.MaskedTerms.TermCiphertexts = Corrupt(badDgk.MaskedTerms.TermCiphertexts, _harness.Dgk.PublicKey.CiphertextBytes, corruption, _harness.Dgk.P);

        var dgk = Assert.IsType<ProtocolException>(Record.Exception(() => run.KeyHolder.Receive(badDgk)));

        Assert.Equal(reason, dgk.CiphertextFailure);
        Assert.Contains(reason.ToString(), dgk.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailureThatIsNotACiphertext_HasNoCiphertextReason()
    {
        var run = Start();
        var bad = run.First.Clone();
        bad.BlindedDifferences.PackedCiphertexts = Corrupt(bad.BlindedDifferences.PackedCiphertexts, _harness.PublicKey.CiphertextBytes, Corruption.OneByteShort, _harness.Paillier.PrivateKey.P);

        var refused = Assert.IsType<ProtocolException>(Record.Exception(() => run.KeyHolder.Receive(bad)));

        Assert.Equal(ProtocolFailure.WrongBatchLength, refused.Failure);
        Assert.Null(refused.CiphertextFailure);
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void KeyHolder_BlindedDifferencesWithBadPaillierCiphertext_IsRefusedAndUnchanged(Corruption corruption, ProtocolFailure expected)
    {
        var run = Start();
        var bad = run.First.Clone();
        bad.BlindedDifferences.PackedCiphertexts = Corrupt(bad.BlindedDifferences.PackedCiphertexts, _harness.PublicKey.CiphertextBytes, corruption, _harness.Paillier.PrivateKey.P);

        AssertRefused(expected, () => run.KeyHolder.Receive(bad));

        run.CompleteFrom(run.First);
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void KeyHolder_MaskedTermsWithBadDgkCiphertext_IsRefusedAndUnchanged(Corruption corruption, ProtocolFailure expected)
    {
        var run = Start();
        var terms = run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!;
        var bad = terms.Clone();
        var dgk = _harness.Dgk.PublicKey;
        bad.MaskedTerms.TermCiphertexts = Corrupt(bad.MaskedTerms.TermCiphertexts, dgk.CiphertextBytes, corruption, _harness.Dgk.P);

        AssertRefused(expected, () => run.KeyHolder.Receive(bad));

        run.CompleteFrom(terms);
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Evaluator_EncryptedBitsWithBadDgkBit_IsRefusedAndUnchanged(Corruption corruption, ProtocolFailure expected)
    {
        var run = Start();
        var bits = run.KeyHolder.Receive(run.First);
        var bad = bits.Clone();
        var dgk = _harness.Dgk.PublicKey;
        bad.EncryptedBits.BitCiphertexts = Corrupt(bad.EncryptedBits.BitCiphertexts, dgk.CiphertextBytes, corruption, _harness.Dgk.P);

        AssertRefused(expected, () => run.Evaluator.Receive(bad));

        run.CompleteFromKeyHolder(bits);
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Evaluator_EncryptedBitsWithBadHighPart_IsRefusedAndUnchanged(Corruption corruption, ProtocolFailure expected)
    {
        var run = Start();
        var bits = run.KeyHolder.Receive(run.First);
        var bad = bits.Clone();
        bad.EncryptedBits.HighParts = Corrupt(bad.EncryptedBits.HighParts, _harness.PublicKey.CiphertextBytes, corruption, _harness.Paillier.PrivateKey.P);

        AssertRefused(expected, () => run.Evaluator.Receive(bad));

        run.CompleteFromKeyHolder(bits);
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Evaluator_ZeroTestResultsWithBadCiphertext_IsRefusedAndUnchanged(Corruption corruption, ProtocolFailure expected)
    {
        var run = Start();
        var results = run.KeyHolder.Receive(run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!);
        var bad = results.Clone();
        bad.ZeroTestResults.ResultCiphertexts = Corrupt(bad.ZeroTestResults.ResultCiphertexts, _harness.PublicKey.CiphertextBytes, corruption, _harness.Paillier.PrivateKey.P);

        AssertRefused(expected, () => run.Evaluator.Receive(bad));

        run.CompleteFromKeyHolder(results);
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void KeyHolder_MaskedOutputsWithBadCiphertext_IsRefusedAndUnchanged(Corruption corruption, ProtocolFailure expected)
    {
        var run = Start();
        var outputs = run.Evaluator.Receive(run.KeyHolder.Receive(run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!))!;
        var bad = outputs.Clone();
        bad.MaskedOutputs.PackedCiphertexts = Corrupt(bad.MaskedOutputs.PackedCiphertexts, _harness.PublicKey.CiphertextBytes, corruption, _harness.Paillier.PrivateKey.P);

        AssertRefused(expected, () => run.KeyHolder.Receive(bad));

        run.CompleteFrom(outputs);
    }

    // ---- mismatched keys and parameters ----

    [Fact]
    public void KeyHolder_EvaluatorWithAnotherComparisonLength_IsRefusedWithParameterMismatch()
    {
        // A runs l = 4 with its own (l = 4) DGK key: its parameters block differs in l, u and the DGK key id.
        var other = new ComparisonHarness("gmp", 4);
        var evaluator = new ComparisonEvaluator(other.Settings, _harness.PublicKey, other.Dgk.PublicKey, RandomSource.Secure);
        AssertFirstMessageRefused(evaluator, ProtocolFailure.ParameterMismatch);
    }

    [Fact]
    public void KeyHolder_EvaluatorWithAnotherStatisticalSecurity_IsRefusedWithParameterMismatch()
    {
        var evaluator = new ComparisonEvaluator(ComparisonSettings.Create(Bits, 41), _harness.PublicKey, _harness.Dgk.PublicKey, RandomSource.Secure);
        AssertFirstMessageRefused(evaluator, ProtocolFailure.ParameterMismatch);
    }

    [Fact]
    public void Parties_PaillierAndDgkKeysOfDifferentSizes_AreRefusedAtConstruction()
    {
        var small = PaillierKeyPair.Generate(512, KeySizePolicy.InsecureForTests, RandomSource.Secure, _harness.PublicKey.Backend);

        AssertRefused(ProtocolFailure.ParameterMismatch, () => new ComparisonEvaluator(_harness.Settings, small.PublicKey, _harness.Dgk.PublicKey, RandomSource.Secure));
        AssertRefused(ProtocolFailure.ParameterMismatch, () => new ComparisonKeyHolder(_harness.Settings, small.PrivateKey, _harness.Dgk, RandomSource.Secure));
    }

    [Fact]
    public void KeyHolder_EvaluatorWithAnotherDgkKey_IsRefusedWithParameterMismatch()
    {
        // Same n and u, generators swapped: a valid key, but not B's.
        var dgk = _harness.Dgk.PublicKey;
        var other = DgkPublicKey.Create(dgk.N, dgk.H, dgk.G, dgk.U, dgk.T, KeySizePolicy.InsecureForTests);
        var evaluator = new ComparisonEvaluator(_harness.Settings, _harness.PublicKey, other, RandomSource.Secure);
        AssertFirstMessageRefused(evaluator, ProtocolFailure.ParameterMismatch);
    }

    [Fact]
    public void KeyHolder_EvaluatorWithAnotherPaillierKeyOfTheSameSize_IsRefusedWithParameterMismatch()
    {
        var key = _harness.PublicKey;
        var other = PaillierPublicKey.Create(key.N, key.Backend.ModMultiply(key.RandomizerBase, key.RandomizerBase, key.NSquared), KeySizePolicy.InsecureForTests);
        var evaluator = new ComparisonEvaluator(_harness.Settings, other, _harness.Dgk.PublicKey, RandomSource.Secure);
        AssertFirstMessageRefused(evaluator, ProtocolFailure.ParameterMismatch, other);
    }

    [Theory]
    [InlineData("slot_bits")]
    [InlineData("slots_per_ciphertext")]
    [InlineData("output_mode")]
    [InlineData("parameters")]
    public void KeyHolder_FirstMessageWithInconsistentPacking_IsRefusedWithParameterMismatch(string field)
    {
        var run = Start();
        var bad = run.First.Clone();
        switch (field)
        {
            case "slot_bits":
                bad.BlindedDifferences.SlotBits++;
                break;
            case "slots_per_ciphertext":
                bad.BlindedDifferences.SlotsPerCiphertext--;
                break;
            case "output_mode":
                bad.BlindedDifferences.OutputMode = OutputMode.Unspecified;
                break;
            default:
                bad.BlindedDifferences.Parameters = null;
                break;
        }

        AssertRefused(ProtocolFailure.ParameterMismatch, () => run.KeyHolder.Receive(bad));

        run.CompleteFrom(run.First);
    }

    [Fact]
    public void KeyHolder_MaskedOutputsWithAnotherPacking_IsRefusedWithParameterMismatch()
    {
        var run = Start();
        var outputs = run.Evaluator.Receive(run.KeyHolder.Receive(run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!))!;
        var bad = outputs.Clone();
        bad.MaskedOutputs.SlotsPerCiphertext = 1;

        AssertRefused(ProtocolFailure.ParameterMismatch, () => run.KeyHolder.Receive(bad));

        run.CompleteFrom(outputs);
    }

    [Fact]
    public void Parties_DgkKeyWhosePlaintextPrimeDoesNotFitL_AreRefusedAtConstruction()
    {
        var other = new ComparisonHarness("gmp", 4);

        AssertRefused(ProtocolFailure.ParameterMismatch, () => new ComparisonEvaluator(_harness.Settings, _harness.PublicKey, other.Dgk.PublicKey, RandomSource.Secure));
        AssertRefused(ProtocolFailure.ParameterMismatch, () => new ComparisonKeyHolder(_harness.Settings, _harness.Paillier.PrivateKey, other.Dgk, RandomSource.Secure));
    }

    // ---- wrong round, replays, completed runs ----

    [Fact]
    public void KeyHolder_MaskedTermsAsFirstMessage_IsRefusedAsUnexpected()
    {
        var run = Start();
        var bad = new ComparisonMessage
        {
            SessionId = run.First.SessionId,
            BatchSize = run.First.BatchSize,
            MaskedTerms = new MaskedTerms { TermCiphertexts = ByteString.CopyFrom(new byte[s_pairs.Length * (Bits + 1) * _harness.Dgk.PublicKey.CiphertextBytes]) },
        };

        AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.KeyHolder.Receive(bad));

        run.CompleteFrom(run.First);
    }

    [Fact]
    public void Parties_MessageWithoutBody_IsRefusedAsUnexpected()
    {
        var run = Start();
        var empty = new ComparisonMessage { SessionId = run.First.SessionId, BatchSize = run.First.BatchSize };

        AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.KeyHolder.Receive(empty));
        var bits = run.KeyHolder.Receive(run.First);
        AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.Evaluator.Receive(empty));

        run.CompleteFromKeyHolder(bits);
    }

    [Fact]
    public void KeyHolder_ReplayedBlindedDifferences_IsRefusedAsUnexpected()
    {
        var run = Start();
        var bits = run.KeyHolder.Receive(run.First);

        AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.KeyHolder.Receive(run.First));

        run.CompleteFromKeyHolder(bits);
    }

    [Fact]
    public void KeyHolder_ReplayedMaskedTerms_IsRefusedAsUnexpected()
    {
        var run = Start();
        var terms = run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!;
        var results = run.KeyHolder.Receive(terms);

        AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.KeyHolder.Receive(terms));

        run.CompleteFromKeyHolder(results);
    }

    [Fact]
    public void Evaluator_EncryptedBitsGivenTwice_IsRefusedAsUnexpected()
    {
        var run = Start();
        var bits = run.KeyHolder.Receive(run.First);
        var terms = run.Evaluator.Receive(bits)!;

        AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.Evaluator.Receive(bits));

        run.CompleteFrom(terms);
    }

    [Fact]
    public void Evaluator_ZeroTestResultsBeforeEncryptedBits_IsRefusedAsUnexpected()
    {
        var run = Start();
        var bits = run.KeyHolder.Receive(run.First);
        var early = new ComparisonMessage
        {
            SessionId = bits.SessionId,
            BatchSize = bits.BatchSize,
            ZeroTestResults = new ZeroTestResults { ResultCiphertexts = bits.EncryptedBits.HighParts },
        };

        AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.Evaluator.Receive(early));

        run.CompleteFromKeyHolder(bits);
    }

    [Fact]
    public void Evaluator_MessageBeforeStart_IsRefusedAsWrongSession()
    {
        var run = Start();
        var bits = run.KeyHolder.Receive(run.First);
        var idle = _harness.NewEvaluator();

        AssertRefused(ProtocolFailure.WrongSession, () => idle.Receive(bits));
    }

    [Fact]
    public void KeyHolder_AfterCompletion_RefusesEveryMessage()
    {
        var run = Start();
        var terms = run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!;
        var outputs = run.Evaluator.Receive(run.KeyHolder.Receive(terms))!;
        var revealed = run.KeyHolder.Receive(outputs);
        Assert.Null(run.Evaluator.Receive(revealed));
        Assert.True(run.KeyHolder.IsCompleted);
        var decryptions = run.KeyHolder.DecryptionsServed;
        var zeroTests = run.KeyHolder.ZeroTestsServed;

        foreach (var message in new[] { run.First, terms, outputs, Start().First })
        {
            AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.KeyHolder.Receive(message));
        }

        Assert.Equal(decryptions, run.KeyHolder.DecryptionsServed);
        Assert.Equal(zeroTests, run.KeyHolder.ZeroTestsServed);
        Assert.Equal(s_pairs.Select(p => p.X >= p.Y), run.Evaluator.Results);
    }

    [Fact]
    public void KeyHolder_EncryptedModeRun_RefusesMaskedOutputsAfterCompletion()
    {
        var run = Start(ComparisonOutputMode.EncryptedToEvaluator);
        var terms = run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!;
        Assert.Null(run.Evaluator.Receive(run.KeyHolder.Receive(terms)));
        Assert.True(run.KeyHolder.IsCompleted);

        // A masked-output request would turn B into a decryption oracle for [x ≥ y]: refused.
        var oracle = new ComparisonMessage
        {
            SessionId = run.First.SessionId,
            BatchSize = run.First.BatchSize,
            MaskedOutputs = new MaskedOutputs
            {
                SlotsPerCiphertext = (uint)(_harness.PublicKey.Bits - 2),
                PackedCiphertexts = ByteString.CopyFrom(_harness.PublicKey.Rerandomize(run.Evaluator.EncryptedResults[0], RandomSource.Secure).ToBytes()),
            },
        };

        AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.KeyHolder.Receive(oracle));
    }

    // ---- wrong session, wrong batch ----

    [Fact]
    public void KeyHolder_MaskedTermsOfAnotherSession_IsRefusedAsWrongSession()
    {
        var run = Start();
        var terms = run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!;
        var bad = terms.Clone();
        bad.SessionId = ByteString.CopyFrom(new byte[16]);

        AssertRefused(ProtocolFailure.WrongSession, () => run.KeyHolder.Receive(bad));

        run.CompleteFrom(terms);
    }

    [Fact]
    public void Evaluator_EncryptedBitsOfAnotherSession_IsRefusedAsWrongSession()
    {
        var run = Start();
        var bits = run.KeyHolder.Receive(run.First);
        var bad = bits.Clone();
        bad.SessionId = Start().First.SessionId;

        AssertRefused(ProtocolFailure.WrongSession, () => run.Evaluator.Receive(bad));

        run.CompleteFromKeyHolder(bits);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(17)]
    public void KeyHolder_FirstMessageWithSessionIdNotSixteenBytes_IsRefusedAsWrongSession(int length)
    {
        var run = Start();
        var bad = run.First.Clone();
        bad.SessionId = ByteString.CopyFrom(new byte[length]);

        AssertRefused(ProtocolFailure.WrongSession, () => run.KeyHolder.Receive(bad));

        run.CompleteFrom(run.First);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1000u)]
    public void KeyHolder_FirstMessageAnnouncingABatchItsFieldDoesNotHold_IsRefusedAsWrongBatchLength(uint announced)
    {
        var run = Start();
        var bad = run.First.Clone();
        bad.BatchSize = announced;

        AssertRefused(ProtocolFailure.WrongBatchLength, () => run.KeyHolder.Receive(bad));

        run.CompleteFrom(run.First);
    }

    [Fact]
    public void KeyHolder_FirstMessageAnnouncingFewerItemsThanPacked_IsRefusedAsOutOfRange()
    {
        // Two items announced, three packed in the one ciphertext: the plaintext holds more than the announced slots.
        var run = Start();
        var bad = run.First.Clone();
        bad.BatchSize = 2;

        AssertRefused(ProtocolFailure.OutOfRange, () => run.KeyHolder.Receive(bad));

        run.CompleteFrom(run.First);
    }

    [Fact]
    public void KeyHolder_FirstMessageAnnouncingMoreItemsThanPacked_IsRefusedAsOutOfRange()
    {
        // Four items announced, three packed: the packed field has the same size, but the fourth slot decrypts to
        // d = 0, which no honest evaluator sends (d = z + r with z ≥ 1).
        var run = Start();
        var bad = run.First.Clone();
        bad.BatchSize = 4;

        AssertRefused(ProtocolFailure.OutOfRange, () => run.KeyHolder.Receive(bad));
        Assert.Equal(0, run.KeyHolder.BatchSize);

        run.CompleteFrom(run.First);
    }

    [Theory]
    [InlineData(0)] // the largest honest d plus one
    [InlineData(1)] // the largest value of the slot width
    public void KeyHolder_SlotAboveTheLargestBlindedDifference_IsRefusedAsOutOfRange(int which)
    {
        // d = z + r ≤ (2^(l+1) − 1) + (2^(l+κ) − 1); the slot has one bit more, which a chosen plaintext can fill.
        var run = Start();
        var key = _harness.PublicKey;
        var (l, kappa) = (_harness.Settings.ComparisonBits, _harness.Settings.StatisticalSecurity);
        var slotBits = (int)run.First.BlindedDifferences.SlotBits;
        var largest = (BigInteger.One << (l + kappa)) + (BigInteger.One << (l + 1)) - 2;
        var slot = which == 0 ? largest + 1 : (BigInteger.One << slotBits) - 1;
        var packed = 1 + (BigInteger.One << slotBits) + (slot << (2 * slotBits));
        var bad = run.First.Clone();
        bad.BlindedDifferences.PackedCiphertexts = ByteString.CopyFrom(key.Encrypt(key.Backend.FromBigInteger(packed), RandomSource.Secure).ToBytes());

        AssertRefused(ProtocolFailure.OutOfRange, () => run.KeyHolder.Receive(bad));

        run.CompleteFrom(run.First);
    }

    [Fact]
    public void KeyHolder_SlotsAtTheEdgesOfTheBlindedRange_AreAccepted()
    {
        // The boundary of the shape check: d = 1 and the largest honest d are answered.
        var run = Start();
        var key = _harness.PublicKey;
        var (l, kappa) = (_harness.Settings.ComparisonBits, _harness.Settings.StatisticalSecurity);
        var slotBits = (int)run.First.BlindedDifferences.SlotBits;
        var largest = (BigInteger.One << (l + kappa)) + (BigInteger.One << (l + 1)) - 2;
        var packed = 1 + (largest << slotBits) + (BigInteger.One << (2 * slotBits));
        var forged = run.First.Clone();
        forged.BlindedDifferences.PackedCiphertexts = ByteString.CopyFrom(key.Encrypt(key.Backend.FromBigInteger(packed), RandomSource.Secure).ToBytes());

        var reply = run.KeyHolder.Receive(forged);

        Assert.Equal(ComparisonMessage.BodyOneofCase.EncryptedBits, reply.BodyCase);
    }

    [Fact]
    public void KeyHolder_MaskedTermsAnnouncingAnotherBatchLength_IsRefusedAsWrongBatchLength()
    {
        var run = Start();
        var terms = run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!;
        var bad = terms.Clone();
        bad.BatchSize = 4;

        AssertRefused(ProtocolFailure.WrongBatchLength, () => run.KeyHolder.Receive(bad));

        run.CompleteFrom(terms);
    }

    [Fact]
    public void Evaluator_EncryptedBitsAnnouncingAnotherBatchLength_IsRefusedAsWrongBatchLength()
    {
        var run = Start();
        var bits = run.KeyHolder.Receive(run.First);
        var bad = bits.Clone();
        bad.BatchSize = 2;

        AssertRefused(ProtocolFailure.WrongBatchLength, () => run.Evaluator.Receive(bad));

        run.CompleteFromKeyHolder(bits);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Evaluator_RevealedBitsOfTheWrongLength_IsRefusedAsWrongBatchLength(int bytes)
    {
        var run = Start();
        var outputs = run.Evaluator.Receive(run.KeyHolder.Receive(run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!))!;
        var revealed = run.KeyHolder.Receive(outputs);
        var bad = revealed.Clone();
        bad.RevealedBits.Bits = ByteString.CopyFrom(new byte[bytes]);

        AssertRefused(ProtocolFailure.WrongBatchLength, () => run.Evaluator.Receive(bad));

        run.CompleteFromKeyHolder(revealed);
    }

    [Fact]
    public void KeyHolder_BatchAboveItsLimit_IsRefusedAsBatchTooLarge()
    {
        var keyHolder = new ComparisonKeyHolder(_harness.Settings, _harness.Paillier.PrivateKey, _harness.Dgk, RandomSource.Secure, maxBatchSize: 2);
        var run = Start();

        AssertRefused(ProtocolFailure.BatchTooLarge, () => keyHolder.Receive(run.First));

        // Unchanged: a batch within the limit still runs.
        var (x, y) = _harness.Encrypt(s_pairs[..2]);
        var evaluator = _harness.NewEvaluator();
        InMemoryTransport.Run(evaluator, keyHolder, evaluator.Start(x, y, ComparisonOutputMode.PlaintextToEvaluator));
        Assert.Equal([true, false], evaluator.Results);
    }

    // ---- inputs and the decryption-oracle guard ----

    [Theory]
    [InlineData(-1L)]
    [InlineData(1L << Bits)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Encrypt_InputOutsideRange_IsRefusedBeforeEncryption(long value)
        => AssertRefused(ProtocolFailure.OutOfRange, () => SecureComparisonInput.Encrypt(_harness.PublicKey, value, _harness.Settings, RandomSource.Secure));

    [Theory]
    [InlineData(0L)]
    [InlineData((1L << Bits) - 1)]
    public void Encrypt_InputAtTheEdgesOfTheRange_IsEncrypted(long value)
        => Assert.Equal(value, (long)_harness.Paillier.PrivateKey.DecryptSigned(SecureComparisonInput.Encrypt(_harness.PublicKey, value, _harness.Settings, RandomSource.Secure)));

    [Theory]
    [InlineData(0)] // one bit above the three announced slots
    [InlineData(200)]
    [InlineData(-1)] // n − 1: the largest residue
    public void KeyHolder_PackedPlaintextBeyondTheAnnouncedSlots_IsRefusedAsOutOfRange(int extraBits)
    {
        var run = Start();
        var key = _harness.PublicKey;
        var slotBits = (int)run.First.BlindedDifferences.SlotBits;
        var plaintext = extraBits < 0
            ? key.Backend.Subtract(key.N, key.Backend.One)
            : key.Backend.FromBigInteger(BigInteger.One << ((s_pairs.Length * slotBits) + extraBits));
        var bad = run.First.Clone();
        bad.BlindedDifferences.PackedCiphertexts = ByteString.CopyFrom(key.Encrypt(plaintext, RandomSource.Secure).ToBytes());

        AssertRefused(ProtocolFailure.OutOfRange, () => run.KeyHolder.Receive(bad));
        Assert.Equal(0, run.KeyHolder.BatchSize);

        run.CompleteFrom(run.First);
    }

    [Theory]
    [InlineData(8L)] // bit 3 set: a fourth item in a batch of three
    [InlineData(2L + 16L)]
    [InlineData(-1L)] // n − 1
    public void KeyHolder_MaskedOutputNotOneBitPerItem_IsRefusedAsOutOfRange(long chosen)
    {
        var run = Start();
        var outputs = run.Evaluator.Receive(run.KeyHolder.Receive(run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!))!;
        var key = _harness.PublicKey;
        var plaintext = chosen < 0 ? key.Backend.Subtract(key.N, key.Backend.One) : key.Backend.FromInt64(chosen);
        var bad = outputs.Clone();
        bad.MaskedOutputs.PackedCiphertexts = ByteString.CopyFrom(key.Encrypt(plaintext, RandomSource.Secure).ToBytes());

        AssertRefused(ProtocolFailure.OutOfRange, () => run.KeyHolder.Receive(bad));
        Assert.False(run.KeyHolder.IsCompleted);

        run.CompleteFrom(outputs);
    }

    [Fact]
    public void KeyHolder_MaskedOutputOfChosenBitsWithinRange_IsAnsweredWithExactlyThoseBits()
    {
        // The guard's boundary: a plaintext of one bit per item passes (B cannot tell it from ρ-masked bits).
        var run = Start();
        var outputs = run.Evaluator.Receive(run.KeyHolder.Receive(run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!))!;
        var key = _harness.PublicKey;
        var forged = outputs.Clone();
        forged.MaskedOutputs.PackedCiphertexts = ByteString.CopyFrom(key.Encrypt(key.Backend.FromInt64(0b101), RandomSource.Secure).ToBytes());

        var revealed = run.KeyHolder.Receive(forged);

        Assert.Equal([0b101], revealed.RevealedBits.Bits.ToByteArray());
    }

    // ---- helpers ----

    private ComparisonRun Start(ComparisonOutputMode mode = ComparisonOutputMode.PlaintextToEvaluator)
    {
        var (x, y) = _harness.Encrypt(s_pairs);
        var evaluator = _harness.NewEvaluator();
        return new ComparisonRun(_harness, evaluator, _harness.NewKeyHolder(), evaluator.Start(x, y, mode), mode);
    }

    private void AssertFirstMessageRefused(ComparisonEvaluator evaluator, ProtocolFailure expected, PaillierPublicKey? evaluatorKey = null)
    {
        var key = evaluatorKey ?? _harness.PublicKey;
        var x = s_pairs.Select(p => SecureComparisonInput.Encrypt(key, p.X, _harness.Settings, RandomSource.Secure)).ToList();
        var y = s_pairs.Select(p => SecureComparisonInput.Encrypt(key, p.Y, _harness.Settings, RandomSource.Secure)).ToList();
        var first = evaluator.Start(x, y, ComparisonOutputMode.PlaintextToEvaluator);
        var run = Start();

        AssertRefused(expected, () => run.KeyHolder.Receive(first));

        run.CompleteFrom(run.First);
    }

    private static ByteString Corrupt(ByteString field, int length, Corruption corruption, BigNumber factor)
    {
        var bytes = field.ToByteArray();
        var first = bytes.AsSpan(0, length);
        switch (corruption)
        {
            case Corruption.Zero:
                first.Clear();
                return ByteString.CopyFrom(bytes);
            case Corruption.AtLeastModulus:
                first.Fill(0xFF);
                return ByteString.CopyFrom(bytes);
            case Corruption.NotUnit:
                factor.WriteBigEndian(first);
                return ByteString.CopyFrom(bytes);
            case Corruption.OneByteShort:
                return ByteString.CopyFrom(bytes, 0, bytes.Length - 1);
            case Corruption.OneByteLong:
                return ByteString.CopyFrom([.. bytes, 0]);
            case Corruption.OneCiphertextTooFew:
                return ByteString.CopyFrom(bytes, length, bytes.Length - length);
            default:
                return ByteString.CopyFrom([.. bytes, .. bytes.AsSpan(0, length)]);
        }
    }

    private static void AssertRefused(ProtocolFailure expected, Action action) => AssertFailure(expected, Record.Exception(action));

    private static void AssertRefused(ProtocolFailure expected, Func<object?> action) => AssertFailure(expected, Record.Exception(action));

    private static void AssertFailure(ProtocolFailure expected, Exception? exception)
    {
        var protocol = Assert.IsType<ProtocolException>(exception);
        Assert.Equal(expected, protocol.Failure);
        Assert.False(string.IsNullOrWhiteSpace(protocol.Message), "A refusal says why.");
    }

    /// <summary>One batch stepped by hand, so a test can inject a bad message at any point and then resume.</summary>
    private sealed record ComparisonRun(ComparisonHarness Harness, ComparisonEvaluator Evaluator, ComparisonKeyHolder KeyHolder, ComparisonMessage First, ComparisonOutputMode Mode)
    {
        /// <summary>Continues the run by giving B <paramref name="toKeyHolder"/> and checks the results.</summary>
        public void CompleteFrom(ComparisonMessage toKeyHolder)
        {
            InMemoryTransport.Run(Evaluator, KeyHolder, toKeyHolder);
            Check();
        }

        /// <summary>Continues the run by giving A <paramref name="toEvaluator"/> and checks the results.</summary>
        public void CompleteFromKeyHolder(ComparisonMessage toEvaluator)
        {
            var next = Evaluator.Receive(toEvaluator);
            if (next is not null)
            {
                InMemoryTransport.Run(Evaluator, KeyHolder, next);
            }

            Check();
        }

        private void Check()
        {
            Assert.True(Evaluator.IsCompleted);
            Assert.True(KeyHolder.IsCompleted);
            var expected = s_pairs.Select(p => p.X >= p.Y);
            Assert.Equal(expected, Mode == ComparisonOutputMode.PlaintextToEvaluator ? Evaluator.Results : Evaluator.EncryptedResults.Select(Harness.DecryptBit));
        }
    }
}
