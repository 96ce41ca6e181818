using Samenreken.Domain.NetIncome;

namespace Samenreken.Synthetic;

/// <summary>
/// The AOW partner supplement (toeslag) for a recipient whose AOW started before 2015 and whose partner is below AOW
/// age (docs/synthetic-population.md). SVB pays it with the AOW, so it is inside SVB's gross and net AOW and inside the
/// AOW statement in Polis; the approximation needs no figure of its own.
/// </summary>
internal static class PartnerSupplement
{
    /// <summary>Share of couples with a younger partner that still receive the supplement [E: the right ends with AOW starts after 2014].</summary>
    public const double ShareOfYoungerPartnerCouples = 0.10;

    /// <summary>The income support top-up inside the per-person AOW but not in the supplement: EUR 5.00 gross a month [V: SVB 2023-01-01].</summary>
    private const long IncomeSupportTopUpCents = 500;

    /// <summary>Partner income that does not reduce the supplement, per month [D: a simplified free amount].</summary>
    public const long FreeAmountCents = 25_000;

    /// <summary>
    /// The full supplement, gross per month: the per-person couple AOW minus the income support top-up [E]. It gives
    /// SVB's 968.86 for 2023-01-01 exactly and 1,061.97 + 0.50 for 2024-07-01 (../shared/domain/aow.csv); the other
    /// half years are not published in the sources.
    /// </summary>
    public static long FullGrossCents(ParameterSet parameters) => parameters.AowCouplePerPerson.Gross.Cents - IncomeSupportTopUpCents;

    /// <summary>The supplement after the income test: reduced euro for euro by the partner's gross income above the free amount [D].</summary>
    public static long GrossCents(ParameterSet parameters, int buildUpPercent, long partnerMonthlyGrossCents)
    {
        var full = ((FullGrossCents(parameters) * buildUpPercent) + 50) / 100;
        return Math.Max(0, full - Math.Max(0, partnerMonthlyGrossCents - FreeAmountCents));
    }

    /// <summary>
    /// The net AOW SVB pays on a gross that includes the supplement: Zvw truncated to cents and the wage tax of the
    /// year's annual rules (with the payroll tax credit) per month, rounded up, which is no longer 0 at this income.
    /// </summary>
    public static long NetCents(long grossMonthlyCents, ParameterSet parameters)
    {
        var zvw = grossMonthlyCents * parameters.Tax.ZvwRate / TaxYear.RateScale;
        var tax = (AnnualTax.AowAgeCents(12 * grossMonthlyCents, parameters.Tax, single: false) + 11) / 12;
        return grossMonthlyCents - zvw - tax;
    }
}
