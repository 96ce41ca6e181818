using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using static Samenreken.Domain.Tests.TestData;

namespace Samenreken.Domain.Tests;

/// <summary>
/// The rules of the per-person part that no golden case reached (issue 19's surviving mutants): the window's bounds, an
/// older version listed after a newer one, the tax on the AOW in Polis, brackets 2 and 3, the ouderenkorting phase-out,
/// and floor division of negative amounts. Expected values come from an independent computation of the documented
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
