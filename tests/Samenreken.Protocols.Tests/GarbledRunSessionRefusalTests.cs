using Google.Protobuf;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.GarbledComparison;
using Samenreken.Protocols.GarbledComparison.Wire;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.Tests;

/// <summary>
/// The refusals of the garbled engine's run sessions, on the concrete session types: each refused opening, reply or
/// stored state leaves the session as it was (the genuine message is accepted after it), and each names its failure.
/// </summary>
public sealed class GarbledRunSessionRefusalTests
{
    private readonly EngineHarness _harness = new(32);

    private GarbledEvaluatorSession NewA() => new(_harness.Settings, _harness.Keys.PublicKey, RandomSource.Secure, _harness.Aes);

    private GarbledKeyHolderSession NewB() => new(_harness.Settings, _harness.Keys.Paillier.PrivateKey, RandomSource.Secure, _harness.Aes);

    [Fact]
    public void EvaluatorSession_RefusesWhatComesBeforeItsOpening()
    {
        var a = NewA();

        Assert.Equal(ProtocolFailure.UnexpectedMessage, Refused(() => a.Accept(new GarbledComparisonMessage { SessionAccept = new SessionAccept() })));
        Assert.Throws<InvalidOperationException>(() => a.OpenMessage());
        Assert.Throws<InvalidOperationException>(() => a.NewBatch(0));
        Assert.False(a.IsEstablished);
    }

    [Fact]
    public void EvaluatorSession_RefusesAForeignWrongOrInvalidReply_AndThenAcceptsTheGenuineOne()
    {
        var a = NewA();
        var open = a.Open();
        Assert.Equal(open, a.OpenMessage());
        var reply = NewB().Accept(open);

        Assert.Equal(ProtocolFailure.WrongSession, Refused(() => a.Accept(With(reply, m => m.SessionId = ByteString.CopyFrom(new byte[16])))));
        Assert.Equal(ProtocolFailure.UnexpectedMessage, Refused(() => a.Accept(With(reply, m => m.SessionOpen = new SessionOpen()))));
        Assert.Equal(ProtocolFailure.InvalidCiphertext, Refused(() => a.Accept(With(reply, m => m.SessionAccept.ReceiverPoints = ByteString.CopyFrom(m.SessionAccept.ReceiverPoints.Span[1..])))));
        Assert.False(a.IsEstablished);

        a.Accept(reply);
        Assert.True(a.IsEstablished);
        Assert.Equal(ProtocolFailure.UnexpectedMessage, Refused(() => a.Accept(reply))); // accepted once
    }

    [Fact]
    public void EvaluatorSession_StartsEachBatchNumberOnce()
    {
        var (a, _) = Established();
        Assert.NotNull(a.NewBatch(3));
        Assert.NotNull(a.NewBatch(4));

        var twice = Assert.Throws<InvalidOperationException>(() => a.NewBatch(3));
        Assert.Contains("Batch 3", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyHolderSession_RefusesEveryBadOpening_AndThenAcceptsTheGenuineOne()
    {
        var b = NewB();
        var open = NewA().Open();

        Assert.Equal(ProtocolFailure.UnexpectedMessage, Refused(() => b.NewBatch(16)));
        Assert.Equal(ProtocolFailure.UnexpectedMessage, Refused(() => b.Accept(With(open, m => m.BatchSize = 1))));
        Assert.Equal(ProtocolFailure.UnexpectedMessage, Refused(() => b.Accept(With(open, m => m.SessionAccept = new SessionAccept()))));
        Assert.Equal(ProtocolFailure.WrongSession, Refused(() => b.Accept(With(open, m => m.SessionId = ByteString.CopyFrom(new byte[15])))));
        Assert.Equal(ProtocolFailure.ParameterMismatch, Refused(() => b.Accept(With(open, m => m.SessionOpen.Parameters.LabelBits = 64))));
        Assert.Equal(ProtocolFailure.InvalidCiphertext, Refused(() => b.Accept(With(open, m => m.SessionOpen.BaseOtSenderPoint = ByteString.CopyFrom(new byte[33])))));
        Assert.False(b.IsEstablished);

        var reply = b.Accept(open);
        Assert.True(b.IsEstablished);
        Assert.Equal(open.SessionId, reply.SessionId);
        Assert.Equal(128 * 33, reply.SessionAccept.ReceiverPoints.Length);
        Assert.NotNull(b.NewBatch(16));
    }

    [Fact]
    public void KeyHolderSession_DrawsAnOddDelta_EveryTime()
    {
        // Free XOR with point-and-permute needs lsb(Δ) = 1; a Δ drawn without it is even half the time.
        for (var i = 0; i < 12; i++)
        {
            var b = NewB();
            b.Accept(NewA().Open());
            Assert.Equal(UInt128.One, b.Delta & UInt128.One);
            Assert.Equal(1, KeyHolderSessionState.Parser.ParseFrom(b.ExportState()).Delta[0] & 1);
        }
    }

    [Fact]
    public void KeyHolderSession_ResumesOnlyAValidState()
    {
        var (_, b) = Established();
        var state = KeyHolderSessionState.Parser.ParseFrom(b.ExportState());
        var resumed = Resume(state);
        Assert.True(resumed.IsEstablished);
        Assert.Equal(b.Delta, resumed.Delta);

        Assert.Equal(ProtocolFailure.MalformedMessage, Refused(() => Resume(With(state, s => s.Delta = ByteString.CopyFrom(s.Delta.Span[1..])))));
        Assert.Equal(ProtocolFailure.MalformedMessage, Refused(() => Resume(With(state, s => s.Delta = ByteString.CopyFrom([(byte)(s.Delta[0] & 0xfe), .. s.Delta.Span[1..]])))));
        Assert.Equal(ProtocolFailure.WrongBatchLength, Refused(() => Resume(With(state, s => s.ChosenSeeds = ByteString.CopyFrom(s.ChosenSeeds.Span[16..])))));
        Assert.Equal(ProtocolFailure.MalformedMessage, Refused(() => GarbledKeyHolderSession.Resume(_harness.Settings, _harness.Keys.Paillier.PrivateKey, RandomSource.Secure, [0xff, 0xff], _harness.Aes)));
    }

    [Fact]
    public void EvaluatorSession_ResumesMidOpening_WithTheSameOpening_OrRefusesAnInvalidScalar()
    {
        var a = NewA();
        var open = a.Open();
        var state = EvaluatorSessionState.Parser.ParseFrom(a.ExportState());
        Assert.Equal(32, state.BaseOtSecret.Length);

        var resumed = ResumeA(state);
        Assert.Equal(open, resumed.OpenMessage());
        resumed.Accept(NewB().Accept(open));
        Assert.True(resumed.IsEstablished);

        Assert.Equal(ProtocolFailure.MalformedMessage, Refused(() => ResumeA(With(state, s => s.BaseOtSecret = ByteString.CopyFrom(new byte[32])))));
    }

    [Fact]
    public void EvaluatorSession_ResumedAfterItsBaseOts_NeedsBothSeedSets()
    {
        var (a, _) = Established();
        var state = EvaluatorSessionState.Parser.ParseFrom(a.ExportState());
        Assert.Equal(0, state.BaseOtSecret.Length);
        Assert.True(ResumeA(state).IsEstablished);

        Assert.Equal(ProtocolFailure.WrongBatchLength, Refused(() => ResumeA(With(state, s => s.Seeds0 = ByteString.CopyFrom(s.Seeds0.Span[16..])))));
        Assert.Equal(ProtocolFailure.WrongBatchLength, Refused(() => ResumeA(With(state, s => s.Seeds1 = ByteString.Empty))));
    }

    [Fact]
    public void BatchState_OfAnotherBatchOrShape_IsRefused()
    {
        var (a, _) = Established();
        var (x, y) = _harness.Keys.Encrypt([(1, 2), (4, 3)]);
        var evaluator = a.NewBatch(6);
        evaluator.PrecomputeRandomness(2);
        evaluator.Start(x, y);
        var state = EvaluatorBatchState.Parser.ParseFrom(evaluator.ExportState());
        Assert.Equal(2, a.ResumeBatch(state.ToByteArray()).BatchSize);

        Assert.Equal(ProtocolFailure.MalformedMessage, Refused(() => a.ResumeBatch(With(state, s => s.SessionId = ByteString.CopyFrom(new byte[15])).ToByteArray())));
        Assert.Equal(ProtocolFailure.MalformedMessage, Refused(() => a.ResumeBatch(With(state, s => s.BatchSize = 0).ToByteArray())));
        var blinds = Assert.Throws<ProtocolException>(() => a.ResumeBatch(With(state, s => s.BatchSize = 3).ToByteArray()));
        Assert.Equal(ProtocolFailure.WrongBatchLength, blinds.Failure);
        Assert.StartsWith("blinds holds ", blinds.Message, StringComparison.Ordinal);
        Assert.Equal(ProtocolFailure.MalformedMessage, Refused(() => a.ResumeBatch([0xff, 0xff])));
        var notStarted = Assert.Throws<InvalidOperationException>(() => a.NewBatch(7).ExportState()); // not started: nothing to export
        Assert.Equal("Only a started, unfinished batch of a run session has a state to export.", notStarted.Message);

        // A batch of one item is a batch: its state resumes.
        var (x1, y1) = _harness.Keys.Encrypt([(4, 5)]);
        var single = a.NewBatch(8);
        single.Start(x1, y1);
        Assert.Equal(1, a.ResumeBatch(single.ExportState()).BatchSize);
    }

    [Fact]
    public void SessionBatch_WithColumnsOfTheWrongLength_IsRefusedBeforeAnyDecryption()
    {
        var (a, b) = Established();
        var (x, y) = _harness.Keys.Encrypt([(1, 2), (4, 3)]);
        var first = a.NewBatch(2).Start(x, y);
        var keyHolder = b.NewBatch(16, 2);

        var refusal = Assert.Throws<ProtocolException>(() => keyHolder.Receive(With(first, m => m.BlindedBatch.OtColumns = ByteString.CopyFrom(m.BlindedBatch.OtColumns.Span[1..]))));

        Assert.Equal(ProtocolFailure.WrongBatchLength, refusal.Failure);
        Assert.StartsWith("columns holds ", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, keyHolder.DecryptionsServed);
        Assert.NotNull(keyHolder.Receive(first)); // the twin: the genuine batch is served
    }

    [Fact]
    public void SessionBatches_AreRefusedForTheirOwnBaseOts_AnotherBatchNumber_OrABatchNumberServedBefore_SayingWhich()
    {
        var (a, b) = Established();
        var (x, y) = _harness.Keys.Encrypt([(1, 2)]);

        var standalone = new GarbledEvaluator(_harness.Settings, _harness.Keys.PublicKey, RandomSource.Secure, _harness.Aes).Start(x, y);
        Assert.Equal("base_ot_sender_point in a run session: its base OTs are done.", RefusalText(() => b.NewBatch(16).Receive(standalone)));

        var third = a.NewBatch(3).Start(x, y);
        Assert.Equal("ot_batch 3 is not this batch's (4).", RefusalText(() => b.NewBatch(16, 4).Receive(third)));

        Assert.NotNull(b.NewBatch(16, 3).Receive(third));
        var replayer = GarbledEvaluatorSession.Resume(_harness.Settings, _harness.Keys.PublicKey, RandomSource.Secure, a.ExportState(), _harness.Aes);
        var again = replayer.NewBatch(3).Start(x, y);
        var replayed = b.NewBatch(16);
        Assert.Equal("ot_batch 3 was used in this session already: an OT extension is served once.", RefusalText(() => replayed.Receive(again)));
        Assert.Equal(0, replayed.DecryptionsServed); // refused before anything is decrypted
    }

    [Fact]
    public void SessionBatch_RefusedAtItsDecryption_DoesNotUseUpItsBatchNumber()
    {
        var (a, b) = Established();
        var (x, y) = _harness.Keys.Encrypt([(1, 2), (4, 3)]);
        var first = a.NewBatch(5).Start(x, y);
        var keyHolder = b.NewBatch(16, 5);

        // A packed ciphertext of 0: every slot is 0, which no blinded difference is.
        var zero = _harness.Keys.PublicKey.Encrypt(_harness.Keys.PublicKey.Backend.Zero, RandomSource.Secure);
        var refusal = Assert.Throws<ProtocolException>(() => keyHolder.Receive(With(first, m => m.BlindedBatch.PackedCiphertexts = CiphertextCodec.Write([zero], _harness.Keys.PublicKey.CiphertextBytes))));

        Assert.Equal(ProtocolFailure.OutOfRange, refusal.Failure);
        Assert.NotNull(keyHolder.Receive(first)); // the genuine batch 5 is still served
        Assert.Equal("ot_batch 5 was used in this session already: an OT extension is served once.", RefusalText(() => b.NewBatch(16).Receive(first)));
    }

    private static string RefusalText(Func<object?> action) => Assert.Throws<ProtocolException>(action).Message;

    private (GarbledEvaluatorSession A, GarbledKeyHolderSession B) Established()
    {
        var a = NewA();
        var b = NewB();
        a.Accept(b.Accept(a.Open()));
        return (a, b);
    }

    private GarbledKeyHolderSession Resume(KeyHolderSessionState state)
        => GarbledKeyHolderSession.Resume(_harness.Settings, _harness.Keys.Paillier.PrivateKey, RandomSource.Secure, state.ToByteArray(), _harness.Aes);

    private GarbledEvaluatorSession ResumeA(EvaluatorSessionState state)
        => GarbledEvaluatorSession.Resume(_harness.Settings, _harness.Keys.PublicKey, RandomSource.Secure, state.ToByteArray(), _harness.Aes);

    private static T With<T>(T message, Action<T> change)
        where T : IMessage<T>, IDeepCloneable<T>
    {
        var copy = message.Clone();
        change(copy);
        return copy;
    }

    private static ProtocolFailure Refused(Action action) => Said(Assert.Throws<ProtocolException>(action));

    private static ProtocolFailure Refused(Func<object?> action) => Said(Assert.Throws<ProtocolException>(action));

    private static ProtocolFailure Said(ProtocolException refusal)
    {
        Assert.False(string.IsNullOrWhiteSpace(refusal.Message), "A refusal says why.");
        return refusal.Failure;
    }
}
