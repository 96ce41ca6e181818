using CsCheck;
using Samenreken.Fairness.Statistics;

namespace Samenreken.Fairness.Tests;

public sealed class StatisticsPropertyTests
{
    private const double Z95 = 1.959963984540054;

    private static readonly Gen<Table2x2> s_tables =
        Gen.Select(Gen.Int[0, 40], Gen.Int[0, 40], Gen.Int[0, 60], Gen.Int[0, 60]).Select((a, b, c, d) => new Table2x2(a, b, c, d));

    [Fact]
    public void Wilson_ContainsTheEstimate_InsideTheUnitInterval()
        => Gen.Int[0, 500].SelectMany(n => Gen.Int[0, n].Select(x => (x, n))).Sample(t =>
        {
            var interval = Proportions.Wilson(t.x, t.n, Z95);
            Assert.InRange(interval.Value, interval.Lower, interval.Upper);
            Assert.True(interval.Lower >= 0 && interval.Upper <= 1);
        });

    [Theory]
    [InlineData(0, 106)]
    [InlineData(106, 106)]
    [InlineData(0, 1)]
    public void Wilson_AtNoneOrAll_HasTheEstimateAsItsBound(int successes, int trials)
    {
        var interval = Proportions.Wilson(successes, trials, Z95);
        Assert.InRange(interval.Value, interval.Lower, interval.Upper);
        Assert.Equal(successes == 0 ? 0 : 1, successes == 0 ? interval.Lower : interval.Upper);
    }

    [Fact]
    public void Holm_AdjustedPValues_AreAtLeastTheRawOnes_AndKeepTheirOrder()
        => Gen.Double[0, 1].Array[1, 30].Sample(p =>
        {
            double[] adjusted = Holm.Adjust(p);
            for (int i = 0; i < p.Length; i++)
            {
                Assert.InRange(adjusted[i], p[i], 1);
                for (int j = 0; j < p.Length; j++)
                {
                    Assert.True(p[i] > p[j] || adjusted[i] <= adjusted[j]);
                }
            }
        });

    [Fact]
    public void TwoByTwoTests_AreProbabilities_AndIgnoreWhichSideIsTheGroup()
        => s_tables.Sample(t =>
        {
            var swapped = new Table2x2(t.RestYes, t.RestNo, t.GroupYes, t.GroupNo);
            var (_, p) = TwoByTwo.Test(t);
            Assert.InRange(p, 0, 1);
            Assert.Equal(p, TwoByTwo.Test(swapped).PValue, 9);
            if (t.GroupTotal > 0 && t.RestTotal > 0 && t.YesTotal > 0 && t.NoTotal > 0)
            {
                Assert.Equal(TwoByTwo.FisherExact(t), TwoByTwo.FisherExact(swapped), 9);
            }
        });

    [Fact]
    public void MantelHaenszel_SplittingIdenticalStrata_ChangesNothing()
        => s_tables.Where(t => t.GroupYes > 0 && t.GroupNo > 0 && t.RestYes > 0 && t.RestNo > 0).Sample(t =>
        {
            // Two copies of a stratum carry the same ratios as one table with every count doubled.
            var twice = MantelHaenszel.Compute([t, t], Z95)!;
            var doubled = MantelHaenszel.Compute([new Table2x2(2 * t.GroupYes, 2 * t.GroupNo, 2 * t.RestYes, 2 * t.RestNo)], Z95)!;
            Assert.Equal(doubled.CommonOddsRatio!.Value, twice.CommonOddsRatio!.Value, 9);
            Assert.Equal(doubled.RateRatioPoint, twice.RateRatioPoint, 9);
        });
}
