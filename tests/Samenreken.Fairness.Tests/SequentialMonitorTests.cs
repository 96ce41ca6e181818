using System.Diagnostics;
using Xunit.Abstractions;

namespace Samenreken.Fairness.Tests;

public sealed class SequentialMonitorTests(ITestOutputHelper output)
{
    private const double Alpha = 0.05;

    private static IEnumerable<List<HouseholdObservation>> Batches(List<HouseholdObservation> households, int looks)
        => households.Chunk((households.Count + looks - 1) / looks).Select(b => b.ToList());

    /// <summary>Runs the monitor over the households in equal batches; returns the monitor.</summary>
    private static SequentialMonitor Monitor(MonitoringPlan plan, List<HouseholdObservation> households, int looks)
    {
        var monitor = SequentialMonitor.Create(plan, households.Count);
        foreach (var batch in Batches(households, looks))
        {
            monitor.Observe(batch);
        }

        return monitor;
    }

    [Fact]
    public void AlphaSpending_AddsUpToAlpha_AndEarlyLooksSpendLittle()
    {
        var households = new TestPopulation(2000, 4).Generate();
        var monitor = SequentialMonitor.Create(TestPopulation.Plan(), households.Count);
        var looks = Batches(households, 5).Select(b => monitor.Observe(b)).ToList();

        Assert.Equal(Alpha, looks.Sum(l => l.AlphaThisLook), 12);
        Assert.Equal(Alpha, monitor.AlphaSpent, 12);
        Assert.True(looks[0].AlphaThisLook < 1e-4);
        Assert.True(looks[^1].AlphaThisLook > looks[^2].AlphaThisLook);

        // Past the planned size nothing is left to spend, so nothing can be alerted.
        var extra = monitor.Observe(new TestPopulation(500, 99) { BiasedGroup = _ => true, BiasFactor = 0 }.Generate());
        Assert.Equal(0, extra.AlphaThisLook);
        Assert.Empty(extra.Alerts);
    }

    [Fact]
    public void PlantedBias_IsAlertedDuringTheRun_OnceAndWithoutCounts()
    {
        var households = new TestPopulation(4000, 11) { BiasedGroup = a => a["pay frequency"] == "4-weekly", BiasFactor = 0.4 }.Generate();
        var monitor = SequentialMonitor.Create(TestPopulation.Plan(), households.Count);
        var looks = Batches(households, 4).Select(b => monitor.Observe(b)).ToList();

        var alert = Assert.Single(monitor.Alerts, a => a.Group == "pay frequency=4-weekly" && a.Kind == FindingKind.UnexplainedDisparity);
        Assert.Equal(Direction.Under, alert.Direction);
        Assert.True(alert.Look < 4, "a strong bias is seen before the run ends");
        Assert.Equal(monitor.Alerts.Count, looks.Sum(l => l.Alerts.Count));
        Assert.Equal(monitor.Alerts.Count, monitor.Alerts.Select(a => (a.Group, a.Kind, a.Direction)).Distinct().Count());
        Assert.StartsWith($"fairness-alert plan={monitor.Plan.CanonicalHash} look={alert.Look} ", alert.ToAuditText(), StringComparison.Ordinal);
        Assert.Contains("group=\"pay frequency=4-weekly\"", alert.ToAuditText(), StringComparison.Ordinal);

        // The final report keeps the alerted group flagged.
        var report = monitor.Report();
        Assert.True(report.Groups.Single(g => g.Label == "pay frequency=4-weekly").Flagged);
    }

    [Fact]
    public void AuditText_EscapesTheGroupLabel()
    {
        var alert = new FairnessAlert("ab", 1, 10, FindingKind.UnexplainedDisparity, Direction.Under, "region=\"x\" ratio=9\nnext", 0.5, "");
        Assert.Equal(
            "fairness-alert plan=ab look=1 households=10 kind=UnexplainedDisparity direction=Under group=\"region=\\\"x\\\" ratio=9 next\" ratio=0.50",
            alert.ToAuditText());
    }

    /// <summary>
    /// The monitor's own false-alarm rate: 200 unbiased populations (eligibility from the legitimate factors only,
    /// people born abroad over-represented for a lawful reason), each watched over 4 looks. The share of runs with
    /// any alert must stay within α plus its one-sided 95% binomial margin.
    /// </summary>
    [Fact]
    public void UnbiasedPopulations_AnyAlertRate_StaysWithinAlpha()
    {
        const int runs = 200, households = 2000, looks = 4;
        var plan = TestPopulation.Plan();
        var clock = Stopwatch.StartNew();
        int alarmed = 0;
        for (int run = 0; run < runs; run++)
        {
            alarmed += Monitor(plan, new TestPopulation(households, 1000 + run).Generate(), looks).Alerts.Count > 0 ? 1 : 0;
        }

        double rate = alarmed / (double)runs;
        double margin = 1.645 * Math.Sqrt(Alpha * (1 - Alpha) / runs);
        output.WriteLine($"false alarms: {alarmed}/{runs} runs = {rate:0.000} (bound {Alpha + margin:0.000}); {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(rate <= Alpha + margin, $"any-alert rate {rate} exceeds {Alpha + margin}");
    }

    [Fact]
    public void WithoutTheLegitimateFactors_TheUnbiasedPopulationsAlarm()
    {
        // Broken twin of the false-alarm test: a monitor that ignores the lawful reason alarms on nearly every run.
        var plan = TestPopulation.Plan(withLegitimateFactors: false);
        int alarmed = Enumerable.Range(0, 10).Count(run => Monitor(plan, new TestPopulation(2000, 1000 + run).Generate(), 4).Alerts.Count > 0);
        Assert.True(alarmed >= 9);
    }
}
