namespace Samenreken.Fairness;

/// <summary>A test's p-value, and the p-value after Holm's correction over the family it was tested in.</summary>
public sealed record Significance(TestMethod Method, double PValue, double AdjustedPValue);
