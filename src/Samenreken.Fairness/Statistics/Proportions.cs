using MathNet.Numerics.Distributions;

namespace Samenreken.Fairness.Statistics;

/// <summary>Intervals for one proportion, and for the difference and ratio of two independent proportions.</summary>
internal static class Proportions
{
    public static double TwoSidedZ(double alpha) => Normal.InvCDF(0, 1, 1 - (alpha / 2));

    /// <summary>
    /// Wilson score interval (Wilson 1927). Chosen over the Wald interval because selection rates here are
    /// small (about 1% in the pilot), where Wald undercovers and can go below zero (Brown, Cai, DasGupta 2001).
    /// </summary>
    public static Estimate Wilson(int successes, int trials, double z)
    {
        if (trials == 0)
        {
            return new Estimate(0, 0, 1);
        }

        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = (successes + (z2 / 2)) / (n + z2);
        double half = z / (n + z2) * Math.Sqrt((successes * (n - successes) / n) + (z2 / 4));
        // At 0 or n successes a bound equals the estimate exactly in theory; rounding can put it a hair beyond.
        return new Estimate(p, Math.Min(p, Math.Max(0, centre - half)), Math.Max(p, Math.Min(1, centre + half)));
    }

    /// <summary>
    /// Difference p1 − p2 with Newcombe's hybrid score interval (Newcombe 1998, method 10), built from the two
    /// Wilson intervals; it keeps its coverage for small rates where the Wald difference interval does not.
    /// </summary>
    public static Estimate Difference(int x1, int n1, int x2, int n2, double z)
    {
        var first = Wilson(x1, n1, z);
        var second = Wilson(x2, n2, z);
        double difference = first.Value - second.Value;
        double lower = difference - Math.Sqrt(Square(first.Value - first.Lower) + Square(second.Upper - second.Value));
        double upper = difference + Math.Sqrt(Square(first.Upper - first.Value) + Square(second.Value - second.Lower));
        return new Estimate(difference, Math.Max(-1, lower), Math.Min(1, upper));
    }

    /// <summary>
    /// Ratio p1 / p2 with the Katz log interval (Katz et al. 1978); with a zero count, 0.5 is added to every
    /// cell (Haldane) so the interval stays finite. Null when both groups have no successes: no ratio exists.
    /// </summary>
    public static Estimate? Ratio(int x1, int n1, int x2, int n2, double z)
    {
        if (n1 == 0 || n2 == 0 || (x1 == 0 && x2 == 0))
        {
            return null;
        }

        double a = x1, b = n1 - x1, c = x2, d = n2 - x2;
        if (x1 == 0 || x2 == 0)
        {
            a += 0.5; b += 0.5; c += 0.5; d += 0.5;
        }

        double logRatio = Math.Log(a / (a + b) / (c / (c + d)));
        double se = Math.Sqrt((1 / a) - (1 / (a + b)) + (1 / c) - (1 / (c + d)));
        double point = x1 == 0 ? 0 : Math.Exp(logRatio);
        return new Estimate(point, Math.Exp(logRatio - (z * se)), Math.Exp(logRatio + (z * se)));
    }

    private static double Square(double x) => x * x;
}
