using System.Globalization;
using System.Security.Cryptography;
using Google.Protobuf;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Nodes.Wire;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Storage;

namespace Samenreken.Nodes.Svb;

/// <summary>One comparison step sent to UWV; returns UWV's reply.</summary>
internal delegate Task<EngineMessage> CompareCall(ComparisonStep step, CancellationToken cancellation);

/// <summary>
/// SVB's comparison steps of a run, through the engine seam, on the engine the run's plan names: the run's engine
/// session (gc: the base OTs, once per run) and each batch, every step persisted sealed before its message leaves, so
/// a restarted node resends exactly the same bytes (UWV answers a repeat from its store) and nothing is lost.
/// </summary>
internal sealed class SvbComparisons(SvbStore store, NodeSeal seal)
{
    /// <summary>The batch number under which SVB keeps the run's engine-session state beside its batches.</summary>
    public const long SessionBatch = -1;

    private const int SessionOpening = 0;
    private const int SessionOpen = 1;

    /// <summary>The run's session: new (opened with UWV), or resumed from the sealed store at the step it reached.</summary>
    public async Task<IComparisonEvaluatorSession> OpenSessionAsync(
        string runId, ComparisonEngineKind engine, PaillierPublicKey paillier, DgkPublicKey dgk, CompareCall call, CancellationToken cancellation)
    {
        var settings = ComparisonSettings.Default;
        var stored = store.LoadBatchStep(runId, SessionBatch);
        IComparisonEvaluatorSession session;
        EngineMessage opening;
        if (stored is { } step)
        {
            var state = seal.Open(step.SealedState, SessionContext(runId, step.Round));
            try
            {
                session = ComparisonEngineSessions.ResumeEvaluatorSession(engine, settings, paillier, dgk, RandomSource.Secure, state);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(state);
            }

            if (step.Round == SessionOpen)
            {
                return session;
            }

            opening = EngineMessage.Parser.ParseFrom(step.Message);
        }
        else
        {
            session = ComparisonEngineSessions.NewEvaluatorSession(engine, settings, paillier, dgk, RandomSource.Secure);
            if (session.Open() is not { } open)
            {
                return session; // DGK: nothing to open
            }

            opening = NodeSteps.Bind(open, runId, 0, 0);
            Persist(runId, SessionBatch, SessionOpening, session.ExportState(), opening, SessionContext(runId, SessionOpening));
        }

        var reply = await call(new ComparisonStep { RunId = runId, Batch = 0, Round = 0, Message = opening.ToByteString() }, cancellation).ConfigureAwait(false);
        NodeSteps.CheckBinding(reply, runId, 0, 0);
        session.Accept(reply);
        Persist(runId, SessionBatch, SessionOpen, session.ExportState(), null, SessionContext(runId, SessionOpen));
        return session;
    }

    /// <summary>
    /// One batch: started from <paramref name="inputs"/> (or resumed from its sealed step), then one call per round
    /// until A holds the bits; returns x ≥ y per comparison. <paramref name="revealing"/> is told just before the last
    /// round (DGK's reveal, a gc batch's only round) is sent.
    /// </summary>
    public async Task<IReadOnlyList<bool>> RunBatchAsync(
        IComparisonEvaluatorSession session,
        string runId,
        int batch,
        int count,
        Func<(IReadOnlyList<long> X, IReadOnlyList<PaillierCiphertext> Y)> inputs,
        CompareCall call,
        Action revealing,
        CancellationToken cancellation)
    {
        var lastRound = Uwv.UwvComparisons.Rounds(session.Engine);
        IComparisonEvaluatorRun evaluator;
        EngineMessage message;
        int round;
        if (store.LoadBatchStep(runId, batch) is { } step)
        {
            round = step.Round;
            var state = seal.Open(step.SealedState, BatchContext(runId, batch, round));
            try
            {
                evaluator = session.ResumeRun(state);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(state);
            }

            message = EngineMessage.Parser.ParseFrom(step.Message);
        }
        else
        {
            var (x, y) = inputs();
            evaluator = session.NewRun(count, (ulong)batch);
            message = NodeSteps.Bind(evaluator.Start(x, y), runId, (uint)batch, 1);
            round = 1;
            Persist(runId, batch, round, evaluator.ExportState(), message, BatchContext(runId, batch, round));
        }

        while (true)
        {
            if (round == lastRound)
            {
                revealing(); // the reveal round is about to be served (a moment the crash tests kill at)
            }

            var reply = await call(new ComparisonStep { RunId = runId, Batch = (uint)batch, Round = (uint)round, Message = message.ToByteString() }, cancellation).ConfigureAwait(false);
            NodeSteps.CheckBinding(reply, runId, (uint)batch, (uint)round);
            if (evaluator.Receive(reply) is not { } next)
            {
                return evaluator.Results;
            }

            round++;
            message = NodeSteps.Bind(next, runId, (uint)batch, (uint)round);
            Persist(runId, batch, round, evaluator.ExportState(), message, BatchContext(runId, batch, round));
        }
    }

    private void Persist(string runId, long batch, int round, byte[] state, EngineMessage? message, string context)
    {
        try
        {
            store.SaveBatchStep(runId, batch, new BatchStep(round, seal.Seal(state, context), message?.ToByteArray() ?? []));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(state);
        }
    }

    private static string BatchContext(string runId, long batch, int round) => string.Create(CultureInfo.InvariantCulture, $"svb-evaluator/{runId}/{batch}/{round}");

    private static string SessionContext(string runId, int round) => string.Create(CultureInfo.InvariantCulture, $"svb-engine-session/{runId}/{round}");
}
