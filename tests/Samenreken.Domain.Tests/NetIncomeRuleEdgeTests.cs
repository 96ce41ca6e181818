using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using static Samenreken.Domain.Tests.TestData;

namespace Samenreken.Domain.Tests;

/// <summary>
/// Issue 19: the rules of the per-person part that no golden case reaches: the three-month reference window at its
/// edges, an older correction listed after a newer one, floor division of negative sums, and the tax steps (bracket 2,
/// bracket 3, the credits' phase-outs, the tax on the AOW seen in Polis, the Zvw cap). The tax steps use a made-up tax
/// year with round numbers, so every expected value can be checked by hand and does not move with the parameter files.
/// </summary>
public sealed class NetIncomeRuleEdgeTests
{
    private const long S = TaxYear.RateScale;

    private static readonly DateOnly s_june2025 = new(2025, 6, 1); // window: periods ending 2025-04-01 … 2025-06-30

    /// <summary>Brackets to €10,000 and €30,000 at 10%, 20%, 50%; general credit €1,000 phasing out 5% above €20,000;
    /// ouderenkorting €500 phasing out 10% above €15,000; alleenstaande ouderenkorting €300; Zvw 5% up to €40,000.</summary>
    private static readonly TaxYear s_round = new()
    {
        Year = 2099,
        Bracket1UpperCents = 1_000_000,
        Bracket2UpperCents = 3_000_000,
        Rate1AowAge = 10 * S / 100,
        Rate2 = 20 * S / 100,
        Rate3 = 50 * S / 100,
        GeneralCreditMaxCents = 100_000,
        GeneralCreditPhaseOutStartCents = 2_000_000,
        GeneralCreditPhaseOutRate = 5 * S / 100,
        ElderlyCreditMaxCents = 50_000,
        ElderlyCreditThresholdCents = 1_500_000,
        ElderlyCreditPhaseOutRate = 10 * S / 100,
        SingleElderlyCreditCents = 30_000,
        ZvwRate = 5 * S / 100,
        ZvwMaxIncomeCents = 4_000_000,
    };

    private static PolisRecord Weekly(DateOnly start, decimal taxable, int ikv, int code = 56) =>
        PolisRecord.Create(
            A, "123456789L01", ikv, code, PayPeriod.Week, start, start.AddDays(6), 1,
            Eur(taxable), Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero, false);

    [Fact]
    public void Window_TakesStatementsEndingFromTheFirstDayOfTheFirstMonth_ToTheLastDayOfTheReferenceMonth()
    {
        PolisRecord[] records =
        [
            Monthly(A, 2025, 4, 1000m), Monthly(A, 2025, 5, 1000m), Monthly(A, 2025, 6, 1000m), // 12 × 1,000 = 12,000
            Monthly(A, 2025, 3, 5000m), Monthly(A, 2025, 7, 5000m), // the months either side: out
            Weekly(new DateOnly(2025, 3, 26), 100m, ikv: 2), // ends 1 April: in, 52 × 100 = 5,200
            Weekly(new DateOnly(2025, 3, 25), 900m, ikv: 3), // ends 31 March: out
            Weekly(new DateOnly(2025, 6, 24), 100m, ikv: 4), // ends 30 June: in, 5,200
            Weekly(new DateOnly(2025, 6, 25), 900m, ikv: 5), // ends 1 July: out
        ];

        var income = PolisIncome.Annualise(records, s_june2025, trace: null);

        Assert.Equal(2_240_000, income.GrossCents);
        Assert.Equal(2_240_000, income.ZvwBaseCents);
        Assert.Equal(0, income.AowCents);
    }

    [Fact]
    public void Corrections_TheHighestVersionWins_WhateverTheOrderTheyAreListedIn()
    {
        // May: version 3 (1,600) listed before version 2 (1,300); June: version 1 listed before version 2 (1,900).
        PolisRecord[] records =
        [
            Monthly(A, 2025, 4, 1000m),
            Monthly(A, 2025, 5, 1600m, version: 3), Monthly(A, 2025, 5, 1300m, version: 2),
            Monthly(A, 2025, 6, 1000m), Monthly(A, 2025, 6, 1900m, version: 2),
        ];

        var income = PolisIncome.Annualise(records, s_june2025, trace: null);

        Assert.Equal((1000 + 1600 + 1900) * 4 * 100, income.GrossCents); // (4,500 / 3) × 12
    }

    [Fact]
    public void Annualise_NegativeSum_IsRoundedDownNotTowardsZero()
    {
        // Wages of three weeks sum to −0.01: × 52 / 3 = −17.33 cents a year, rounded down to −18.
        PolisRecord[] records =
        [
            Monthly(A, 2025, 4, 1000m), Monthly(A, 2025, 5, 1000m), Monthly(A, 2025, 6, 1000m),
            Weekly(new DateOnly(2025, 4, 7), 0m, ikv: 2, code: 15),
            Weekly(new DateOnly(2025, 4, 14), 0m, ikv: 2, code: 15),
            Weekly(new DateOnly(2025, 4, 21), -0.01m, ikv: 2, code: 15),
        ];

        var income = PolisIncome.Annualise(records, s_june2025, trace: null);

        Assert.Equal(1_200_000 - 18, income.GrossCents);
        Assert.Equal(1_200_000 - 18, income.ZvwBaseCents); // the pensions, capped at the total
    }

    [Fact]
    public void Annualise_TheAowInPolis_OnlySetsTheTaxBase()
    {
        PolisRecord[] records =
        [
            Monthly(A, 2025, 4, 1200m, code: 22), Monthly(A, 2025, 5, 1200m, code: 22), Monthly(A, 2025, 6, 1200m, code: 22),
            Monthly(A, 2025, 4, 100m, ikv: 2), Monthly(A, 2025, 5, 100m, ikv: 2), Monthly(A, 2025, 6, 100m, ikv: 2),
        ];

        var income = PolisIncome.Annualise(records, s_june2025, trace: null);

        Assert.Equal(new PolisIncome(120_000, 120_000, 1_440_000), income);
    }

    [Theory]
    [InlineData(-1L, 12L, -1L)]
    [InlineData(-12L, 12L, -1L)]
    [InlineData(-13L, 12L, -2L)]
    [InlineData(13L, 12L, 1L)]
    [InlineData(12L, 12L, 1L)]
    [InlineData(0L, 12L, 0L)]
    [InlineData(1L, -12L, -1L)]
    [InlineData(-1L, -12L, 0L)]
    [InlineData(-24L, -12L, 2L)]
    public void FloorDiv_RoundsTowardsMinusInfinity(long a, long b, long expected)
        => Assert.Equal((Int128)expected, PersonNetIncomePart.FloorDiv(a, b));

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(500_000L, 0L)] // box 5,000·10% = 500 < credits 1,000 + 500
    [InlineData(1_000_000L, 0L)] // 1,000 − 1,500, at least 0
    [InlineData(1_500_000L, 50L)] // bracket 2: 1,000 + 1,000 − 1,000 − 500 = 500
    [InlineData(1_600_000L, 80L)] // 1,000 + 1,200 − 1,000 − (500 − 10%·1,000 = 400) = 800
    [InlineData(2_000_000L, 200L)] // 1,000 + 2,000 − 1,000 − 0 = 2,000
    [InlineData(2_100_000L, 225L)] // 1,000 + 2,200 − (1,000 − 5%·1,000 = 950) = 2,250
    [InlineData(4_000_000L, 1_000L)] // bracket 3: 1,000 + 4,000 + 5,000, no credits left = 10,000
    public void Tax_RoundYear_ByHand(long grossCents, long expectedTensOfEuros)
        => Assert.Equal((Int128)expectedTensOfEuros * 1_000 * S, TaxRules.Tax(grossCents, s_round, singleElderlyCredit: false));

    [Fact]
    public void Tax_SingleElderlyCredit_IsSubtractedToo_AndNeverBelowZero()
    {
        Assert.Equal((Int128)170_000 * S, TaxRules.Tax(2_000_000, s_round, singleElderlyCredit: true)); // 2,000 − 300
        Assert.Equal((Int128)20_000 * S, TaxRules.Tax(1_500_000, s_round, singleElderlyCredit: true)); // 500 − 300
        Assert.Equal(0, TaxRules.Tax(1_000_000, s_round, singleElderlyCredit: true)); // 1,000 − 1,800, at least 0
    }

    [Theory]
    [InlineData(100_000L, 5_000L)]
    [InlineData(4_000_000L, 200_000L)]
    [InlineData(5_000_000L, 200_000L)] // capped at the maximum contribution income
    public void Zvw_IsTheRateUpToTheCap(long baseCents, long expectedCents)
        => Assert.Equal((Int128)expectedCents * S, TaxRules.Zvw(baseCents, s_round));

    [Fact]
    public void MarginalNet_ChargesTheTaxThePensionAddsOnTopOfTheAowInPolis()
    {
        // AOW 15,000 in Polis, pension 1,000: tax(16,000) − tax(15,000) = 800 − 500 = 300; Zvw 5% × 1,000 = 50.
        // Net a year: 1,000 − 300 − 50 = 650. Without the AOW the pension would add no tax at all (650 + 300).
        var net = TaxRules.MarginalNetScaled(new PolisIncome(100_000, 100_000, 1_500_000), s_round, trace: null);

        Assert.Equal((Int128)65_000 * S, net);
    }
}
