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
    /// <summary>The approximate net monthly income from the Polis statements of one person of AOW age.</summary>
    /// <param name="records">All statements UWV holds for the BSN (other BSNs are a caller error).</param>
    /// <param name="parameters">The parameter set of the reference month.</param>
    public static PersonIncomeCents Compute(IEnumerable<PolisRecord> records, ParameterSet parameters) =>
        Compute(records, parameters, AgeBand.AowAge).Part;

    /// <summary>
    /// What UWV sends for one person: the part (net income from Polis without any household fact, at the rates of the
    /// person's age band, which SVB tells UWV: art. 5b) and the single supplement (what the alleenstaande
    /// ouderenkorting adds when the person turns out to be single; 0 below AOW age). SVB adds the supplement only for
    /// a single, on ciphertexts, so UWV never learns who is single.
    /// </summary>
    public static PersonParts Compute(IEnumerable<PolisRecord> records, ParameterSet parameters, AgeBand band)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records as IReadOnlyList<PolisRecord> ?? [.. records];
        var couple = NetMonthlyCents(list, parameters, trace: null, band, single: false);
        var single = band == AgeBand.AowAge ? NetMonthlyCents(list, parameters, trace: null, band, single: true) : couple;
        return new PersonParts(PersonIncomeCents.Clamp(couple), PersonParts.ClampSupplement(single - couple));
    }

    /// <summary>Like <see cref="Compute(IEnumerable{PolisRecord}, ParameterSet, AgeBand)"/>, with a line of text for every step.</summary>
    public static (PersonParts Value, IReadOnlyList<string> Steps) Explain(IEnumerable<PolisRecord> records, ParameterSet parameters, AgeBand band = AgeBand.AowAge)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records as IReadOnlyList<PolisRecord> ?? [.. records];
        var trace = new List<string>();
        var net = NetMonthlyCents(list, parameters, trace, band, single: false);
        var value = Compute(list, parameters, band);
        trace.Add(net == value.Part.Cents
            ? $"7. clamp into [0, {PersonIncomeCents.Eur(PersonIncomeCents.Cap)}]: unchanged, {value.Part}"
            : $"7. clamp into [0, {PersonIncomeCents.Eur(PersonIncomeCents.Cap)}]: {PersonIncomeCents.Eur(net)} becomes {value.Part}");
        trace.Add(band == AgeBand.AowAge
            ? $"7b. single supplement (the same steps with the alleenstaande ouderenkorting, minus the part; sent as a second number, added by SVB only for a single): {PersonIncomeCents.Eur(value.SingleSupplement.Cents)}"
            : "7b. single supplement: 0 (below AOW age no alleenstaande ouderenkorting)");
        return (value, trace);
    }

    /// <summary>
    /// The part with what a run must count about it: whether the person has statements in the window at all, and
    /// whether corrections net the window to zero or less (a reclaim is not negative current income, but the run
    /// reports how often it happened instead of silently treating it as no income).
    /// </summary>
    public static PersonPartOutcome Analyse(IEnumerable<PolisRecord> records, ParameterSet parameters, AgeBand band = AgeBand.AowAge)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(parameters);
        var list = records as IReadOnlyList<PolisRecord> ?? [.. records];
        var income = PolisIncome.Annualise(list, parameters.WindowStart, parameters.WindowEnd, trace: null);
        return new PersonPartOutcome(Compute(list, parameters, band), income.StatementsInWindow, income.HasCorrections && income.UnflooredGrossCents <= 0);
    }

    /// <summary>The net monthly income before clamping (may be negative after large negative corrections).</summary>
    internal static long NetMonthlyCents(IEnumerable<PolisRecord> records, ParameterSet parameters, List<string>? trace, AgeBand band = AgeBand.AowAge, bool single = false)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(parameters);
        // Each month of the window under its own tax year: a window across a year change is split into its years,
        // each annualised and taxed on its own, and the nets are weighted by months.
        Int128 weighted = 0;
        foreach (var segment in parameters.Segments)
        {
            if (trace is not null && parameters.Segments.Count > 1)
            {
                trace.Add($"   segment {segment.From:yyyy-MM}..{segment.To:yyyy-MM} ({segment.Months} of 3 months, tax {segment.Tax.Year}):");
            }

            var income = PolisIncome.Annualise(records, segment.From, segment.To, trace);
            weighted += (parameters.Basis == NetIncomeBasis.Withholding ? WithheldNetScaled(income, trace) : TaxRules.MarginalNetScaled(income, segment.Tax, trace, band, single)) * segment.Months;
        }

        // Int128 throughout: no input, however large, can overflow or be clamped before the tax is known.
        var monthly = (long)Int128.Clamp(FloorDiv(weighted, 3 * 12 * TaxYear.RateScale), long.MinValue, long.MaxValue);
        trace?.Add(parameters.Segments.Count == 1
            ? $"6. net per month = net per year / 12, rounded down to a cent: {PersonIncomeCents.Eur(monthly)}"
            : $"6. net per month = (net per year of each segment x its months) / 3 / 12, rounded down to a cent: {PersonIncomeCents.Eur(monthly)}");
        return monthly;
    }

    /// <summary>
    /// Steps 4–5 on the withholding basis: the gross minus what the payers withheld on the regular income (wage tax and
    /// Zvw), in cents × <see cref="TaxYear.RateScale"/>. No household fact, no age band: the payer applied the rates.
    /// </summary>
    private static Int128 WithheldNetScaled(PolisIncome income, List<string>? trace)
    {
        var net = income.GrossCents - income.WithheldCents;
        trace?.Add($"4.-5. withholding basis: what the payers withheld on the regular income (wage tax IngLbPh and Zvw BijdrZvw, each statement's share regular/taxable, annualised like the gross) {PersonIncomeCents.Eur((long)income.WithheldCents)}; net a year = gross - withheld = {PersonIncomeCents.Eur((long)net)}");
        return net * TaxYear.RateScale;
    }

    internal static Int128 FloorDiv(Int128 a, long b)
    {
        var q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }
}

/// <summary>What a run counts about one person's part.</summary>
/// <param name="Value">The clamped parts UWV encrypts.</param>
/// <param name="StatementsInWindow">Statements (latest versions) whose period ends in the three-month window.</param>
/// <param name="CorrectedToNothing">Corrections in the window net the Polis income to zero or less.</param>
public readonly record struct PersonPartOutcome(PersonParts Value, int StatementsInWindow, bool CorrectedToNothing);

/// <summary>Polis statements turned into a gross income per year (steps 1–3).</summary>
internal readonly record struct PolisIncome(Int128 GrossCents, Int128 ZvwBaseCents, Int128 AowCents, int StatementsInWindow = 0, bool HasCorrections = false, Int128 UnflooredGrossCents = default, Int128 WageCents = default, Int128 WithheldCents = default)
{
    public static PolisIncome Annualise(IEnumerable<PolisRecord> records, DateOnly windowStart, DateOnly windowEnd, List<string>? trace)
    {
        trace?.Add($"1. statements whose period ends in {windowStart:yyyy-MM-dd}..{windowEnd:yyyy-MM-dd}, latest version of each; regular income = taxable wage - special rewards (holiday allowance, one-off payments); the AOW (code 22) only sets the tax base, because SVB adds the AOW it pays itself");

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
        Int128 aow = 0;
        Int128 withheld = 0;
        foreach (var ikv in latest.Values.GroupBy(r => (r.PayerId, r.IkvNumber)).OrderBy(g => g.Key))
        {
            var statements = ikv.OrderBy(r => r.PeriodStart).ToArray();
            var periods = statements.Select(r => r.PayPeriod).Distinct().Count() == 1
                ? IncomeCodes.PeriodsPerYear(statements[0].PayPeriod)
                : 12; // a payer that changed its period mid-window: count statements as months
            // Sums per kind, so that one statement only ever moves its own kind's total (an IKV's code can change).
            var sums = new Int128[3];
            Int128 withheldSum = 0;
            foreach (var r in statements)
            {
                var regular = (Int128)r.TaxableWage.Cents - r.SpecialRewards.Cents;
                sums[Bucket(r.Kind)] += regular;
                withheldSum += r.Kind == IncomeKind.Aow ? 0 : WithheldOnRegular(r, regular);
                trace?.Add($"   use  {Describe(r)}: regular {Eur(regular)}");
            }

            for (var bucket = 0; bucket < 3; bucket++)
            {
                if (!statements.Any(r => Bucket(r.Kind) == bucket))
                {
                    continue;
                }

                // Average per statement, times statements per year: normalises 4-weekly (13) and weekly (52) pay.
                var annual = PersonNetIncomePart.FloorDiv(sums[bucket] * periods, statements.Length);
                trace?.Add($"2. IKV {ikv.Key.PayerId}/{ikv.Key.IkvNumber} ({s_bucketNames[bucket]}, {statements[0].PayPeriod}): {statements.Length} statements sum {Eur(sums[bucket])}, x {periods} periods a year / {statements.Length} = {Eur(annual)} a year");
                switch (bucket)
                {
                    case 0:
                        aow += annual;
                        break;
                    case 1:
                        wage += annual;
                        break;
                    default:
                        other += annual;
                        break;
                }
            }

            // The AOW's withholding is SVB's, whose net AOW the household rule adds itself.
            withheld += PersonNetIncomePart.FloorDiv(withheldSum * periods, statements.Length);
        }

        var hasCorrections = latest.Values.Any(r => r.Kind != IncomeKind.Aow && (r.Version > 1 || r.TaxableWage.Cents < 0));
        var gross = Int128.Max(0, wage + other);
        // Zvw is withheld on pensions and benefits, never on more than the total: this keeps the net monotone.
        var zvwBase = Int128.Min(Int128.Max(0, other), gross);
        var aowBase = Int128.Max(0, aow);
        trace?.Add($"3. gross a year: wages {Eur(wage)} + pensions and benefits {Eur(other)} = {Eur(gross)} (at least 0); AOW in Polis {Eur(aowBase)} a year (tax base only)");
        return new PolisIncome(gross, zvwBase, aowBase, latest.Count, hasCorrections, wage + other, Int128.Clamp(wage, 0, gross), withheld);
    }

    /// <summary>The share of a statement's withheld wage tax and Zvw that falls on its regular income (regular / taxable), rounded down.</summary>
    private static Int128 WithheldOnRegular(PolisRecord r, Int128 regular)
    {
        var withheld = (Int128)r.WithheldWageTax.Cents + r.WithheldZvw.Cents;
        return r.TaxableWage.Cents == 0 ? 0 : PersonNetIncomePart.FloorDiv(withheld * regular, r.TaxableWage.Cents);
    }

    private static readonly string[] s_bucketNames = ["AOW, tax base only", "wages", "pensions and benefits"];

    private static int Bucket(IncomeKind kind) => kind switch
    {
        IncomeKind.Aow => 0,
        IncomeKind.Wage => 1,
        _ => 2,
    };

    private static string Eur(Int128 cents) => PersonIncomeCents.Eur((long)Int128.Clamp(cents, long.MinValue, long.MaxValue));

    private static string Describe(PolisRecord r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.PayerId}/{r.IkvNumber} code {r.IncomeCode:D2} {r.PeriodStart:yyyy-MM-dd}..{r.PeriodEnd:yyyy-MM-dd} v{r.Version} taxable {r.TaxableWage} special {r.SpecialRewards}");
}

/// <summary>The annual tax rules for people of AOW age, in exact integer arithmetic (steps 4–5).</summary>
internal static class TaxRules
{
    /// <summary>
    /// What the Polis income adds to the net income per year, in cents × <see cref="TaxYear.RateScale"/>:
    /// G − (tax(AOW + G) − tax(AOW)) − Zvw(pensions and benefits). The AOW as UWV sees it in Polis uses up
    /// the low bracket and the credits first; SVB adds its own net AOW, so the AOW is not counted twice.
    /// </summary>
    public static Int128 MarginalNetScaled(PolisIncome income, TaxYear t, List<string>? trace, AgeBand band = AgeBand.AowAge, bool single = false)
    {
        // Below AOW age there is no AOW in Polis: the Polis income is the whole taxable income.
        var withAow = band == AgeBand.AowAge ? Tax(income.AowCents + income.GrossCents, t, single) : TaxBelowAowAge(income.GrossCents, income.WageCents, t);
        var aowOnly = band == AgeBand.AowAge ? Tax(income.AowCents, t, single) : 0;
        var zvw = Zvw(income.ZvwBaseCents, t);
        var net = (income.GrossCents * TaxYear.RateScale) - (withAow - aowOnly) - zvw;
        if (trace is not null)
        {
            trace.Add(band == AgeBand.AowAge
                ? $"4. box 1 tax {t.Year} at AOW-age rates {Pct(t.Rate1AowAge)}/{Pct(t.Rate2)}/{Pct(t.Rate3)} (brackets to {E(t.Bracket1UpperCents * TaxYear.RateScale)}/{E(t.Bracket2UpperCents * TaxYear.RateScale)}) minus the general credit and the ouderenkorting{(single ? " and the alleenstaande ouderenkorting" : string.Empty)}, at least 0: on AOW + gross {E(withAow)}, on the AOW alone {E(aowOnly)}; the Polis income adds {E(withAow - aowOnly)}"
                : $"4. box 1 tax {t.Year} below AOW age {Pct(t.Rate1BelowAowAge)} (AOW premium included)/{Pct(t.Rate2)}/{Pct(t.Rate3)} minus the general credit below AOW age and the arbeidskorting on wages {E(income.WageCents * TaxYear.RateScale)}, at least 0: {E(withAow)}");
            trace.Add($"5. Zvw {Pct(t.ZvwRate)} of pensions and benefits (on wages the employer pays it) up to {E(t.ZvwMaxIncomeCents * TaxYear.RateScale)}: {E(zvw)}; net a year = gross - added tax - Zvw = {E(net)}");
        }

        return net;
    }

    /// <summary>Box 1 tax after the general credit, the ouderenkorting and (for single-AOW recipients) the alleenstaande ouderenkorting, at least 0.</summary>
    public static Int128 Tax(Int128 grossCents, TaxYear t, bool singleElderlyCredit)
    {
        const long s = TaxYear.RateScale;
        var g = grossCents;
        var boxTax = BoxTax(g, t, t.Rate1AowAge);
        var general = Int128.Max(0, (t.GeneralCreditMaxCents * s) - (t.GeneralCreditPhaseOutRate * Int128.Max(0, g - t.GeneralCreditPhaseOutStartCents)));
        var elderly = Int128.Max(0, (t.ElderlyCreditMaxCents * s) - (t.ElderlyCreditPhaseOutRate * Int128.Max(0, g - t.ElderlyCreditThresholdCents)));
        var single = singleElderlyCredit ? (Int128)t.SingleElderlyCreditCents * s : 0;
        return Int128.Max(0, boxTax - general - elderly - single);
    }

    /// <summary>
    /// Box 1 tax below AOW age: the first bracket with the AOW premium, the general credit at the regular amount and
    /// phase-out, and the arbeidskorting on income from work; at least 0 (no ouderenkorting).
    /// </summary>
    public static Int128 TaxBelowAowAge(Int128 grossCents, Int128 wageCents, TaxYear t)
    {
        const long s = TaxYear.RateScale;
        var boxTax = BoxTax(grossCents, t, t.Rate1BelowAowAge);
        var general = Int128.Max(0, (t.GeneralCreditMaxBelowAowAgeCents * s) - (t.GeneralCreditPhaseOutRateBelowAowAge * Int128.Max(0, grossCents - t.GeneralCreditPhaseOutStartCents)));
        return Int128.Max(0, boxTax - general - LabourCredit(wageCents, t));
    }

    /// <summary>The arbeidskorting below AOW age: three phase-in brackets, capped at the maximum, then the phase-out.</summary>
    public static Int128 LabourCredit(Int128 wageCents, TaxYear t)
    {
        Int128 credit = 0;
        long lower = 0;
        for (var i = 0; i < 3; i++)
        {
            var upper = t.LabourCreditBracketUpperCents[i];
            credit += t.LabourCreditRates[i] * Int128.Clamp(wageCents - lower, 0, upper - lower);
            lower = upper;
        }

        credit = Int128.Min(credit, (Int128)t.LabourCreditMaxCents * TaxYear.RateScale);
        return Int128.Max(0, credit - (t.LabourCreditPhaseOutRate * Int128.Max(0, wageCents - lower)));
    }

    private static Int128 BoxTax(Int128 g, TaxYear t, long rate1) =>
        (rate1 * Int128.Min(g, t.Bracket1UpperCents))
            + (t.Rate2 * Int128.Max(0, Int128.Min(g, t.Bracket2UpperCents) - t.Bracket1UpperCents))
            + (t.Rate3 * Int128.Max(0, g - t.Bracket2UpperCents));

    /// <summary>The Zvw contribution withheld on a base, capped at the maximum contribution income.</summary>
    public static Int128 Zvw(Int128 baseCents, TaxYear t) => t.ZvwRate * Int128.Min(baseCents, t.ZvwMaxIncomeCents);

    private static string E(Int128 scaled) => PersonIncomeCents.Eur((long)Int128.Clamp(PersonNetIncomePart.FloorDiv(scaled, TaxYear.RateScale), long.MinValue, long.MaxValue));

    private static string Pct(long rate) => (rate / 1000m).ToString("0.###", CultureInfo.InvariantCulture) + "%";
}
