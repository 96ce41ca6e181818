namespace Samenreken.Synthetic;

/// <summary>
/// The AOW age by the calendar year in which it is reached (population.md section 4 for 2022–2028;
/// the 2013–2021 steps are recalled from the Wet verhoging AOW- en pensioenrichtleeftijd, not verified).
/// </summary>
internal static class AowAge
{
    private static readonly (int Year, int Months)[] s_table =
    [
        (2013, (65 * 12) + 1), (2014, (65 * 12) + 2), (2015, (65 * 12) + 3), (2016, (65 * 12) + 6), (2017, (65 * 12) + 9),
        (2018, 66 * 12), (2019, (66 * 12) + 4), (2020, (66 * 12) + 4), (2021, (66 * 12) + 4), (2022, (66 * 12) + 7),
        (2023, (66 * 12) + 10), (2024, 67 * 12), (2025, 67 * 12), (2026, 67 * 12), (2027, 67 * 12), (2028, (67 * 12) + 3),
    ];

    /// <summary>The day a person born on <paramref name="birth"/> reaches AOW age.</summary>
    public static DateOnly Start(DateOnly birth)
    {
        var at65 = birth.AddYears(65);
        if (at65.Year < 2013)
        {
            return at65;
        }

        foreach (var (year, months) in s_table)
        {
            var start = birth.AddMonths(months);
            if (start.Year <= year)
            {
                return start;
            }
        }

        return birth.AddMonths((67 * 12) + 3);
    }
}
