using System.Collections.Concurrent;
using System.Globalization;
using Google.Protobuf;
using Samenreken.Cryptography.Randomness;
using Samenreken.Nodes.Wire;
using Samenreken.Protocols;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Storage;

namespace Samenreken.Nodes.Uwv;

/// <summary>What UWV served for one comparison step, to store with its reply in one transaction.</summary>
internal sealed record ServedStep(byte[] Reply, byte[]? State, ReplyKind Kind, long Decryptions, long ZeroTests);

/// <summary>
/// UWV's comparison steps of a run, on the engine its announcement names, through the engine seam: the run's engine
/// session (opened once, its secret state sealed under the node key), then each batch's key-holder run (new at round
/// 1, else the live one or the one resumed from the state stored with the previous reply). The caller holds the batch's
/// gate, has answered repeats from the store, and stores what this returns.
/// </summary>
internal sealed class UwvComparisons(UwvKeys keys, UwvStore store, NodeSeal seal)
{
    private readonly ConcurrentDictionary<string, IComparisonKeyHolderSession> _sessions = new();
    private readonly ConcurrentDictionary<(string, uint), IComparisonKeyHolderRun> _holders = new();

    /// <summary>Rounds of a batch on <paramref name="engine"/>: DGK three (the last the reveal), a gc batch of a run session one.</summary>
    public static uint Rounds(ComparisonEngineKind engine) => engine == ComparisonEngineKind.Dgk ? 3u : 1u;

    /// <summary>The engine an announcement names; anything else is refused.</summary>
    public static ComparisonEngineKind EngineOf(RunAnnouncement plan)
        => ComparisonEngine.TryParse(plan.Engine, out var engine)
            ? engine
            : throw new ProtocolException(ProtocolFailure.ParameterMismatch, $"The run names no comparison engine this node serves (\"dgk\" or \"gc\"), but \"{plan.Engine}\".");

    /// <summary>Checks a step's round against the run's engine before anything is read.</summary>
    public static void CheckRound(ComparisonEngineKind engine, ComparisonStep step)
    {
        var opening = step.Round == 0 && step.Batch == 0 && engine != ComparisonEngineKind.Dgk;
        if (!opening && (step.Round < 1 || step.Round > Rounds(engine)))
        {
            throw new ProtocolException(
                ProtocolFailure.UnexpectedMessage,
                $"Round {step.Round} of batch {step.Batch} is not a round of the {ComparisonEngine.Name(engine)} comparison (1 to {Rounds(engine)}{(engine == ComparisonEngineKind.Dgk ? string.Empty : "; round 0 of batch 0 opens the session")}).");
        }
    }

    /// <summary>Serves one step: the session opening, or one round of a batch of <paramref name="size"/> comparisons.</summary>
    public ServedStep Serve(RunAnnouncement plan, ComparisonStep step, EngineMessage message, int size)
    {
        var engine = EngineOf(plan);
        NodeSteps.CheckBinding(message, step.RunId, step.Batch, step.Round);
        if (step.Round == 0)
        {
            var opening = ComparisonEngineSessions.NewKeyHolderSession(engine, ComparisonSettings.Default, keys.Paillier, keys.Dgk, RandomSource.Secure);
            var accept = NodeSteps.Bind(opening.Accept(message), step.RunId, step.Batch, step.Round);
            _sessions[plan.RunId] = opening;
            return new ServedStep(accept.ToByteArray(), seal.Seal(opening.ExportState(), SessionContext(plan.RunId)), ReplyKind.EngineSession, 0, 0);
        }

        if (ComparisonEngine.BatchSize(message) != (uint)size)
        {
            throw new ProtocolException(ProtocolFailure.WrongBatchLength, $"Batch {step.Batch} holds {size} comparisons in the plan; the message says {ComparisonEngine.BatchSize(message)}.");
        }

        var holder = Holder(plan, engine, step, size);

        // Out of the cache while it works: if the round fails after the holder moved on, the next attempt resumes
        // from the state stored with the previous reply.
        _holders.TryRemove((step.RunId, step.Batch), out _);
        var (decryptions, zeroTests) = (holder.DecryptionsServed, holder.ZeroTestsServed);
        var reply = NodeSteps.Bind(holder.Receive(message), step.RunId, step.Batch, step.Round);
        var state = holder.ExportState();
        if (state is not null)
        {
            _holders[(step.RunId, step.Batch)] = holder;
        }

        return new ServedStep(reply.ToByteArray(), state, ReplyKind.Comparison, holder.DecryptionsServed - decryptions, holder.ZeroTestsServed - zeroTests);
    }

    /// <summary>Drops what a step whose reply could not be stored left live (the next attempt resumes from the store).</summary>
    public void Forget(ComparisonStep step)
    {
        _holders.TryRemove((step.RunId, step.Batch), out _);
        if (step.Round == 0)
        {
            _sessions.TryRemove(step.RunId, out _);
        }
    }

    /// <summary>Drops a finished run's live session and key holders: its state is destroyed, nothing more is served for it.</summary>
    public void ForgetRun(string runId)
    {
        _sessions.TryRemove(runId, out _);
        foreach (var key in _holders.Keys.Where(k => k.Item1 == runId))
        {
            _holders.TryRemove(key, out _);
        }
    }

    /// <summary>Whether a key holder of a batch of <paramref name="runId"/> is live in memory, with its secrets.</summary>
    public bool HoldsKeyHolderOf(string runId) => _holders.Keys.Any(k => k.Item1 == runId);

    private IComparisonKeyHolderRun Holder(RunAnnouncement plan, ComparisonEngineKind engine, ComparisonStep step, int size)
    {
        var session = Session(plan, engine);
        if (step.Round == 1)
        {
            return session.NewRun(size, step.Batch);
        }

        if (_holders.TryGetValue((step.RunId, step.Batch), out var live))
        {
            return live;
        }

        var state = store.LoadHolderState(step.RunId, step.Batch)
            ?? throw new ProtocolException(ProtocolFailure.UnexpectedMessage, $"Round {step.Round} of batch {step.Batch} before its earlier rounds.");
        return session.ResumeRun(size, state);
    }

    /// <summary>The run's session: live, or unsealed from the store after a restart; a gc batch before the opening is refused.</summary>
    private IComparisonKeyHolderSession Session(RunAnnouncement plan, ComparisonEngineKind engine)
    {
        if (_sessions.TryGetValue(plan.RunId, out var live))
        {
            return live;
        }

        if (engine == ComparisonEngineKind.Dgk)
        {
            return _sessions.GetOrAdd(plan.RunId, _ => ComparisonEngineSessions.NewKeyHolderSession(engine, ComparisonSettings.Default, keys.Paillier, keys.Dgk, RandomSource.Secure));
        }

        var sealedState = store.LoadHolderState(plan.RunId, UwvStore.EngineSessionBatch)
            ?? throw new ProtocolException(ProtocolFailure.UnexpectedMessage, "A gc batch before the run's session was opened (round 0 of batch 0).");
        var state = seal.Open(sealedState, SessionContext(plan.RunId));
        try
        {
            return _sessions.GetOrAdd(plan.RunId, _ => ComparisonEngineSessions.ResumeKeyHolderSession(engine, ComparisonSettings.Default, keys.Paillier, keys.Dgk, RandomSource.Secure, state));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(state);
        }
    }

    private static string SessionContext(string runId) => string.Create(CultureInfo.InvariantCulture, $"uwv-engine-session/{runId}");
}
