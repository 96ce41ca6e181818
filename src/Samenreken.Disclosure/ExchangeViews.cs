namespace Samenreken.Disclosure;

/// <summary>
/// What each party sees, step by step, in one engine's exchange. The one description of it: the privacy tests check
/// every statistical claim in it, and the DPIA prints it (Governance's ProtocolViews).
/// </summary>
public sealed class ExchangeViews
{
    private ExchangeViews(string engine, ExchangeStep[] steps)
    {
        Engine = engine;
        Steps = steps;
    }

    /// <summary>The comparison engine's name as the project definition spells it (dgk, gc).</summary>
    public string Engine { get; }

    public IReadOnlyList<ExchangeStep> Steps { get; }

    /// <summary>A description whose steps are numbered 1, 2, … in order, each with a message and at least one claim.</summary>
    public static ExchangeViews Create(string engine, IEnumerable<ExchangeStep> steps)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(engine);
        ArgumentNullException.ThrowIfNull(steps);
        ExchangeStep[] all = [.. steps];
        for (var i = 0; i < all.Length; i++)
        {
            var step = all[i];
            ArgumentNullException.ThrowIfNull(step, nameof(steps));
            if (step.Number != i + 1 || string.IsNullOrWhiteSpace(step.Message) || step.ReceiverLearns is not { Count: > 0 } claims || claims.Any(c => c is null))
            {
                throw new ArgumentException($"Step {i + 1} must be numbered {i + 1} and name a message and what its receiver learns: {step}", nameof(steps));
            }
        }

        return new ExchangeViews(engine, all);
    }

    /// <summary>The same description with one step left out and the later steps renumbered.</summary>
    public ExchangeViews Without(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, Steps.Count);
        return Create(Engine, Steps.Where(s => s.Number != number).Select((s, i) => s with { Number = i + 1 }));
    }

    /// <summary>The same description with <paramref name="step"/> in place of the step of its number.</summary>
    public ExchangeViews With(ExchangeStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(step.Number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(step.Number, Steps.Count);
        return Create(Engine, Steps.Select(s => s.Number == step.Number ? step : s));
    }
}

/// <summary>
/// The descriptions of the nodes' exchanges (docs/protocol.md, "What each party sees"; docs/pilot-run.md). The message
/// names are the protocol's message types; Samenreken.Protocols.Tests checks them against the messages a run sends and
/// checks every statistical claim with a privacy experiment (DescribedViewChecks).
/// </summary>
public static class PartyViews
{
    /// <summary>κ of the blinding, as ComparisonSettings.Default has it; the privacy tests check the claim against the settings they run.</summary>
    public const int StatisticalSecurityBits = 40;

    /// <summary>The file comparison before the engine runs: both engines start with these steps.</summary>
    private static readonly ExchangeStep[] s_fileComparison =
    [
        new(1, "IncomeRequest", ExchangeParty.Svb, ExchangeParty.Uwv, [ViewClaim.RequestedIdentifiers]),
        new(2, "IncomeResponse", ExchangeParty.Uwv, ExchangeParty.Svb, [ViewClaim.Ciphertext]),
        new(3, "HouseholdSums", ExchangeParty.Svb, ExchangeParty.Svb, [ViewClaim.Ciphertext]),
    ];

    /// <summary>DGK/Veugen in the plaintext-output mode the pilot runs: SVB is the evaluator A, UWV the key holder B.</summary>
    public static ExchangeViews Dgk { get; } = ExchangeViews.Create("dgk",
    [
        .. s_fileComparison,
        new(4, "BlindedDifferences", ExchangeParty.Svb, ExchangeParty.Uwv, [ViewClaim.StatisticallyBlinded(StatisticalSecurityBits), ViewClaim.PaddedCount]),
        new(5, "EncryptedBits", ExchangeParty.Uwv, ExchangeParty.Svb, [ViewClaim.Ciphertext]),
        new(6, "MaskedTerms", ExchangeParty.Svb, ExchangeParty.Uwv, [ViewClaim.FairCoinZeroPattern]),
        new(7, "ZeroTestResults", ExchangeParty.Uwv, ExchangeParty.Svb, [ViewClaim.Ciphertext]),
        new(8, "MaskedOutputs", ExchangeParty.Svb, ExchangeParty.Uwv, [ViewClaim.UniformBits]),
        new(9, "RevealedBits", ExchangeParty.Uwv, ExchangeParty.Svb, [ViewClaim.OneBitPerHousehold]),
    ]);

    /// <summary>
    /// The garbled-circuit engine as the nodes run it: one session per run (the base OTs), then one round trip per
    /// batch. SVB is the evaluator, UWV the key holder that garbles; UWV never sees an output label.
    /// </summary>
    public static ExchangeViews GarbledCircuit { get; } = ExchangeViews.Create("gc",
    [
        .. s_fileComparison,
        new(4, "SessionOpen", ExchangeParty.Svb, ExchangeParty.Uwv, [ViewClaim.IndependentOfData]),
        new(5, "SessionAccept", ExchangeParty.Uwv, ExchangeParty.Svb, [ViewClaim.IndependentOfData]),
        new(6, "BlindedBatch", ExchangeParty.Svb, ExchangeParty.Uwv, [ViewClaim.StatisticallyBlinded(StatisticalSecurityBits), ViewClaim.PseudorandomOtColumns, ViewClaim.PaddedCount]),
        new(7, "GarbledCircuits", ExchangeParty.Uwv, ExchangeParty.Svb, [ViewClaim.GarbledTables, ViewClaim.UniformBits, ViewClaim.OneBitPerHousehold]),
    ]);
}
