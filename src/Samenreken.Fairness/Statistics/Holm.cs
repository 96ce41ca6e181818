namespace Samenreken.Fairness.Statistics;

/// <summary>
/// Holm's step-down procedure (Holm 1979): controls the family-wise error rate under any dependence between
/// the tests. Our tests overlap heavily (a group, its intersections, "the rest"), which rules out methods that
/// need independence or positive dependence; see docs/fairness.md for why not Benjamini–Hochberg.
/// </summary>
internal static class Holm
{
    /// <summary>Holm-adjusted p-values, in the input order: reject test i at level α iff adjusted[i] ≤ α.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        int m = pValues.Count;
        int[] order = [.. Enumerable.Range(0, m).OrderBy(i => pValues[i])];
        var adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            int i = order[rank];
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }

        return adjusted;
    }
}
