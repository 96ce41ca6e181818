namespace Samenreken.Fairness;

/// <summary>Which test produced a p-value for a 2×2 table.</summary>
public enum TestMethod
{
    /// <summary>Pearson's chi-square, 1 degree of freedom, no continuity correction.</summary>
    ChiSquare,

    /// <summary>Fisher's exact test, two-sided (sum of tables no more probable than the observed one).</summary>
    FisherExact,

    /// <summary>Cochran–Mantel–Haenszel chi-square over strata, 1 degree of freedom.</summary>
    CochranMantelHaenszel,
}
