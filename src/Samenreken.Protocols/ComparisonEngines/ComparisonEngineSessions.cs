using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Garbling;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Protocols.GarbledComparison;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.ComparisonEngines;

/// <summary>
/// A's side of a whole run on one engine: what is set up once per run (the garbled engine's base OTs; nothing for
/// DGK), then one <see cref="IComparisonEvaluatorRun"/> per batch, each numbered by its place in the run's plan.
/// </summary>
public interface IComparisonEvaluatorSession
{
    ComparisonEngineKind Engine { get; }

    /// <summary>Whether batches may start (at once for DGK; after <see cref="Accept"/> for the garbled engine).</summary>
    bool IsEstablished { get; }

    /// <summary>The message that opens the session, or null when the engine needs none.</summary>
    EngineMessage? Open();

    /// <summary>The opening message again, to resend after a crash (the same bytes).</summary>
    EngineMessage OpenMessage();

    /// <summary>B's reply to the opening.</summary>
    void Accept(EngineMessage reply);

    /// <summary>A's run for batch <paramref name="batch"/> of the plan, its offline randomness computed; each batch once.</summary>
    IComparisonEvaluatorRun NewRun(int batchSize, ulong batch);

    /// <summary>A batch again from its <see cref="IComparisonEvaluatorRun.ExportState"/>, ready for B's reply to its stored message.</summary>
    IComparisonEvaluatorRun ResumeRun(ReadOnlySpan<byte> state);

    /// <summary><b>Secret</b> (base-OT seeds): what a host seals to survive a crash; empty for DGK.</summary>
    byte[] ExportState();
}

/// <summary>B's side of a whole run on one engine; it enforces each batch's limits as the per-batch runs do.</summary>
public interface IComparisonKeyHolderSession
{
    ComparisonEngineKind Engine { get; }

    bool IsEstablished { get; }

    /// <summary>Answers A's opening, once; DGK has nothing to open and refuses.</summary>
    EngineMessage Accept(EngineMessage open);

    /// <summary>B's run for batch <paramref name="batch"/> (when given, the only batch it serves).</summary>
    IComparisonKeyHolderRun NewRun(int maxBatchSize, ulong? batch = null);

    /// <summary>A batch again from its <see cref="IComparisonKeyHolderRun.ExportState"/> (counters at zero).</summary>
    IComparisonKeyHolderRun ResumeRun(int maxBatchSize, ReadOnlySpan<byte> state);

    /// <summary><b>Secret</b> (the garbled engine's Δ and seeds): what a host seals to survive a crash; empty for DGK.</summary>
    byte[] ExportState();
}

/// <summary>Creates and resumes the run sessions of either engine.</summary>
public static class ComparisonEngineSessions
{
    public static IComparisonEvaluatorSession NewEvaluatorSession(
        ComparisonEngineKind engine, ComparisonSettings settings, PaillierPublicKey paillier, DgkPublicKey? dgk, RandomSource random, AesBackend? aes = null)
        => engine switch
        {
            ComparisonEngineKind.Dgk => new DgkEvaluatorSession(settings, paillier, dgk ?? throw new ArgumentNullException(nameof(dgk), "The DGK engine needs the DGK public key."), random),
            ComparisonEngineKind.GarbledCircuit => new GarbledEvaluatorSessionRun(new GarbledEvaluatorSession(settings, paillier, random, aes)),
            _ => throw new ArgumentOutOfRangeException(nameof(engine)),
        };

    /// <summary>A session from its <see cref="IComparisonEvaluatorSession.ExportState"/>.</summary>
    public static IComparisonEvaluatorSession ResumeEvaluatorSession(
        ComparisonEngineKind engine, ComparisonSettings settings, PaillierPublicKey paillier, DgkPublicKey? dgk, RandomSource random, ReadOnlySpan<byte> state, AesBackend? aes = null)
        => engine == ComparisonEngineKind.GarbledCircuit
            ? new GarbledEvaluatorSessionRun(GarbledEvaluatorSession.Resume(settings, paillier, random, state, aes))
            : NewEvaluatorSession(engine, settings, paillier, dgk, random, aes);

    public static IComparisonKeyHolderSession NewKeyHolderSession(
        ComparisonEngineKind engine, ComparisonSettings settings, PaillierPrivateKey paillier, DgkPrivateKey? dgk, RandomSource random, AesBackend? aes = null)
        => engine switch
        {
            ComparisonEngineKind.Dgk => new DgkKeyHolderSession(settings, paillier, dgk ?? throw new ArgumentNullException(nameof(dgk), "The DGK engine needs the DGK private key."), random),
            ComparisonEngineKind.GarbledCircuit => new GarbledKeyHolderSessionRun(new GarbledKeyHolderSession(settings, paillier, random, aes)),
            _ => throw new ArgumentOutOfRangeException(nameof(engine)),
        };

    /// <summary>A session from its <see cref="IComparisonKeyHolderSession.ExportState"/>.</summary>
    public static IComparisonKeyHolderSession ResumeKeyHolderSession(
        ComparisonEngineKind engine, ComparisonSettings settings, PaillierPrivateKey paillier, DgkPrivateKey? dgk, RandomSource random, ReadOnlySpan<byte> state, AesBackend? aes = null)
        => engine == ComparisonEngineKind.GarbledCircuit
            ? new GarbledKeyHolderSessionRun(GarbledKeyHolderSession.Resume(settings, paillier, random, state, aes))
            : NewKeyHolderSession(engine, settings, paillier, dgk, random, aes);
}

internal sealed class DgkEvaluatorSession(ComparisonSettings settings, PaillierPublicKey paillier, DgkPublicKey dgk, RandomSource random) : IComparisonEvaluatorSession
{
    public ComparisonEngineKind Engine => ComparisonEngineKind.Dgk;

    public bool IsEstablished => true;

    public EngineMessage? Open() => null;

    public EngineMessage OpenMessage() => throw new InvalidOperationException("The DGK engine has no session to open.");

    public void Accept(EngineMessage reply) => throw new ProtocolException(ProtocolFailure.UnexpectedMessage, "The DGK engine has no session to open.");

    public IComparisonEvaluatorRun NewRun(int batchSize, ulong batch) => ComparisonEngine.NewEvaluatorRun(Engine, settings, paillier, dgk, random, batchSize);

    public IComparisonEvaluatorRun ResumeRun(ReadOnlySpan<byte> state) => new DgkEvaluatorRun(ComparisonEvaluator.Resume(settings, paillier, dgk, random, state));

    public byte[] ExportState() => [];
}

internal sealed class DgkKeyHolderSession(ComparisonSettings settings, PaillierPrivateKey paillier, DgkPrivateKey dgk, RandomSource random) : IComparisonKeyHolderSession
{
    public ComparisonEngineKind Engine => ComparisonEngineKind.Dgk;

    public bool IsEstablished => true;

    public EngineMessage Accept(EngineMessage open) => throw new ProtocolException(ProtocolFailure.UnexpectedMessage, "The DGK engine has no session to open.");

    public IComparisonKeyHolderRun NewRun(int maxBatchSize, ulong? batch = null) => ComparisonEngine.NewKeyHolderRun(Engine, settings, paillier, dgk, random, maxBatchSize);

    public IComparisonKeyHolderRun ResumeRun(int maxBatchSize, ReadOnlySpan<byte> state)
        => new DgkKeyHolderRun(ComparisonKeyHolder.Resume(settings, paillier, dgk, random, maxBatchSize, state), maxBatchSize, resumed: true);

    public byte[] ExportState() => [];
}

internal sealed class GarbledEvaluatorSessionRun(GarbledEvaluatorSession session) : IComparisonEvaluatorSession
{
    public ComparisonEngineKind Engine => ComparisonEngineKind.GarbledCircuit;

    public bool IsEstablished => session.IsEstablished;

    public EngineMessage? Open() => ComparisonEngine.Wrap(session.Open());

    public EngineMessage OpenMessage() => ComparisonEngine.Wrap(session.OpenMessage());

    public void Accept(EngineMessage reply)
    {
        ComparisonEngine.CheckEngine(reply, Engine);
        session.Accept(reply.GarbledCircuit);
    }

    public IComparisonEvaluatorRun NewRun(int batchSize, ulong batch)
    {
        var evaluator = session.NewBatch(batch);
        evaluator.PrecomputeRandomness(batchSize);
        return new GarbledEvaluatorRun(evaluator);
    }

    public IComparisonEvaluatorRun ResumeRun(ReadOnlySpan<byte> state) => new GarbledEvaluatorRun(session.ResumeBatch(state));

    public byte[] ExportState() => session.ExportState();
}

internal sealed class GarbledKeyHolderSessionRun(GarbledKeyHolderSession session) : IComparisonKeyHolderSession
{
    public ComparisonEngineKind Engine => ComparisonEngineKind.GarbledCircuit;

    public bool IsEstablished => session.IsEstablished;

    public EngineMessage Accept(EngineMessage open)
    {
        ComparisonEngine.CheckEngine(open, Engine);
        return ComparisonEngine.Wrap(session.Accept(open.GarbledCircuit));
    }

    public IComparisonKeyHolderRun NewRun(int maxBatchSize, ulong? batch = null) => new GarbledKeyHolderRun(session.NewBatch(maxBatchSize, batch));

    public IComparisonKeyHolderRun ResumeRun(int maxBatchSize, ReadOnlySpan<byte> state)
        => throw new InvalidOperationException("A garbled batch of a run session takes one round; there is nothing to resume.");

    public byte[] ExportState() => session.ExportState();
}
