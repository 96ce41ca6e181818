using System.Numerics;
using Google.Protobuf;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.PackedBlinding;
using Samenreken.Protocols.SecureComparison.Wire;

namespace Samenreken.Protocols.SecureComparison;

/// <summary>
/// Party A of the secure comparison (in the pilot: SVB). Holds ciphertexts [y] under B's key and x, as ciphertexts or
/// as its own plaintexts, and learns [x ≥ y] (or, in <see cref="ComparisonOutputMode.PlaintextToEvaluator"/>, the
/// bit). A sans-I/O state machine: Start yields the first message, <see cref="Receive"/> consumes B's reply and yields the next,
/// until <see cref="IsCompleted"/>. A refused message leaves the state unchanged.
/// </summary>
public sealed partial class ComparisonEvaluator
{
    private readonly ComparisonSession _session;
    private readonly RandomSource _random;
    private readonly EvaluatorBlinding _blinding;
    private readonly RandomizerPool<DgkRandomizer> _dgkRandomizers;
    private readonly RandomizerPool<PaillierRandomizer> _paillierRandomizers;
    private Stage _stage = Stage.Ready;
    private ByteString _sessionId = ByteString.Empty;
    private ComparisonOutputMode _mode;
    private UInt128[] _blinds = [];
    private bool[] _deltaA = [];
    private bool[] _rho = [];
    private PaillierCiphertext[] _highParts = [];
    private ByteString _highPartsWire = ByteString.Empty; // as B sent them, for ExportState
    private PaillierCiphertext[]? _encryptedResults;
    private bool[]? _results;

    public ComparisonEvaluator(ComparisonSettings settings, PaillierPublicKey paillier, DgkPublicKey dgk, RandomSource random)
        : this(settings, paillier, dgk, random, new EvaluatorBlinding(random))
    {
    }

    /// <summary>The evaluator with its random choices made by <paramref name="blinding"/> (tests inject broken twins).</summary>
    internal ComparisonEvaluator(ComparisonSettings settings, PaillierPublicKey paillier, DgkPublicKey dgk, RandomSource random, EvaluatorBlinding blinding)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(blinding);
        _blinding = blinding;
        _session = new ComparisonSession(settings, paillier, dgk);
        _random = random;
        _dgkRandomizers = new RandomizerPool<DgkRandomizer>(() => dgk.NewRandomizer(random));
        _paillierRandomizers = new RandomizerPool<PaillierRandomizer>(() => paillier.NewRandomizer(random));
    }

    private enum Stage
    {
        Ready,
        AwaitingEncryptedBits,
        AwaitingZeroTestResults,
        AwaitingRevealedBits,
        Completed,
    }

    public bool IsCompleted => _stage == Stage.Completed;

    public int BatchSize => _blinds.Length;

    /// <summary>[x_k ≥ y_k] under B's Paillier key, once completed (both output modes).</summary>
    public IReadOnlyList<PaillierCiphertext> EncryptedResults
        => _encryptedResults ?? throw new InvalidOperationException("The comparison has not completed.");

    /// <summary>x_k ≥ y_k, once completed in <see cref="ComparisonOutputMode.PlaintextToEvaluator"/>.</summary>
    public IReadOnlyList<bool> Results
        => _results ?? throw new InvalidOperationException("No plaintext results: the run has not completed in PlaintextToEvaluator mode.");

    /// <summary>
    /// Offline phase: computes the randomizers a batch of <paramref name="batchSize"/> will use (l + 1 DGK
    /// randomizers per item and one Paillier randomizer per packed ciphertext), before the inputs are known.
    /// </summary>
    public void PrecomputeRandomness(int batchSize, ComparisonOutputMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _session.Dgk.Precompute();
        _session.Paillier.Precompute();
        _dgkRandomizers.Fill(batchSize * _session.TermsPerItem);
        var paillierCount = ComparisonSession.PackedCount(batchSize, _session.SlotsPerCiphertext);
        if (mode == ComparisonOutputMode.PlaintextToEvaluator)
        {
            paillierCount += ComparisonSession.PackedCount(batchSize, _session.BitSlotsPerCiphertext);
        }

        _paillierRandomizers.Fill(paillierCount);
    }

    /// <summary>Step 1 (message 1, BlindedDifferences): blinds x_k − y_k + 2^l, packs and sends it. The inputs must lie in [0, 2^l) (see <see cref="SecureComparisonInput"/>).</summary>
    public ComparisonMessage Start(IReadOnlyList<PaillierCiphertext> x, IReadOnlyList<PaillierCiphertext> y, ComparisonOutputMode mode)
        => Start(StepOneInputs.Encrypted(_stage != Stage.Ready, x, y), mode);

    /// <summary>Step 1 with x as A's own plaintexts in [0, 2^l) (SVB's norms): the same message, computed with fewer multiplications.</summary>
    public ComparisonMessage Start(IReadOnlyList<long> x, IReadOnlyList<PaillierCiphertext> y, ComparisonOutputMode mode)
        => Start(StepOneInputs.Plain(_stage != Stage.Ready, x, y, _session.Settings), mode);

    private ComparisonMessage Start(StepOneInputs inputs, ComparisonOutputMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode));
        }

        var key = _session.Paillier;
        var l = _session.Bits;
        var count = inputs.Count;
        var blinds = new UInt128[count];
        var deltaA = new bool[count];
        var blindBits = l + _session.Settings.StatisticalSecurity;
        for (var k = 0; k < count; k++)
        {
            blinds[k] = _blinding.AdditiveBlind(blindBits);
            deltaA[k] = _blinding.DeltaA();
        }

        var slots = _session.SlotsPerCiphertext;
        var packed = BlindingSteps.BlindAndPack(key, inputs, blinds, _session.Settings, slots, _paillierRandomizers);

        var sessionId = new byte[16];
        _random.Fill(sessionId);
        var message = new ComparisonMessage
        {
            SessionId = ByteString.CopyFrom(sessionId),
            BatchSize = (uint)count,
            BlindedDifferences = new BlindedDifferences
            {
                Parameters = _session.Parameters,
                OutputMode = (OutputMode)mode,
                SlotBits = (uint)_session.Settings.SlotBits,
                SlotsPerCiphertext = (uint)slots,
                PackedCiphertexts = CiphertextCodec.Write(packed, key.CiphertextBytes),
            },
        };

        _sessionId = message.SessionId;
        _mode = mode;
        _blinds = blinds;
        _deltaA = deltaA;
        _stage = Stage.AwaitingEncryptedBits;
        return message;
    }

    /// <summary>Consumes B's message and returns the next one for B, or null when the run is complete.</summary>
    public ComparisonMessage? Receive(ComparisonMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_stage == Stage.Ready)
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, "The message does not belong to this run.");
        }

        RunRules.CheckFollowUp(message.SessionId, message.BatchSize, _sessionId, BatchSize);

        return (_stage, message.BodyCase) switch
        {
            (Stage.AwaitingEncryptedBits, ComparisonMessage.BodyOneofCase.EncryptedBits) => OnEncryptedBits(message.EncryptedBits),
            (Stage.AwaitingZeroTestResults, ComparisonMessage.BodyOneofCase.ZeroTestResults) => OnZeroTestResults(message.ZeroTestResults),
            (Stage.AwaitingRevealedBits, ComparisonMessage.BodyOneofCase.RevealedBits) => OnRevealedBits(message.RevealedBits),
            _ => throw new ProtocolException(ProtocolFailure.UnexpectedMessage, $"A {message.BodyCase} message is not expected while {_stage}."),
        };
    }

    /// <summary>Steps 3–4 (message 3, MaskedTerms): builds the blinded, shuffled DGK terms from B's bit encryptions.</summary>
    private ComparisonMessage OnEncryptedBits(EncryptedBits body)
    {
        var count = BatchSize;
        var l = _session.Bits;
        var dgk = _session.Dgk;
        var highParts = CiphertextCodec.ReadPaillier(body.HighParts, count, _session.Paillier, "high_parts");
        var bits = CiphertextCodec.ReadDgk(body.BitCiphertexts, count * l, dgk, "bit_ciphertexts");

        var terms = new FreshDgkCiphertext[count * _session.TermsPerItem];
        var alphaMask = (UInt128.One << l) - 1;
        Parallel.For(0, count, k =>
        {
            var alpha = (ulong)(_blinds[k] & alphaMask);
            var itemTerms = VeugenSteps.Terms(dgk, bits.AsSpan(k * l, l), alpha, _deltaA[k]);
            VeugenSteps.BlindAndShuffle(dgk, itemTerms, _blinding, _dgkRandomizers, terms.AsSpan(k * _session.TermsPerItem, _session.TermsPerItem));
        });

        _highParts = highParts;
        _highPartsWire = body.HighParts;
        _stage = Stage.AwaitingZeroTestResults;
        return Reply(new ComparisonMessage { MaskedTerms = new MaskedTerms { TermCiphertexts = CiphertextCodec.Write(terms, dgk.CiphertextBytes) } });
    }

    /// <summary>Steps 6–7 (message 5, MaskedOutputs, in plaintext mode): [x ≥ y] per item; in plaintext mode also the masked, packed output bits.</summary>
    private ComparisonMessage? OnZeroTestResults(ZeroTestResults body)
    {
        var count = BatchSize;
        var key = _session.Paillier;
        var deltaB = CiphertextCodec.ReadPaillier(body.ResultCiphertexts, count, key, "result_ciphertexts");
        var l = _session.Bits;
        var results = new PaillierCiphertext[count];
        Parallel.For(0, count, k => results[k] = VeugenSteps.Combine(key, _highParts[k], deltaB[k], _blinds[k] >> l, _deltaA[k]));
        _encryptedResults = results;
        _highParts = [];
        _highPartsWire = ByteString.Empty;

        if (_mode == ComparisonOutputMode.EncryptedToEvaluator)
        {
            _stage = Stage.Completed;
            return null;
        }

        var rho = new bool[count];
        for (var k = 0; k < count; k++)
        {
            rho[k] = _blinding.OutputMask();
        }

        var masked = new PaillierCiphertext[count];
        Parallel.For(0, count, k => masked[k] = VeugenSteps.MaskOutputBit(key, results[k], rho[k]));
        var slots = _session.BitSlotsPerCiphertext;
        var packed = new FreshPaillierCiphertext[ComparisonSession.PackedCount(count, slots)];
        Parallel.For(0, packed.Length, p =>
        {
            var start = p * slots;
            packed[p] = VeugenSteps.PackOutputBits(key, masked.AsSpan(start, System.Math.Min(slots, count - start)), _paillierRandomizers.Take());
        });

        _rho = rho;
        _stage = Stage.AwaitingRevealedBits;
        return Reply(new ComparisonMessage
        {
            MaskedOutputs = new MaskedOutputs { SlotsPerCiphertext = (uint)slots, PackedCiphertexts = CiphertextCodec.Write(packed, key.CiphertextBytes) },
        });
    }

    /// <summary>Step 7, end: unmasks the revealed bits.</summary>
    private ComparisonMessage? OnRevealedBits(RevealedBits body)
    {
        var count = BatchSize;
        if (body.Bits.Length != (count + 7) / 8)
        {
            throw new ProtocolException(ProtocolFailure.WrongBatchLength, $"Revealed bits hold {body.Bits.Length} bytes; {(count + 7) / 8} were expected.");
        }

        var bytes = body.Bits.Span;
        var results = new bool[count];
        for (var k = 0; k < count; k++)
        {
            var masked = ((bytes[k >> 3] >> (k & 7)) & 1) != 0;
            results[k] = masked ^ _rho[k];
        }

        _results = results;
        _stage = Stage.Completed;
        return null;
    }

    private ComparisonMessage Reply(ComparisonMessage message)
    {
        message.SessionId = _sessionId;
        message.BatchSize = (uint)BatchSize;
        return message;
    }
}
