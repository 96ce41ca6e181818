using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using static Samenreken.Domain.Tests.TestData;

namespace Samenreken.Domain.Tests;

/// <summary>
/// The two meanings of net income (issue 14), on the same households: what the annual assessment leaves (the default)
/// and what the payers withheld. Worked out by hand from the 2025 and 2024 parameters.
/// </summary>
public class NetIncomeBasisTests
{
    private static readonly ParameterSet s_assessment = ParameterSet.For(2025, 6);
    private static readonly ParameterSet s_withholding = s_assessment.WithBasis(NetIncomeBasis.Withholding);

    /// <summary>A monthly pension whose payer withholds wage tax at the first-bracket AOW-age rate without the credit (SVB applies it on the AOW).</summary>
    private static PolisRecord Pension(Bsn bsn, int month, decimal taxable, decimal special, decimal wageTax, decimal zvw, int year = 2025) =>
        PolisRecord.Create(
            bsn, "123456789L01", 1, 56, PayPeriod.Month, new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1), 1,
            Eur(taxable), Eur(special), Eur(special), Money.Zero, Eur(wageTax), Eur(zvw), false);

    private static Household Single(decimal netAow)
    {
        Assert.True(Household.TryCreate([Recipient(A, 1, HouseholdType.Single, null, netAow, 60)], out var household, out _));
        return household!;
    }

    private static long Income(Household household, PolisRecord[] records, ParameterSet p)
    {
        var rule = HouseholdRule.For(household, p);
        return rule.IncomeCents(Parts(rule, _ => records, p));
    }

    [Fact]
    public void TheSameHousehold_IsAboveTheNormByItsAssessment_AndBelowByWhatWasWithheld_2025()
    {
        // Pension 600.00 a month (Apr–Jun); the payer withholds 17.92% = 107.52 wage tax (no credit: SVB applies it on
        // the AOW) and 5.26% = 31.56 Zvw.
        // Assessment: 7,200 a year; tax 17.92% × 7,200 = 1,290.24 < credits (AHK 1,536 + ouderenkorting 2,035) → 0;
        // Zvw 378.72; net 6,821.28 / 12 = 568.44. Household 898.66 + 568.44 = 1,467.10 ≥ norm 1,426.02: not selected.
        // Withholding: 600.00 − 107.52 − 31.56 = 460.92 a month. Household 1,359.58 < 1,426.02: selected.
        var records = new[] { 4, 5, 6 }.Select(m => Pension(A, m, 600m, 0m, 107.52m, 31.56m)).ToArray();
        Assert.Equal(56844, PersonNetIncomePart.Compute(records, s_assessment).Cents);
        Assert.Equal(46092, PersonNetIncomePart.Compute(records, s_withholding).Cents);
        var household = Single(898.66m);
        Assert.Equal(146710, Income(household, records, s_assessment));
        Assert.Equal(135958, Income(household, records, s_withholding));
        Assert.False(NetIncomeReference.Evaluate(household, _ => records, s_assessment).BelowNorm);
        Assert.True(NetIncomeReference.Evaluate(household, _ => records, s_withholding).BelowNorm);
    }

    [Fact]
    public void TheSameHousehold_IsAboveTheNormByItsAssessment_AndBelowByWhatWasWithheld_2024()
    {
        // Reference month September 2024 (window Jul–Sep 2024, norms of 1 July 2024: single 1,384.01 without holiday
        // allowance). Pension 600.00 a month; the payer withholds 19.07% = 114.42 wage tax (no credit) and
        // 5.32% = 31.92 Zvw.
        // Assessment: 7,200 a year; tax 19.07% × 7,200 = 1,373.04 < credits (AHK 1,735 + ouderenkorting 2,010) → 0, so
        // no single-elder credit either; Zvw 5.32% × 7,200 = 383.04; net 6,816.96 / 12 = 568.08.
        // Household 850.00 + 568.08 = 1,418.08 ≥ 1,384.01: not selected.
        // Withholding: 600.00 − 114.42 − 31.92 = 453.66 a month. Household 850.00 + 453.66 = 1,303.66 < 1,384.01: selected.
        var assessment = ParameterSet.For(2024, 9);
        var withholding = assessment.WithBasis(NetIncomeBasis.Withholding);
        var records = new[] { 7, 8, 9 }.Select(m => Pension(A, m, 600m, 0m, 114.42m, 31.92m, year: 2024)).ToArray();
        Assert.Equal(56808, PersonNetIncomePart.Compute(records, assessment).Cents);
        Assert.Equal(45366, PersonNetIncomePart.Compute(records, withholding).Cents);
        var household = Single(850.00m);
        Assert.Equal(141808, Income(household, records, assessment));
        Assert.Equal(130366, Income(household, records, withholding));
        Assert.False(NetIncomeReference.Evaluate(household, _ => records, assessment).BelowNorm);
        Assert.True(NetIncomeReference.Evaluate(household, _ => records, withholding).BelowNorm);
    }

    [Fact]
    public void Withholding_ChargesTheRegularIncomeOnlyItsShareOfTheWithheldAmounts()
    {
        // May: taxable 1,100.00 of which 500.00 holiday allowance (special reward); withheld 220.00 tax + 44.00 Zvw.
        // The regular 600.00 carries 264.00 × 600 / 1,100 = 144.00 of it. April and June: 600.00, withheld 144.00.
        // Net a month: 600.00 − 144.00 = 456.00.
        var records = new[]
        {
            Pension(A, 4, 600m, 0m, 120m, 24m),
            Pension(A, 5, 1100m, 500m, 220m, 44m),
            Pension(A, 6, 600m, 0m, 120m, 24m),
        };
        Assert.Equal(45600, PersonNetIncomePart.Compute(records, s_withholding).Cents);
    }

    [Fact]
    public void Withholding_HasNoSingleSupplement_AndNoAgeBand()
    {
        // The payer applied the rates: the band SVB sends and the alleenstaande ouderenkorting change nothing.
        var records = new[] { 4, 5, 6 }.Select(m => Pension(A, m, 2500m, 0m, 448m, 131.50m)).ToArray();
        var aowAge = PersonNetIncomePart.Compute(records, s_withholding, AgeBand.AowAge);
        Assert.Equal(192050, aowAge.Part.Cents);
        Assert.Equal(0, aowAge.SingleSupplement.Cents);
        Assert.Equal(aowAge, PersonNetIncomePart.Compute(records, s_withholding, AgeBand.BelowAowAge));
        Assert.True(PersonNetIncomePart.Compute(records, s_assessment).Cents > 0);
        Assert.True(PersonNetIncomePart.Compute(records, s_assessment, AgeBand.AowAge).SingleSupplement.Cents > 0);
    }

    [Fact]
    public void TheBasis_IsPartOfTheVersion_AndShownByExplain()
    {
        Assert.Equal(NetIncomeBasis.AnnualAssessment, s_assessment.Basis);
        Assert.EndsWith(" basis:assessment", s_assessment.Version, StringComparison.Ordinal);
        Assert.EndsWith(" basis:withholding", s_withholding.Version, StringComparison.Ordinal);
        Assert.Equal(s_assessment.Version[..^" basis:assessment".Length], s_withholding.Version[..^" basis:withholding".Length]);
        Assert.Same(s_assessment, s_assessment.WithBasis(NetIncomeBasis.AnnualAssessment));
        Assert.Equal(s_assessment.Version, s_withholding.WithBasis(NetIncomeBasis.AnnualAssessment).Version);
        Assert.Equal(NetIncomeBasis.Withholding, ParameterSet.BasisCodes["withholding"]);
        Assert.Equal("assessment", ParameterSet.BasisCode(NetIncomeBasis.AnnualAssessment));

        var records = new Dictionary<Bsn, IReadOnlyList<PolisRecord>> { [A] = [Pension(A, 6, 600m, 0m, 107.52m, 31.56m)] };
        var withheld = NetIncomeExplanation.Text(Single(898.66m), records, s_withholding, synthetic: false);
        Assert.Contains("Net income basis: withholding", withheld, StringComparison.Ordinal);
        Assert.Contains("4.-5. withholding basis", withheld, StringComparison.Ordinal);
        Assert.Contains("Net income basis: assessment", NetIncomeExplanation.Text(Single(898.66m), records, s_assessment, synthetic: false), StringComparison.Ordinal);
    }
}
