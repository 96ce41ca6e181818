using MathNet.Numerics.Distributions;

namespace Samenreken.Fairness.Statistics;

/// <summary>
/// The Lan–DeMets spending function of O'Brien–Fleming type (Lan &amp; DeMets 1983, Biometrika 70:659–663):
/// α(t) = 2 − 2Φ(z₁₋α/₂ / √t) for information fraction t in (0, 1]. It spends almost nothing at early looks,
/// when few households are in, and keeps nearly the whole α for the end of the run.
/// </summary>
internal static class AlphaSpending
{
    public static double ObrienFleming(double alpha, double informationFraction)
    {
        if (informationFraction <= 0)
        {
            return 0;
        }

        double t = Math.Min(1, informationFraction);
        double z = Proportions.TwoSidedZ(alpha);
        return 2 * (1 - Normal.CDF(0, 1, z / Math.Sqrt(t)));
    }
}
