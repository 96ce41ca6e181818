using System.Buffers.Binary;
using Google.Protobuf;
using Samenreken.Cryptography.Garbling;
using Samenreken.Cryptography.ObliviousTransfer;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.GarbledComparison.Wire;
using Samenreken.Protocols.PackedBlinding;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.GarbledComparison;

/// <summary>
/// Party B of the garbled comparison (in the pilot: UWV), the holder of the Paillier private key and the garbler. It
/// decrypts only the packed values of one announced batch, once, and checks their shape (step 2, as in the DGK
/// engine); it then garbles one comparison circuit per item, with the labels of A's inputs fixed by the correlated
/// OTs, and sends A the decoding bits. It never sees an output label. A sans-I/O state machine: <see cref="Receive"/>
/// consumes A's message and returns the reply. A refused message leaves it unchanged.
/// </summary>
public sealed class GarbledKeyHolder
{
    private readonly GarbledSession _session;
    private readonly PaillierPrivateKey _paillier;
    private readonly RandomSource _random;
    private readonly int _maxBatchSize;
    private readonly GarbledKeyHolderChoices _choices;
    private readonly GarbledKeyHolderSession? _run;
    private readonly ulong? _expectedOtBatch;
    private SimplestOtReceiver? _baseOt;
    private Stage _stage = Stage.AwaitingBlindedBatch;
    private ByteString _sessionId = ByteString.Empty;
    private int _count;
    private int _decryptions;
    private ulong[] _inputs = [];
    private UInt128 _delta;
    private UInt128[] _chosenSeeds = [];
    private bool[] _decodingBits = [];

    public GarbledKeyHolder(ComparisonSettings settings, PaillierPrivateKey paillier, RandomSource random, int maxBatchSize = 1 << 20, AesBackend? aes = null)
        : this(settings, paillier, random, maxBatchSize, aes, GarbledKeyHolderChoices.Sound)
    {
    }

    /// <summary>A garbler with the given choices: the privacy tests inject a broken twin to show they detect it.</summary>
    internal GarbledKeyHolder(ComparisonSettings settings, PaillierPrivateKey paillier, RandomSource random, int maxBatchSize, AesBackend? aes, GarbledKeyHolderChoices choices)
    {
        ArgumentNullException.ThrowIfNull(paillier);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _session = new GarbledSession(settings, paillier.PublicKey, aes ?? AesBackend.Default);
        _paillier = paillier;
        _random = random;
        _maxBatchSize = maxBatchSize;
        ArgumentNullException.ThrowIfNull(choices);
        _choices = choices;
    }

    /// <summary>A batch of a run session: one round, its OT extension number <paramref name="expectedOtBatch"/> (any unused one when null).</summary>
    internal GarbledKeyHolder(GarbledKeyHolderSession run, int maxBatchSize, ulong? expectedOtBatch)
        : this(run.Settings, run.PrivateKey, run.Random, maxBatchSize, run.Aes, GarbledKeyHolderChoices.Sound)
    {
        _run = run;
        _expectedOtBatch = expectedOtBatch;
    }

    private enum Stage
    {
        AwaitingBlindedBatch,
        AwaitingOtExtension,
        Completed,
    }

    public bool IsCompleted => _stage == Stage.Completed;

    /// <summary>The batch size announced by A, once the run started.</summary>
    public int BatchSize => _count;

    /// <summary>Paillier decryptions served in this run (for the audit trail).</summary>
    public int DecryptionsServed => _decryptions;

    /// <summary>The AES backend garbling and OT run on.</summary>
    public AesBackend AesBackend => _session.Aes;

    /// <summary>B's circuit inputs d_k mod 2^(l+1) (test-only: B's view).</summary>
    internal IReadOnlyList<ulong> CircuitInputs => _inputs;

    /// <summary>The output decoding bits B sent (test-only: B's view).</summary>
    internal IReadOnlyList<bool> DecodingBits => _decodingBits;

    /// <summary>Offline phase: the base-OT receiver's scalars b_i and points b_i·G.</summary>
    public void PrecomputeRandomness() => _baseOt = _run is null ? SimplestOtReceiver.Create(IknpExtension.BaseOts, _random) : null;

    /// <summary>Consumes A's message and returns the reply.</summary>
    public GarbledComparisonMessage Receive(GarbledComparisonMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_stage == Stage.Completed)
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, "This run is complete; a new batch needs a new run.");
        }

        if (_stage != Stage.AwaitingBlindedBatch)
        {
            RunRules.CheckFollowUp(message.SessionId, message.BatchSize, _sessionId, _count);
        }

        return (_stage, message.BodyCase) switch
        {
            (Stage.AwaitingBlindedBatch, GarbledComparisonMessage.BodyOneofCase.BlindedBatch) => OnBlindedBatch(message),
            (Stage.AwaitingOtExtension, GarbledComparisonMessage.BodyOneofCase.OtExtension) => OnOtExtension(message.OtExtension),
            _ => throw new ProtocolException(ProtocolFailure.UnexpectedMessage, $"A {message.BodyCase} message is not expected while {_stage}."),
        };
    }

    /// <summary>Round 2 (steps 2 and 3a): decrypts and checks the packed d, draws Δ, answers the base OTs with the bits of Δ.</summary>
    private GarbledComparisonMessage OnBlindedBatch(GarbledComparisonMessage message)
    {
        var body = message.BlindedBatch;
        var count = RunRules.CheckOpening(message.SessionId, message.BatchSize, _maxBatchSize);

        if (!_session.Parameters.Equals(body.Parameters))
        {
            throw new ProtocolException(ProtocolFailure.ParameterMismatch, "The evaluator's parameters or key differ from the key holder's.");
        }

        var slots = _session.SlotsPerCiphertext;
        if (body.SlotBits != (uint)_session.Settings.SlotBits || body.SlotsPerCiphertext != (uint)slots)
        {
            throw new ProtocolException(ProtocolFailure.ParameterMismatch, "The packing differs from the one the parameters imply.");
        }

        if (_run is not null)
        {
            return OnSessionBatch(message, count);
        }

        if (body.OtColumns.Length != 0)
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, "ot_columns outside a run session: this batch opens its own base OTs.");
        }

        // Δ: the free-XOR offset and, bit by bit, the choices of the base OTs (so the extended OTs come out correlated by Δ).
        var delta = _choices.Delta(RandomBlock());
        var baseOt = _baseOt ?? SimplestOtReceiver.Create(IknpExtension.BaseOts, _random);
        if (!baseOt.TryRespond(body.BaseOtSenderPoint.Span, delta, out var points, out var chosenSeeds))
        {
            throw new ProtocolException(ProtocolFailure.InvalidCiphertext, "base_ot_sender_point: not a valid P-256 point.");
        }

        DecryptInputs(message, count);
        _delta = delta;
        _chosenSeeds = chosenSeeds;
        _baseOt = null;
        _stage = Stage.AwaitingOtExtension;
        return Reply(new GarbledComparisonMessage { BaseOtResponse = new BaseOtResponse { ReceiverPoints = UnsafeByteOperations.UnsafeWrap(points) } });
    }

    /// <summary>Steps 2 and 3: B's circuit inputs d_k mod 2^(l+1), from the announced packed ciphertexts only; every decryption counted.</summary>
    private void DecryptInputs(GarbledComparisonMessage message, int count)
    {
        var slots = _session.SlotsPerCiphertext;
        var packed = CiphertextCodec.ReadPaillier(message.BlindedBatch.PackedCiphertexts, BlindingSteps.PackedCount(count, slots), _paillier.PublicKey, "packed_ciphertexts");
        UInt128[] blinded;
        try
        {
            blinded = BlindingSteps.DecryptAndCheck(_paillier, packed, count, _session.Settings, slots);
        }
        finally
        {
            _decryptions += packed.Length;
        }

        _sessionId = message.SessionId;
        _count = count;
        _inputs = [.. blinded.Select(_session.CircuitInput)];
    }

    /// <summary>A batch of a run session (steps 2 to 4 in one reply): the columns came with step 1, Δ and the seeds from the session.</summary>
    private GarbledComparisonMessage OnSessionBatch(GarbledComparisonMessage message, int count)
    {
        var body = message.BlindedBatch;
        if (body.BaseOtSenderPoint.Length != 0)
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, "base_ot_sender_point in a run session: its base OTs are done.");
        }

        if (_expectedOtBatch is { } expected && body.OtBatch != expected)
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, $"ot_batch {body.OtBatch} is not this batch's ({expected}).");
        }

        var m = _session.OtCount(count);
        CheckColumns(body.OtColumns, m);
        // Claimed before anything is decrypted, atomically (two requests for one batch may race); a batch refused
        // while it is decrypted gives its number back, so the refusal leaves the session as it was.
        if (!_run!.TryClaim(body.OtBatch))
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, $"ot_batch {body.OtBatch} was used in this session already: an OT extension is served once.");
        }

        try
        {
            DecryptInputs(message, count);
        }
        catch (ProtocolException)
        {
            _run.Release(body.OtBatch);
            throw;
        }

        return Garble(body.OtColumns, _run.ChosenSeeds, _run.Delta, body.OtBatch, GarbledKeyHolderSession.FirstGate(true, body.OtBatch));
    }

    private static void CheckColumns(ByteString columns, int m)
    {
        if (columns.Length != IknpExtension.ColumnBytes(m))
        {
            throw new ProtocolException(ProtocolFailure.WrongBatchLength, $"columns holds {columns.Length} bytes; {IknpExtension.ColumnBytes(m)} were expected for {m} OTs.");
        }
    }

    /// <summary>Round 4 (steps 3b and 4): the OT-extension rows fix A's zero-labels; garbles every item, sends tables, B's labels, decoding bits.</summary>
    private GarbledComparisonMessage OnOtExtension(OtExtension body)
    {
        CheckColumns(body.Columns, _session.OtCount(_count));
        return Garble(body.Columns, _chosenSeeds, _delta, 0, 0);
    }

    private GarbledComparisonMessage Garble(ByteString columns, UInt128[] chosenSeeds, UInt128 delta, ulong nonce, ulong firstGate)
    {
        var width = _session.Width;
        var m = _session.OtCount(_count);
        var rows = new UInt128[m];
        IknpExtension.Send(_session.Aes, chosenSeeds, delta, nonce, columns.Span, rows);
        var evaluatorZero = rows.AsSpan(0, _count * width);

        var garblerZero = new UInt128[_count * width];
        _choices.DrawGarblerZeroLabels(garblerZero, _random);

        var tables = new UInt128[_count * ComparisonCircuit.TableBlocks(width)];
        var outputZero = new UInt128[_count];
        ComparisonCircuit.Garble(_session.Hash, delta, width, garblerZero, evaluatorZero, tables, outputZero, firstGate);

        // B's active labels: the zero-label, ⊕ Δ where B's bit is 1 (a branch-free select).
        var garblerLabels = new UInt128[_count * width];
        for (var k = 0; k < _count; k++)
        {
            for (var i = 0; i < width; i++)
            {
                var bit = (UInt128)((_inputs[k] >> i) & 1);
                garblerLabels[(k * width) + i] = garblerZero[(k * width) + i] ^ ((UInt128.Zero - bit) & delta);
            }
        }

        var decoding = new bool[_count];
        for (var k = 0; k < _count; k++)
        {
            decoding[k] = (outputZero[k] & UInt128.One) == UInt128.One;
        }

        _decodingBits = decoding;
        _chosenSeeds = [];
        _delta = UInt128.Zero;
        _stage = Stage.Completed;
        return Reply(new GarbledComparisonMessage
        {
            GarbledCircuits = new GarbledCircuits
            {
                Tables = GarbledSession.LabelsToBytes(tables),
                GarblerLabels = GarbledSession.LabelsToBytes(garblerLabels),
                DecodingBits = ByteString.CopyFrom(GarbledSession.PackBits(_count, k => decoding[k])),
            },
        });
    }

    /// <summary><b>Secret</b>, for tests only: this batch's free-XOR offset, once drawn.</summary>
    internal UInt128 Delta => _delta;

    private UInt128 RandomBlock()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.Fill(bytes);
        return BinaryPrimitives.ReadUInt128LittleEndian(bytes);
    }

    private GarbledComparisonMessage Reply(GarbledComparisonMessage message)
    {
        message.SessionId = _sessionId;
        message.BatchSize = (uint)_count;
        return message;
    }
}
