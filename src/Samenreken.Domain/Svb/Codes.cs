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
