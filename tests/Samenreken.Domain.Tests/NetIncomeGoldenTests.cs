using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using static Samenreken.Domain.Tests.TestData;

namespace Samenreken.Domain.Tests;

/// <summary>
/// Cases worked out by hand from the parameter files; the arithmetic is in each test so that a
/// reader can check it with a calculator.
/// </summary>
public class NetIncomeGoldenTests
{
    private static readonly ParameterSet s_june2025 = ParameterSet.For(2025, 6);     // tax 2025, norms 2025-01-01
    private static readonly ParameterSet s_september2024 = ParameterSet.For(2024, 9); // tax 2024, norms 2024-07-01

    private static PolisRecord[] Months(Bsn bsn, int year, int firstMonth, decimal amount, int code = 56) =>
        [Monthly(bsn, year, firstMonth, amount, code), Monthly(bsn, year, firstMonth + 1, amount, code), Monthly(bsn, year, firstMonth + 2, amount, code)];

    private static Household Single(Bsn bsn, decimal netAow, int buildUp = 60)
    {
        Assert.True(Household.TryCreate([Recipient(bsn, 1, HouseholdType.Single, null, netAow, buildUp)], out var household, out _));
        return household!;
    }

    private static (long Income, bool Selected) Run(Household household, ParameterSet p, Dictionary<Bsn, PolisRecord[]> polis)
    {
        var rule = HouseholdRule.For(household, p);
        var parts = Parts(rule, m => polis.GetValueOrDefault(m, []), p);
        var direct = NetIncomeReference.Evaluate(household, m => polis.GetValueOrDefault(m, []), p);
        Assert.Equal(direct.BelowNorm, rule.Selects(parts));
        return (rule.IncomeCents(parts), rule.Selects(parts));
    }

    [Fact]
    public void Norms_AreReadFromTheParameterFiles()
    {
        Assert.Equal(142602, s_june2025.Norm(HouseholdType.Single).Cents);
        Assert.Equal(195081, s_june2025.Norm(HouseholdType.CoupleBothAowAge).Cents);
        Assert.Equal(138401, s_september2024.Norm(HouseholdType.Single).Cents);
        Assert.Equal(187781, s_september2024.Norm(HouseholdType.CoupleYoungerPartner).Cents);
        Assert.Contains("tax:2025 norms:2025-01-01", s_june2025.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleWithPartialAowAndSmallPension_2025_IsSelected()
    {
        // Pension 350.00 a month (Apr–Jun) → 4,200.00 a year. Tax 17.92% × 4,200 = 752.64, less than the
        // credits (AHK 1,536 + ouderenkorting 2,035) → 0. Zvw 5.26% × 4,200 = 220.92. Net 3,979.08 / 12 = 331.59.
        // 60% AOW: net 898.66 (gross 948.55 − Zvw 49.89). Household 898.66 + 331.59 = 1,230.25 < norm 1,426.02.
        var polis = new Dictionary<Bsn, PolisRecord[]> { [A] = Months(A, 2025, 4, 350m) };
        Assert.Equal(33159, PersonNetIncomePart.Compute(polis[A], s_june2025).Cents);
        Assert.Equal((123025L, true), Run(Single(A, 898.66m), s_june2025, polis));
    }

    [Fact]
    public void SingleWithPartialAowAndSmallPension_2024_IsSelected()
    {
        // Pension 350.00 → 4,200.00 a year; tax 19.07% × 4,200 = 800.94 < credits (1,735 + 2,010) → 0.
        // Zvw 5.32% × 4,200 = 223.44. Net 3,976.56 / 12 = 331.38. With net AOW 898.66: 1,230.04 < 1,384.01.
        var polis = new Dictionary<Bsn, PolisRecord[]> { [A] = Months(A, 2024, 7, 350m) };
        Assert.Equal(33138, PersonNetIncomePart.Compute(polis[A], s_september2024).Cents);
        Assert.Equal((123004L, true), Run(Single(A, 898.66m), s_september2024, polis));
    }

    [Fact]
    public void CoupleWithWorkingYoungerPartner_2024_IsSelected()
    {
        // Recipient: pension 200.00 → 2,400.00 a year; tax 0; Zvw 5.32% = 127.68; net 2,272.32 / 12 = 189.36.
        // Partner: wage 600.00 (Jul–Sep) plus a one-off 500.00 taxed as a special reward in August (left out)
        // → 7,200.00 a year; tax 19.07% × 7,200 = 1,373.04 < credits → 0; no Zvw withheld on wages → 600.00.
        // Household: net AOW 1,010.69 + 189.36 + 600.00 = 1,800.05 < norm 1,877.81.
        var partnerWages = Months(B, 2024, 7, 600m, code: 15);
        partnerWages[1] = PolisRecord.Create(B, "123456789L01", 1, 15, PayPeriod.Month, new DateOnly(2024, 8, 1), new DateOnly(2024, 8, 31), 1, Eur(1100m), Eur(500m), Money.Zero, Money.Zero, Money.Zero, Money.Zero, true);
        var polis = new Dictionary<Bsn, PolisRecord[]> { [A] = Months(A, 2024, 7, 200m), [B] = partnerWages };
        Assert.True(Household.TryCreate([Recipient(A, 3, HouseholdType.CoupleYoungerPartner, B, 1010.69m)], out var household, out _));
        Assert.Equal(60000, PersonNetIncomePart.Compute(partnerWages, s_september2024).Cents);
        Assert.Equal((180005L, true), Run(household!, s_september2024, polis));
    }

    [Fact]
    public void CoupleWithWorkingYoungerPartner_2025_IsNotSelected()
    {
        // Partner below AOW age, wage 1,000.00 → 12,000.00 a year, taxed at the rates below AOW age:
        // box 35.82% × 12,000 = 4,298.40; AHK (regular) 3,068 (below the phase-out start 28,406);
        // arbeidskorting 8.053% × 12,000 = 966.36 (first phase-in bracket, to 12,169) → tax 264.04.
        // No Zvw withheld on wages → net 11,735.96 / 12 = 977.99.
        // Household: 1,024.62 + 0 (no Polis income for the recipient) + 977.99 = 2,002.61 ≥ norm 1,950.81.
        // (At the AOW-age rates, as before issue 14: tax 17.92% × 12,000 < credits → 0, household 2,024.62.)
        var polis = new Dictionary<Bsn, PolisRecord[]> { [B] = Months(B, 2025, 4, 1000m, code: 15) };
        Assert.True(Household.TryCreate([Recipient(A, 3, HouseholdType.CoupleYoungerPartner, B, 1024.62m)], out var household, out _));
        Assert.Equal(97799, PersonNetIncomePart.Compute(polis[B], s_june2025, AgeBand.BelowAowAge).Part.Cents);
        Assert.Equal((200261L, false), Run(household!, s_june2025, polis));
    }

    [Fact]
    public void FourWeeklyPension_IsNormalisedToAMonth()
    {
        // Four-week periods from 1 January: those ending 22 Apr, 20 May and 17 Jun fall in the window.
        // 3 × 400.00 = 1,200.00, × 13 periods / 3 = 5,200.00 a year; tax 17.92% × 5,200 = 931.84 → 0 after credits;
        // Zvw 5.26% × 5,200 = 273.52; net 4,926.48 / 12 = 410.54. With 80% AOW (net 1,198.22): 1,608.76 ≥ 1,426.02.
        var start = new DateOnly(2025, 1, 1);
        var statements = Enumerable.Range(0, 8).Select(i => FourWeekly(A, start.AddDays(28 * i), 400m)).ToArray();
        var polis = new Dictionary<Bsn, PolisRecord[]> { [A] = statements };
        Assert.Equal(41054, PersonNetIncomePart.Compute(statements, s_june2025).Cents);
        Assert.Equal((160876L, false), Run(Single(A, 1198.22m, 80), s_june2025, polis));
    }

    [Fact]
    public void NegativeCorrection_ReplacesTheEarlierVersion()
    {
        // May is corrected (version 2) to −100.00: 500 + (−100) + 500 = 900.00 → 3,600.00 a year; tax 0;
        // Zvw 5.26% × 3,600 = 189.36; net 3,410.64 / 12 = 284.22.
        var statements = Months(A, 2025, 4, 500m).Append(Monthly(A, 2025, 5, -100m, version: 2)).ToArray();
        Assert.Equal(28422, PersonNetIncomePart.Compute(statements, s_june2025).Cents);
    }

    [Fact]
    public void OnlyANegativeCorrection_ClampsToZero()
    {
        // −300.00 a month → −3,600.00 a year; gross is floored at 0, so the part is 0, not negative.
        Assert.Equal(0, PersonNetIncomePart.Compute([Monthly(A, 2025, 5, -300m)], s_june2025).Cents);
    }

    [Fact]
    public void ExactlyAtTheNorm_IsNotSelected_OneCentLess_Is()
    {
        // Pension 300.00 → 3,600.00; tax 0; Zvw 5.32% = 191.52; net 3,408.48 / 12 = 284.04.
        // Net AOW 1,099.97 + 284.04 = 1,384.01 = the single norm of 2024-07-01: not below it.
        var polis = new Dictionary<Bsn, PolisRecord[]> { [A] = Months(A, 2024, 7, 300m) };
        Assert.Equal((138401L, false), Run(Single(A, 1099.97m), s_september2024, polis));
        Assert.Equal((138400L, true), Run(Single(A, 1099.96m), s_september2024, polis));
    }

    [Fact]
    public void PensionAboveTheCreditRange_PaysTax()
    {
        // Pension 2,500.00 → 30,000.00. Box 1: 17.92% × 30,000 = 5,376.00. AHK 1,536 − 3.170% × (30,000 − 28,406)
        // = 1,485.4702; ouderenkorting 2,035 (below 45,308). Tax 1,855.5298. Zvw 5.26% × 30,000 = 1,578.00.
        // Net 26,566.4702 / 12 = 2,213.87 (rounded down).
        Assert.Equal(221387, PersonNetIncomePart.Compute(Months(A, 2025, 4, 2500m), s_june2025).Cents);
    }

    [Fact]
    public void IncomeAboveTheCap_IsClamped_AndNotSelected()
    {
        var polis = new Dictionary<Bsn, PolisRecord[]> { [A] = Months(A, 2025, 4, 30_000_000m) };
        Assert.Equal(PersonIncomeCents.Cap, PersonNetIncomePart.Compute(polis[A], s_june2025).Cents);
        var (income, selected) = Run(Single(A, 898.66m), s_june2025, polis);
        // Cap + net AOW + the whole alleenstaande ouderenkorting (531 / 12 = 44.25: the income pays far more tax).
        Assert.Equal(PersonIncomeCents.Cap + 89866 + 4425, income);
        Assert.False(selected);
    }

    [Fact]
    public void PensionOnTopOfAFullCoupleAow_PaysTheTaxTheAowLeavesRoomFor()
    {
        // AOW in Polis 1,081.50 a month → 12,978.00 a year (tax base only). Pension 1,000.00 → 12,000.00.
        // Tax on 24,978.00: 17.92% = 4,476.0576 − AHK 1,536 − ouderenkorting 2,035 = 905.0576.
        // Tax on the AOW alone: 17.92% × 12,978 = 2,325.6576 < 3,571 → 0. The pension adds 905.0576.
        // Zvw 5.26% × 12,000 = 631.20. Net 12,000 − 905.0576 − 631.20 = 10,463.7424 / 12 = 871.97.
        var aow = Enumerable.Range(4, 3).Select(m => Monthly(A, 2025, m, 1081.50m, code: 22, payer: "809000000L01"));
        var statements = aow.Concat(Months(A, 2025, 4, 1000m)).ToArray();
        Assert.Equal(87197, PersonNetIncomePart.Compute(statements, s_june2025).Cents);

        // Without the AOW in the base the same pension pays no tax: 12,000 − 631.20 = 11,368.80 / 12 = 947.40.
        Assert.Equal(94740, PersonNetIncomePart.Compute(Months(A, 2025, 4, 1000m), s_june2025).Cents);
    }

    [Fact]
    public void AowStatementsInPolis_AreLeftOut_BecauseSvbAddsItsOwn()
    {
        var aow = Months(A, 2025, 4, 948.55m, code: 22);
        Assert.Equal(0, PersonNetIncomePart.Compute(aow, s_june2025).Cents);
    }

    [Fact]
    public void Explain_ListsEveryStep()
    {
        var (value, steps) = PersonNetIncomePart.Explain(Months(A, 2025, 4, 350m), s_june2025);
        Assert.Equal(33159, value.Part.Cents);
        foreach (var step in new[] { "1.", "2.", "3.", "4.", "5.", "6.", "7." })
        {
            Assert.Contains(steps, s => s.StartsWith(step, StringComparison.Ordinal));
        }
    }

    private static string Step(IReadOnlyList<string> steps, string prefix) => Assert.Single(steps, s => s.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public void Explain_AtAowAge_ShowsTheTaxOnTheAowAlone_AndThePartUnclamped()
    {
        // The case of NetIncomeRuleEdgeTests: AOW in Polis 36,000 a year that pays tax on its own, pension 12,000.
        var aow = Enumerable.Range(4, 3).Select(m => Monthly(A, 2025, m, 3000m, code: 22, payer: "809000000L01"));
        var (value, steps) = PersonNetIncomePart.Explain([.. Months(A, 2025, 4, 1000m), .. aow], s_june2025);
        Assert.Equal(54703, value.Part.Cents);
        // Step 2 names each IKV's bucket: the AOW in Polis only sets the tax base, it is never paid out as a part.
        Assert.Equal(
            ["2. IKV 123456789L01/1 (pensions and benefits, Month): 3 statements sum 3000.00, x 12 periods a year / 3 = 12000.00 a year",
             "2. IKV 809000000L01/1 (AOW, tax base only, Month): 3 statements sum 9000.00, x 12 periods a year / 3 = 36000.00 a year"],
            steps.Where(s => s.StartsWith("2.", StringComparison.Ordinal)));
        Assert.Equal("4. box 1 tax 2025 at AOW-age rates 17.92%/37.48%/49.5% (brackets to 38441.00/76817.00) minus the general credit and the ouderenkorting, at least 0: on AOW + gross 7925.27, on the AOW alone 3120.92; the Polis income adds 4804.34", Step(steps, "4."));
        Assert.Equal("5. Zvw 5.26% of pensions and benefits (on wages the employer pays it) up to 75864.00: 631.20; net a year = gross - added tax - Zvw = 6564.45", Step(steps, "5."));
        Assert.Equal("6. net per month = net per year / 12, rounded down to a cent: 547.03", Step(steps, "6."));
        Assert.Equal("7. clamp into [0, 10000000.00]: unchanged, 547.03", Step(steps, "7."));
        Assert.DoesNotContain(steps, s => s.StartsWith("   segment", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_TracesThePartNotTheSingleNet_AndShowsTheSupplementAsStep7b()
    {
        // The single of SingleWithAPensionThatPaysTax_GetsTheSingleElderCredit_2025: part 792.77, as a single 837.02.
        var aow = Enumerable.Range(4, 3).Select(m => Monthly(A, 2025, m, 1500m, code: 22, payer: "111111110L01"));
        var (value, steps) = PersonNetIncomePart.Explain([.. Months(A, 2025, 4, 1000m), .. aow], s_june2025);
        Assert.Equal((79277L, 4425L), Cents(value));
        Assert.DoesNotContain("alleenstaande", Step(steps, "4."), StringComparison.Ordinal);
        Assert.Equal("7. clamp into [0, 10000000.00]: unchanged, 792.77", Step(steps, "7."));
        Assert.Equal("7b. single supplement (the same steps with the alleenstaande ouderenkorting, minus the part; sent as a second number, added by SVB only for a single): 44.25", Step(steps, "7b."));
    }

    [Fact]
    public void Explain_BelowAowAge_UsesTheRatesBelowAowAge_AndHasNoSupplement()
    {
        var (value, steps) = PersonNetIncomePart.Explain(Months(B, 2025, 4, 1000m, code: 15), s_june2025, AgeBand.BelowAowAge);
        Assert.Equal((97799L, 0L), Cents(value));
        Assert.Equal("4. box 1 tax 2025 below AOW age 35.82% (AOW premium included)/37.48%/49.5% minus the general credit below AOW age and the arbeidskorting on wages 12000.00, at least 0: 264.04", Step(steps, "4."));
        Assert.Equal("7b. single supplement: 0 (below AOW age no alleenstaande ouderenkorting)", Step(steps, "7b."));
    }

    [Fact]
    public void Explain_ShowsWhatTheClampChanged()
    {
        var (high, highSteps) = PersonNetIncomePart.Explain(Months(A, 2025, 4, 30_000_000m), s_june2025);
        Assert.Equal(PersonIncomeCents.Cap, high.Part.Cents);
        Assert.Matches(@"^7\. clamp into \[0, 10000000\.00\]: \d+\.\d\d becomes 10000000\.00$", Step(highSteps, "7."));

        // Withheld more than paid (NetIncomeRuleEdgeTests.FloorDivision_RoundsNegativeAmountsDown): −0.01 becomes 0.
        PolisRecord Withheld(int month, decimal tax) => PolisRecord.Create(
            A, "123456789L01", 1, 56, PayPeriod.Month, new DateOnly(2025, month, 1), new DateOnly(2025, month, 1).AddMonths(1).AddDays(-1), 1,
            Eur(100m), Money.Zero, Money.Zero, Money.Zero, Eur(tax), Money.Zero, false);
        var (low, lowSteps) = PersonNetIncomePart.Explain([Withheld(5, 100.01m), Withheld(6, 100m)], s_june2025.WithBasis(NetIncomeBasis.Withholding));
        Assert.Equal(0, low.Part.Cents);
        Assert.Equal("7. clamp into [0, 10000000.00]: -0.01 becomes 0.00", Step(lowSteps, "7."));
    }

    [Fact]
    public void Explain_SaysWhichStatementsItSkipsAndUses_InPayerAndPeriodOrder()
    {
        // Listed out of order: a second payer first, June before April, a correction before and after its original,
        // and a statement outside the window.
        var outside = Monthly(A, 2025, 3, 700m);
        var mayV1 = Monthly(A, 2025, 5, 300m);
        var mayV2 = Monthly(A, 2025, 5, 500m, version: 2);
        var otherJune = Monthly(A, 2025, 6, 200m, payer: "999999999L01");
        var otherJuneV2 = Monthly(A, 2025, 6, 250m, version: 2, payer: "999999999L01");
        var steps = PersonNetIncomePart.Explain([otherJuneV2, Monthly(A, 2025, 6, 100m), outside, mayV1, otherJune, Monthly(A, 2025, 4, 100m), mayV2], s_june2025).Steps;
        Assert.Equal(
            [
                "   skip 123456789L01/1 code 56 2025-03-01..2025-03-31 v1 taxable 700.00 special 0.00: outside the window",
                "   skip 999999999L01/1 code 56 2025-06-01..2025-06-30 v1 taxable 200.00 special 0.00: superseded by version 2",
                "   skip 123456789L01/1 code 56 2025-05-01..2025-05-31 v1 taxable 300.00 special 0.00: superseded by version 2",
                "   use  123456789L01/1 code 56 2025-04-01..2025-04-30 v1 taxable 100.00 special 0.00: regular 100.00",
                "   use  123456789L01/1 code 56 2025-05-01..2025-05-31 v2 taxable 500.00 special 0.00: regular 500.00",
                "   use  123456789L01/1 code 56 2025-06-01..2025-06-30 v1 taxable 100.00 special 0.00: regular 100.00",
                "2. IKV 123456789L01/1 (pensions and benefits, Month): 3 statements sum 700.00, x 12 periods a year / 3 = 2800.00 a year",
                "   use  999999999L01/1 code 56 2025-06-01..2025-06-30 v2 taxable 250.00 special 0.00: regular 250.00",
                "2. IKV 999999999L01/1 (pensions and benefits, Month): 1 statements sum 250.00, x 12 periods a year / 1 = 3000.00 a year",
            ],
            steps.Where(s => s.StartsWith("   ", StringComparison.Ordinal) || s.StartsWith("2.", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public void Explain_AcrossAYearChange_ShowsEachSegment()
    {
        var statements = new[] { Monthly(A, 2023, 11, 350m), Monthly(A, 2023, 12, 350m), Monthly(A, 2024, 1, 350m) };
        var (value, steps) = PersonNetIncomePart.Explain(statements, ParameterSet.For(2024, 1));
        Assert.Equal(33112, value.Part.Cents);
        Assert.Equal(
            ["   segment 2023-11..2023-12 (2 of 3 months, tax 2023):", "   segment 2024-01..2024-01 (1 of 3 months, tax 2024):"],
            steps.Where(s => s.StartsWith("   segment", StringComparison.Ordinal)).ToArray());
        Assert.Equal("6. net per month = (net per year of each segment x its months) / 3 / 12, rounded down to a cent: 331.12", Step(steps, "6."));
    }

    [Fact]
    public void TheTaxStep_NamesTheAlleenstaandeOuderenkorting_WhenItCountsIt()
    {
        // Explain traces the part (never single); the single computation's step 4 names the extra credit.
        var income = new PolisIncome(GrossCents: 1_200_000, ZvwBaseCents: 1_200_000, AowCents: 1_800_000);
        var t = s_june2025.Segments[0].Tax;
        var single = new List<string>();
        var couple = new List<string>();
        Assert.True(TaxRules.MarginalNetScaled(income, t, single, AgeBand.AowAge, single: true) > TaxRules.MarginalNetScaled(income, t, couple, AgeBand.AowAge, single: false));
        Assert.Contains("minus the general credit and the ouderenkorting and the alleenstaande ouderenkorting, at least 0", single[0], StringComparison.Ordinal);
        Assert.DoesNotContain("alleenstaande", couple[0], StringComparison.Ordinal);
    }

    [Fact]
    public void WindowAcrossAYearChange_TaxesEachMonthUnderItsOwnYear_2025()
    {
        // Reference month 2025-01: window Nov 2024..Jan 2025, split into 2024 (2 months) and 2025 (1 month).
        // AOW in Polis (code 22) 1,450.00 in Nov and Dec 2024, 1,500.00 in Jan 2025; pension 1,200.00 each month.
        // 2024 segment: AOW 2 × 1,450 × 12 / 2 = 17,400; G = 14,400; on 31,800: box 19.07% = 6,064.26,
        //   AHK 1,735 − 3.421% × (31,800 − 24,812) = 1,495.94052, ouderenkorting 2,010 → tax 2,558.31948;
        //   on 17,400 alone: 3,318.18 < credits → 0. Zvw 5.32% × 14,400 = 766.08. Net 11,075.60052.
        // 2025 segment: AOW 18,000; on 32,400: box 17.92% = 5,806.08, AHK 1,536 − 3.170% × 3,994 = 1,409.3902,
        //   ouderenkorting 2,035 → tax 2,361.6898; on 18,000 alone → 0. Zvw 5.26% × 14,400 = 757.44. Net 11,280.8702.
        // Weighted: (2 × 11,075.60052 + 11,280.8702) / 3 / 12 = 928.6686 → 928.66.
        // Before this rule (the whole window under 2025): AOW 17,600, tax 2,277.3298, net 947.10: 18.44 too high.
        var statements = new[] { Monthly(A, 2024, 11, 1450m, code: 22, payer: "111111110L01"), Monthly(A, 2024, 12, 1450m, code: 22, payer: "111111110L01"), Monthly(A, 2025, 1, 1500m, code: 22, payer: "111111110L01"), Monthly(A, 2024, 11, 1200m), Monthly(A, 2024, 12, 1200m), Monthly(A, 2025, 1, 1200m) };
        var january = ParameterSet.For(2025, 1);
        Assert.Equal([2024, 2025], january.Segments.Select(g => g.Tax.Year));
        Assert.Equal([2, 1], january.Segments.Select(g => g.Months));
        Assert.Contains("tax:2024+2025", january.Version, StringComparison.Ordinal);
        Assert.Equal(92866, PersonNetIncomePart.Compute(statements, january).Cents);
    }

    [Fact]
    public void WindowAcrossAYearChange_UsesEachYearsZvwRate_2024()
    {
        // Reference month 2024-01: Nov and Dec 2023 under 2023 rules, Jan 2024 under 2024 rules.
        // Pension 350.00 a month → 4,200.00 a year in both segments; tax 0 after credits in both.
        // 2023: Zvw 5.43% × 4,200 = 228.06 → 3,971.94; 2024: Zvw 5.32% × 4,200 = 223.44 → 3,976.56.
        // (2 × 3,971.94 + 3,976.56) / 3 / 12 = 331.1233 → 331.12 (under 2024 rules alone it would be 331.38).
        var statements = new[] { Monthly(A, 2023, 11, 350m), Monthly(A, 2023, 12, 350m), Monthly(A, 2024, 1, 350m) };
        Assert.Equal(33112, PersonNetIncomePart.Compute(statements, ParameterSet.For(2024, 1)).Cents);
    }

    [Fact]
    public void WindowReachingBeforeTheParameterFiles_IsRefused()
    {
        Assert.False(ParameterSet.TryFor(2022, 2, out _, out var refusal));
        Assert.Equal(ParameterSetRefusalReason.WindowNotCovered, refusal.Reason);
        Assert.Equal(2021, refusal.WindowStartYear);
        Assert.Equal("the window of 2022-02 starts in 2021, whose tax parameters the files do not hold; covered: 2022-03 to 2026-12", refusal.Message);
        Assert.True(ParameterSet.TryFor(2022, 3, out _, out _));
    }

    [Fact]
    public void SingleWithAPensionThatPaysTax_GetsTheSingleElderCredit_2025()
    {
        // Single, AOW in Polis 1,500.00 a month → 18,000.00; pension 1,000.00 → 12,000.00; total 30,000.00.
        // Without the alleenstaande ouderenkorting: on 30,000 box 17.92% = 5,376.00, AHK 1,536 − 3.170% × 1,594
        // = 1,485.4702, ouderenkorting 2,035 → 1,855.5298; on 18,000 alone: 3,225.60 < 3,571 → 0.
        // Zvw 5.26% × 12,000 = 631.20. Part = (12,000 − 1,855.5298 − 631.20) / 12 = 792.7725 → 792.77.
        // With it (531 more credit): tax on 30,000 = 1,324.5298, on 18,000 still 0 → (12,000 − 1,324.5298 − 631.20) / 12
        // = 837.0225 → 837.02. Single supplement = 837.02 − 792.77 = 44.25 (the whole credit: the pension pays tax).
        var statements = Months(A, 2025, 4, 1000m).Concat([Monthly(A, 2025, 4, 1500m, 22, payer: "111111110L01"), Monthly(A, 2025, 5, 1500m, 22, payer: "111111110L01"), Monthly(A, 2025, 6, 1500m, 22, payer: "111111110L01")]).ToArray();
        var parts = PersonNetIncomePart.Compute(statements, s_june2025, AgeBand.AowAge);
        Assert.Equal((79277L, 4425L), (parts.Part.Cents, parts.SingleSupplement.Cents));
        var polis = new Dictionary<Bsn, PolisRecord[]> { [A] = statements };
        Assert.Equal((1398.22m * 100) + 79277 + 4425, Run(Single(A, 1398.22m), s_june2025, polis).Income);
    }

    [Fact]
    public void SingleElderCredit_CountsOnlyWhereThePensionPaysTax_2024()
    {
        // Single, AOW in Polis 1,300.00 → 15,600.00; pension 300.00 → 3,600.00; total 19,200.00 (2024).
        // Box 19.07% × 19,200 = 3,661.44; credits AHK 1,735 + ouderenkorting 2,010 = 3,745 → 0 tax; also on 15,600
        // (2,974.92) → 0. With the alleenstaande ouderenkorting it stays 0: the supplement is 0, the credit unusable.
        // Part: Zvw 5.32% × 3,600 = 191.52 → (3,600 − 191.52) / 12 = 284.04.
        // With pension 700.00 (8,400; total 24,000): box 4,576.80 − 3,745 = 831.80 without, 831.80 − 524 = 307.80 with;
        // Zvw 5.32% × 8,400 = 446.88. Part (8,400 − 831.80 − 446.88) / 12 = 593.4433 → 593.44; as a single
        // (8,400 − 307.80 − 446.88) / 12 = 637.11. Supplement = 637.11 − 593.44 = 43.67 (difference of the rounded parts).
        var september = ParameterSet.For(2024, 9);
        PolisRecord[] Statements(decimal pension) => [.. Months(A, 2024, 7, pension), Monthly(A, 2024, 7, 1300m, 22, payer: "111111110L01"), Monthly(A, 2024, 8, 1300m, 22, payer: "111111110L01"), Monthly(A, 2024, 9, 1300m, 22, payer: "111111110L01")];
        Assert.Equal((28404L, 0L), Cents(PersonNetIncomePart.Compute(Statements(300m), september, AgeBand.AowAge)));
        Assert.Equal(4367L, PersonNetIncomePart.Compute(Statements(700m), september, AgeBand.AowAge).SingleSupplement.Cents);
        Assert.Equal(0L, PersonNetIncomePart.Compute(Statements(700m), september, AgeBand.BelowAowAge).SingleSupplement.Cents);
    }

    [Fact]
    public void YoungerPartnerWithWages_PaysTheAowPremium_2024()
    {
        // Partner below AOW age, wage 2,500.00 → 30,000.00 (2024). Box 36.97% × 30,000 = 11,091.00.
        // AHK 3,362 − 6.630% × (30,000 − 24,812) = 3,362 − 343.9644 = 3,018.0356.
        // Arbeidskorting: 8.425% × 11,490 = 968.0325; 31.433% × 13,330 = 4,190.0189; 2.471% × 5,180 = 127.9978
        //   → 5,286.0492 (below the maximum 5,532). Tax 11,091 − 3,018.0356 − 5,286.0492 = 2,786.9152.
        // Net (30,000 − 2,786.9152) / 12 = 2,267.7570 → 2,267.75. At AOW-age rates it was 2,500.00 (tax 0 after credits).
        var wages = Months(B, 2024, 7, 2500m, code: 15);
        var september = ParameterSet.For(2024, 9);
        Assert.Equal(226775, PersonNetIncomePart.Compute(wages, september, AgeBand.BelowAowAge).Part.Cents);
    }

    private static (long Part, long Supplement) Cents(PersonParts parts) => (parts.Part.Cents, parts.SingleSupplement.Cents);
}

public class ParameterSetTests
{
    [Theory]
    [InlineData(2022, 3)]
    [InlineData(2023, 7)]
    [InlineData(2024, 12)]
    [InlineData(2025, 6)]
    [InlineData(2026, 3)]
    [InlineData(2026, 9)]
    public void EveryCoveredMonth_HasAParameterSet(int year, int month)
    {
        var set = ParameterSet.For(year, month);
        Assert.True(set.Norm(HouseholdType.Single).Cents > 100_000);
        Assert.All(set.Values, v => Assert.NotEqual(ParameterStatus.NotFound, v.Status));
    }

    [Fact]
    public void EstimatedNorms2026_GiveAWarning()
    {
        var set = ParameterSet.For(2026, 3);
        Assert.Contains(set.Warnings, w => w.Contains("estimated", StringComparison.Ordinal) && w.Contains("norms.csv", StringComparison.Ordinal));
    }

    [Fact]
    public void RecalledTaxValues2022_GiveAWarning() =>
        Assert.Contains(ParameterSet.For(2022, 3).Warnings, w => w.Contains("2022 ahk_max_aow_age", StringComparison.Ordinal) && w.Contains("recalled", StringComparison.Ordinal));

    [Theory]
    [InlineData(2021, 12)]
    [InlineData(2027, 1)]
    [InlineData(2025, 13)]
    public void UncoveredMonth_IsRefused(int year, int month)
    {
        Assert.False(ParameterSet.TryFor(year, month, out _, out var refusal));
        Assert.Equal(ParameterSetRefusalReason.NotCovered, refusal.Reason);
        Assert.Equal($"no parameters for {year}-{month:D2}; covered: 2022-03 to 2026-12", refusal.Message);
        Assert.Equal(refusal.Message + " (Parameter 'year')", Assert.Throws<ArgumentOutOfRangeException>(() => ParameterSet.For(year, month)).Message);
    }
}
