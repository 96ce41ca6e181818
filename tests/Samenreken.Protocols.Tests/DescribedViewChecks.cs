using Samenreken.Disclosure;
using Samenreken.Protocols.GarbledComparison.Wire;
using Samenreken.Protocols.SecureComparison.Wire;
using Xunit.Sdk;

namespace Samenreken.Protocols.Tests;

/// <summary>
/// The link between the description of what each party sees (<see cref="PartyViews"/>, which the DPIA prints) and the
/// privacy experiments: per engine, which histograms check which statistical claim of which step. The privacy tests
/// run through <see cref="AssertHold"/>, so a statistical claim without a checker, a checker without its claim, a
/// statistic that backs no claim, or a κ other than the one tested fails them: the table in the DPIA cannot drift
/// from what the tests check.
/// </summary>
internal sealed class DescribedViewChecks
{
    private readonly IReadOnlyDictionary<(string Message, ViewKind Kind), string[]> _checkers;

    private DescribedViewChecks(ExchangeViews views, IReadOnlyDictionary<(string Message, ViewKind Kind), string[]> checkers)
    {
        Views = views;
        _checkers = checkers;
    }

    /// <summary>DGK: B's view of d, of the shuffled terms and of the masked outputs (<see cref="PrivacyExperiment"/>).</summary>
    public static DescribedViewChecks Dgk { get; } = new(PartyViews.Dgk, new Dictionary<(string, ViewKind), string[]>
    {
        [(nameof(BlindedDifferences), ViewKind.StatisticallyBlinded)] =
            [PrivacyExperiment.LowBits, PrivacyExperiment.MiddleBits, PrivacyExperiment.TopBits, PrivacyExperiment.HighPartLowBits, PrivacyExperiment.HighPartTopBits],
        [(nameof(MaskedTerms), ViewKind.FairCoinZeroPattern)] =
            [PrivacyExperiment.DeltaB, PrivacyExperiment.ZerosPerItem, PrivacyExperiment.ZeroPosition, PrivacyExperiment.NonzeroTermPlaintexts],
        [(nameof(MaskedOutputs), ViewKind.UniformBits)] = [PrivacyExperiment.RevealedBit, PrivacyExperiment.DeltaBAndRevealedBit],
    });

    /// <summary>
    /// Garbled: B's view of d and of the OT columns; A's view of the labels, the decoding bits and its output labels
    /// (<see cref="GarbledComparisonPrivacyTests"/>), in the run-session flow the nodes use and the description follows
    /// (the columns in BlindedBatch's ot_columns) and in a batch with its own base OTs (the columns in OtExtension).
    /// </summary>
    public static DescribedViewChecks Garbled { get; } = new(PartyViews.GarbledCircuit, new Dictionary<(string, ViewKind), string[]>
    {
        [(nameof(BlindedBatch), ViewKind.StatisticallyBlinded)] = [GarbledComparisonPrivacyTests.LowBits, GarbledComparisonPrivacyTests.HighPartLowBits],
        [(nameof(BlindedBatch), ViewKind.PseudorandomOtColumns)] = [GarbledComparisonPrivacyTests.ColumnLowBits, GarbledComparisonPrivacyTests.ColumnDifference],
        [(nameof(GarbledCircuits), ViewKind.UniformBits)] =
            [GarbledComparisonPrivacyTests.PermuteDifference, GarbledComparisonPrivacyTests.Decoding, GarbledComparisonPrivacyTests.OutputLsb],
    });

    public ExchangeViews Views { get; }

    /// <summary>The same checkers against another description (the tests' broken descriptions).</summary>
    public DescribedViewChecks Against(ExchangeViews views) => new(views, _checkers);

    /// <summary>
    /// Every statistical claim of the description has a checker whose statistics ran in <paramref name="outcomes"/> and
    /// passed; a blinding claim names the κ the experiment ran with; every checker belongs to a described claim; and
    /// every statistic that ran checks a claim.
    /// </summary>
    public void AssertHold(IReadOnlyList<StatisticOutcome> outcomes, int securityBits, double threshold)
    {
        var claimed = new HashSet<(string, ViewKind)>();
        var checkedStatistics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in Views.Steps)
        {
            foreach (var claim in step.ReceiverLearns.Where(c => c.IsStatistical))
            {
                if (!_checkers.TryGetValue((step.Message, claim.Kind), out var statistics))
                {
                    throw new XunitException($"{Views.Engine} {step}: no statistic checks the claim {claim}");
                }

                if (claim.SecurityBits is { } kappa && kappa != securityBits)
                {
                    throw new XunitException($"{Views.Engine} {step}: claims κ = {kappa}, the experiment ran with κ = {securityBits}");
                }

                var backing = outcomes.Where(o => statistics.Contains(o.Name)).ToList();
                if (backing.Count == 0)
                {
                    throw new XunitException($"{Views.Engine} {step}: none of the statistics that check {claim} ran ({string.Join(", ", statistics)})");
                }

                foreach (var outcome in backing)
                {
                    Assert.True(outcome.MinimumPValue > threshold, $"{Views.Engine} {step}: the claim {claim} does not hold: {outcome}");
                }

                claimed.Add((step.Message, claim.Kind));
                checkedStatistics.UnionWith(statistics);
            }
        }

        var stale = _checkers.Keys.Where(k => !claimed.Contains(k)).ToList();
        if (stale.Count > 0)
        {
            throw new XunitException($"{Views.Engine}: checkers without a described claim: {string.Join(", ", stale)}");
        }

        var unclaimed = outcomes.Select(o => o.Name).Where(n => !checkedStatistics.Contains(n)).ToList();
        if (unclaimed.Count > 0)
        {
            throw new XunitException($"{Views.Engine}: statistics that back no described claim: {string.Join(", ", unclaimed)}");
        }
    }

    /// <summary>The described step and claim a statistic checks (each broken twin must break a described claim).</summary>
    public (ExchangeStep Step, ViewClaim Claim) ClaimCheckedBy(string statistic)
    {
        var key = Assert.Single(_checkers, c => c.Value.Contains(statistic)).Key;
        var step = Assert.Single(Views.Steps, s => s.Message == key.Message);
        return (step, Assert.Single(step.ReceiverLearns, c => c.Kind == key.Kind));
    }
}
