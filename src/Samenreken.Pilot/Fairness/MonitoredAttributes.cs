using Samenreken.Domain.Svb;

namespace Samenreken.Pilot.Fairness;

/// <summary>
/// The attributes the non-discrimination monitor groups households by, derived at SVB's node from SVB's own file
/// (sex, birth date, AOW build-up, household type, municipality, country-of-birth category). None of them is sent to
/// UWV or enters the computation; the names are the project definition's <c>fairness_monitor.groups</c>.
/// </summary>
/// <remarks>
/// The monitor counts households (the unit that is selected), so person attributes become household attributes:
/// the values of the AOW recipients (a younger partner is not in SVB's file), joined when the two recipients of a
/// couple differ (<c>F+M</c>, <c>mixed</c>); the oldest recipient's age; the lowest build-up, which is what brings a
/// couple's AOW below the full amount.
/// </remarks>
public static class MonitoredAttributes
{
    public const string Sex = "sex";
    public const string AgeBand = "age_band";
    public const string AowBuildUpBand = "aow_build_up_band";
    public const string HouseholdType = "household_type";
    public const string Region = "region";
    public const string CountryOfBirthCategory = "country_of_birth_category";

    /// <summary>Every attribute this mapping provides, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Sex, AgeBand, AowBuildUpBand, HouseholdType, Region, CountryOfBirthCategory];

    /// <summary>The household's value of every attribute in <see cref="All"/>, at <paramref name="referenceDay"/> (the last day of the reference month).</summary>
    public static IReadOnlyDictionary<string, string> Of(Household household, DateOnly referenceDay)
    {
        ArgumentNullException.ThrowIfNull(household);
        var recipients = household.Recipients;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Sex] = SameOr(recipients.Select(r => SvbCodes.Code(SvbCodes.Sexes, r.Demographics.Sex)), values => string.Join('+', values)),
            [AgeBand] = AgeBandOf(recipients.Max(r => AgeOn(r.BirthDate, referenceDay))),
            [AowBuildUpBand] = BuildUpBandOf(recipients.Min(r => r.BuildUpPercent)),
            [HouseholdType] = SvbCodes.Code(SvbCodes.HouseholdTypes, household.Type),
            [Region] = Regions.Of(recipients[0].Demographics.MunicipalityCode),
            [CountryOfBirthCategory] = SameOr(recipients.Select(r => SvbCodes.Code(SvbCodes.Countries, r.Demographics.CountryOfBirth)), _ => "mixed"),
        };
    }

    /// <summary>Completed years at <paramref name="day"/>.</summary>
    internal static int AgeOn(DateOnly birth, DateOnly day)
        => day.Year - birth.Year - (day.Month < birth.Month || (day.Month == birth.Month && day.Day < birth.Day) ? 1 : 0);

    /// <summary>Five-year bands from the AOW age (67 since 2024), the oldest together: 85 and over are few and alike.</summary>
    internal static string AgeBandOf(int age) => age switch
    {
        < 70 => "<70",
        < 75 => "70-74",
        < 80 => "75-79",
        < 85 => "80-84",
        _ => "85+",
    };

    /// <summary>Full, or partial in bands of ten insured years (20 percentage points): the legitimate factor AIO turns on.</summary>
    internal static string BuildUpBandOf(int percent) => percent switch
    {
        100 => "100",
        >= 80 => "80-98",
        >= 60 => "60-78",
        _ => "0-58",
    };

    /// <summary>The one value when all agree, else <paramref name="whenDifferent"/> of the values sorted.</summary>
    private static string SameOr(IEnumerable<string> values, Func<string[], string> whenDifferent)
    {
        string[] sorted = [.. values.Order(StringComparer.Ordinal)];
        return sorted[0] == sorted[^1] ? sorted[0] : whenDifferent(sorted);
    }
}
