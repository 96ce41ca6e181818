namespace Samenreken.Domain.NetIncome;

/// <summary>
/// The annual box 1 tax and the Zvw contribution on whole-year amounts in cents, rounded down to a cent: the rules of
/// <see cref="PersonNetIncomePart"/> for callers outside the per-person part (the synthetic generator's AOW withholding
/// and its ground truth). Never used for a selection.
/// </summary>
public static class AnnualTax
{
    /// <summary>Tax at AOW-age rates after the general credit and the ouderenkorting (and the alleenstaande ouderenkorting for a single), at least 0.</summary>
    public static long AowAgeCents(long grossCents, TaxYear tax, bool single)
    {
        ArgumentNullException.ThrowIfNull(tax);
        return Cents(TaxRules.Tax(grossCents, tax, single));
    }

    /// <summary>Tax below AOW age after the general credit and the arbeidskorting on <paramref name="wageCents"/>, at least 0.</summary>
    public static long BelowAowAgeCents(long grossCents, long wageCents, TaxYear tax)
    {
        ArgumentNullException.ThrowIfNull(tax);
        return Cents(TaxRules.TaxBelowAowAge(grossCents, wageCents, tax));
    }

    /// <summary>
    /// The arbeidskorting a person of AOW age gets on wages: the schedule below AOW age scaled by the share of the
    /// first-bracket rate without the AOW premium (<c>credit_scaling_factor_aow_age</c> in ../shared/domain/tax.csv).
    /// The approximation leaves it out; the synthetic ground truth applies it.
    /// </summary>
    public static long AowAgeLabourCreditCents(long wageCents, TaxYear tax)
    {
        ArgumentNullException.ThrowIfNull(tax);
        return Cents(TaxRules.LabourCredit(wageCents, tax) * tax.Rate1AowAge / tax.Rate1BelowAowAge);
    }

    /// <summary>The Zvw contribution on a base, capped at the maximum contribution income.</summary>
    public static long ZvwCents(long baseCents, TaxYear tax)
    {
        ArgumentNullException.ThrowIfNull(tax);
        return Cents(TaxRules.Zvw(baseCents, tax));
    }

    private static long Cents(Int128 scaled) => (long)PersonNetIncomePart.FloorDiv(scaled, TaxYear.RateScale);
}
