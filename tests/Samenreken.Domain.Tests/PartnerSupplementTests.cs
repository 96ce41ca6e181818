using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using static Samenreken.Domain.Tests.TestData;

namespace Samenreken.Domain.Tests;

/// <summary>The household type of a recipient who kept the AOW partner supplement (toeslag) for a younger partner.</summary>
public class PartnerSupplementTests
{
    private static readonly ParameterSet s_september2024 = ParameterSet.For(2024, 9); // norms 2024-07-01

    private static AowRecipient WithSupplement(DateOnly aowStart, decimal gross, decimal net, HouseholdType type = HouseholdType.CoupleYoungerPartnerWithSupplement) =>
        AowRecipient.Create(
            A, 7, type, B, new DateOnly(1946, 5, 1), aowStart, 100, Eur(gross), Eur(net), false,
            new LetterAddress("J. de Vries", "Dorpsstraat 1", "1234 AB", "Utrecht"),
            new Demographics(Sex.Male, "GM0344", CountryOfBirthCategory.Netherlands));

    [Fact]
    public void OnlyAnAowStartedBefore2015_CarriesTheSupplement()
    {
        Assert.Equal(HouseholdType.CoupleYoungerPartnerWithSupplement, WithSupplement(new DateOnly(2014, 12, 31), 2129.44m, 1920.41m).HouseholdType);
        var refused = Assert.Throws<ArgumentException>(() => WithSupplement(new DateOnly(2015, 1, 1), 2129.44m, 1920.41m));
        Assert.Equal("aowStart", refused.ParamName);
        Assert.Contains("before 2015", refused.Message, StringComparison.Ordinal);
        // Without the supplement a 2015 start is an ordinary younger-partner couple.
        Assert.Equal(HouseholdType.CoupleYoungerPartner, WithSupplement(new DateOnly(2015, 1, 1), 1067.47m, 1010.69m, HouseholdType.CoupleYoungerPartner).HouseholdType);
    }

    [Fact]
    public void TheSupplementCouple_IsReadFromTheSvbFile_WithTheYoungerPartnerAsMember()
    {
        var text = new StringWriter();
        SvbFile.WriteHeader(text, DataSetInfo.Create(new Dictionary<string, string> { ["synthetic"] = "true" }));
        SvbFile.WriteRow(text, WithSupplement(new DateOnly(2011, 5, 1), 2129.44m, 1920.41m));
        Assert.Contains(",couple_younger_partner_toeslag,", text.ToString(), StringComparison.Ordinal);

        var loaded = SvbFile.OpenHouseholds(new StringReader(text.ToString())).Load(CsvLoadMode.FailWholeLoad);
        var household = Assert.Single(loaded.Records);
        Assert.Equal(HouseholdType.CoupleYoungerPartnerWithSupplement, household.Type);
        Assert.Equal([A, B], household.Members);
        Assert.Equal(192041, household.NetAowMonthly.Cents);
    }

    [Fact]
    public void TheRule_UsesTheCoupleNorm_AndTheRatesBelowAowAgeForThePartner_2024()
    {
        // SVB's full supplement case of 1 July 2024 (../shared/domain/aow.csv): gross 2,129.44, net with the payroll
        // credit 1,920.41, both partners together. Partner without income, recipient with only the AOW in Polis:
        // income = 1,920.41 ≥ the couple norm 1,877.81: not selected. The same couple without the supplement
        // (net 1,010.69 per person) is: 1,010.69 < 1,877.81.
        Assert.True(Household.TryCreate([WithSupplement(new DateOnly(2011, 5, 1), 2129.44m, 1920.41m)], out var household, out _));
        var rule = HouseholdRule.For(household!, s_september2024);
        Assert.Equal(187781, rule.NormCents);
        Assert.Equal(s_september2024.Norm(HouseholdType.CoupleYoungerPartner), s_september2024.Norm(HouseholdType.CoupleYoungerPartnerWithSupplement));
        Assert.Equal([AgeBand.AowAge, AgeBand.BelowAowAge], rule.Bands);
        Assert.Equal([0L, 0L], rule.SupplementCoefficients);
        var none = new PersonParts[] { new(PersonIncomeCents.Clamp(0), PersonIncomeCents.Clamp(0)), new(PersonIncomeCents.Clamp(0), PersonIncomeCents.Clamp(0)) };
        Assert.Equal(192041, rule.IncomeCents(none));
        Assert.False(rule.Selects(none));

        // Partner with a wage of 600.00 (Jul–Sep) below AOW age: 7,200 a year, 36.97% = 2,661.84 < AHK 3,362 → 0 tax.
        var wages = new[] { 7, 8, 9 }.Select(m => Monthly(B, 2024, m, 600m, code: 15)).ToArray();
        var parts = Parts(rule, m => m == B ? wages : [], s_september2024);
        Assert.Equal(60000, parts[1].Part.Cents);
        Assert.Equal(252041, rule.IncomeCents(parts));
        Assert.Equal(NetIncomeReference.Evaluate(household!, m => m == B ? wages : [], s_september2024).IncomeCents, rule.IncomeCents(parts));
    }

    [Fact]
    public void TheRule_UsesTheCoupleNorm_AndTheRatesBelowAowAgeForThePartner_2023()
    {
        // SVB's full supplement case of 1 January 2023 (../shared/domain/aow.csv, svb.nl): gross 1,942.72, net with the
        // payroll credit 1,751.49, both partners together; reference month March 2023 (window Jan–Mar 2023), couple
        // norm of 1 January 2023 without holiday allowance 1,716.84.
        // Partner below AOW age with a wage of 1,500.00 a month → 18,000.00 a year (2023 rates below AOW age):
        // box 36.93% × 18,000 = 6,647.40; AHK (regular) 3,070 (below the phase-out start 22,660);
        // arbeidskorting 8.231% × 10,740 = 884.0094 + 29.861% × (18,000 − 10,740) = 2,167.9086 → 3,051.9180
        // (below the maximum 5,052); tax 6,647.40 − 3,070 − 3,051.918 = 525.482; no Zvw withheld on wages
        // → net (18,000 − 525.482) / 12 = 1,456.2098 → 1,456.20. At the AOW-age rates (as before issue 14):
        // 19.03% × 18,000 = 3,425.40 − AHK 1,583 − ouderenkorting 1,835 = 7.40 → (18,000 − 7.40) / 12 = 1,499.38.
        // Household: 1,751.49 + 0 (the recipient's Polis holds nothing) + 1,456.20 = 3,207.69 ≥ 1,716.84.
        var march2023 = ParameterSet.For(2023, 3);
        Assert.True(Household.TryCreate([WithSupplement(new DateOnly(2010, 3, 1), 1942.72m, 1751.49m)], out var household, out _));
        var rule = HouseholdRule.For(household!, march2023);
        Assert.Equal(171684, rule.NormCents);
        Assert.Equal([AgeBand.AowAge, AgeBand.BelowAowAge], rule.Bands);

        var wages = new[] { 1, 2, 3 }.Select(m => Monthly(B, 2023, m, 1500m, code: 15)).ToArray();
        var parts = Parts(rule, m => m == B ? wages : [], march2023);
        Assert.Equal(145620, parts[1].Part.Cents);
        Assert.Equal(149938, PersonNetIncomePart.Compute(wages, march2023, AgeBand.AowAge).Part.Cents);
        Assert.Equal(320769, rule.IncomeCents(parts));
        Assert.False(rule.Selects(parts));
        Assert.Equal(NetIncomeReference.Evaluate(household!, m => m == B ? wages : [], march2023).IncomeCents, rule.IncomeCents(parts));
    }

    [Fact]
    public void SupplementCodes_RoundTrip()
    {
        Assert.Equal("couple_younger_partner_toeslag", SvbCodes.Code(SvbCodes.HouseholdTypes, HouseholdType.CoupleYoungerPartnerWithSupplement));
        Assert.True(HouseholdType.CoupleYoungerPartnerWithSupplement.HasYoungerPartner());
        Assert.True(HouseholdType.CoupleYoungerPartner.HasYoungerPartner());
        Assert.False(HouseholdType.CoupleBothAowAge.HasYoungerPartner());
        Assert.False(HouseholdType.Single.HasYoungerPartner());
    }
}
