namespace Samenreken.Domain.Svb;

/// <summary>The household situation that decides which AIO norm applies.</summary>
public enum HouseholdType
{
    /// <summary>A single person of AOW age (also a single parent: the norm is the same).</summary>
    Single,

    /// <summary>Married or cohabiting, both partners of AOW age: two AOW recipients.</summary>
    CoupleBothAowAge,

    /// <summary>Married or cohabiting, the partner is below AOW age: one AOW recipient.</summary>
    CoupleYoungerPartner,

    /// <summary>
    /// As <see cref="CoupleYoungerPartner"/>, and SVB pays the AOW partner supplement (toeslag) for the younger
    /// partner: only a recipient whose AOW started before 2015 kept that right. SVB's AOW amounts include it; the norm
    /// is the couple norm.
    /// </summary>
    CoupleYoungerPartnerWithSupplement,
}

/// <summary>What the household types have in common.</summary>
public static class HouseholdTypes
{
    /// <summary>The last day an AOW could start and still carry the partner supplement (toeslag): 31 December 2014.</summary>
    public static readonly DateOnly LastAowStartWithSupplement = new(2014, 12, 31);

    /// <summary>True for the couples with one AOW recipient and a partner below AOW age, with or without the supplement.</summary>
    public static bool HasYoungerPartner(this HouseholdType type) =>
        type is HouseholdType.CoupleYoungerPartner or HouseholdType.CoupleYoungerPartnerWithSupplement;
}

/// <summary>Sex as SVB registers it; used only by the non-discrimination monitor.</summary>
public enum Sex
{
    Female,
    Male,
    Unknown,
}

/// <summary>Country-of-birth category (CBS grouping); used only by the non-discrimination monitor.</summary>
public enum CountryOfBirthCategory
{
    Netherlands,
    SurinameAntilles,
    TurkeyMorocco,
    OtherNonWestern,
    Western,
}

/// <summary>The CSV codes of the SVB enumerations (documented in docs/net-income.md).</summary>
public static class SvbCodes
{
    /// <summary>household_type codes.</summary>
    public static IReadOnlyDictionary<string, HouseholdType> HouseholdTypes { get; } = new Dictionary<string, HouseholdType>(StringComparer.Ordinal)
    {
        ["single"] = HouseholdType.Single,
        ["couple_both_aow_age"] = HouseholdType.CoupleBothAowAge,
        ["couple_younger_partner"] = HouseholdType.CoupleYoungerPartner,
        ["couple_younger_partner_toeslag"] = HouseholdType.CoupleYoungerPartnerWithSupplement,
    };

    /// <summary>sex codes.</summary>
    public static IReadOnlyDictionary<string, Sex> Sexes { get; } = new Dictionary<string, Sex>(StringComparer.Ordinal)
    {
        ["F"] = Sex.Female,
        ["M"] = Sex.Male,
        ["X"] = Sex.Unknown,
    };

    /// <summary>country_of_birth codes.</summary>
    public static IReadOnlyDictionary<string, CountryOfBirthCategory> Countries { get; } = new Dictionary<string, CountryOfBirthCategory>(StringComparer.Ordinal)
    {
        ["nl"] = CountryOfBirthCategory.Netherlands,
        ["sr_an"] = CountryOfBirthCategory.SurinameAntilles,
        ["tr_ma"] = CountryOfBirthCategory.TurkeyMorocco,
        ["other_non_western"] = CountryOfBirthCategory.OtherNonWestern,
        ["western"] = CountryOfBirthCategory.Western,
    };

    /// <summary>The CSV code of a value.</summary>
    public static string Code<T>(IReadOnlyDictionary<string, T> codes, T value)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(codes);
        foreach (var (code, v) in codes)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
            {
                return code;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, "no code for this value");
    }
}
