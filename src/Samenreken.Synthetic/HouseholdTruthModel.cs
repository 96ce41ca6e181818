using Samenreken.Domain;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;

namespace Samenreken.Synthetic;

/// <summary>One income stream as the generator made it: the regular gross per month and the holiday allowance per year.</summary>
internal sealed record IncomeStream(Bsn Bsn, IncomeKind Kind, long MonthlyCents, long AnnualHolidayCents);

/// <summary>A member of a household as the ground truth needs it.</summary>
internal sealed record TruthMember(Bsn Bsn, bool Recipient, long AowGrossMonthlyCents, int BuildUp, CountryOfBirthCategory Country);

/// <summary>
/// The generator's ground truth (truth.csv): what a household really has over the whole year, from more than the Polis
/// window shows and more rules than the approximation applies, so that <c>samenreken accuracy</c> measures a real
/// approximation error (docs/synthetic-population.md, "Ground truth"):
/// the holiday allowances of the year (AOW, pensions, wages) taxed with the rest; wages over the year, which differ from
/// the three months the window sees; the arbeidskorting at AOW age, which the approximation leaves out; foreign pensions
/// Polis cannot show; and assets for the AIO asset test. Each household draws from its own random stream, so the SVB
/// and UWV files are the same with or without the truth.
/// </summary>
internal sealed class HouseholdTruthModel
{
    /// <summary>AIO asset limit (vermogensgrens) 2025, single and couple [R: recalled, not in the sources; used for every year].</summary>
    public const long AssetLimitSingleCents = 797_500;

    public const long AssetLimitCoupleCents = 1_595_000;

    /// <summary>Share of recipients born abroad with a partial AOW who have a foreign pension [D].</summary>
    public const double ForeignPensionChance = 0.3;

    /// <summary>Spread of a year's wages around the window's level (hours, seasonal work) [D].</summary>
    public const double WageYearSigma = 0.12;

    private readonly ParameterSet _p;
    private readonly ulong _seed;

    public HouseholdTruthModel(ParameterSet parameters, ulong seed)
    {
        _p = parameters;
        _seed = seed;
    }

    /// <summary>The truth of one household from its members and the streams the generator made for them.</summary>
    public HouseholdTruth For(long householdId, HouseholdType type, IReadOnlyList<TruthMember> members, IReadOnlyList<IncomeStream> streams)
    {
        var random = new SyntheticRandom(_seed ^ (0x9E37_79B9_7F4A_7C15UL * (ulong)householdId));
        var single = type == HouseholdType.Single;
        long netExcludingHoliday = 0;
        foreach (var member in members)
        {
            netExcludingHoliday += MemberNetExcludingHoliday(member, streams.Where(s => s.Bsn == member.Bsn && s.Kind != IncomeKind.Aow), single, random);
        }

        // Savings of people with little income: log-normal, lower for a partial AOW [D].
        var median = members.Any(m => m.Recipient && m.BuildUp < 100) ? 2_500.0 : 8_000.0;
        var assets = (long)Math.Round(random.LogNormal(median, 1.3) * 100);
        var limit = single ? AssetLimitSingleCents : AssetLimitCoupleCents;
        return new HouseholdTruth(householdId, Money.FromCents(netExcludingHoliday / 12), Money.FromCents(assets), assets > limit);
    }

    private long MemberNetExcludingHoliday(TruthMember member, IEnumerable<IncomeStream> streams, bool single, SyntheticRandom random)
    {
        var t = _p.Tax;
        long wages = 0, other = 0, holiday = 0, otherHoliday = 0;
        foreach (var s in streams)
        {
            if (s.Kind == IncomeKind.Wage)
            {
                wages += (long)Math.Round(12 * s.MonthlyCents * random.LogNormal(1, WageYearSigma));
                holiday += s.AnnualHolidayCents;
            }
            else
            {
                other += 12 * s.MonthlyCents;
                otherHoliday += s.AnnualHolidayCents;
            }
        }

        if (member.Recipient && member.BuildUp < 100 && member.Country != CountryOfBirthCategory.Netherlands && random.Chance(ForeignPensionChance))
        {
            // A pension from the country of the missing insured years: invisible in Polis [D].
            other += 12 * (long)Math.Round(random.LogNormal(150 * (100 - member.BuildUp) / 40.0, 0.6) * 100);
        }

        long aow = 0, aowHoliday = 0;
        if (member.Recipient)
        {
            aow = 12 * member.AowGrossMonthlyCents;
            aowHoliday = aow * 8 / 100; // as the AOW statements in Polis show it (paid in May)
        }

        var regular = aow + wages + other;
        var taxable = regular + holiday + otherHoliday + aowHoliday;
        var zvw = AnnualTax.ZvwCents(aow + aowHoliday + other + otherHoliday, t);
        var tax = member.Recipient
            ? Math.Max(0, AnnualTax.AowAgeCents(taxable, t, single) - AnnualTax.AowAgeLabourCreditCents(wages + holiday, t))
            : AnnualTax.BelowAowAgeCents(taxable, wages + holiday, t);
        var net = taxable - tax - zvw;

        // The holiday allowances' share of the net is left out, like the norm leaves it out.
        return taxable == 0 ? 0 : (long)((Int128)net * regular / taxable);
    }
}
