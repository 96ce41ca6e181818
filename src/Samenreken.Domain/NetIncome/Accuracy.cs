using System.Globalization;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;

namespace Samenreken.Domain.NetIncome;

/// <summary>Which rules the approximation applies, so that the accuracy report can show before and after.</summary>
public enum ApproximationRules
{
    /// <summary>Before issue 14: every person at the AOW-age rates, no single-elder credit.</summary>
    BeforeIssue14,

    /// <summary>The current algorithm: age bands and the single supplement.</summary>
    Current,
}

/// <summary>
/// A household-aware estimate of the true net monthly income (the final annual assessment with every fact in one
/// place): each recipient's gross AOW as SVB pays it plus the Polis income taxed together, with the alleenstaande
/// ouderenkorting for a single and the rates below AOW age (arbeidskorting included) for a younger partner; Zvw on
/// AOW, pensions and benefits. Used only to measure the approximation (never for a selection).
/// </summary>
public static class TrueNetIncome
{
    /// <summary>The estimate in cents per month (excluding holiday allowance, like the norm).</summary>
    public static long HouseholdCents(Household household, Func<Bsn, IReadOnlyList<PolisRecord>> polis, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(household);
        ArgumentNullException.ThrowIfNull(polis);
        ArgumentNullException.ThrowIfNull(parameters);
        var single = household.Type == HouseholdType.Single;
        Int128 total = 0;
        foreach (var member in household.Members)
        {
            var recipient = household.Recipients.FirstOrDefault(r => r.Bsn == member);
            foreach (var segment in parameters.Segments)
            {
                var income = PolisIncome.Annualise(polis(member), segment.From, segment.To, trace: null);
                var t = segment.Tax;
                Int128 net;
                if (recipient is null)
                {
                    net = (income.GrossCents * TaxYear.RateScale) - TaxRules.TaxBelowAowAge(income.GrossCents, income.WageCents, t) - TaxRules.Zvw(income.ZvwBaseCents, t);
                }
                else
                {
                    var aow = 12 * (Int128)recipient.GrossAowMonthly.Cents;
                    net = ((aow + income.GrossCents) * TaxYear.RateScale) - TaxRules.Tax(aow + income.GrossCents, t, single) - TaxRules.Zvw(aow + income.ZvwBaseCents, t);
                }

                total += Int128.Max(0, net) * segment.Months;
            }
        }

        return (long)PersonNetIncomePart.FloorDiv(total, 3 * 12 * TaxYear.RateScale);
    }

    /// <summary>The approximation's household income before and after issue 14 (plaintext, as the split computes it).</summary>
    public static (long Before, long After) ApproximationCents(Household household, Func<Bsn, IReadOnlyList<PolisRecord>> polis, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(household);
        ArgumentNullException.ThrowIfNull(polis);
        var rule = HouseholdRule.For(household, parameters);
        var after = new PersonParts[rule.Members.Count];
        var before = new PersonParts[rule.Members.Count];
        for (var i = 0; i < after.Length; i++)
        {
            var records = polis(rule.Members[i]);
            after[i] = PersonNetIncomePart.Compute(records, parameters, rule.Bands[i]);
            // Before: everyone at the AOW-age rates and no single supplement.
            var aowAge = rule.Bands[i] == AgeBand.AowAge ? after[i] : PersonNetIncomePart.Compute(records, parameters, AgeBand.AowAge);
            before[i] = aowAge with { SingleSupplement = PersonIncomeCents.Clamp(0) };
        }

        return (rule.IncomeCents(before), rule.IncomeCents(after));
    }
}

/// <summary>Error statistics (approximation − truth, in euros per month) of one group of households.</summary>
public sealed record ErrorStatistics(string Group, int Households, double MeanEur, double MedianEur, double P5Eur, double P95Eur, double MeanAbsoluteEur)
{
    internal static ErrorStatistics Of(string group, IReadOnlyList<long> errorsCents)
    {
        if (errorsCents.Count == 0)
        {
            return new ErrorStatistics(group, 0, 0, 0, 0, 0, 0);
        }

        var sorted = errorsCents.Order().ToArray();
        double At(double q) => sorted[(int)Math.Clamp(Math.Floor(q * (sorted.Length - 1)), 0, sorted.Length - 1)] / 100.0;
        return new ErrorStatistics(group, sorted.Length, sorted.Average() / 100.0, At(0.5), At(0.05), At(0.95), sorted.Average(e => Math.Abs((double)e)) / 100.0);
    }
}

/// <summary>The selection against the truth: counts and rates of truly below and selected, missed, and selected though above.</summary>
public sealed record SelectionConfusion(string Scope, int Households, int TrulyBelowSelected, int TrulyBelowMissed, int SelectedThoughAbove, int TrulyAboveNotSelected)
{
    /// <summary>Of the truly below, the share selected.</summary>
    public double Recall => TrulyBelowSelected + TrulyBelowMissed == 0 ? 1 : TrulyBelowSelected / (double)(TrulyBelowSelected + TrulyBelowMissed);

    /// <summary>Of the selected, the share truly below.</summary>
    public double Precision => TrulyBelowSelected + SelectedThoughAbove == 0 ? 1 : TrulyBelowSelected / (double)(TrulyBelowSelected + SelectedThoughAbove);
}

/// <summary>What <c>samenreken accuracy</c> measures, for one set of rules.</summary>
public sealed record AccuracyResult(
    string Rules,
    string ParameterVersion,
    ErrorStatistics Overall,
    IReadOnlyList<ErrorStatistics> ByHouseholdType,
    IReadOnlyList<ErrorStatistics> ByIncomeSource,
    IReadOnlyList<ErrorStatistics> ByPayPeriod,
    SelectionConfusion All,
    SelectionConfusion NearTheNorm,
    IReadOnlyList<long> ErrorsCents,
    string Truth = AccuracyMeasurement.RecomputedTruth,
    int SelectedWithAssetsAboveLimit = 0);

/// <summary>
/// The approximation against the household-aware truth (<see cref="TrueNetIncome"/>): error distributions per
/// household type, income source and pay period, and the selection's confusion, overall and within
/// <see cref="NearTheNormCents"/> of the norm. The report an algorithm owner needs for art. 3.
/// </summary>
public static class AccuracyMeasurement
{
    /// <summary>Households whose true income lies within EUR 150 of the norm count as near the norm.</summary>
    public const long NearTheNormCents = 15_000;

    /// <summary>The truth when no generator truth is given: the household-aware recomputation from the same files.</summary>
    public const string RecomputedTruth = "household-aware annual assessment recomputed from the same files (TrueNetIncome)";

    /// <summary>The truth when the generator's truth.csv is given.</summary>
    public const string GeneratorTruth = "the generator's ground truth (truth.csv): the whole year with holiday allowances, wages over the year, the arbeidskorting at AOW age, foreign pensions; assets";

    /// <summary>
    /// Measures every household under the rules before and after issue 14 (the truth is computed once). With
    /// <paramref name="truth"/> (the generator's truth.csv) a household's true income is the generator's; a household
    /// it does not list is measured against the recomputation.
    /// </summary>
    public static (AccuracyResult Before, AccuracyResult After) Measure(IReadOnlyList<Household> households, IReadOnlyDictionary<Bsn, PolisRecord[]> polis, ParameterSet parameters, IReadOnlyDictionary<long, HouseholdTruth>? truth = null)
    {
        ArgumentNullException.ThrowIfNull(households);
        ArgumentNullException.ThrowIfNull(polis);
        ArgumentNullException.ThrowIfNull(parameters);
        IReadOnlyList<PolisRecord> Statements(Bsn b) => polis.TryGetValue(b, out var r) ? r : [];
        var trueIncome = new long[households.Count];
        var before = new long[households.Count];
        var after = new long[households.Count];
        var assetsAbove = new bool[households.Count];
        Parallel.For(0, households.Count, i =>
        {
            if (truth is not null && truth.TryGetValue(households[i].Id, out var known))
            {
                trueIncome[i] = known.TrueNetMonthly.Cents;
                assetsAbove[i] = known.AssetsAboveLimit;
            }
            else
            {
                trueIncome[i] = TrueNetIncome.HouseholdCents(households[i], Statements, parameters);
            }

            (before[i], after[i]) = TrueNetIncome.ApproximationCents(households[i], Statements, parameters);
        });

        var types = households.Select(h => SvbCodes.Code(SvbCodes.HouseholdTypes, h.Type)).ToArray();
        var sources = households.Select(h => IncomeSource(h.Members.SelectMany(Statements), parameters)).ToArray();
        var periods = households.Select(h => PayPeriodOf(h.Members.SelectMany(Statements), parameters)).ToArray();
        var norms = households.Select(h => parameters.Norm(h.Type).Cents).ToArray();
        return (Result(ApproximationRules.BeforeIssue14, before), Result(ApproximationRules.Current, after));

        AccuracyResult Result(ApproximationRules rules, long[] approximation)
        {
            var errors = approximation.Select((a, i) => a - trueIncome[i]).ToArray();
            List<ErrorStatistics> By(string[] keys) =>
                [.. Enumerable.Range(0, errors.Length).GroupBy(i => keys[i]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => ErrorStatistics.Of(g.Key, [.. g.Select(i => errors[i])]))];
            var all = Enumerable.Range(0, errors.Length).ToArray();
            var near = all.Where(i => Math.Abs(trueIncome[i] - norms[i]) <= NearTheNormCents).ToArray();
            return new AccuracyResult(
                rules.ToString(),
                parameters.Version,
                ErrorStatistics.Of("all", errors),
                By(types),
                By(sources),
                By(periods),
                Confusion("all households", all, trueIncome, approximation, norms),
                Confusion(string.Create(CultureInfo.InvariantCulture, $"true income within EUR {NearTheNormCents / 100} of the norm"), near, trueIncome, approximation, norms),
                errors,
                truth is null ? RecomputedTruth : GeneratorTruth,
                all.Count(i => assetsAbove[i] && approximation[i] < norms[i] && !households[i].ReceivesAio));
        }
    }

    /// <summary>
    /// The error statistics of <paramref name="result"/> per group, given each household's group in the order the
    /// households were measured: for groupings the Domain does not know, such as the non-discrimination monitor's
    /// attributes, so that the monitor's reviewer sees whether the approximation errs more for one group.
    /// </summary>
    public static IReadOnlyList<ErrorStatistics> ByGroup(AccuracyResult result, IReadOnlyList<string> groupOfHousehold)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(groupOfHousehold);
        ArgumentOutOfRangeException.ThrowIfNotEqual(groupOfHousehold.Count, result.ErrorsCents.Count, nameof(groupOfHousehold));
        return [.. Enumerable.Range(0, groupOfHousehold.Count).GroupBy(i => groupOfHousehold[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => ErrorStatistics.Of(g.Key, [.. g.Select(i => result.ErrorsCents[i])]))];
    }

    private static SelectionConfusion Confusion(string scope, int[] set, long[] truth, long[] approximation, long[] norms)
    {
        int a = 0, b = 0, c = 0, d = 0;
        foreach (var i in set)
        {
            var trulyBelow = truth[i] < norms[i];
            var selected = approximation[i] < norms[i];
            if (trulyBelow && selected)
            {
                a++;
            }
            else if (trulyBelow)
            {
                b++;
            }
            else if (selected)
            {
                c++;
            }
            else
            {
                d++;
            }
        }

        return new SelectionConfusion(scope, set.Length, a, b, c, d);
    }

    private static IEnumerable<PolisRecord> InWindow(IEnumerable<PolisRecord> records, ParameterSet p) =>
        records.Where(r => r.PeriodEnd >= p.WindowStart && r.PeriodEnd <= p.WindowEnd && r.Kind != IncomeKind.Aow);

    private static string IncomeSource(IEnumerable<PolisRecord> records, ParameterSet p)
    {
        var kinds = InWindow(records, p).Select(r => r.Kind == IncomeKind.Wage).Distinct().ToArray();
        return kinds.Length switch
        {
            0 => "AOW only",
            2 => "wages and pension/benefit",
            _ => kinds[0] ? "wages" : "pension/benefit",
        };
    }

    private static string PayPeriodOf(IEnumerable<PolisRecord> records, ParameterSet p)
    {
        var periods = InWindow(records, p).Select(r => r.PayPeriod).Distinct().ToArray();
        return periods.Length switch
        {
            0 => "none",
            1 => periods[0] switch { PayPeriod.Month => "month", PayPeriod.FourWeeks => "four weeks", _ => "week" },
            _ => "mixed",
        };
    }
}
