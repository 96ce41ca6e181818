namespace Samenreken.Fairness;

/// <summary>A point estimate with a two-sided confidence interval at the plan's confidence level.</summary>
public sealed record Estimate(double Value, double Lower, double Upper);
