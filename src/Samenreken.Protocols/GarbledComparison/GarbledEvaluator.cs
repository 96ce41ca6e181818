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
/// Party A of the garbled comparison (in the pilot: SVB): holds ciphertexts [y] under B's key and x, as ciphertexts
/// or as its own plaintexts, blinds and packs the differences (step 1, as in the DGK engine), receives the labels of
/// its blinding bits by oblivious transfer, evaluates B's garbled circuits and alone decodes x ≥ y. A sans-I/O state
/// machine: Start yields the first message, <see cref="Receive"/> consumes B's reply and yields the next, until
/// <see cref="IsCompleted"/>. A refused message leaves the state unchanged.
/// </summary>
public sealed class GarbledEvaluator
{
    private readonly GarbledSession _session;
    private readonly RandomSource _random;
    private readonly GarbledEvaluatorChoices _choices;
    private readonly RandomizerPool<PaillierRandomizer> _paillierRandomizers;
    private readonly GarbledEvaluatorSession? _run;
    private readonly ulong _otBatch;
    private SimplestOtSender? _baseOt;
    private Stage _stage = Stage.Ready;
    private ByteString _sessionId = ByteString.Empty;
    private int _count;
    private UInt128[] _blinds = [];
    private UInt128[] _ownLabels = [];
    private bool[]? _results;

    public GarbledEvaluator(ComparisonSettings settings, PaillierPublicKey paillier, RandomSource random, AesBackend? aes = null)
        : this(settings, paillier, random, aes, GarbledEvaluatorChoices.Sound)
    {
    }

    /// <summary>An evaluator with the given choices: the privacy tests inject a broken twin to show they detect it.</summary>
    internal GarbledEvaluator(ComparisonSettings settings, PaillierPublicKey paillier, RandomSource random, AesBackend? aes, GarbledEvaluatorChoices choices)
    {
        ArgumentNullException.ThrowIfNull(random);
        _session = new GarbledSession(settings, paillier, aes ?? AesBackend.Default);
        _random = random;
        ArgumentNullException.ThrowIfNull(choices);
        _choices = choices;
        _paillierRandomizers = new RandomizerPool<PaillierRandomizer>(() => paillier.NewRandomizer(random));
    }

    /// <summary>A batch of a run session: no base OTs of its own; its OT extension is number <paramref name="otBatch"/> of the session's seeds.</summary>
    internal GarbledEvaluator(GarbledEvaluatorSession run, ulong otBatch)
        : this(run.Settings, run.Paillier, run.Random, run.Aes, GarbledEvaluatorChoices.Sound)
    {
        _run = run;
        _otBatch = otBatch;
    }

    private enum Stage
    {
        Ready,
        AwaitingBaseOtResponse,
        AwaitingGarbledCircuits,
        Completed,
    }

    public bool IsCompleted => _stage == Stage.Completed;

    public int BatchSize => _count;

    /// <summary>x_k ≥ y_k, once completed.</summary>
    public IReadOnlyList<bool> Results => _results ?? throw new InvalidOperationException("The comparison has not completed.");

    /// <summary>The AES backend garbling and OT run on.</summary>
    public AesBackend AesBackend => _session.Aes;

    /// <summary>The blinding values r_k (test-only: A's view for the privacy tests).</summary>
    internal IReadOnlyList<UInt128> Blinds => _blinds;

    /// <summary>Offline phase: the Paillier randomizers of the packed ciphertexts and the base-OT sender's a, a·G, a·(a·G).</summary>
    public void PrecomputeRandomness(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _session.Paillier.Precompute();
        _paillierRandomizers.Fill(BlindingSteps.PackedCount(batchSize, _session.SlotsPerCiphertext));
        _baseOt = _run is null ? SimplestOtSender.Create(_random) : null;
    }

    /// <summary>Round 1 (step 1): blinds x_k − y_k + 2^l, packs it, and opens the base OTs. Inputs must lie in [0, 2^l).</summary>
    public GarbledComparisonMessage Start(IReadOnlyList<PaillierCiphertext> x, IReadOnlyList<PaillierCiphertext> y)
        => Start(StepOneInputs.Encrypted(_stage != Stage.Ready, x, y));

    /// <summary>Round 1 with x as A's own plaintexts in [0, 2^l) (SVB's norms): the same message, computed with fewer multiplications.</summary>
    public GarbledComparisonMessage Start(IReadOnlyList<long> x, IReadOnlyList<PaillierCiphertext> y)
        => Start(StepOneInputs.Plain(_stage != Stage.Ready, x, y, _session.Settings));

    private GarbledComparisonMessage Start(StepOneInputs inputs)
    {
        var count = inputs.Count;
        var settings = _session.Settings;
        var blindBits = _choices.BlindBits(settings);
        var blinds = BlindingSteps.DrawBlinds(count, blindBits, _random);
        var packed = BlindingSteps.BlindAndPack(_session.Paillier, inputs, blinds, settings, _session.SlotsPerCiphertext, _paillierRandomizers);

        var sessionId = new byte[RunRules.SessionIdBytes];
        _random.Fill(sessionId);
        var batch = new BlindedBatch
        {
            Parameters = _session.Parameters,
            SlotBits = (uint)settings.SlotBits,
            SlotsPerCiphertext = (uint)_session.SlotsPerCiphertext,
            PackedCiphertexts = CiphertextCodec.Write(packed, _session.Paillier.CiphertextBytes),
        };
        _sessionId = ByteString.CopyFrom(sessionId);
        _count = count;
        _blinds = blinds;
        if (_run is null)
        {
            _baseOt ??= SimplestOtSender.Create(_random);
            batch.BaseOtSenderPoint = ByteString.CopyFrom(_baseOt.Message);
            _stage = Stage.AwaitingBaseOtResponse;
        }
        else
        {
            // A run session: the base OTs are done, so the OT extension travels with step 1 (one round trip per batch).
            batch.OtBatch = _otBatch;
            batch.OtColumns = UnsafeByteOperations.UnsafeWrap(ExtendOts(_run.Seeds0, _run.Seeds1, _otBatch));
            _stage = Stage.AwaitingGarbledCircuits;
        }

        return new GarbledComparisonMessage { SessionId = _sessionId, BatchSize = (uint)count, BlindedBatch = batch };
    }

    /// <summary>Consumes B's message and returns the next one for B, or null when the run is complete.</summary>
    public GarbledComparisonMessage? Receive(GarbledComparisonMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_stage == Stage.Ready)
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, "The message does not belong to this run.");
        }

        RunRules.CheckFollowUp(message.SessionId, message.BatchSize, _sessionId, _count);

        return (_stage, message.BodyCase) switch
        {
            (Stage.AwaitingBaseOtResponse, GarbledComparisonMessage.BodyOneofCase.BaseOtResponse) => OnBaseOtResponse(message.BaseOtResponse),
            (Stage.AwaitingGarbledCircuits, GarbledComparisonMessage.BodyOneofCase.GarbledCircuits) => OnGarbledCircuits(message.GarbledCircuits),
            _ => throw new ProtocolException(ProtocolFailure.UnexpectedMessage, $"A {message.BodyCase} message is not expected while {_stage}."),
        };
    }

    /// <summary>Round 3 (step 3): base-OT keys from B's points, then IKNP with A's choice bits r mod 2^(l+1).</summary>
    private GarbledComparisonMessage OnBaseOtResponse(BaseOtResponse body)
    {
        var seeds0 = new UInt128[IknpExtension.BaseOts];
        var seeds1 = new UInt128[IknpExtension.BaseOts];
        if (!_baseOt!.TryDeriveKeys(body.ReceiverPoints.Span, seeds0, seeds1))
        {
            throw new ProtocolException(ProtocolFailure.InvalidCiphertext, "receiver_points: not 128 valid P-256 points.");
        }

        seeds1 = _choices.SecondBaseOtKeys(seeds0, seeds1);
        var columns = ExtendOts(seeds0, seeds1, 0);
        _baseOt = null;
        _stage = Stage.AwaitingGarbledCircuits;
        return Reply(new GarbledComparisonMessage { OtExtension = new OtExtension { Columns = UnsafeByteOperations.UnsafeWrap(columns) } });
    }

    /// <summary>IKNP with A's choice bits r mod 2^(l+1): keeps A's labels t_j, returns the columns u for B.</summary>
    private byte[] ExtendOts(ReadOnlySpan<UInt128> seeds0, ReadOnlySpan<UInt128> seeds1, ulong nonce)
    {
        var width = _session.Width;
        var m = _session.OtCount(_count);

        // Choice j is bit j mod (l + 1) of item j / (l + 1)'s input; the padding up to m chooses 0.
        var inputs = Array.ConvertAll(_blinds, _session.CircuitInput);
        var choices = GarbledSession.PackBits(m, j => j < _count * width && (inputs[j / width] & (1UL << (j % width))) != 0);

        var columns = new byte[IknpExtension.ColumnBytes(m)];
        var rows = new UInt128[m];
        IknpExtension.Receive(_session.Aes, seeds0, seeds1, nonce, choices, columns, rows);
        _ownLabels = rows[..(_count * width)];
        return columns;
    }

    /// <summary>Round 4 (step 4): evaluates every item's circuit and decodes its output with B's decoding bit.</summary>
    private GarbledComparisonMessage? OnGarbledCircuits(GarbledCircuits body)
    {
        var width = _session.Width;
        var tables = GarbledSession.LabelsFromBytes(body.Tables, _count * ComparisonCircuit.TableBlocks(width), "tables");
        var garblerLabels = GarbledSession.LabelsFromBytes(body.GarblerLabels, _count * width, "garbler_labels");
        var decoding = GarbledSession.UnpackBits(body.DecodingBits, _count, "decoding_bits");

        var output = new UInt128[_count];
        ComparisonCircuit.Evaluate(_session.Hash, width, garblerLabels, _ownLabels, tables, output, GarbledKeyHolderSession.FirstGate(_run is not null, _otBatch));
        _results = [.. Enumerable.Range(0, _count).Select(k => ((output[k] & UInt128.One) == UInt128.One) ^ decoding[k])];
        _ownLabels = [];
        _blinds = [];
        _stage = Stage.Completed;

        return _choices.AfterDecoding(output) is { } after ? Reply(after) : null;
    }

    private GarbledComparisonMessage Reply(GarbledComparisonMessage message)
    {
        message.SessionId = _sessionId;
        message.BatchSize = (uint)_count;
        return message;
    }

    /// <summary>
    /// <b>Secret</b> (the blinds r): the state of a run-session batch waiting for B's circuits, for a node that must
    /// survive a crash; it seals it. A labels are not part of it: <see cref="GarbledEvaluatorSession.ResumeBatch"/>
    /// expands them again from the session's seeds.
    /// </summary>
    public byte[] ExportState()
    {
        if (_run is null || _stage != Stage.AwaitingGarbledCircuits)
        {
            throw new InvalidOperationException("Only a started, unfinished batch of a run session has a state to export.");
        }

        return new EvaluatorBatchState
        {
            SessionId = _sessionId,
            BatchSize = (uint)_count,
            OtBatch = _otBatch,
            Blinds = GarbledSession.LabelsToBytes(_blinds),
        }.ToByteArray();
    }

    /// <summary>Resumes a run-session batch from <see cref="ExportState"/>: the blinds, and A's labels expanded again.</summary>
    internal void Resume(EvaluatorBatchState state)
    {
        if (state.SessionId.Length != RunRules.SessionIdBytes || state.BatchSize < 1 || state.OtBatch != _otBatch)
        {
            throw new ProtocolException(ProtocolFailure.MalformedMessage, "The batch state is not one of this session's batches.");
        }

        _count = (int)state.BatchSize;
        _sessionId = state.SessionId;
        _blinds = GarbledSession.LabelsFromBytes(state.Blinds, _count, "blinds");
        ExtendOts(_run!.Seeds0, _run.Seeds1, _otBatch);
        _stage = Stage.AwaitingGarbledCircuits;
    }
}
