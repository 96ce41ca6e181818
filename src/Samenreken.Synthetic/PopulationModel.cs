using Samenreken.Domain.Svb;

namespace Samenreken.Synthetic;

/// <summary>
/// The distributions of the synthetic population, each with its source in docs/synthetic-population.md
/// ([V] verified figure, [E] estimate, [D] design choice calibrated to hit the below-norm share).
/// </summary>
internal static class PopulationModel
{
    /// <summary>Household type per household: single, couple both AOW age, couple with younger partner.
    /// Chosen so that 37.4% of recipients get the single AOW [V:P1] and 8% of couples have a younger partner [D].</summary>
    public static readonly double[] HouseholdTypes = [0.534, 0.4285, 0.0375];

    /// <summary>Women 53.4% of recipients [V:P1]; in couples the partner is of the other sex.</summary>
    public const double FemaleShare = 0.534;

    /// <summary>Age bands (from, to inclusive) and shares: 72% under 80 [V:P1], 28% 80+ [V:P3], ~0.08% 100+ [V:P1].</summary>
    public static readonly (int From, int To, double Share)[] AgeBands =
    [
        (67, 69, 13), (70, 74, 31), (75, 79, 28), (80, 84, 15), (85, 89, 8.5), (90, 94, 3.5), (95, 99, 0.92), (100, 104, 0.08),
    ];

    /// <summary>Country of birth: nl, sr_an, tr_ma, other_non_western, western [E, see docs].</summary>
    public static readonly double[] Countries = [0.88, 0.025, 0.02, 0.025, 0.05];

    /// <summary>Share with full AOW per country category; the rest is partial [E from V:P7, P9].</summary>
    public static readonly double[] FullAowShare = [0.975, 0.15, 0.02, 0.05, 0.45];

    /// <summary>Range of partial build-up (percent, even) per country category [D from the 2% rule, P7–P9].</summary>
    public static readonly (int From, int To)[] PartialRange = [(60, 98), (64, 98), (40, 84), (36, 90), (50, 98)];

    /// <summary>Probability of at least one supplementary pension: ~9 in 10 households [V:P10], less for people born abroad and the oldest.</summary>
    public static double PensionChance(CountryOfBirthCategory country, int age, Sex sex, bool single)
    {
        var p = country == CountryOfBirthCategory.Netherlands ? 0.94 : country == CountryOfBirthCategory.Western ? 0.82 : 0.7;
        if (age >= 85)
        {
            p -= 0.06;
        }

        if (sex == Sex.Female && single)
        {
            p -= 0.07; // single women in the oldest cohorts: more often no or little pension [V:P10, P15]
        }

        return p;
    }

    /// <summary>Median gross supplementary pension per month in euros (log-normal, sigma 0.85) [D; P10: pension ~35% of gross income].</summary>
    public static double PensionMedian(CountryOfBirthCategory country, int age, Sex sex)
    {
        var median = sex == Sex.Male ? 950.0 : 420.0;
        if (country != CountryOfBirthCategory.Netherlands)
        {
            median *= country == CountryOfBirthCategory.Western ? 0.82 : 0.7;
        }

        return age >= 80 ? median * 0.75 : median;
    }

    /// <summary>Share of recipients under 75 with wages from current work [D].</summary>
    public const double WorkingPensionerChance = 0.08;

    /// <summary>Younger partner: wages, a benefit (WW/WIA), an early pension, or nothing [D].</summary>
    public static readonly double[] YoungerPartnerIncome = [0.55, 0.10, 0.07, 0.28];

    /// <summary>Number of pension IKVs: one, two, three [D; "several pensions" edge case].</summary>
    public static readonly double[] PensionCount = [0.70, 0.24, 0.06];

    /// <summary>Pay periods for pensions and for wages: month, four weeks, week [D; polis.md 4.1].</summary>
    public static readonly double[] PensionPeriods = [0.92, 0.06, 0.02];

    public static readonly double[] WagePeriods = [0.60, 0.30, 0.10];

    /// <summary>Share of pension IKVs with a later correction of a statement in the window (late indexation) [D; polis.md 6].</summary>
    public const double CorrectionChance = 0.03;

    /// <summary>Share of corrections that lower the statement, some below zero (a reclaim) [D].</summary>
    public const double NegativeCorrectionShare = 0.3;

    /// <summary>Share of below-norm households that already receive AIO: take-up ~70% [V:P17, regulation note].</summary>
    public const double AioTakeUp = 0.70;

    /// <summary>Share of households made to sit exactly at, or one cent below, the norm (edge cases) [D].</summary>
    public const double AtNormEdgeChance = 0.001;
}
