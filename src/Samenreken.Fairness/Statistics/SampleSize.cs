namespace Samenreken.Fairness.Statistics;

/// <summary>How large a group must be for its difference with the rest to be detectable.</summary>
internal static class SampleSize
{
    /// <summary>
    /// Group size needed to detect a rate of <paramref name="groupRate"/> against a rest rate of
    /// <paramref name="restRate"/> with the given power, two-sided at <paramref name="alpha"/>. Treats the rest's
    /// rate as known (the rest is much larger than a small group): the one-sample normal approximation
    /// n = (z₁₋α/₂·√(p₀q₀) + z₁₋β·√(p₁q₁))² / (p₁ − p₀)² (Fleiss, Levin &amp; Paik 2003, §4.2). Null when the rates are equal.
    /// </summary>
    public static int? ForDifference(double groupRate, double restRate, double alpha, double power)
    {
        double difference = groupRate - restRate;
        if (Math.Abs(difference) < 1e-12)
        {
            return null;
        }

        double zAlpha = Proportions.TwoSidedZ(alpha);
        double zBeta = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, power);
        double root = (zAlpha * Math.Sqrt(restRate * (1 - restRate))) + (zBeta * Math.Sqrt(groupRate * (1 - groupRate)));
        return (int)Math.Ceiling(root * root / (difference * difference));
    }
}
