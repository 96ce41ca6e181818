using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Garbling;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Protocols.GarbledComparison;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.ComparisonEngines;

/// <summary>The engines behind the comparison seam.</summary>
public enum ComparisonEngineKind
{
    /// <summary>DGK/Veugen: bitwise DGK encryptions, blinded and zero-tested (SecureComparison/).</summary>
    Dgk = 1,

    /// <summary>Packed Paillier blinding, then a half-gates garbled circuit with IKNP OT (GarbledComparison/).</summary>
    GarbledCircuit = 2,
}

/// <summary>A's side of one batch: "compare these encrypted values, output to A".</summary>
public interface IComparisonEvaluatorRun
{
    ComparisonEngineKind Engine { get; }

    bool IsCompleted { get; }

    /// <summary>x_k ≥ y_k, once completed.</summary>
    IReadOnlyList<bool> Results { get; }

    /// <summary>The first message; the inputs must lie in [0, 2^l).</summary>
    EngineMessage Start(IReadOnlyList<PaillierCiphertext> x, IReadOnlyList<PaillierCiphertext> y);

    /// <summary>The first message, x being A's own plaintexts in [0, 2^l) (SVB's norms): fewer multiplications in step 1, the same view for B.</summary>
    EngineMessage Start(IReadOnlyList<long> x, IReadOnlyList<PaillierCiphertext> y);

    /// <summary>Consumes B's message and returns the next one, or null when the run is complete.</summary>
    EngineMessage? Receive(EngineMessage message);

    /// <summary><b>Secret</b>: the state between two rounds of a started batch, for a host that must survive a crash (it seals it).</summary>
    byte[] ExportState();
}

/// <summary>B's side of one batch: decrypts only what the run announced, and audits its count.</summary>
public interface IComparisonKeyHolderRun
{
    ComparisonEngineKind Engine { get; }

    bool IsCompleted { get; }

    /// <summary>The batch size A announced, once the run started.</summary>
    int BatchSize { get; }

    /// <summary>Paillier decryptions served (for the audit trail).</summary>
    int DecryptionsServed { get; }

    /// <summary>DGK zero tests served (for the audit trail; none in the garbled engine).</summary>
    int ZeroTestsServed { get; }

    /// <summary>The state between two rounds, for a host that must survive a crash; null once the run is complete.</summary>
    byte[]? ExportState();

    /// <summary>Consumes A's message and returns the reply; a refused message leaves the run unchanged.</summary>
    EngineMessage Receive(EngineMessage message);
}

/// <summary>Creates the runs of either engine behind the seam; the state machines stay sans-I/O.</summary>
public static class ComparisonEngine
{
    /// <summary>The faster engine (docs/protocol.md, "The garbled-circuit engine": about 20× at 2048 bits).</summary>
    public const ComparisonEngineKind Default = ComparisonEngineKind.GarbledCircuit;

    /// <summary>"dgk" or "gc", as the CLI and the run reports name them.</summary>
    public static string Name(ComparisonEngineKind engine) => engine switch
    {
        ComparisonEngineKind.Dgk => "dgk",
        ComparisonEngineKind.GarbledCircuit => "gc",
        _ => throw new ArgumentOutOfRangeException(nameof(engine)),
    };

    public static bool TryParse(string? name, out ComparisonEngineKind engine)
    {
        (var known, engine) = name switch
        {
            "dgk" => (true, ComparisonEngineKind.Dgk),
            "gc" => (true, ComparisonEngineKind.GarbledCircuit),
            _ => (false, Default),
        };
        return known;
    }

    /// <summary>The batch size a message announces (its engine's envelope), or 0 when it carries no body.</summary>
    public static uint BatchSize(EngineMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.BodyCase switch
        {
            EngineMessage.BodyOneofCase.Dgk => message.Dgk.BatchSize,
            EngineMessage.BodyOneofCase.GarbledCircuit => message.GarbledCircuit.BatchSize,
            _ => 0,
        };
    }

    /// <summary>A's run for one batch of <paramref name="batchSize"/>, its offline randomness already computed. DGK needs B's DGK key.</summary>
    public static IComparisonEvaluatorRun NewEvaluatorRun(
        ComparisonEngineKind engine, ComparisonSettings settings, PaillierPublicKey paillier, DgkPublicKey? dgk, RandomSource random, int batchSize, AesBackend? aes = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        switch (engine)
        {
            case ComparisonEngineKind.Dgk:
                var evaluator = new ComparisonEvaluator(settings, paillier, dgk ?? throw new ArgumentNullException(nameof(dgk), "The DGK engine needs the DGK public key."), random);
                evaluator.PrecomputeRandomness(batchSize, ComparisonOutputMode.PlaintextToEvaluator);
                return new DgkEvaluatorRun(evaluator);
            case ComparisonEngineKind.GarbledCircuit:
                var garbled = new GarbledEvaluator(settings, paillier, random, aes);
                garbled.PrecomputeRandomness(batchSize);
                return new GarbledEvaluatorRun(garbled);
            default:
                throw new ArgumentOutOfRangeException(nameof(engine));
        }
    }

    /// <summary>B's run for one batch. DGK needs B's DGK private key.</summary>
    public static IComparisonKeyHolderRun NewKeyHolderRun(
        ComparisonEngineKind engine, ComparisonSettings settings, PaillierPrivateKey paillier, DgkPrivateKey? dgk, RandomSource random, int maxBatchSize, AesBackend? aes = null)
        => engine switch
        {
            ComparisonEngineKind.Dgk => new DgkKeyHolderRun(
                new ComparisonKeyHolder(settings, paillier, dgk ?? throw new ArgumentNullException(nameof(dgk), "The DGK engine needs the DGK private key."), random, maxBatchSize),
                maxBatchSize),
            ComparisonEngineKind.GarbledCircuit => GarbledKeyHolderRun.Create(new GarbledKeyHolder(settings, paillier, random, maxBatchSize, aes)),
            _ => throw new ArgumentOutOfRangeException(nameof(engine)),
        };

    /// <summary>Refuses a message of the other engine (or none) before the engine's state machine sees it.</summary>
    internal static void CheckEngine(EngineMessage message, ComparisonEngineKind engine)
    {
        ArgumentNullException.ThrowIfNull(message);
        var expected = engine == ComparisonEngineKind.Dgk ? ComparisonEngineId.ComparisonEngineDgk : ComparisonEngineId.ComparisonEngineGarbledCircuit;
        var body = engine == ComparisonEngineKind.Dgk ? EngineMessage.BodyOneofCase.Dgk : EngineMessage.BodyOneofCase.GarbledCircuit;
        if (message.Engine != expected || message.BodyCase != body)
        {
            throw new ProtocolException(
                ProtocolFailure.ParameterMismatch, $"This run uses the {Name(engine)} engine; the message is a {message.Engine} message with a {message.BodyCase} body.");
        }
    }

    internal static EngineMessage Wrap(SecureComparison.Wire.ComparisonMessage message)
        => new() { Engine = ComparisonEngineId.ComparisonEngineDgk, Dgk = message };

    internal static EngineMessage Wrap(GarbledComparison.Wire.GarbledComparisonMessage message)
        => new() { Engine = ComparisonEngineId.ComparisonEngineGarbledCircuit, GarbledCircuit = message };
}

internal sealed class DgkEvaluatorRun(ComparisonEvaluator evaluator) : IComparisonEvaluatorRun
{
    public ComparisonEngineKind Engine => ComparisonEngineKind.Dgk;

    public bool IsCompleted => evaluator.IsCompleted;

    public IReadOnlyList<bool> Results => evaluator.Results;

    public EngineMessage Start(IReadOnlyList<PaillierCiphertext> x, IReadOnlyList<PaillierCiphertext> y)
        => ComparisonEngine.Wrap(evaluator.Start(x, y, ComparisonOutputMode.PlaintextToEvaluator));

    public EngineMessage Start(IReadOnlyList<long> x, IReadOnlyList<PaillierCiphertext> y)
        => ComparisonEngine.Wrap(evaluator.Start(x, y, ComparisonOutputMode.PlaintextToEvaluator));

    public EngineMessage? Receive(EngineMessage message)
    {
        ComparisonEngine.CheckEngine(message, Engine);
        return evaluator.Receive(message.Dgk) is { } next ? ComparisonEngine.Wrap(next) : null;
    }

    public byte[] ExportState() => evaluator.ExportState();
}

internal sealed class DgkKeyHolderRun(ComparisonKeyHolder keyHolder, int maxBatchSize, bool resumed = false) : IComparisonKeyHolderRun
{
    private bool _precomputed = resumed;

    public ComparisonEngineKind Engine => ComparisonEngineKind.Dgk;

    public bool IsCompleted => keyHolder.IsCompleted;

    public int BatchSize => keyHolder.BatchSize;

    public int DecryptionsServed => keyHolder.DecryptionsServed;

    public int ZeroTestsServed => keyHolder.ZeroTestsServed;

    public byte[]? ExportState() => keyHolder.IsCompleted ? null : keyHolder.ExportState();

    public EngineMessage Receive(EngineMessage message)
    {
        ComparisonEngine.CheckEngine(message, Engine);

        // The DGK key holder's randomizers depend on the batch size, known from A's first message; an oversized
        // announcement is refused by the state machine itself, so it never drives this precomputation.
        if (!_precomputed && message.Dgk.BatchSize is >= 1 and var size && size <= (uint)maxBatchSize)
        {
            keyHolder.PrecomputeRandomness((int)size);
            _precomputed = true;
        }

        return ComparisonEngine.Wrap(keyHolder.Receive(message.Dgk));
    }
}

internal sealed class GarbledEvaluatorRun(GarbledEvaluator evaluator) : IComparisonEvaluatorRun
{
    public ComparisonEngineKind Engine => ComparisonEngineKind.GarbledCircuit;

    public bool IsCompleted => evaluator.IsCompleted;

    public IReadOnlyList<bool> Results => evaluator.Results;

    public EngineMessage Start(IReadOnlyList<PaillierCiphertext> x, IReadOnlyList<PaillierCiphertext> y)
        => ComparisonEngine.Wrap(evaluator.Start(x, y));

    public EngineMessage Start(IReadOnlyList<long> x, IReadOnlyList<PaillierCiphertext> y)
        => ComparisonEngine.Wrap(evaluator.Start(x, y));

    public EngineMessage? Receive(EngineMessage message)
    {
        ComparisonEngine.CheckEngine(message, Engine);
        return evaluator.Receive(message.GarbledCircuit) is { } next ? ComparisonEngine.Wrap(next) : null;
    }

    public byte[] ExportState() => evaluator.ExportState();
}

internal sealed class GarbledKeyHolderRun : IComparisonKeyHolderRun
{
    private readonly GarbledKeyHolder _keyHolder;

    internal GarbledKeyHolderRun(GarbledKeyHolder keyHolder)
    {
        _keyHolder = keyHolder;
    }

    public ComparisonEngineKind Engine => ComparisonEngineKind.GarbledCircuit;

    public bool IsCompleted => _keyHolder.IsCompleted;

    public int BatchSize => _keyHolder.BatchSize;

    public int DecryptionsServed => _keyHolder.DecryptionsServed;

    public int ZeroTestsServed => 0;

    /// <summary>A run-session batch takes one round, so it never waits between rounds; a batch with its own base OTs keeps Δ in memory only.</summary>
    public byte[]? ExportState() => _keyHolder.IsCompleted
        ? null
        : throw new InvalidOperationException("A garbled batch has no state to export between rounds; run sessions take one round per batch.");

    /// <summary>With the base-OT receiver's offline points computed (they do not depend on the batch).</summary>
    public static GarbledKeyHolderRun Create(GarbledKeyHolder keyHolder)
    {
        keyHolder.PrecomputeRandomness();
        return new GarbledKeyHolderRun(keyHolder);
    }

    public EngineMessage Receive(EngineMessage message)
    {
        ComparisonEngine.CheckEngine(message, Engine);
        return ComparisonEngine.Wrap(_keyHolder.Receive(message.GarbledCircuit));
    }
}
