namespace Samenreken.Disclosure;

/// <summary>One claim about what the receiving party of a message learns from it.</summary>
public sealed record ViewClaim
{
    private ViewClaim(ViewKind kind, int? securityBits)
    {
        Kind = kind;
        SecurityBits = securityBits;
    }

    public ViewKind Kind { get; }

    /// <summary>κ, for <see cref="ViewKind.StatisticallyBlinded"/> only.</summary>
    public int? SecurityBits { get; }

    /// <summary>
    /// True when the claim rests on a distribution a privacy experiment can measure (the protocol's blinding, masking
    /// and shuffling), so a statistical test must back it; false when it rests on encryption, on what the regulation
    /// allows to be sent, or on fresh randomness drawn before any data is seen.
    /// </summary>
    public bool IsStatistical => Kind is ViewKind.StatisticallyBlinded or ViewKind.FairCoinZeroPattern or ViewKind.UniformBits or ViewKind.PseudorandomOtColumns;

    public static ViewClaim RequestedIdentifiers { get; } = new(ViewKind.RequestedIdentifiers, null);

    public static ViewClaim Ciphertext { get; } = new(ViewKind.Ciphertext, null);

    public static ViewClaim PaddedCount { get; } = new(ViewKind.PaddedCount, null);

    public static ViewClaim FairCoinZeroPattern { get; } = new(ViewKind.FairCoinZeroPattern, null);

    public static ViewClaim UniformBits { get; } = new(ViewKind.UniformBits, null);

    public static ViewClaim IndependentOfData { get; } = new(ViewKind.IndependentOfData, null);

    public static ViewClaim PseudorandomOtColumns { get; } = new(ViewKind.PseudorandomOtColumns, null);

    public static ViewClaim GarbledTables { get; } = new(ViewKind.GarbledTables, null);

    public static ViewClaim OneBitPerHousehold { get; } = new(ViewKind.OneBitPerHousehold, null);

    /// <summary>d = z + r, within 2^−κ of uniform.</summary>
    public static ViewClaim StatisticallyBlinded(int securityBits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(securityBits, 1);
        return new(ViewKind.StatisticallyBlinded, securityBits);
    }

    public override string ToString() => SecurityBits is { } kappa ? $"{Kind}(κ = {kappa})" : Kind.ToString();
}
