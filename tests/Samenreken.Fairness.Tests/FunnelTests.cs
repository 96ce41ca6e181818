namespace Samenreken.Fairness.Tests;

/// <summary>The funnel after evaluation: a group granted less often after a letter is flagged, an even one is not, and no hidden cell follows from the totals.</summary>
public sealed class FunnelTests
{
    private static readonly MonitoringPlan s_plan = MonitoringPlan.Create(["pay frequency", "region"], intersectionDepth: 1);

    private static List<FunnelHousehold> Households(int seed, double fourWeeklyGrantFactor, int smallRegion = 0)
    {
        var random = new Random(seed);
        var households = new List<FunnelHousehold>();
        for (int i = 0; i < 4000; i++)
        {
            bool fourWeekly = random.NextDouble() < 0.25;
            string region = i < smallRegion ? "eiland" : random.NextDouble() < 0.5 ? "west" : "oost";
            bool approached = i < smallRegion || random.NextDouble() < 0.3;
            bool responded = approached && random.NextDouble() < 0.8;
            bool applied = responded && random.NextDouble() < 0.8;
            bool granted = applied && random.NextDouble() < 0.7 * (fourWeekly ? fourWeeklyGrantFactor : 1);
            bool eligible = approached ? random.NextDouble() < 0.75 : random.NextDouble() < 0.01;
            households.Add(new FunnelHousehold(new Dictionary<string, string> { ["pay frequency"] = fourWeekly ? "4-weekly" : "monthly", ["region"] = region }, approached, responded, applied, granted, eligible));
        }

        return households;
    }

    [Fact]
    public void AGroupGrantedHalfAsOftenAfterALetter_IsFlagged_AndTheRestIsNot()
    {
        var report = FunnelAnalyzer.Analyze(s_plan, Households(seed: 1, fourWeeklyGrantFactor: 0.5));

        var flagged = Assert.Single(report.Groups, g => g.Flagged && g.Value == "4-weekly");
        Assert.True(flagged.GrantedRatioToRest!.Value < 0.8);
        Assert.DoesNotContain(report.Groups, g => g.Flagged && g.Attribute == "region");
        Assert.True(report.HasGroundTruth);
        Assert.All(report.Groups, g => Assert.NotNull(g.EligibleMissed));
    }

    [Fact]
    public void WithoutBias_NothingIsFlagged()
        => Assert.DoesNotContain(FunnelAnalyzer.Analyze(s_plan, Households(seed: 2, fourWeeklyGrantFactor: 1)).Groups, g => g.Flagged);

    [Fact]
    public void ASmallGroup_IsHidden_AndNoColumnHidesExactlyOneCell()
    {
        var report = FunnelAnalyzer.Analyze(s_plan, Households(seed: 3, fourWeeklyGrantFactor: 1, smallRegion: 6));

        var small = Assert.Single(report.Groups, g => g.Value == "eiland");
        Assert.Null(small.Sampled);
        Assert.Null(small.Granted.Count);
        Assert.Null(small.GrantedRatioToRest);
        foreach (var attribute in report.Groups.GroupBy(g => g.Attribute))
        {
            foreach (var column in new Func<FunnelGroup, int?>[] { g => g.Sampled, g => g.Approached.Count, g => g.Responded.Count, g => g.Applied.Count, g => g.Granted.Count, g => g.EligibleMissed!.Count, g => g.ApproachedNotEligible!.Count })
            {
                // Total minus the published cells gives the sum of the hidden ones: one hidden cell would be recovered.
                Assert.NotEqual(1, attribute.Count(g => column(g) is null));
            }
        }
    }
}
