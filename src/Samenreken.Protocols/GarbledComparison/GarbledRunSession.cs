using System.Buffers.Binary;
using Google.Protobuf;
using Samenreken.Cryptography.Garbling;
using Samenreken.Cryptography.ObliviousTransfer;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.GarbledComparison.Wire;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.GarbledComparison;

/// <summary>
/// A's side of a run session of the garbled comparison: the 128 base OTs done once per run (<see cref="Open"/>,
/// <see cref="Accept"/>), after which every batch (<see cref="NewBatch"/>) extends them with its own counter block and
/// takes one round trip instead of two. Thread-safe for concurrent batches.
/// </summary>
public sealed class GarbledEvaluatorSession
{
    private readonly Lock _lock = new();
    private readonly HashSet<ulong> _batches = [];
    private readonly GarbledSession _session;
    private ByteString _sessionId = ByteString.Empty;
    private SimplestOtSender? _opener;
    private UInt128[] _seeds0 = [];
    private UInt128[] _seeds1 = [];

    public GarbledEvaluatorSession(ComparisonSettings settings, PaillierPublicKey paillier, RandomSource random, AesBackend? aes = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        _session = new GarbledSession(settings, paillier, aes ?? AesBackend.Default);
        Random = random;
    }

    /// <summary>Whether the base OTs are done and batches may start.</summary>
    public bool IsEstablished => _seeds0.Length == IknpExtension.BaseOts;

    internal ComparisonSettings Settings => _session.Settings;

    internal PaillierPublicKey Paillier => _session.Paillier;

    internal AesBackend Aes => _session.Aes;

    internal RandomSource Random { get; }

    internal UInt128[] Seeds0 => _seeds0;

    internal UInt128[] Seeds1 => _seeds1;

    /// <summary>Opens the session: the base-OT sender's point S = a·G, once.</summary>
    public GarbledComparisonMessage Open()
    {
        if (_opener is not null || IsEstablished)
        {
            throw new InvalidOperationException("This session was opened already.");
        }

        _opener = SimplestOtSender.Create(Random);
        var id = new byte[RunRules.SessionIdBytes];
        Random.Fill(id);
        _sessionId = ByteString.CopyFrom(id);
        return OpenMessage();
    }

    /// <summary>The opening message again (a host resending it after a crash sends the same bytes).</summary>
    public GarbledComparisonMessage OpenMessage()
        => new()
        {
            SessionId = _sessionId,
            SessionOpen = new SessionOpen
            {
                Parameters = _session.Parameters,
                BaseOtSenderPoint = ByteString.CopyFrom((_opener ?? throw new InvalidOperationException("The session is not being opened.")).Message),
            },
        };

    /// <summary>B's points: both seeds of every base OT. A refused reply leaves the session unchanged.</summary>
    public void Accept(GarbledComparisonMessage reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (_opener is null)
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, "No session opening is waiting for a reply.");
        }

        if (reply.SessionId != _sessionId)
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, "The reply does not belong to this session.");
        }

        if (reply.BodyCase != GarbledComparisonMessage.BodyOneofCase.SessionAccept)
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, $"A {reply.BodyCase} message is not expected while the session opens.");
        }

        var seeds0 = new UInt128[IknpExtension.BaseOts];
        var seeds1 = new UInt128[IknpExtension.BaseOts];
        if (!_opener.TryDeriveKeys(reply.SessionAccept.ReceiverPoints.Span, seeds0, seeds1))
        {
            throw new ProtocolException(ProtocolFailure.InvalidCiphertext, "receiver_points: not 128 valid P-256 points.");
        }

        (_seeds0, _seeds1, _opener) = (seeds0, seeds1, null);
    }

    /// <summary>A's run for batch <paramref name="batch"/> of the run; each batch number once per session (its OT counter block).</summary>
    public GarbledEvaluator NewBatch(ulong batch)
    {
        RequireEstablished();
        lock (_lock)
        {
            if (!_batches.Add(batch))
            {
                throw new InvalidOperationException($"Batch {batch} used this session's OTs already; a batch is resumed, not started twice.");
            }
        }

        return new GarbledEvaluator(this, batch);
    }

    /// <summary>A run-session batch again, from <see cref="GarbledEvaluator.ExportState"/>; it resends its stored first message.</summary>
    public GarbledEvaluator ResumeBatch(ReadOnlySpan<byte> state)
    {
        RequireEstablished();
        var parsed = SessionStates.Parse(EvaluatorBatchState.Parser, state, "batch");
        lock (_lock)
        {
            _batches.Add(parsed.OtBatch);
        }

        var evaluator = new GarbledEvaluator(this, parsed.OtBatch);
        evaluator.Resume(parsed);
        return evaluator;
    }

    /// <summary><b>Secret</b>: the scalar a while opening, then both seeds of every base OT. A node seals it.</summary>
    public byte[] ExportState()
        => new EvaluatorSessionState
        {
            SessionId = _sessionId,
            BaseOtSecret = _opener is null ? ByteString.Empty : ByteString.CopyFrom(_opener.ExportSecret()),
            Seeds0 = GarbledSession.LabelsToBytes(_seeds0),
            Seeds1 = GarbledSession.LabelsToBytes(_seeds1),
        }.ToByteArray();

    /// <summary>A session from <see cref="ExportState"/>, under the same settings and key.</summary>
    public static GarbledEvaluatorSession Resume(ComparisonSettings settings, PaillierPublicKey paillier, RandomSource random, ReadOnlySpan<byte> state, AesBackend? aes = null)
    {
        var parsed = SessionStates.Parse(EvaluatorSessionState.Parser, state, "session");
        var session = new GarbledEvaluatorSession(settings, paillier, random, aes) { _sessionId = parsed.SessionId };
        if (parsed.BaseOtSecret.Length != 0)
        {
            session._opener = SimplestOtSender.TryImport(parsed.BaseOtSecret.Span, out var opener)
                ? opener
                : throw new ProtocolException(ProtocolFailure.MalformedMessage, "The session state holds no valid base-OT scalar.");
        }
        else
        {
            session._seeds0 = GarbledSession.LabelsFromBytes(parsed.Seeds0, IknpExtension.BaseOts, "seeds0");
            session._seeds1 = GarbledSession.LabelsFromBytes(parsed.Seeds1, IknpExtension.BaseOts, "seeds1");
        }

        return session;
    }

    private void RequireEstablished()
    {
        if (!IsEstablished)
        {
            throw new InvalidOperationException("The session's base OTs are not done: Open and Accept first.");
        }
    }
}

/// <summary>
/// B's side of a run session: answers the base OTs once with the bits of a fresh Δ (lsb 1), then garbles every batch
/// under that Δ with its own OT counter block and gate tweaks, each batch number once. Thread-safe for concurrent batches.
/// </summary>
public sealed class GarbledKeyHolderSession
{
    private readonly Lock _lock = new();
    private readonly HashSet<ulong> _batches = [];
    private readonly GarbledSession _session;
    private ByteString _sessionId = ByteString.Empty;

    public GarbledKeyHolderSession(ComparisonSettings settings, PaillierPrivateKey paillier, RandomSource random, AesBackend? aes = null)
    {
        ArgumentNullException.ThrowIfNull(paillier);
        ArgumentNullException.ThrowIfNull(random);
        _session = new GarbledSession(settings, paillier.PublicKey, aes ?? AesBackend.Default);
        PrivateKey = paillier;
        Random = random;
    }

    public bool IsEstablished => ChosenSeeds.Length == IknpExtension.BaseOts;

    internal ComparisonSettings Settings => _session.Settings;

    internal PaillierPrivateKey PrivateKey { get; }

    internal AesBackend Aes => _session.Aes;

    internal RandomSource Random { get; }

    internal UInt128 Delta { get; private set; }

    internal UInt128[] ChosenSeeds { get; private set; } = [];

    /// <summary>
    /// The first gate tweak of a batch: a run session garbles all its batches under one Δ, so each batch's gates get
    /// their own tweaks (batch · 2^32; a batch has fewer than 2^32 gates). A batch with its own session starts at 0.
    /// </summary>
    internal static ulong FirstGate(bool inRunSession, ulong otBatch) => inRunSession ? otBatch << 32 : 0;

    /// <summary>Answers A's opening: R_i = Δ_i·S + b_i·G. Once per session; a refused message leaves it unchanged.</summary>
    public GarbledComparisonMessage Accept(GarbledComparisonMessage open)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (IsEstablished)
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, "This session's base OTs are done; it is opened once.");
        }

        if (open.BodyCase != GarbledComparisonMessage.BodyOneofCase.SessionOpen || open.BatchSize != 0)
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, $"A {open.BodyCase} message does not open a session.");
        }

        RunRules.CheckOpening(open.SessionId, 1, 1);
        if (!_session.Parameters.Equals(open.SessionOpen.Parameters))
        {
            throw new ProtocolException(ProtocolFailure.ParameterMismatch, "The evaluator's parameters or key differ from the key holder's.");
        }

        Span<byte> bytes = stackalloc byte[16];
        Random.Fill(bytes);
        var delta = BinaryPrimitives.ReadUInt128LittleEndian(bytes) | UInt128.One;
        var receiver = SimplestOtReceiver.Create(IknpExtension.BaseOts, Random);
        if (!receiver.TryRespond(open.SessionOpen.BaseOtSenderPoint.Span, delta, out var points, out var seeds))
        {
            throw new ProtocolException(ProtocolFailure.InvalidCiphertext, "base_ot_sender_point: not a valid P-256 point.");
        }

        (_sessionId, Delta, ChosenSeeds) = (open.SessionId, delta, seeds);
        return new GarbledComparisonMessage { SessionId = _sessionId, SessionAccept = new SessionAccept { ReceiverPoints = UnsafeByteOperations.UnsafeWrap(points) } };
    }

    /// <summary>B's run for one batch; <paramref name="otBatch"/>, when given, is the only OT counter block it accepts (a node names the batch of the plan).</summary>
    public GarbledKeyHolder NewBatch(int maxBatchSize, ulong? otBatch = null)
    {
        if (!IsEstablished)
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, "A batch before the run's session was opened.");
        }

        return new GarbledKeyHolder(this, maxBatchSize, otBatch);
    }

    /// <summary><b>Secret</b>: Δ and the chosen seeds. A node seals it; whoever holds it and A's labels decodes every wire.</summary>
    public byte[] ExportState()
    {
        var delta = new byte[16];
        BinaryPrimitives.WriteUInt128LittleEndian(delta, Delta);
        return new KeyHolderSessionState { SessionId = _sessionId, Delta = ByteString.CopyFrom(delta), ChosenSeeds = GarbledSession.LabelsToBytes(ChosenSeeds) }.ToByteArray();
    }

    /// <summary>
    /// A session from <see cref="ExportState"/>. The batches it served are not part of it: a node refuses a second
    /// request for a batch through its reply store, and names each batch's OT counter block.
    /// </summary>
    public static GarbledKeyHolderSession Resume(ComparisonSettings settings, PaillierPrivateKey paillier, RandomSource random, ReadOnlySpan<byte> state, AesBackend? aes = null)
    {
        var parsed = SessionStates.Parse(KeyHolderSessionState.Parser, state, "session");
        if (parsed.Delta.Length != 16 || (parsed.Delta.Span[0] & 1) == 0)
        {
            throw new ProtocolException(ProtocolFailure.MalformedMessage, "The session state holds no valid Δ.");
        }

        return new GarbledKeyHolderSession(settings, paillier, random, aes)
        {
            _sessionId = parsed.SessionId,
            Delta = BinaryPrimitives.ReadUInt128LittleEndian(parsed.Delta.Span),
            ChosenSeeds = GarbledSession.LabelsFromBytes(parsed.ChosenSeeds, IknpExtension.BaseOts, "chosen_seeds"),
        };
    }

    /// <summary>Claims a batch number for one OT extension; false when it was claimed before.</summary>
    internal bool TryClaim(ulong batch)
    {
        lock (_lock)
        {
            return _batches.Add(batch);
        }
    }

    /// <summary>Gives back the number of a batch that was refused before it was served.</summary>
    internal void Release(ulong batch)
    {
        lock (_lock)
        {
            _batches.Remove(batch);
        }
    }
}

internal static class SessionStates
{
    public static T Parse<T>(MessageParser<T> parser, ReadOnlySpan<byte> state, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(state);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ProtocolException(ProtocolFailure.MalformedMessage, $"The {what} state does not parse: {e.Message}");
        }
    }
}
