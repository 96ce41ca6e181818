using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using static Samenreken.Domain.Tests.TestData;

namespace Samenreken.Domain.Tests;

/// <summary>
/// The rules of the per-person part that no golden case reached (issue 19's surviving mutants): the window's bounds, an
/// older version listed after a newer one, the tax on the AOW in Polis, brackets 2 and 3, the ouderenkorting phase-out,
/// floor division of negative amounts, and (the run at bc19125) null arguments, the corrected-to-nothing flag, IKVs whose
/// code or pay period changes, an AOW in Polis that pays tax on its own and the withholding basis' edge cases. Expected values come from an independent computation of the documented
/// formula (docs/net-income.md, steps 1–7) with exact fractions, 2025 parameters.
/// </summary>
public class NetIncomeRuleEdgeTests
{
    private static readonly ParameterSet s_june2025 = ParameterSet.For(2025, 6); // window 2025-04-01..2025-06-30

    private static PolisRecord[] Pension(decimal monthly, int code = 56) =>
        [.. new[] { 4, 5, 6 }.Select(m => Monthly(A, 2025, m, monthly, code, payer: code == 22 ? "809000000L01" : "123456789L01"))];

    private static long Part(IEnumerable<PolisRecord> records) => PersonNetIncomePart.Compute(records, s_june2025).Cents;

    [Fact]
    public void TheWindow_IncludesBothBoundaryDays_AndNothingOutside()
    {
        // Four-weekly statements of one IKV ending 2025-03-31 (outside), 2025-04-01 and 2025-06-30 (the bounds) and
        // 2025-07-01 (outside). Only the two inside count: (100 + 300) / 2 × 13 = 2,600 a year.
        PolisRecord Ending(DateOnly end, decimal amount) => FourWeekly(A, end.AddDays(-27), amount);
        var before = Ending(new DateOnly(2025, 3, 31), 10_000m);
        var first = Ending(new DateOnly(2025, 4, 1), 100m);
        var last = Ending(new DateOnly(2025, 6, 30), 300m);
        var after = Ending(new DateOnly(2025, 7, 1), 10_000m);
        Assert.Equal(Part([first, last]), Part([before, first, last, after]));
        Assert.NotEqual(Part([first, last]), Part([first]));
        Assert.NotEqual(Part([first, last]), Part([last]));
        // 2,600 a year: no tax under the credits; Zvw 5.26% = 136.76; (2,600 − 136.76) / 12 = 205.27.
        Assert.Equal(20527, Part([first, last]));
        Assert.Equal(0, PersonNetIncomePart.Analyse([before, after], s_june2025).StatementsInWindow);
        Assert.Equal(2, PersonNetIncomePart.Analyse([before, first, last, after], s_june2025).StatementsInWindow);
    }

    [Fact]
    public void AnOlderVersionListedAfterANewerOne_DoesNotReplaceIt()
    {
        var v1 = Monthly(A, 2025, 5, 300m);
        var v2 = Monthly(A, 2025, 5, 500m, version: 2);
        Assert.Equal(Part([v2]), Part([v2, v1]));
        Assert.Equal(Part([v2]), Part([v1, v2]));
        Assert.NotEqual(Part([v1]), Part([v2]));
        // The same version twice: the first one listed stays.
        Assert.Equal(Part([v1]), Part([v1, Monthly(A, 2025, 5, 900m)]));
    }

    [Fact]
    public void TheAowInPolis_IsTheTaxBase_ThePensionPaysTheTaxItLeavesRoomFor()
    {
        // Pension 1,000 a month: 12,000 a year. Alone: tax 17.92% × 12,000 = 2,150.40 < credits → 0; Zvw 631.20;
        // (12,000 − 631.20) / 12 = 947.40. On top of AOW 1,500 a month in Polis (18,000): tax(30,000) − tax(18,000) =
        // (5,376.00 − (1,536 − 3.17% × 1,594) − 2,035) − 0 = 1,855.5298; (12,000 − 1,855.5298 − 631.20) / 12 = 792.77.
        Assert.Equal(94740, Part(Pension(1000m)));
        Assert.Equal(79277, Part([.. Pension(1000m), .. Pension(1500m, code: 22)]));
    }

    [Fact]
    public void BracketTwoAndThree_AndTheOuderenkortingPhaseOut_AreApplied()
    {
        // Pension 4,000 a month: 48,000 a year reaches bracket 2 (from 38,441) and ends the AHK and ouderenkorting
        // phase-outs partly: 312,916 cents a month.
        Assert.Equal(312916, Part(Pension(4000m)));
        // Pension 3,000 on AOW 1,200 in Polis: 50,400 together, above the ouderenkorting threshold 45,308.
        Assert.Equal(207046, Part([.. Pension(3000m), .. Pension(1200m, code: 22)]));
        // Pension 8,000 a month: 96,000 a year reaches bracket 3 (from 76,817); Zvw stops at 75,864.
        Assert.Equal(Expected(9_600_000), Part(Pension(8000m)));
    }

    [Fact]
    public void FloorDivision_RoundsNegativeAmountsDown()
    {
        Assert.Equal(-1, PersonNetIncomePart.FloorDiv(-1, 12));
        Assert.Equal(-1, PersonNetIncomePart.FloorDiv(-12, 12));
        Assert.Equal(-2, PersonNetIncomePart.FloorDiv(-13, 12));
        Assert.Equal(0, PersonNetIncomePart.FloorDiv(11, 12));
        Assert.Equal(-2, PersonNetIncomePart.FloorDiv(13, -12));
        Assert.Equal(1, PersonNetIncomePart.FloorDiv(-13, -12));

        // On the withholding basis a payer may withhold more than it pays: 100.00 with 100.01 and 100.00 withheld
        // → per year 120,000 − 120,006 = −6 cents → −6 / 12 = −0.5 cent a month, rounded down to −1 (clamped to 0).
        PolisRecord Withheld(int month, decimal tax) => PolisRecord.Create(
            A, "123456789L01", 1, 56, PayPeriod.Month, new DateOnly(2025, month, 1), new DateOnly(2025, month, 1).AddMonths(1).AddDays(-1), 1,
            Eur(100m), Money.Zero, Money.Zero, Money.Zero, Eur(tax), Money.Zero, false);
        var withholding = s_june2025.WithBasis(NetIncomeBasis.Withholding);
        Assert.Equal(-1, PersonNetIncomePart.NetMonthlyCents([Withheld(5, 100.01m), Withheld(6, 100m)], withholding, trace: null));
        Assert.Equal(0, PersonNetIncomePart.Compute([Withheld(5, 100.01m), Withheld(6, 100m)], withholding).Cents);
    }

    [Fact]
    public void NullArguments_AreArgumentErrors_NamingTheArgument()
    {
        PolisRecord[] records = [Monthly(A, 2025, 5, 300m)];
        Assert.Equal("records", Assert.Throws<ArgumentNullException>(() => PersonNetIncomePart.Compute(null!, s_june2025, AgeBand.AowAge)).ParamName);
        Assert.Equal("records", Assert.Throws<ArgumentNullException>(() => PersonNetIncomePart.Explain(null!, s_june2025)).ParamName);
        Assert.Equal("records", Assert.Throws<ArgumentNullException>(() => PersonNetIncomePart.Analyse(null!, s_june2025)).ParamName);
        Assert.Equal("records", Assert.Throws<ArgumentNullException>(() => PersonNetIncomePart.NetMonthlyCents(null!, s_june2025, trace: null)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => PersonNetIncomePart.Compute(records, null!, AgeBand.AowAge)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => PersonNetIncomePart.Analyse(records, null!)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => PersonNetIncomePart.NetMonthlyCents(records, null!, trace: null)).ParamName);
    }

    [Fact]
    public void ALazySequence_GivesTheSameAsAList()
    {
        // Callers may pass a query, not only an array: it is read once into a list (IEnumerable without IReadOnlyList).
        var statements = Pension(350m);
        IEnumerable<PolisRecord> Lazy()
        {
            foreach (var r in statements)
            {
                yield return r;
            }
        }

        Assert.Equal(PersonNetIncomePart.Compute(statements, s_june2025, AgeBand.AowAge), PersonNetIncomePart.Compute(Lazy(), s_june2025, AgeBand.AowAge));
        Assert.Equal(PersonNetIncomePart.Explain(statements, s_june2025).Value, PersonNetIncomePart.Explain(Lazy(), s_june2025).Value);
        Assert.Equal(PersonNetIncomePart.Analyse(statements, s_june2025), PersonNetIncomePart.Analyse(Lazy(), s_june2025));
        Assert.Equal(33159, PersonNetIncomePart.Analyse(Lazy(), s_june2025).Value.Part.Cents);
    }

    [Fact]
    public void CorrectedToNothing_OnlyWhenCorrectionsNetTheWindowToZeroOrLess()
    {
        bool Flag(params PolisRecord[] records) => PersonNetIncomePart.Analyse(records, s_june2025).CorrectedToNothing;
        var april = Monthly(A, 2025, 4, 100m);
        var may = Monthly(A, 2025, 5, 100m);
        // Corrections netting to exactly zero: May restated to −100.00 next to April's 100.00.
        Assert.True(Flag(april, may, Monthly(A, 2025, 5, -100m, version: 2)));
        // A restatement to 0.00 (a correction by version, not by a negative amount).
        Assert.True(Flag(may, Monthly(A, 2025, 5, 0m, version: 2)));
        // Netting to less than zero; and a negative first version is a correction too.
        Assert.True(Flag(april, may, Monthly(A, 2025, 5, -300m, version: 2)));
        Assert.True(Flag(Monthly(A, 2025, 5, -300m)));
        // Corrections that leave income: not flagged.
        Assert.False(Flag(april, may, Monthly(A, 2025, 5, 50m, version: 2)));
        Assert.False(Flag(april, may, Monthly(A, 2025, 5, -50m, version: 2)));
        // No income without any correction: a statement of 0.00, only AOW, nothing at all.
        Assert.False(Flag(Monthly(A, 2025, 5, 0m)));
        Assert.False(Flag(Pension(1500m, code: 22)));
        Assert.False(Flag());
        // A corrected AOW statement is SVB's business, not a correction of the Polis income.
        Assert.False(Flag([.. Pension(1500m, code: 22), Monthly(A, 2025, 5, 1400m, code: 22, version: 2, payer: "809000000L01")]));
    }

    [Fact]
    public void AnIkvWhoseCodeChanges_CountsEachKind()
    {
        // One IKV: wage (code 15) in April and May, pension (code 56) in June. Wages 2 × 1,000 × 12 / 3 = 8,000 a year,
        // pension 1,000 × 12 / 3 = 4,000. Gross 12,000, tax 17.92% × 12,000 < credits → 0; Zvw 5.26% × 4,000 = 210.40
        // (on the pension only); (12,000 − 210.40) / 12 = 982.4666 → 982.46.
        PolisRecord[] statements = [Monthly(A, 2025, 4, 1000m, code: 15), Monthly(A, 2025, 5, 1000m, code: 15), Monthly(A, 2025, 6, 1000m)];
        Assert.Equal(98246, Part(statements));
        var steps = PersonNetIncomePart.Explain(statements, s_june2025).Steps;
        Assert.Equal(
            ["2. IKV 123456789L01/1 (wages, Month): 3 statements sum 2000.00, x 12 periods a year / 3 = 8000.00 a year",
             "2. IKV 123456789L01/1 (pensions and benefits, Month): 3 statements sum 1000.00, x 12 periods a year / 3 = 4000.00 a year"],
            steps.Where(s => s.StartsWith("2.", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public void AnIkvThatChangedItsPayPeriod_CountsStatementsAsMonths()
    {
        // One IKV: a four-weekly statement (10 Mar..6 Apr) then a monthly one (May), 1,000.00 each: 2,000 × 12 / 2 =
        // 12,000 a year, as a pension of 1,000 a month (947.40). Not × 13 because the first statement is four-weekly.
        var fourWeekly = FourWeekly(A, new DateOnly(2025, 3, 10), 1000m);
        var monthly = Monthly(A, 2025, 5, 1000m, payer: fourWeekly.PayerId, ikv: fourWeekly.IkvNumber);
        Assert.Equal(94740, Part([monthly, fourWeekly]));
    }

    [Fact]
    public void TheAowInPolis_IsTheTaxBase_EvenWhenItPaysTaxOnItsOwn_AndIgnoredBelowAowAge()
    {
        // AOW in Polis 3,000 a month (36,000 a year), pension 1,000 (12,000). On 48,000: box 17.92% × 38,441
        // + 37.48% × 9,559 = 10,471.3404; AHK 1,536 − 3.17% × 19,594 = 914.8702; ouderenkorting 2,035 − 15% × 2,692
        // = 1,631.20 → 7,925.2702. On 36,000 alone: 6,451.20 − (1,536 − 3.17% × 7,594) − 2,035 = 3,120.9298. The pension
        // adds 4,804.3404; Zvw 631.20; (12,000 − 4,804.3404 − 631.20) / 12 = 547.0383 → 547.03.
        PolisRecord[] statements = [.. Pension(1000m), .. Pension(3000m, code: 22)];
        Assert.Equal(54703, Part(statements));
        // Below AOW age the AOW in Polis plays no part: pension 12,000 at 35.82% = 4,298.40 − AHK 3,068 = 1,230.40;
        // (12,000 − 1,230.40 − 631.20) / 12 = 844.8666 → 844.86, the same as without the AOW statements.
        Assert.Equal(84486, PersonNetIncomePart.Compute(statements, s_june2025, AgeBand.BelowAowAge).Part.Cents);
        Assert.Equal(84486, PersonNetIncomePart.Compute(Pension(1000m), s_june2025, AgeBand.BelowAowAge).Part.Cents);
        Assert.Equal(0, PersonNetIncomePart.Compute(Pension(3000m, code: 22), s_june2025, AgeBand.BelowAowAge).Part.Cents);
    }

    [Fact]
    public void TheArbeidskorting_PhasesOutToZero()
    {
        var t = s_june2025.Segments[0].Tax;
        var max = (Int128)t.LabourCreditMaxCents * TaxYear.RateScale;
        Assert.Equal(0, TaxRules.LabourCredit(0, t));
        // Phased in over three brackets to (at most) the maximum, then phased out: 10,000.00 more wage, less credit.
        var phasedIn = TaxRules.LabourCredit(t.LabourCreditBracketUpperCents[2], t);
        Assert.InRange(phasedIn, max * 99 / 100, max);
        Assert.InRange(TaxRules.LabourCredit(t.LabourCreditBracketUpperCents[2] + 1_000_000, t), 1, phasedIn - 1);
        Assert.Equal(0, TaxRules.LabourCredit(100_000_000, t));
    }

    [Fact]
    public void Withholding_LeavesOutTheAowsWithholding_AndAStatementWithoutTaxableWage()
    {
        PolisRecord Statement(int month, int code, string payer, decimal taxable, decimal tax) => PolisRecord.Create(
            A, payer, 1, code, PayPeriod.Month, new DateOnly(2025, month, 1), new DateOnly(2025, month, 1).AddMonths(1).AddDays(-1), 1,
            Eur(taxable), Money.Zero, Money.Zero, Money.Zero, Eur(tax), Money.Zero, false);
        var withholding = s_june2025.WithBasis(NetIncomeBasis.Withholding);
        // Pension 1,000.00 a month with nothing withheld; SVB withholds 200.00 a month on the AOW: the part is 1,000.00.
        PolisRecord[] withAow = [.. new[] { 4, 5, 6 }.Select(m => Statement(m, 56, "123456789L01", 1000m, 0m)), .. new[] { 4, 5, 6 }.Select(m => Statement(m, 22, "809000000L01", 1500m, 200m))];
        Assert.Equal(100000, PersonNetIncomePart.Compute(withAow, withholding).Cents);
        // A statement with tax withheld on no taxable wage: no regular income, so none of it is charged; the other two
        // months 1,000.00 → (2,000 × 12 / 3) / 12 = 666.66.
        PolisRecord[] zero = [Statement(4, 56, "123456789L01", 1000m, 0m), Statement(5, 56, "123456789L01", 0m, 50m), Statement(6, 56, "123456789L01", 1000m, 0m)];
        Assert.Equal(66666, PersonNetIncomePart.Compute(zero, withholding).Cents);
    }

    /// <summary>The documented formula for a pension alone (no AOW in Polis), 2025, with exact decimals: the oracle for bracket 3.</summary>
    private static long Expected(long grossCents)
    {
        decimal g = grossCents;
        var box = (0.1792m * Math.Min(g, 3_844_100)) + (0.3748m * Math.Max(0, Math.Min(g, 7_681_700) - 3_844_100)) + (0.4950m * Math.Max(0, g - 7_681_700));
        var ahk = Math.Max(0, 153_600 - (0.03170m * Math.Max(0, g - 2_840_600)));
        var ouderen = Math.Max(0, 203_500 - (0.15m * Math.Max(0, g - 4_530_800)));
        var tax = Math.Max(0, box - ahk - ouderen);
        var zvw = 0.0526m * Math.Min(g, 7_586_400);
        return (long)Math.Floor((g - tax - zvw) / 12);
    }
}
