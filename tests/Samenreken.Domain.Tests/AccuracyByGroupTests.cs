using Samenreken.Domain.NetIncome;

namespace Samenreken.Domain.Tests;

/// <summary>The approximation's errors per group the caller names (the fairness monitor's attributes live outside the Domain).</summary>
public class AccuracyByGroupTests
{
    private static AccuracyResult WithErrors(params long[] errorsCents)
    {
        var none = new SelectionConfusion("none", 0, 0, 0, 0, 0);
        return new AccuracyResult("Current", "v", new ErrorStatistics("all", errorsCents.Length, 0, 0, 0, 0, 0), [], [], [], none, none, errorsCents);
    }

    [Fact]
    public void EachHouseholdsErrorCountsInItsOwnGroup_InGroupOrder()
    {
        var groups = AccuracyMeasurement.ByGroup(WithErrors(100, -300, 500, -700), ["nl", "western", "nl", "western"]);

        Assert.Equal(["nl", "western"], groups.Select(g => g.Group));
        Assert.Equal((2, 3.00, 3.00), (groups[0].Households, groups[0].MeanEur, groups[0].MeanAbsoluteEur));
        Assert.Equal((2, -5.00, 5.00), (groups[1].Households, groups[1].MeanEur, groups[1].MeanAbsoluteEur));
    }

    [Fact]
    public void AGroupPerHousehold_IsRequired()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AccuracyMeasurement.ByGroup(WithErrors(100, 200), ["nl"]));
        Assert.Single(AccuracyMeasurement.ByGroup(WithErrors(100, 200), ["nl", "nl"]));
    }
}
