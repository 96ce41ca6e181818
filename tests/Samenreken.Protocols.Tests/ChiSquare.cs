namespace Samenreken.Protocols.Tests;

/// <summary>The outcome of one chi-square test: the statistic, its degrees of freedom and the upper-tail p-value.</summary>
internal readonly record struct ChiSquareResult(double Statistic, int DegreesOfFreedom, double PValue)
{
    public override string ToString()
        => FormattableString.Invariant($"χ² = {Statistic:F1}, df = {DegreesOfFreedom}, p = {PValue:G3}");
}

/// <summary>
/// Pearson's chi-square tests for histograms, with the p-value from the regularized upper incomplete gamma function
/// Q(df/2, χ²/2) (series and Lentz continued fraction, Numerical Recipes §6.2; log Γ by Lanczos, g = 7).
/// Checked against table values in <see cref="ChiSquareTests"/>.
/// </summary>
internal static class ChiSquare
{
    private static readonly double[] s_lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>
    /// Homogeneity: were two histograms over the same bins drawn from one distribution? Bins empty in both are
    /// dropped; df = (bins used − 1).
    /// </summary>
    public static ChiSquareResult Homogeneity(IReadOnlyList<long> first, IReadOnlyList<long> second)
    {
        if (first.Count != second.Count)
        {
            throw new ArgumentException("Both histograms need the same bins.", nameof(second));
        }

        double n1 = first.Sum();
        double n2 = second.Sum();
        var total = n1 + n2;
        var statistic = 0.0;
        var bins = 0;
        for (var i = 0; i < first.Count; i++)
        {
            var column = (double)(first[i] + second[i]);
            if (column == 0)
            {
                continue;
            }

            bins++;
            var e1 = column * n1 / total;
            var e2 = column * n2 / total;
            statistic += ((first[i] - e1) * (first[i] - e1) / e1) + ((second[i] - e2) * (second[i] - e2) / e2);
        }

        return Result(statistic, bins - 1);
    }

    /// <summary>
    /// Goodness of fit to known bin probabilities. A bin of probability 0 that holds an observation makes p = 0
    /// (the ideal distribution cannot produce it); empty bins of probability 0 are dropped.
    /// </summary>
    public static ChiSquareResult GoodnessOfFit(IReadOnlyList<long> observed, IReadOnlyList<double> probabilities)
    {
        if (observed.Count != probabilities.Count)
        {
            throw new ArgumentException("One probability per bin.", nameof(probabilities));
        }

        double n = observed.Sum();
        var statistic = 0.0;
        var bins = 0;
        for (var i = 0; i < observed.Count; i++)
        {
            if (probabilities[i] == 0)
            {
                if (observed[i] != 0)
                {
                    return new ChiSquareResult(double.PositiveInfinity, observed.Count - 1, 0);
                }

                continue;
            }

            bins++;
            var expected = n * probabilities[i];
            statistic += (observed[i] - expected) * (observed[i] - expected) / expected;
        }

        return Result(statistic, bins - 1);
    }

    public static IReadOnlyList<double> Uniform(int bins) => Enumerable.Repeat(1.0 / bins, bins).ToArray();

    /// <summary>P(X ≥ statistic) for X chi-square distributed with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double UpperTail(double statistic, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return statistic <= 0 ? 1.0 : RegularizedUpperGamma(degreesOfFreedom / 2.0, statistic / 2.0);
    }

    private static ChiSquareResult Result(double statistic, int degreesOfFreedom)
        => degreesOfFreedom < 1
            ? new ChiSquareResult(statistic, 0, 1.0) // one bin: nothing to compare
            : new ChiSquareResult(statistic, degreesOfFreedom, UpperTail(statistic, degreesOfFreedom));

    /// <summary>Q(a, x) = Γ(a, x)/Γ(a).</summary>
    private static double RegularizedUpperGamma(double a, double x)
    {
        var logPrefix = (a * Math.Log(x)) - x - LogGamma(a);
        if (x < a + 1)
        {
            // P(a, x) = e^−x x^a / Γ(a + 1) · Σ x^k / ((a + 1)…(a + k))
            var term = 1.0 / a;
            var sum = term;
            for (var k = 1; k < 10_000; k++)
            {
                term *= x / (a + k);
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * 1e-16)
                {
                    break;
                }
            }

            return Math.Max(0, 1 - (sum * Math.Exp(logPrefix)));
        }

        // Q(a, x) = e^−x x^a / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)), modified Lentz
        const double tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 10_000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = b + (an / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(logPrefix) * h;
    }

    private static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = s_lanczos[0];
        for (var i = 1; i < s_lanczos.Length; i++)
        {
            sum += s_lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}
