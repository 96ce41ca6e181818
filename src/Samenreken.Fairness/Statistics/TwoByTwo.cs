using MathNet.Numerics;

namespace Samenreken.Fairness.Statistics;

/// <summary>A 2×2 table: the group against the rest, outcome present or absent.</summary>
internal readonly record struct Table2x2(int GroupYes, int GroupNo, int RestYes, int RestNo)
{
    public int GroupTotal => GroupYes + GroupNo;
    public int RestTotal => RestYes + RestNo;
    public int YesTotal => GroupYes + RestYes;
    public int NoTotal => GroupNo + RestNo;
    public int Total => GroupTotal + RestTotal;
}

/// <summary>The test of independence for one 2×2 table: chi-square when every expected cell is at least 5, else Fisher.</summary>
internal static class TwoByTwo
{
    /// <summary>Cochran's rule: the chi-square approximation is trusted when no expected cell is below 5.</summary>
    private const double MinimumExpectedCell = 5;

    public static (TestMethod Method, double PValue) Test(Table2x2 table)
    {
        if (table.GroupTotal == 0 || table.RestTotal == 0 || table.YesTotal == 0 || table.NoTotal == 0)
        {
            return (TestMethod.ChiSquare, 1);
        }

        double total = table.Total;
        double smallestExpected = Math.Min(table.GroupTotal, table.RestTotal) * (double)Math.Min(table.YesTotal, table.NoTotal) / total;
        return smallestExpected < MinimumExpectedCell
            ? (TestMethod.FisherExact, FisherExact(table))
            : (TestMethod.ChiSquare, ChiSquare(table));
    }

    public static double ChiSquare(Table2x2 t)
    {
        double total = t.Total;
        double cross = ((double)t.GroupYes * t.RestNo) - ((double)t.GroupNo * t.RestYes);
        double statistic = total * cross * cross / ((double)t.GroupTotal * t.RestTotal * t.YesTotal * t.NoTotal);
        return ChiSquareOneDfUpperTail(statistic);
    }

    /// <summary>P(χ²₁ ≥ x) = erfc(√(x/2)); erfc keeps precision in the far tail that 1 − CDF loses.</summary>
    public static double ChiSquareOneDfUpperTail(double statistic) => SpecialFunctions.Erfc(Math.Sqrt(statistic / 2));

    /// <summary>Two-sided Fisher exact p: the total probability of tables with the same margins no more likely than this one.</summary>
    public static double FisherExact(Table2x2 t)
    {
        int low = Math.Max(0, t.YesTotal - t.RestTotal);
        int high = Math.Min(t.GroupTotal, t.YesTotal);
        double observed = LogHypergeometric(t.GroupYes, t);
        double sum = 0;
        for (int x = low; x <= high; x++)
        {
            double logP = LogHypergeometric(x, t);
            // Relative tolerance as in R's fisher.test, so ties by rounding count as "as extreme".
            if (logP <= observed + 1e-7)
            {
                sum += Math.Exp(logP);
            }
        }

        return Math.Min(1, sum);
    }

    private static double LogHypergeometric(int groupYes, Table2x2 t)
        => LogChoose(t.GroupTotal, groupYes) + LogChoose(t.RestTotal, t.YesTotal - groupYes) - LogChoose(t.Total, t.YesTotal);

    private static double LogChoose(int n, int k) => SpecialFunctions.BinomialLn(n, k);
}
