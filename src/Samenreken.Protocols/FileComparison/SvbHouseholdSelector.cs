using Google.Protobuf;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Protocols.FileComparison.Wire;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.FileComparison;

/// <summary>
/// SVB's part of the file comparison (the evaluator; docs/pilot-run.md). A sans-I/O state machine:
/// <list type="number">
/// <item><see cref="CreateRequest"/>: the distinct member ids of all households, sorted (the order reveals no household).</item>
/// <item><see cref="Receive(IncomeResponse)"/>: checks UWV's answer and builds each household's income on ciphertexts,
/// [income] = Π [part_i]^c_i · (1 + constant·n) mod n², beside norm − 1 (SVB's own plaintext, never encrypted).</item>
/// <item><see cref="StartNextBatch"/> / <see cref="Receive(EngineMessage)"/>: the secure comparison
/// [norm − 1 ≥ income] = [income &lt; norm] in batches of <see cref="BatchSize"/>, a fresh run of the chosen engine per
/// batch (<see cref="ComparisonEngine"/>: DGK/Veugen or the garbled circuit), plaintext output to SVB only.</item>
/// </list>
/// SVB never holds a plaintext part or income; it learns one bit per household (art. 5a). A refused message leaves
/// the state unchanged.
/// </summary>
public sealed class SvbHouseholdSelector
{
    /// <summary>Households per comparison run.</summary>
    public const int DefaultBatchSize = 1024;

    private readonly ComparisonSettings _settings;
    private readonly PaillierPublicKey _paillier;
    private readonly DgkPublicKey? _dgk;
    private readonly HouseholdFormula[] _households;
    private readonly RandomSource _random;
    private readonly string[] _personIds;
    private readonly bool[] _personBelowAowAge;
    private readonly bool[] _selected;
    private Stage _stage = Stage.Ready;
    private ByteString _requestId = ByteString.Empty;
    private PaillierCiphertext[] _incomes = [];
    private long[] _normsMinusOne = [];
    private IComparisonEvaluatorRun? _evaluator;
    private IComparisonEvaluatorSession? _session;
    private int _nextBatch;

    /// <param name="settings">The comparison parameters (l, κ); every income and norm must lie below 2^l.</param>
    /// <param name="paillier">UWV's Paillier public key.</param>
    /// <param name="dgk">UWV's DGK public key (the DGK engine only; null for the garbled circuit).</param>
    /// <param name="households">The households to evaluate; the result is index-aligned with them.</param>
    /// <param name="maxPartCents">The public bound on one per-person part; with it every income must stay below 2^l.</param>
    /// <param name="random">The CSPRNG.</param>
    /// <param name="batchSize">Households per comparison run.</param>
    /// <param name="maxSupplementCents">The public upper bound on one single supplement.</param>
    /// <param name="engine">The comparison engine; both parties must use the same.</param>
    public SvbHouseholdSelector(
        ComparisonSettings settings,
        PaillierPublicKey paillier,
        DgkPublicKey? dgk,
        IReadOnlyList<HouseholdFormula> households,
        long maxPartCents,
        RandomSource random,
        int batchSize = DefaultBatchSize,
        long maxSupplementCents = 0,
        ComparisonEngineKind engine = ComparisonEngine.Default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(paillier);
        if (engine == ComparisonEngineKind.Dgk)
        {
            ArgumentNullException.ThrowIfNull(dgk);
        }

        ArgumentNullException.ThrowIfNull(households);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPartCents);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSupplementCents);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfZero(households.Count, nameof(households));
        var bound = (Int128)1 << settings.ComparisonBits;
        if (households.Any(h => h is null || h.MaximumIncome(maxPartCents, maxSupplementCents) >= bound || h.NormCents > bound))
        {
            throw new ArgumentOutOfRangeException(nameof(households), $"Every household's largest income and norm must fit the comparison's {settings.ComparisonBits} bits.");
        }

        _settings = settings;
        _paillier = paillier;
        _dgk = dgk;
        _households = [.. households];
        _random = random;
        BatchSize = batchSize;
        Engine = engine;
        _personIds = [.. households.SelectMany(h => h.MemberIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var below = new HashSet<string>(households.SelectMany(h => h.MemberIds.Where((_, i) => h.BelowAowAge[i])), StringComparer.Ordinal);
        _personBelowAowAge = [.. _personIds.Select(below.Contains)];
        _selected = new bool[households.Count];
    }

    private enum Stage
    {
        Ready,
        AwaitingIncomes,
        Comparing,
        AwaitingComparison,
        Completed,
    }

    public int BatchSize { get; }

    /// <summary>The engine every comparison batch runs on.</summary>
    public ComparisonEngineKind Engine { get; }

    public int HouseholdCount => _households.Length;

    /// <summary>Distinct persons asked of UWV.</summary>
    public int PersonCount => _personIds.Length;

    /// <summary>
    /// Comparisons run: the households, padded with dummy comparisons up to the number of persons asked. The batch
    /// sizes are visible to UWV; padded, they tell it only the number of persons it already knows, not how many
    /// households those persons form (art. 5b: no household composition). The dummies cost at most one comparison
    /// per person.
    /// </summary>
    public int ComparisonCount => Math.Max(_households.Length, _personIds.Length);

    public int BatchCount => (ComparisonCount + BatchSize - 1) / BatchSize;

    /// <summary>True once incomes are in and a batch remains to be started.</summary>
    public bool HasNextBatch => _stage == Stage.Comparing && _nextBatch < BatchCount;

    public bool IsCompleted => _stage == Stage.Completed;

    /// <summary>Per household (in constructor order): income &lt; norm. Available once completed.</summary>
    public IReadOnlyList<bool> Selected
        => _stage == Stage.Completed ? _selected : throw new InvalidOperationException("The selection has not completed.");

    /// <summary>Step 1: the request for UWV, with a fresh request id.</summary>
    public IncomeRequest CreateRequest()
    {
        if (_stage != Stage.Ready)
        {
            throw new InvalidOperationException("The request was already created.");
        }

        var request = SvbComparisonInputs.CreateRequest(_personIds, _random, _personBelowAowAge);
        _requestId = request.RequestId;
        _stage = Stage.AwaitingIncomes;
        return request;
    }

    /// <summary>
    /// Step 2: validates UWV's answer (request id, key, count, every ciphertext) and builds the household incomes on
    /// ciphertexts. Throws <see cref="ProtocolException"/> and keeps waiting on a bad answer.
    /// </summary>
    public void Receive(IncomeResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (_stage != Stage.AwaitingIncomes)
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, $"An income response is not expected while {_stage}.");
        }

        var parts = SvbComparisonInputs.ReadParts(_requestId, _personIds.Length, response, _paillier);
        var index = new Dictionary<string, int>(_personIds.Length, StringComparer.Ordinal);
        for (var i = 0; i < _personIds.Length; i++)
        {
            index[_personIds[i]] = i;
        }

        (_normsMinusOne, _incomes) = SvbComparisonInputs.Build(
            _settings, _paillier, _households, ComparisonCount - _households.Length, id => parts[index[id]], _random);
        _stage = Stage.Comparing;
    }

    /// <summary>
    /// Opens the run's engine session (the garbled engine's base OTs, once for all batches): the message for UWV, or
    /// null when the engine needs none. Without a session every garbled batch opens base OTs of its own.
    /// </summary>
    public EngineMessage? OpenSession()
    {
        if (_session is not null)
        {
            throw new InvalidOperationException("The session was opened already.");
        }

        _session = ComparisonEngineSessions.NewEvaluatorSession(Engine, _settings, _paillier, _dgk, _random);
        return _session.Open();
    }

    /// <summary>UWV's reply to <see cref="OpenSession"/>.</summary>
    public void AcceptSession(EngineMessage reply)
        => (_session ?? throw new InvalidOperationException("No session is being opened.")).Accept(reply);

    /// <summary>Step 3: a fresh run of the engine for the next batch (offline randomness, then step 1); returns its first message.</summary>
    public EngineMessage StartNextBatch()
    {
        if (!HasNextBatch)
        {
            throw new InvalidOperationException(_stage == Stage.AwaitingComparison ? "The current batch has not completed." : "No batch is ready to start.");
        }

        var start = _nextBatch * BatchSize;
        var count = Math.Min(BatchSize, ComparisonCount - start);
        var evaluator = _session is { IsEstablished: true } session
            ? session.NewRun(count, (ulong)_nextBatch)
            : ComparisonEngine.NewEvaluatorRun(Engine, _settings, _paillier, _dgk, _random, count);
        var message = evaluator.Start(
            new ArraySegment<long>(_normsMinusOne, start, count),
            new ArraySegment<PaillierCiphertext>(_incomes, start, count));
        _evaluator = evaluator;
        _stage = Stage.AwaitingComparison;
        return message;
    }

    /// <summary>Consumes UWV's comparison message; returns the next one, or null when the batch is done.</summary>
    public EngineMessage? Receive(EngineMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_stage != Stage.AwaitingComparison || _evaluator is null)
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, $"A comparison message is not expected while {_stage}.");
        }

        var next = _evaluator.Receive(message);
        if (next is not null)
        {
            return next;
        }

        var results = _evaluator.Results;
        var start = _nextBatch * BatchSize;
        for (var k = 0; k < results.Count && start + k < _selected.Length; k++)
        {
            _selected[start + k] = results[k];
        }

        _evaluator = null;
        _nextBatch++;
        _stage = _nextBatch < BatchCount ? Stage.Comparing : Stage.Completed;
        if (_stage == Stage.Completed)
        {
            // Drop the household ciphertexts once they have served.
            _incomes = [];
            _normsMinusOne = [];
        }

        return null;
    }
}
