namespace Samenreken.Fairness;

/// <summary>A point estimate with a two-sided confidence interval at the plan's confidence level.</summary>
public sealed record Estimate(double Value, double Lower, double Upper)
{
    /// <summary>True when the whole interval lies outside [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    public bool IntervalExcludes(double lower, double upper) => Upper < lower || Lower > upper;
}
