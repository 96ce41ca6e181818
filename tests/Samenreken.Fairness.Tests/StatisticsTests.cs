using Samenreken.Fairness.Statistics;

namespace Samenreken.Fairness.Tests;

public sealed class StatisticsTests
{
    private const double Z95 = 1.959963984540054;

    [Fact]
    public void Wilson_KnownAnswer()
    {
        // 5 of 10 at 95%: 0.2366 – 0.7634 (Newcombe 1998, table I, method 3).
        var interval = Proportions.Wilson(5, 10, Z95);
        Assert.Equal(0.2366, interval.Lower, 4);
        Assert.Equal(0.7634, interval.Upper, 4);
        Assert.Equal(0, Proportions.Wilson(0, 10, Z95).Lower);
    }

    [Fact]
    public void NewcombeDifference_KnownAnswer()
    {
        // 56/70 − 48/80: 0.0524 – 0.3339 (Newcombe 1998, table II, method 10).
        var difference = Proportions.Difference(56, 70, 48, 80, Z95);
        Assert.Equal(0.2, difference.Value, 10);
        Assert.Equal(0.0524, difference.Lower, 4);
        Assert.Equal(0.3339, difference.Upper, 4);
    }

    [Fact]
    public void KatzRatio_KnownAnswerAndZeroCells()
    {
        // 20/100 against 10/100: ratio 2, log-SE √(1/20 − 1/100 + 1/10 − 1/100) = √0.13.
        var ratio = Proportions.Ratio(20, 100, 10, 100, Z95)!;
        Assert.Equal(2, ratio.Value, 10);
        Assert.Equal(2 * Math.Exp(-Z95 * Math.Sqrt(0.13)), ratio.Lower, 10);
        Assert.Equal(0, Proportions.Ratio(0, 50, 10, 100, Z95)!.Value);
        Assert.True(double.IsFinite(Proportions.Ratio(5, 50, 0, 100, Z95)!.Upper));
        Assert.Null(Proportions.Ratio(0, 50, 0, 100, Z95));
    }

    [Fact]
    public void FisherExact_LadyTastingTea()
    {
        // Fisher (1935): 3 of 4 right in each row; two-sided p = 34/70.
        Assert.Equal(34.0 / 70, TwoByTwo.FisherExact(new Table2x2(3, 1, 1, 3)), 10);
        Assert.Equal(TestMethod.FisherExact, TwoByTwo.Test(new Table2x2(3, 1, 1, 3)).Method);
    }

    [Fact]
    public void ChiSquare_KnownAnswer()
    {
        // 10/100 against 20/100: X² = 200·(10·80 − 90·20)² / (100·100·30·170) = 3.9216, p = 0.04767.
        var (method, p) = TwoByTwo.Test(new Table2x2(10, 90, 20, 80));
        Assert.Equal(TestMethod.ChiSquare, method);
        Assert.Equal(0.04767, p, 5);
    }

    [Fact]
    public void MantelHaenszel_OneStratum_ReducesToTheSingleTableFormulas()
    {
        var table = new Table2x2(15, 35, 30, 120);
        var result = MantelHaenszel.Compute([table], Z95)!;
        double n = table.Total;

        // CMH uses the hypergeometric variance: X²_CMH = X²_Pearson · (n − 1) / n.
        double pearson = 200.0 * Math.Pow((15 * 120) - (35 * 30), 2) / (50.0 * 150 * 45 * 155);
        Assert.Equal(pearson * (n - 1) / n, result.ChiSquare, 10);

        // RBG reduces to Woolf's variance, Greenland–Robins to the Katz variance.
        double odds = 15.0 * 120 / (35 * 30);
        Assert.Equal(odds, result.CommonOddsRatio!.Value, 10);
        Assert.Equal(odds * Math.Exp(-Z95 * Math.Sqrt((1 / 15.0) + (1 / 35.0) + (1 / 30.0) + (1 / 120.0))), result.CommonOddsRatio.Lower, 10);
        var katz = Proportions.Ratio(15, 50, 30, 150, Z95)!;
        Assert.Equal(katz.Value, result.CommonRateRatio!.Value, 10);
        Assert.Equal(katz.Lower, result.CommonRateRatio.Lower, 10);
        Assert.Equal(katz.Upper, result.CommonRateRatio.Upper, 10);
    }

    [Fact]
    public void MantelHaenszel_ConfoundedStrata_FindNoDifferenceWhereTheRawTableDoes()
    {
        // Within each stratum the group and the rest have the same rate; the group sits mostly in the high stratum.
        Table2x2[] strata = [new(40, 60, 40, 60), new(2, 98, 18, 882)];
        var result = MantelHaenszel.Compute(strata, Z95)!;
        Assert.Equal(1, result.RateRatioPoint, 10);
        Assert.Equal(1, result.CommonOddsRatio!.Value, 10);
        Assert.True(result.PValue > 0.99);

        var raw = TwoByTwo.Test(new Table2x2(42, 158, 58, 942));
        Assert.True(raw.PValue < 1e-6);
    }

    [Fact]
    public void Holm_KnownAnswer()
    {
        double[] adjusted = Holm.Adjust([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(p => Math.Round(p, 10)));
    }

    [Fact]
    public void ObrienFlemingSpending_KnownAnswers()
    {
        Assert.Equal(0.05, AlphaSpending.ObrienFleming(0.05, 1), 12);
        Assert.Equal(0.05, AlphaSpending.ObrienFleming(0.05, 3), 12);
        Assert.Equal(0.0055746, AlphaSpending.ObrienFleming(0.05, 0.5), 6);
        Assert.Equal(0, AlphaSpending.ObrienFleming(0.05, 0));
    }

    [Fact]
    public void SampleSize_KnownAnswer()
    {
        // 10% against 5%, α = 0.05 two-sided, 80% power: (1.96·0.3 + 0.8416·0.2179)² / 0.05² = 238.1.
        Assert.Equal(239, SampleSize.ForDifference(0.05, 0.10, 0.05, 0.8));
        Assert.Null(SampleSize.ForDifference(0.1, 0.1, 0.05, 0.8));
    }
}
