namespace Samenreken.Protocols.FileComparison;

/// <summary>
/// One household as SVB evaluates it on ciphertexts, in plain types (the Domain's <c>HouseholdRule</c> maps onto it):
/// <code>income = Σ Coefficients[i] · part(MemberIds[i]) + ConstantCents;  selected ⇔ income &lt; NormCents</code>
/// The member ids are opaque to the protocol (in the pilot: BSNs as nine digits); the parts come from UWV encrypted.
/// </summary>
public sealed class HouseholdFormula
{
    private HouseholdFormula(string[] memberIds, long[] coefficients, long constantCents, long normCents)
    {
        MemberIds = memberIds;
        Coefficients = coefficients;
        ConstantCents = constantCents;
        NormCents = normCents;
    }

    /// <summary>The persons whose per-person part UWV supplies, in coefficient order.</summary>
    public IReadOnlyList<string> MemberIds { get; }

    /// <summary>Public, non-negative multipliers, one per member.</summary>
    public IReadOnlyList<long> Coefficients { get; }

    /// <summary>SVB's own plaintext term (the net AOW it pays), in cents.</summary>
    public long ConstantCents { get; }

    /// <summary>The norm, in cents: the household is selected when its income is below it.</summary>
    public long NormCents { get; }

    /// <summary>Validates one household: at least one member, one non-negative coefficient each, constant ≥ 0, norm ≥ 1.</summary>
    public static HouseholdFormula Create(IReadOnlyList<string> memberIds, IReadOnlyList<long> coefficients, long constantCents, long normCents)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentOutOfRangeException.ThrowIfZero(memberIds.Count, nameof(memberIds));
        ArgumentOutOfRangeException.ThrowIfNotEqual(coefficients.Count, memberIds.Count, nameof(coefficients));
        ArgumentOutOfRangeException.ThrowIfNegative(constantCents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(normCents);
        if (memberIds.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("A member id is empty.", nameof(memberIds));
        }

        if (coefficients.Any(c => c < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(coefficients), "Coefficients are non-negative.");
        }

        return new HouseholdFormula([.. memberIds], [.. coefficients], constantCents, normCents);
    }

    /// <summary>The largest income the formula can give when every part is at most <paramref name="maxPartCents"/>.</summary>
    internal Int128 MaximumIncome(long maxPartCents)
        => Coefficients.Aggregate((Int128)ConstantCents, (sum, c) => sum + ((Int128)c * maxPartCents));
}
