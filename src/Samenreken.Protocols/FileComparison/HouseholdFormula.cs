namespace Samenreken.Protocols.FileComparison;

/// <summary>
/// One household as SVB evaluates it on ciphertexts, in plain types (the Domain's <c>HouseholdRule</c> maps onto it):
/// <code>income = Σ Coefficients[i] · part(MemberIds[i]) + ConstantCents;  selected ⇔ income &lt; NormCents</code>
/// The member ids are opaque to the protocol (in the pilot: BSNs as nine digits); the parts come from UWV encrypted.
/// </summary>
public sealed class HouseholdFormula
{
    private HouseholdFormula(string[] memberIds, long[] coefficients, long[] supplementCoefficients, bool[] belowAowAge, long constantCents, long normCents)
    {
        MemberIds = memberIds;
        Coefficients = coefficients;
        SupplementCoefficients = supplementCoefficients;
        BelowAowAge = belowAowAge;
        ConstantCents = constantCents;
        NormCents = normCents;
    }

    /// <summary>The persons whose per-person part UWV supplies, in coefficient order.</summary>
    public IReadOnlyList<string> MemberIds { get; }

    /// <summary>Public, non-negative multipliers, one per member.</summary>
    public IReadOnlyList<long> Coefficients { get; }

    /// <summary>Public, non-negative multipliers of each member's second number (the single supplement); 0 ignores it.</summary>
    public IReadOnlyList<long> SupplementCoefficients { get; }

    /// <summary>Per member: below AOW age (sent to UWV with the request).</summary>
    public IReadOnlyList<bool> BelowAowAge { get; }

    /// <summary>SVB's own plaintext term (the net AOW it pays), in cents.</summary>
    public long ConstantCents { get; }

    /// <summary>The norm, in cents: the household is selected when its income is below it.</summary>
    public long NormCents { get; }

    /// <summary>
    /// Validates one household: at least one member, one non-negative coefficient each (and, when given, one
    /// supplement coefficient and one age flag each), constant ≥ 0, norm ≥ 1.
    /// </summary>
    public static HouseholdFormula Create(IReadOnlyList<string> memberIds, IReadOnlyList<long> coefficients, long constantCents, long normCents, IReadOnlyList<long>? supplementCoefficients = null, IReadOnlyList<bool>? belowAowAge = null)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        ArgumentNullException.ThrowIfNull(coefficients);
        supplementCoefficients ??= new long[memberIds.Count];
        belowAowAge ??= new bool[memberIds.Count];
        ArgumentOutOfRangeException.ThrowIfZero(memberIds.Count, nameof(memberIds));
        ArgumentOutOfRangeException.ThrowIfNotEqual(coefficients.Count, memberIds.Count, nameof(coefficients));
        ArgumentOutOfRangeException.ThrowIfNotEqual(supplementCoefficients.Count, memberIds.Count, nameof(supplementCoefficients));
        ArgumentOutOfRangeException.ThrowIfNotEqual(belowAowAge.Count, memberIds.Count, nameof(belowAowAge));
        ArgumentOutOfRangeException.ThrowIfNegative(constantCents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(normCents);
        if (memberIds.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("A member id is empty.", nameof(memberIds));
        }

        if (coefficients.Concat(supplementCoefficients).Any(c => c < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(coefficients), "Coefficients are non-negative.");
        }

        return new HouseholdFormula([.. memberIds], [.. coefficients], [.. supplementCoefficients], [.. belowAowAge], constantCents, normCents);
    }

    /// <summary>The largest income the formula can give when every part and supplement is at most its bound.</summary>
    internal Int128 MaximumIncome(long maxPartCents, long maxSupplementCents)
        => Coefficients.Aggregate((Int128)ConstantCents, (sum, c) => sum + ((Int128)c * maxPartCents))
            + SupplementCoefficients.Aggregate((Int128)0, (sum, c) => sum + ((Int128)c * maxSupplementCents));
}
