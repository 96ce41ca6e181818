using Samenreken.Domain;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;

namespace Samenreken.Domain.Tests;

/// <summary>Small builders for hand-made test rows.</summary>
internal static class TestData
{
    public static readonly Bsn A = Bsn.Parse("111222333");
    public static readonly Bsn B = Bsn.Parse("123456782");
    public static readonly Bsn C = Bsn.Parse("999993847");

    public static Money Eur(decimal euros) => Money.FromCents((long)(euros * 100));

    public static AowRecipient Recipient(Bsn bsn, long household, HouseholdType type, Bsn? partner, decimal netAow, int buildUp = 100, bool aio = false) =>
        AowRecipient.Create(
            bsn, household, type, partner, new DateOnly(1950, 3, 1), new DateOnly(2015, 6, 1), buildUp,
            Eur(netAow * 1.06m), Eur(netAow), aio,
            new LetterAddress("J. de Vries", "Dorpsstraat 1", "1234 AB", "Utrecht"),
            new Demographics(Sex.Female, "GM0344", CountryOfBirthCategory.Netherlands));

    /// <summary>A monthly pension statement (SrtIV 56) with Zvw withheld.</summary>
    public static PolisRecord Monthly(Bsn bsn, int year, int month, decimal taxable, int code = 56, int version = 1, string payer = "123456789L01", int ikv = 1) =>
        PolisRecord.Create(
            bsn, payer, ikv, code, PayPeriod.Month, new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1), version,
            Eur(taxable), Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero, false);

    public static PolisRecord FourWeekly(Bsn bsn, DateOnly start, decimal taxable, int code = 56) =>
        PolisRecord.Create(
            bsn, "987654321L01", 2, code, PayPeriod.FourWeeks, start, start.AddDays(27), 1,
            Eur(taxable), Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero, false);

    /// <summary>What UWV would send for each member of a rule, each at the member's age band.</summary>
    public static PersonParts[] Parts(HouseholdRule rule, Func<Bsn, IReadOnlyList<PolisRecord>> polis, ParameterSet parameters) =>
        [.. rule.Members.Select((m, i) => PersonNetIncomePart.Compute(polis(m), parameters, rule.Bands[i]))];
}
