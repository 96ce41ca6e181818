namespace Samenreken.Fairness.Statistics;

/// <summary>The stratified comparison of a group with the rest, strata being the legitimate factors.</summary>
/// <remarks><paramref name="RateRatioPoint"/> is 0 when the group has no selections and +∞ when the rest has none; the interval is then null.</remarks>
internal sealed record MantelHaenszelResult(double ChiSquare, double PValue, Estimate? CommonOddsRatio, Estimate? CommonRateRatio, double RateRatioPoint);

/// <summary>
/// Cochran–Mantel–Haenszel test and the Mantel–Haenszel common odds ratio and rate ratio over K 2×2 tables.
/// Sources: Mantel &amp; Haenszel (1959); the log odds-ratio variance of Robins, Breslow &amp; Greenland (1986);
/// the log rate-ratio variance of Greenland &amp; Robins (1985). The practical threshold of the plan is a rate
/// ratio, so the flag uses the MH rate ratio; the odds ratio is reported beside it.
/// </summary>
internal static class MantelHaenszel
{
    /// <summary>Null when no stratum holds both the group and the rest with variation in the outcome.</summary>
    public static MantelHaenszelResult? Compute(IEnumerable<Table2x2> strata, double z)
    {
        double sumA = 0, sumExpected = 0, sumVariance = 0;
        double sumR = 0, sumS = 0, sumPR = 0, sumPSQR = 0, sumQS = 0;
        double rrNumerator = 0, rrDenominator = 0, rrVariance = 0;
        foreach (var t in strata)
        {
            double n = t.Total;
            if (t.GroupTotal == 0 || t.RestTotal == 0 || n < 2)
            {
                continue;
            }

            double a = t.GroupYes, b = t.GroupNo, c = t.RestYes, d = t.RestNo;
            double n1 = t.GroupTotal, n0 = t.RestTotal, m1 = t.YesTotal, m0 = t.NoTotal;
            sumA += a;
            sumExpected += n1 * m1 / n;
            sumVariance += n1 * n0 * m1 * m0 / (n * n * (n - 1));

            // Robins–Breslow–Greenland (1986) terms.
            double p = (a + d) / n, q = (b + c) / n, r = a * d / n, s = b * c / n;
            sumR += r;
            sumS += s;
            sumPR += p * r;
            sumPSQR += (p * s) + (q * r);
            sumQS += q * s;

            // Greenland–Robins (1985) terms for the rate (risk) ratio.
            rrNumerator += a * n0 / n;
            rrDenominator += c * n1 / n;
            rrVariance += ((n1 * n0 * m1) - (a * c * n)) / (n * n);
        }

        if (sumVariance <= 0)
        {
            return null;
        }

        double deviation = sumA - sumExpected;
        double chiSquare = deviation * deviation / sumVariance;
        Estimate? oddsRatio = null;
        if (sumR > 0 && sumS > 0)
        {
            double logOr = Math.Log(sumR / sumS);
            double variance = (sumPR / (2 * sumR * sumR)) + (sumPSQR / (2 * sumR * sumS)) + (sumQS / (2 * sumS * sumS));
            oddsRatio = LogInterval(logOr, variance, z);
        }

        Estimate? rateRatio = null;
        if (rrNumerator > 0 && rrDenominator > 0)
        {
            double logRr = Math.Log(rrNumerator / rrDenominator);
            rateRatio = LogInterval(logRr, rrVariance / (rrNumerator * rrDenominator), z);
        }

        return new MantelHaenszelResult(chiSquare, TwoByTwo.ChiSquareOneDfUpperTail(chiSquare), oddsRatio, rateRatio, rrNumerator / rrDenominator);
    }

    private static Estimate LogInterval(double logEstimate, double variance, double z)
    {
        double se = Math.Sqrt(Math.Max(0, variance));
        return new Estimate(Math.Exp(logEstimate), Math.Exp(logEstimate - (z * se)), Math.Exp(logEstimate + (z * se)));
    }
}
