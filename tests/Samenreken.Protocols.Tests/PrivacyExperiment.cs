using System.Text;

namespace Samenreken.Protocols.Tests;

/// <summary>The two input sets of a privacy experiment: B's views of both must be indistinguishable.</summary>
public enum InputContrast
{
    /// <summary>All x &lt; y versus all x ≥ y (half near-equal pairs, half uniform pairs in each).</summary>
    LessVersusGreaterOrEqual,

    /// <summary>x, y uniform in [0, 2^(l/4)) versus x, y uniform in [2^(l−1), 2^l).</summary>
    SmallVersusLarge,
}

/// <summary>One histogram of B's view, tested three ways: between the two input sets, and each set against the ideal distribution.</summary>
internal sealed record StatisticOutcome(string Name, ChiSquareResult Homogeneity, ChiSquareResult FitFirst, ChiSquareResult FitSecond)
{
    public double MinimumPValue => Math.Min(Homogeneity.PValue, Math.Min(FitFirst.PValue, FitSecond.PValue));

    public override string ToString() => $"{Name}: between sets {Homogeneity}; set 1 vs ideal {FitFirst}; set 2 vs ideal {FitSecond}";
}

/// <summary>
/// Runs the comparison on two very different input sets, records B's view of each (<see cref="KeyHolderView"/>) and
/// compares the views histogram by histogram with chi-square tests.
/// </summary>
internal static class PrivacyExperiment
{
    /// <summary>Histogram names, used by the tests to say which statistic must catch which broken twin.</summary>
    public const string LowBits = "d bits 0-3";
    public const string MiddleBits = "d bits l/2-2 .. l/2+1";
    public const string TopBits = "d bits l-4 .. l-1";
    public const string HighPartLowBits = "(d div 2^l) mod 16";
    public const string HighPartTopBits = "(d div 2^l) div 2^(κ-3)";
    public const string DeltaB = "δ_B";
    public const string ZerosPerItem = "zero terms per item";
    public const string ZeroPosition = "position of the zero term";
    public const string RevealedBit = "revealed bit";
    public const string DeltaBAndRevealedBit = "(δ_B, revealed bit)";
    public const string NonzeroTermPlaintexts = "nonzero term plaintexts mod 16";

    /// <summary>κ of the experiments, the pilot's (ComparisonSettings.Default); the description's blinding claims must name it.</summary>
    public const int StatisticalSecurity = 40;

    public static IReadOnlyList<StatisticOutcome> Run(InputContrast contrast, int comparisonBits, EvaluatorFaults faults, int itemsPerSet)
    {
        var harness = new ComparisonHarness("gmp", comparisonBits, StatisticalSecurity);
        var (first, second) = Inputs(contrast, comparisonBits, itemsPerSet);
        var firstView = KeyHolderView.Observe(harness, first, faults);
        var secondView = KeyHolderView.Observe(harness, second, faults);
        var firstHistograms = Histograms(firstView, harness);
        var secondHistograms = Histograms(secondView, harness);
        return [.. firstHistograms.Select(h =>
        {
            var other = secondHistograms.Single(s => s.Name == h.Name);
            return new StatisticOutcome(
                h.Name,
                ChiSquare.Homogeneity(h.Counts, other.Counts),
                ChiSquare.GoodnessOfFit(h.Counts, h.Ideal),
                ChiSquare.GoodnessOfFit(other.Counts, other.Ideal));
        })];
    }

    public static string Describe(IEnumerable<StatisticOutcome> outcomes)
    {
        var text = new StringBuilder();
        foreach (var outcome in outcomes)
        {
            text.AppendLine(outcome.ToString());
        }

        return text.ToString();
    }

    /// <summary>The two input sets, from a fixed seed so a failure can be reproduced on the input side.</summary>
    public static (List<(long X, long Y)> First, List<(long X, long Y)> Second) Inputs(InputContrast contrast, int l, int count)
    {
        var random = new Random(20261126 + (int)contrast);
        var top = 1L << l;
        var first = new List<(long X, long Y)>(count);
        var second = new List<(long X, long Y)>(count);
        for (var k = 0; k < count; k++)
        {
            if (contrast == InputContrast.SmallVersusLarge)
            {
                var small = Math.Max(2, 1L << (l / 4));
                first.Add((random.NextInt64(small), random.NextInt64(small)));
                second.Add((random.NextInt64(top / 2, top), random.NextInt64(top / 2, top)));
                continue;
            }

            // Half near-equal pairs (the hardest case to hide: |x − y| ≤ 16), half uniform ordered pairs.
            long low, high;
            if (k % 2 == 0)
            {
                low = random.NextInt64(top - 17);
                high = low + random.NextInt64(1, 17);
            }
            else
            {
                do
                {
                    (low, high) = (random.NextInt64(top), random.NextInt64(top));
                }
                while (low == high);

                (low, high) = (Math.Min(low, high), Math.Max(low, high));
            }

            first.Add((low, high));
            second.Add(k % 10 == 9 ? (high, high) : (high, low));
        }

        Assert.All(first, p => Assert.True(contrast == InputContrast.SmallVersusLarge || p.X < p.Y));
        Assert.All(second, p => Assert.True(contrast == InputContrast.SmallVersusLarge || p.X >= p.Y));
        return (first, second);
    }

    private sealed record Histogram(string Name, long[] Counts, IReadOnlyList<double> Ideal);

    /// <summary>
    /// The histograms of one view, each with the distribution an ideal simulator (knowing nothing of the inputs) gives:
    /// d mod 2^l is exactly uniform; (d div 2^l) = (z + r) div 2^l is uniform up to 2^−κ; δ_B, the revealed bit and
    /// the zero's position (given a zero) are exactly uniform; an item has one zero term exactly when δ_B = 1; and the
    /// nonzero terms, multiplied by uniform r_i ∈ Z_u^*, are uniform in Z_u^*.
    /// </summary>
    private static List<Histogram> Histograms(KeyHolderView view, ComparisonHarness harness)
    {
        var l = harness.Settings.ComparisonBits;
        var kappa = harness.Settings.StatisticalSecurity;
        var histograms = new List<Histogram>
        {
            Window(LowBits, view, 0),
            Window(MiddleBits, view, Math.Max(0, (l / 2) - 2)),
            Window(TopBits, view, l - 4),
            new(HighPartLowBits, Count(16, view.Blinded.Select(d => (int)((d >> l) & 15))), ChiSquare.Uniform(16)),
            new(HighPartTopBits, Count(8, view.Blinded.Select(d => (int)UInt128.Min((d >> l) >> (kappa - 3), 7))), ChiSquare.Uniform(8)),
            new(DeltaB, Count(2, view.DeltaB.Select(b => b ? 1 : 0)), ChiSquare.Uniform(2)),
            new(ZerosPerItem, Count(3, view.ZeroCount.Select(c => Math.Min(c, 2))), [0.5, 0.5, 0]),
            new(ZeroPosition, Count(l + 1, view.ZeroPosition.Where(p => p >= 0)), ChiSquare.Uniform(l + 1)),
            new(RevealedBit, Count(2, view.Revealed.Select(b => b ? 1 : 0)), ChiSquare.Uniform(2)),
            new(DeltaBAndRevealedBit, Count(4, view.DeltaB.Zip(view.Revealed, (d, r) => (d ? 2 : 0) + (r ? 1 : 0))), ChiSquare.Uniform(4)),
        };

        // B's view is consistent: δ_B = 1 exactly when one term is zero (a correctness check, not a statistic).
        Assert.Equal(view.DeltaB, view.ZeroCount.Select(c => c > 0));

        if (view.HasTermPlaintexts)
        {
            var u = harness.Dgk.PublicKey.U;
            var ideal = new double[16];
            for (ulong m = 1; m < u; m++)
            {
                ideal[m % 16] += 1.0 / (u - 1);
            }

            histograms.Add(new(NonzeroTermPlaintexts, Count(16, view.TermPlaintexts.Where(m => m != 0).Select(m => (int)(m % 16))), ideal));
        }

        return histograms;
    }

    private static Histogram Window(string name, KeyHolderView view, int shift)
        => new(name, Count(16, view.Blinded.Select(d => (int)((d >> shift) & 15))), ChiSquare.Uniform(16));

    private static long[] Count(int bins, IEnumerable<int> values)
    {
        var counts = new long[bins];
        foreach (var value in values)
        {
            counts[value]++;
        }

        return counts;
    }
}
