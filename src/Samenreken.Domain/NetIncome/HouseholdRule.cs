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

    private HouseholdRule(long householdId, HouseholdType type, IReadOnlyList<Bsn> members, IReadOnlyList<long> coefficients, IReadOnlyList<long> supplementCoefficients, IReadOnlyList<AgeBand> bands, long svbConstantCents, long normCents)
    {
        HouseholdId = householdId;
        Type = type;
        Members = members;
        Coefficients = coefficients;
        SupplementCoefficients = supplementCoefficients;
        Bands = bands;
        SvbConstantCents = svbConstantCents;
        NormCents = normCents;
    }

    public long HouseholdId { get; }

    public HouseholdType Type { get; }

    /// <summary>The BSNs whose per-person parts UWV supplies, in coefficient order.</summary>
    public IReadOnlyList<Bsn> Members { get; }

    /// <summary>Public plaintext multipliers of the parts, one per member (1: a household's net income is the sum of its members').</summary>
    public IReadOnlyList<long> Coefficients { get; }

    /// <summary>Multipliers of the single supplements: 1 for the recipient of a single household, else 0 (SVB's own fact).</summary>
    public IReadOnlyList<long> SupplementCoefficients { get; }

    /// <summary>Each member's age band, which SVB sends UWV with the request (art. 5b allows it).</summary>
    public IReadOnlyList<AgeBand> Bands { get; }

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
        var single = household.Type == HouseholdType.Single ? 1L : 0L;
        var supplements = household.Members.Select(_ => single).ToArray();
        var bands = household.Members.Select(m => household.Recipients.Any(r => r.Bsn == m) ? AgeBand.AowAge : AgeBand.BelowAowAge).ToArray();
        return Create(household.Id, household.Type, household.Members, coefficients, household.NetAowMonthly.Cents, parameters.Norm(household.Type).Cents, supplements, bands);
    }

    /// <summary>Validates a rule: the largest possible income and the norm must fit in <see cref="ComparisonBits"/> bits.</summary>
    public static HouseholdRule Create(long householdId, HouseholdType type, IReadOnlyList<Bsn> members, IReadOnlyList<long> coefficients, long svbConstantCents, long normCents, IReadOnlyList<long>? supplementCoefficients = null, IReadOnlyList<AgeBand>? bands = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(coefficients);
        supplementCoefficients ??= new long[members.Count];
        bands ??= Enumerable.Repeat(AgeBand.AowAge, members.Count).ToArray();
        ArgumentOutOfRangeException.ThrowIfNotEqual(coefficients.Count, members.Count, nameof(coefficients));
        ArgumentOutOfRangeException.ThrowIfNotEqual(supplementCoefficients.Count, members.Count, nameof(supplementCoefficients));
        ArgumentOutOfRangeException.ThrowIfNotEqual(bands.Count, members.Count, nameof(bands));
        ArgumentOutOfRangeException.ThrowIfNegative(svbConstantCents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(normCents);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(normCents, ComparisonBound);
        if (coefficients.Concat(supplementCoefficients).Any(c => c < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(coefficients), "coefficients are non-negative");
        }

        // With every part at most Cap and every supplement at most SupplementCap, the income stays below 2^l.
        var max = coefficients.Aggregate((Int128)svbConstantCents, (sum, c) => sum + ((Int128)c * PersonIncomeCents.Cap))
            + supplementCoefficients.Aggregate((Int128)0, (sum, c) => sum + ((Int128)c * PersonParts.SupplementCap));
        if (max >= ComparisonBound)
        {
            throw new ArgumentOutOfRangeException(nameof(coefficients), $"the largest possible income {max} does not fit {ComparisonBits} bits");
        }

        return new HouseholdRule(householdId, type, members.ToArray(), coefficients.ToArray(), supplementCoefficients.ToArray(), bands.ToArray(), svbConstantCents, normCents);
    }

    /// <summary>The household's approximate net income from the members' parts (in <see cref="Members"/> order).</summary>
    public long IncomeCents(IReadOnlyList<PersonParts> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentOutOfRangeException.ThrowIfNotEqual(parts.Count, Members.Count, nameof(parts));
        var income = SvbConstantCents;
        for (var i = 0; i < parts.Count; i++)
        {
            income += (Coefficients[i] * parts[i].Part.Cents) + (SupplementCoefficients[i] * parts[i].SingleSupplement.Cents);
        }

        return income;
    }

    /// <summary>True when the household's income is below the norm: it gets a letter (unless it already receives AIO).</summary>
    public bool Selects(IReadOnlyList<PersonParts> parts) => IncomeCents(parts) < NormCents;

    /// <summary>The rule as a formula, for the transparency output.</summary>
    public override string ToString()
    {
        var terms = Members.Select((m, i) => string.Create(CultureInfo.InvariantCulture, $"{Coefficients[i]}·part({m}{(Bands[i] == AgeBand.BelowAowAge ? ", below AOW age" : string.Empty)})")
            + (SupplementCoefficients[i] == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" + {SupplementCoefficients[i]}·single_supplement({m})")));
        return $"income = {string.Join(" + ", terms)} + {Money.FromCents(SvbConstantCents)} (net AOW paid by SVB); selected iff income < {Money.FromCents(NormCents)} (norm)";
    }
}
