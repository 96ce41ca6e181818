namespace Samenreken.Protocols.SecureComparison;

/// <summary>
/// The public parameters both parties must agree on before a run: the input length l (0 ≤ x, y &lt; 2^l) and the
/// statistical security κ of the additive blinding (B sees z + r with r of l + κ bits: statistical distance ≤ 2^-κ).
/// </summary>
public sealed record ComparisonSettings
{
    public const int DefaultComparisonBits = 32;
    public const int DefaultStatisticalSecurity = 40;
    public const int MinimumStatisticalSecurity = 40;

    private ComparisonSettings(int comparisonBits, int statisticalSecurity)
    {
        ComparisonBits = comparisonBits;
        StatisticalSecurity = statisticalSecurity;
    }

    /// <summary>l = 32, κ = 40.</summary>
    public static ComparisonSettings Default { get; } = new(DefaultComparisonBits, DefaultStatisticalSecurity);

    /// <summary>l: inputs lie in [0, 2^l).</summary>
    public int ComparisonBits { get; }

    /// <summary>κ: bits of statistical security of the blinding.</summary>
    public int StatisticalSecurity { get; }

    /// <summary>Width of one packed d = z + r &lt; 2^(l+1) + 2^(l+κ) &lt; 2^(l+κ+1).</summary>
    public int SlotBits => ComparisonBits + StatisticalSecurity + 1;

    /// <summary>
    /// Validates l in [1, 58] (so the DGK plaintext prime u &gt; 2^(l+2) fits 64 bits) and κ ≥ 40 with l + κ + 1 ≤ 127
    /// (so blinding values fit a 128-bit integer).
    /// </summary>
    public static ComparisonSettings Create(int comparisonBits, int statisticalSecurity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(comparisonBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(comparisonBits, 58);
        ArgumentOutOfRangeException.ThrowIfLessThan(statisticalSecurity, MinimumStatisticalSecurity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statisticalSecurity, 126 - comparisonBits);
        return new ComparisonSettings(comparisonBits, statisticalSecurity);
    }

    /// <summary>Whether 0 ≤ value &lt; 2^l.</summary>
    public bool IsInRange(long value) => value >= 0 && (ComparisonBits >= 63 || value < 1L << ComparisonBits);
}
