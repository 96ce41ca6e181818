using System.Globalization;
using Samenreken.Domain.Svb;

namespace Samenreken.Domain.NetIncome;

/// <summary>
/// The household part of the art. 3/4 computation, in the only form SVB can evaluate on Paillier
/// ciphertexts: a linear combination of the members' per-person parts with public plaintext
/// coefficients, plus SVB's own plaintext amount (the net AOW it pays), compared with the norm:
/// <code>income = Σ Coefficients[i] · part(Members[i]) + SvbConstantCents;  selected ⇔ income &lt; NormCents</code>
/// Construction guarantees 0 ≤ income, norm &lt; 2^<see cref="ComparisonBits"/>, the range of the secure comparison.
/// </summary>
public sealed class HouseholdRule
{
    /// <summary>The bit length l of the secure comparison's inputs.</summary>
    public const int ComparisonBits = 32;

    /// <summary>2^l: every income and norm is below this.</summary>
    public const long ComparisonBound = 1L << ComparisonBits;

    private HouseholdRule(long householdId, HouseholdType type, IReadOnlyList<Bsn> members, IReadOnlyList<long> coefficients, long svbConstantCents, long normCents)
    {
        HouseholdId = householdId;
        Type = type;
        Members = members;
        Coefficients = coefficients;
        SvbConstantCents = svbConstantCents;
        NormCents = normCents;
    }

    public long HouseholdId { get; }

    public HouseholdType Type { get; }

    /// <summary>The BSNs whose per-person part UWV supplies, in coefficient order.</summary>
    public IReadOnlyList<Bsn> Members { get; }

    /// <summary>Public plaintext multipliers, one per member (1: a household's net income is the sum of its members').</summary>
    public IReadOnlyList<long> Coefficients { get; }

    /// <summary>SVB's own plaintext term: the net AOW per month it pays the household, in cents.</summary>
    public long SvbConstantCents { get; }

    /// <summary>The AIO norm for the household (net per month, excluding holiday allowance), in cents.</summary>
    public long NormCents { get; }

    /// <summary>The rule for one household under one parameter set.</summary>
    public static HouseholdRule For(Household household, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(household);
        ArgumentNullException.ThrowIfNull(parameters);
        var coefficients = Enumerable.Repeat(1L, household.Members.Count).ToArray();
        return Create(household.Id, household.Type, household.Members, coefficients, household.NetAowMonthly.Cents, parameters.Norm(household.Type).Cents);
    }

    /// <summary>Validates a rule: the largest possible income and the norm must fit in <see cref="ComparisonBits"/> bits.</summary>
    public static HouseholdRule Create(long householdId, HouseholdType type, IReadOnlyList<Bsn> members, IReadOnlyList<long> coefficients, long svbConstantCents, long normCents)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentOutOfRangeException.ThrowIfNotEqual(coefficients.Count, members.Count, nameof(coefficients));
        ArgumentOutOfRangeException.ThrowIfNegative(svbConstantCents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(normCents);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(normCents, ComparisonBound);
        if (coefficients.Any(c => c < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(coefficients), "coefficients are non-negative");
        }

        // With every part at most Cap, the income is at most Σ c·Cap + constant; it must stay below 2^l.
        var max = coefficients.Aggregate((Int128)svbConstantCents, (sum, c) => sum + ((Int128)c * PersonIncomeCents.Cap));
        if (max >= ComparisonBound)
        {
            throw new ArgumentOutOfRangeException(nameof(coefficients), $"the largest possible income {max} does not fit {ComparisonBits} bits");
        }

        return new HouseholdRule(householdId, type, members.ToArray(), coefficients.ToArray(), svbConstantCents, normCents);
    }

    /// <summary>The household's approximate net income from the members' parts (in <see cref="Members"/> order).</summary>
    public long IncomeCents(IReadOnlyList<PersonIncomeCents> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentOutOfRangeException.ThrowIfNotEqual(parts.Count, Members.Count, nameof(parts));
        var income = SvbConstantCents;
        for (var i = 0; i < parts.Count; i++)
        {
            income += Coefficients[i] * parts[i].Cents;
        }

        return income;
    }

    /// <summary>True when the household's income is below the norm: it gets a letter (unless it already receives AIO).</summary>
    public bool Selects(IReadOnlyList<PersonIncomeCents> parts) => IncomeCents(parts) < NormCents;

    /// <summary>The rule as a formula, for the transparency output.</summary>
    public override string ToString()
    {
        var terms = Members.Select((m, i) => string.Create(CultureInfo.InvariantCulture, $"{Coefficients[i]}·part({m})"));
        return $"income = {string.Join(" + ", terms)} + {Money.FromCents(SvbConstantCents)} (net AOW paid by SVB); selected iff income < {Money.FromCents(NormCents)} (norm)";
    }
}
