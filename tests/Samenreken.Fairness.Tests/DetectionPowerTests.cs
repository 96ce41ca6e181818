using System.Text;
using Xunit.Abstractions;

namespace Samenreken.Fairness.Tests;

/// <summary>
/// The monitor's detection power, measured: populations with a planted, unjustified bias against households paid
/// every four weeks (their chance of selection multiplied by a factor), for several group sizes, analysed in one
/// look at the plan's α with the full depth-2 plan (about 130 groups in the Holm family). The table goes to the
/// test output and into docs/fairness.md.
/// </summary>
public sealed class DetectionPowerTests(ITestOutputHelper output)
{
    private const int Households = 3000, Repetitions = 20;
    private const string Target = "pay frequency=4-weekly";

    /// <summary>In-run detection costs α at early looks; measured for the largest groups only, to keep the test short.</summary>
    private const double InRunShare = 0.5;

    private static (bool Conditional, bool Raw, bool MissedEligible, bool InRun) Detect(double factor, double share, int seed)
    {
        var households = new TestPopulation(Households, seed)
        {
            BiasedGroup = a => a["pay frequency"] == "4-weekly",
            BiasFactor = factor,
            FourWeeklyShare = share,
        }.Generate();
        var conditional = Outcome(TestPopulation.Plan(), households);
        var raw = Outcome(TestPopulation.Plan(withLegitimateFactors: false), households);
        bool inRun = false;
        if (share == InRunShare)
        {
            var monitor = SequentialMonitor.Create(TestPopulation.Plan(), households.Count);
            foreach (var batch in households.Chunk(households.Count / 4))
            {
                monitor.Observe(batch);
            }

            inRun = monitor.Alerts.Any(a => a.Group == Target && a.Kind == FindingKind.UnexplainedDisparity && a.Direction == Direction.Under);
        }

        return (conditional.SelectionFlag == Direction.Under, raw.SelectionFlag == Direction.Under, conditional.MissedEligibleFlag == Direction.Under, inRun);
    }

    private static GroupOutcome Outcome(MonitoringPlan plan, List<HouseholdObservation> households)
    {
        var tally = Tally.Count(plan, households);
        return Analysis.Run(tally, plan.Alpha).Single(o => o.Tally.Key.Label == Target);
    }

    [Fact]
    public void PlantedBias_DetectionPower_GrowsWithEffectAndGroupSize()
    {
        var table = new StringBuilder("factor | group size | conditional (CMH) | raw | missed eligible | conditional, in-run over 4 looks\n");
        var power = new Dictionary<(double, double), double>();
        foreach (double factor in new[] { 0.5, 0.7 })
        {
            foreach (double share in new[] { 0.05, 0.2, 0.5 })
            {
                var results = Enumerable.Range(0, Repetitions).Select(r => Detect(factor, share, 5000 + r)).ToList();
                double conditional = results.Count(r => r.Conditional) / (double)Repetitions;
                power[(factor, share)] = conditional;
                table.Append(FormattableString.Invariant(
                    $"{factor} | {share * Households:0} | {conditional:0.00} | {results.Count(r => r.Raw) / (double)Repetitions:0.00} | {results.Count(r => r.MissedEligible) / (double)Repetitions:0.00} | {(share == InRunShare ? (results.Count(r => r.InRun) / (double)Repetitions).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "-")}\n"));
            }
        }

        output.WriteLine(table.ToString());
        Assert.True(power[(0.5, 0.5)] >= 0.9, "halving the selection chance of 1500 households is found");
        Assert.True(power[(0.5, 0.05)] <= power[(0.5, 0.5)]);
        Assert.True(power[(0.7, 0.5)] <= power[(0.5, 0.5)]);
    }
}
