namespace Samenreken.Protocols.Tests;

/// <summary>The chi-square helper the privacy tests rely on, against published table values.</summary>
public sealed class ChiSquareTests
{
    [Theory]
    [InlineData(3.841459, 1, 0.05)]
    [InlineData(10.827566, 1, 0.001)]
    [InlineData(5.991465, 2, 0.05)]
    [InlineData(32.236191, 2, 1e-7)] // df = 2: p = e^(−x/2) exactly
    [InlineData(18.307038, 10, 0.05)]
    [InlineData(37.697298, 15, 0.001)]
    [InlineData(46.194260, 32, 0.05)]
    [InlineData(124.342114, 100, 0.05)]
    [InlineData(4.865182, 10, 0.9)]
    public void UpperTail_MatchesTableValues(double statistic, int degreesOfFreedom, double expected)
        => Assert.Equal(expected, ChiSquare.UpperTail(statistic, degreesOfFreedom), expected * 1e-4);

    [Fact]
    public void Homogeneity_OfProportionalHistograms_IsZero()
    {
        var result = ChiSquare.Homogeneity([10, 20, 0, 30], [20, 40, 0, 60]);

        Assert.Equal(0, result.Statistic, 1e-12);
        Assert.Equal(2, result.DegreesOfFreedom);
        Assert.Equal(1, result.PValue, 1e-12);
    }

    [Fact]
    public void Homogeneity_OfTwoByTwoTable_MatchesHandComputation()
    {
        // 2×2 table (30, 70 | 50, 50): expected 40/60 per row, χ² = 4·(100/40 + 100/60)·… = 8.333…
        var result = ChiSquare.Homogeneity([30, 70], [50, 50]);

        Assert.Equal(8.3333333, result.Statistic, 1e-6);
        Assert.Equal(1, result.DegreesOfFreedom);
        Assert.Equal(0.0038924, result.PValue, 1e-6);
    }

    [Fact]
    public void GoodnessOfFit_ObservationInImpossibleBin_Rejects()
        => Assert.Equal(0, ChiSquare.GoodnessOfFit([50, 49, 1], [0.5, 0.5, 0]).PValue);

    [Fact]
    public void GoodnessOfFit_ExactFit_DoesNotReject()
        => Assert.Equal(1, ChiSquare.GoodnessOfFit([25, 25, 25, 25], ChiSquare.Uniform(4)).PValue, 1e-12);
}
