using System.Globalization;
using Samenreken.Domain.Polis;

namespace Samenreken.Domain.NetIncome;

/// <summary>
/// The per-person part of the art. 3 approximation: what UWV computes from its own Polis data for one
/// BSN, knowing nothing about the household (art. 5b). It leaves out the AOW (SVB adds the AOW it pays
/// itself) and every household fact; see docs/net-income.md for the steps and the error this brings.
/// </summary>
public static class PersonNetIncomePart
{
    /// <summary>Gross income above this (cents a year) is treated as this; the net is then far above the cap anyway.</summary>
    internal const long MaxAnnualGrossCents = 12 * 10 * PersonIncomeCents.Cap;

    /// <summary>The approximate net monthly income from the Polis statements of one person.</summary>
    /// <param name="records">All statements UWV holds for the BSN (other BSNs are a caller error).</param>
    /// <param name="parameters">The parameter set of the reference month.</param>
    public static PersonIncomeCents Compute(IEnumerable<PolisRecord> records, ParameterSet parameters) =>
        PersonIncomeCents.Clamp(NetMonthlyCents(records, parameters, trace: null));

    /// <summary>Like <see cref="Compute"/>, with a line of text for every step.</summary>
    public static (PersonIncomeCents Value, IReadOnlyList<string> Steps) Explain(IEnumerable<PolisRecord> records, ParameterSet parameters)
    {
        var trace = new List<string>();
        var net = NetMonthlyCents(records, parameters, trace);
        var value = PersonIncomeCents.Clamp(net);
        trace.Add(net == value.Cents
            ? $"7. clamp into [0, {PersonIncomeCents.Eur(PersonIncomeCents.Cap)}]: unchanged, {value}"
            : $"7. clamp into [0, {PersonIncomeCents.Eur(PersonIncomeCents.Cap)}]: {PersonIncomeCents.Eur(net)} becomes {value}");
        return (value, trace);
    }

    /// <summary>The net monthly income before clamping (may be negative after large negative corrections).</summary>
    internal static long NetMonthlyCents(IEnumerable<PolisRecord> records, ParameterSet parameters, List<string>? trace)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(parameters);
        var income = PolisIncome.Annualise(records, parameters.ReferenceMonth, trace);
        var net = TaxRules.NetAnnualScaled(income.GrossCents, income.ZvwBaseCents, parameters.Tax, singleElderlyCredit: false, trace);
        var monthly = (long)FloorDiv(net, 12 * TaxYear.RateScale);
        trace?.Add($"6. net per month = net per year / 12, rounded down to a cent: {PersonIncomeCents.Eur(monthly)}");
        return monthly;
    }

    internal static Int128 FloorDiv(Int128 a, long b)
    {
        var q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }
}

/// <summary>Polis statements turned into a gross income per year (steps 1–3).</summary>
internal readonly record struct PolisIncome(long GrossCents, long ZvwBaseCents)
{
    public static PolisIncome Annualise(IEnumerable<PolisRecord> records, DateOnly referenceMonth, List<string>? trace)
    {
        var windowStart = referenceMonth.AddMonths(-2);
        var windowEnd = referenceMonth.AddMonths(1).AddDays(-1);
        trace?.Add($"1. statements whose period ends in {windowStart:yyyy-MM-dd}..{windowEnd:yyyy-MM-dd}, latest version of each, AOW (code 22) left out because SVB adds the AOW it pays; regular income = taxable wage - special rewards (holiday allowance, one-off payments)");

        // Latest version per (payer, IKV, period); a correction restates the whole statement.
        var latest = new Dictionary<(string, int, DateOnly), PolisRecord>();
        foreach (var r in records)
        {
            if (r.PeriodEnd < windowStart || r.PeriodEnd > windowEnd)
            {
                trace?.Add($"   skip {Describe(r)}: outside the window");
                continue;
            }

            var key = (r.PayerId, r.IkvNumber, r.PeriodStart);
            if (latest.TryGetValue(key, out var seen) && seen.Version >= r.Version)
            {
                trace?.Add($"   skip {Describe(r)}: superseded by version {seen.Version}");
                continue;
            }

            if (seen is not null)
            {
                trace?.Add($"   skip {Describe(seen)}: superseded by version {r.Version}");
            }

            latest[key] = r;
        }

        Int128 wage = 0;
        Int128 other = 0;
        foreach (var ikv in latest.Values.Where(r => r.Kind != IncomeKind.Aow).GroupBy(r => (r.PayerId, r.IkvNumber)).OrderBy(g => g.Key))
        {
            var statements = ikv.OrderBy(r => r.PeriodStart).ToArray();
            var periods = statements.Select(r => r.PayPeriod).Distinct().Count() == 1
                ? IncomeCodes.PeriodsPerYear(statements[0].PayPeriod)
                : 12; // a payer that changed its period mid-window: count statements as months
            Int128 sum = 0;
            foreach (var r in statements)
            {
                var regular = (Int128)r.TaxableWage.Cents - r.SpecialRewards.Cents;
                sum += regular;
                trace?.Add($"   use  {Describe(r)}: regular {PersonIncomeCents.Eur((long)Int128.Clamp(regular, long.MinValue, long.MaxValue))}");
            }

            // Average per statement, times statements per year: normalises 4-weekly (13) and weekly (52) pay.
            var annual = Int128.Clamp(PersonNetIncomePart.FloorDiv(sum * periods, statements.Length), -PersonNetIncomePart.MaxAnnualGrossCents, PersonNetIncomePart.MaxAnnualGrossCents);
            trace?.Add($"2. IKV {ikv.Key.PayerId}/{ikv.Key.IkvNumber} (code {statements[0].IncomeCode:D2}, {statements[0].Kind}): {statements.Length} statements sum {PersonIncomeCents.Eur((long)Int128.Clamp(sum, long.MinValue, long.MaxValue))}, x {periods} periods a year / {statements.Length} = {PersonIncomeCents.Eur((long)annual)} a year");
            if (statements[0].Kind == IncomeKind.Wage)
            {
                wage += annual;
            }
            else
            {
                other += annual;
            }
        }

        var gross = (long)Int128.Clamp(wage + other, 0, PersonNetIncomePart.MaxAnnualGrossCents);
        var zvwBase = (long)Int128.Clamp(other, 0, PersonNetIncomePart.MaxAnnualGrossCents);
        trace?.Add($"3. gross a year: wages {PersonIncomeCents.Eur((long)Int128.Clamp(wage, long.MinValue, long.MaxValue))} + pensions and benefits {PersonIncomeCents.Eur((long)Int128.Clamp(other, long.MinValue, long.MaxValue))} = {PersonIncomeCents.Eur(gross)} (at least 0)");
        return new PolisIncome(gross, zvwBase);
    }

    private static string Describe(PolisRecord r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.PayerId}/{r.IkvNumber} code {r.IncomeCode:D2} {r.PeriodStart:yyyy-MM-dd}..{r.PeriodEnd:yyyy-MM-dd} v{r.Version} taxable {r.TaxableWage} special {r.SpecialRewards}");
}

/// <summary>The annual tax rules for people of AOW age, in exact integer arithmetic (steps 4–5).</summary>
internal static class TaxRules
{
    /// <summary>
    /// Net income per year in cents × <see cref="TaxYear.RateScale"/>: gross − box 1 tax after credits − Zvw.
    /// Everything is exact; the only rounding is the caller's final division.
    /// </summary>
    public static Int128 NetAnnualScaled(long grossCents, long zvwBaseCents, TaxYear t, bool singleElderlyCredit, List<string>? trace)
    {
        const long s = TaxYear.RateScale;
        Int128 g = grossCents;
        var boxTax = (t.Rate1AowAge * Int128.Min(g, t.Bracket1UpperCents))
            + (t.Rate2 * Int128.Max(0, Int128.Min(g, t.Bracket2UpperCents) - t.Bracket1UpperCents))
            + (t.Rate3 * Int128.Max(0, g - t.Bracket2UpperCents));
        var general = Int128.Max(0, (t.GeneralCreditMaxCents * s) - (t.GeneralCreditPhaseOutRate * Int128.Max(0, g - t.GeneralCreditPhaseOutStartCents)));
        var elderly = Int128.Max(0, (t.ElderlyCreditMaxCents * s) - (t.ElderlyCreditPhaseOutRate * Int128.Max(0, g - t.ElderlyCreditThresholdCents)));
        var single = singleElderlyCredit ? (Int128)t.SingleElderlyCreditCents * s : 0;
        var tax = Int128.Max(0, boxTax - general - elderly - single);
        var zvw = t.ZvwRate * Int128.Min(zvwBaseCents, t.ZvwMaxIncomeCents);
        var net = (g * s) - tax - zvw;
        if (trace is not null)
        {
            trace.Add($"4. box 1 tax {t.Year} (AOW-age rates {Pct(t.Rate1AowAge)}/{Pct(t.Rate2)}/{Pct(t.Rate3)}, brackets to {E(t.Bracket1UpperCents * s)}/{E(t.Bracket2UpperCents * s)}): {E(boxTax)}; minus general credit {E(general)}, ouderenkorting {E(elderly)}"
                + (singleElderlyCredit ? $", alleenstaande ouderenkorting {E(single)}" : " (no alleenstaande ouderenkorting: that is a household fact)")
                + $"; tax at least 0: {E(tax)}");
            trace.Add($"5. Zvw {Pct(t.ZvwRate)} of pensions and benefits (wages: employer levy) up to {E(t.ZvwMaxIncomeCents * s)}: {E(zvw)}; net a year = {E(net)}");
        }

        return net;
    }

    private static string E(Int128 scaled) => PersonIncomeCents.Eur((long)PersonNetIncomePart.FloorDiv(scaled, TaxYear.RateScale));

    private static string Pct(long rate) => (rate / 1000m).ToString("0.###", CultureInfo.InvariantCulture) + "%";
}
