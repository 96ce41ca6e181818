using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;

namespace Samenreken.Synthetic.Tests;

/// <summary>The generator's AOW partner supplement (toeslag) households, checked against SVB's published figures.</summary>
public class PartnerSupplementGeneratorTests
{
    private static PopulationGeneratorTests.Sample S => PopulationGeneratorTests.Sample.Instance;

    [Fact]
    public void FullSupplement_MatchesSvbsPublishedAmounts()
    {
        // ../shared/domain/aow.csv: couple_with_full_toeslag gross 1,942.72 (2023-01-01) and 2,129.44 (2024-07-01),
        // both partners; the per-person couple AOW is 973.86 and 1,067.47.
        var january2023 = ParameterSet.For(2023, 1);
        Assert.Equal(194272, january2023.AowCouplePerPerson.Gross.Cents + PartnerSupplement.FullGrossCents(january2023));
        var july2024 = ParameterSet.For(2024, 9);
        Assert.InRange(july2024.AowCouplePerPerson.Gross.Cents + PartnerSupplement.FullGrossCents(july2024), 212944, 212944 + 50);

        // SVB's net with the payroll credit: 1,751.49 (2023-01-01). The annual rules with the recalled 2023 credits
        // give the wage tax within EUR 1.50 of SVB's 85.75.
        Assert.InRange(PartnerSupplement.NetCents(194272, january2023), 175149 - 150, 175149 + 150);
    }

    [Fact]
    public void TheSupplement_IsReducedByThePartnersIncome_AboveTheFreeAmount()
    {
        var p = ParameterSet.For(2025, 6);
        var full = PartnerSupplement.FullGrossCents(p);
        Assert.Equal(full, PartnerSupplement.GrossCents(p, 100, PartnerSupplement.FreeAmountCents));
        Assert.Equal(full - 1, PartnerSupplement.GrossCents(p, 100, PartnerSupplement.FreeAmountCents + 1));
        Assert.Equal(((full * 60) + 50) / 100, PartnerSupplement.GrossCents(p, 60, 0));
        Assert.Equal(0, PartnerSupplement.GrossCents(p, 100, 1_000_000));
    }

    [Fact]
    public void SupplementHouseholds_AreGenerated_WithAPre2015Aow_AndAYoungerPartner()
    {
        var supplement = S.Households.Where(h => h.Type == HouseholdType.CoupleYoungerPartnerWithSupplement).ToList();
        Assert.Equal(S.Summary.Counts["supplement_households"], supplement.Count);
        Assert.InRange(supplement.Count, 20, 150); // ~10% of the ~3.75% younger-partner couples among ~13,000 households
        var perPerson = ParameterSet.For(2025, 6).AowCouplePerPerson.Gross.Cents;
        Assert.All(supplement, h =>
        {
            var recipient = Assert.Single(h.Recipients);
            Assert.True(recipient.AowStart <= HouseholdTypes.LastAowStartWithSupplement);
            Assert.Equal(2, h.Members.Count);
            // The AOW statement in Polis carries what SVB pays, supplement included.
            Assert.All(S.Polis[recipient.Bsn].Where(r => r.Kind == IncomeKind.Aow), r => Assert.Equal(recipient.GrossAowMonthly, r.TaxableWage - r.SpecialRewards));
        });
        // Partners without income keep the full supplement: their AOW is above the per-person amount.
        Assert.Contains(supplement, h => h.Recipients[0].GrossAowMonthly.Cents > perPerson * h.Recipients[0].BuildUpPercent / 100);
    }
}
