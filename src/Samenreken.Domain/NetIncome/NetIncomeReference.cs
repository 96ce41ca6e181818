using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;

namespace Samenreken.Domain.NetIncome;

/// <summary>The outcome for one household in the plaintext reference.</summary>
/// <param name="Household">The household.</param>
/// <param name="IncomeCents">Approximate net household income per month, in cents.</param>
/// <param name="NormCents">The norm it was compared with.</param>
/// <param name="BelowNorm">True when the income is below the norm.</param>
public sealed record HouseholdOutcome(Household Household, long IncomeCents, long NormCents, bool BelowNorm)
{
    /// <summary>Below the norm and not already receiving AIO: the household gets a letter.</summary>
    public bool Selected => BelowNorm && !Household.ReceivesAio;
}

/// <summary>
/// The plaintext reference: the direct computation of art. 3 and 4 with every fact in one place.
/// The encrypted run must reproduce its selection exactly.
/// </summary>
public static class NetIncomeReference
{
    /// <summary>
    /// Direct computation for one household: each member's net from Polis (floored at 0, not capped),
    /// summed with the net AOW SVB pays, compared with the norm.
    /// </summary>
    public static HouseholdOutcome Evaluate(Household household, Func<Bsn, IReadOnlyList<PolisRecord>> polis, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(household);
        ArgumentNullException.ThrowIfNull(polis);
        ArgumentNullException.ThrowIfNull(parameters);
        var income = household.NetAowMonthly.Cents;
        var single = household.Type == HouseholdType.Single;
        foreach (var member in household.Members)
        {
            var band = household.Recipients.Any(r => r.Bsn == member) ? AgeBand.AowAge : AgeBand.BelowAowAge;
            var records = polis(member);
            income += Math.Max(0, PersonNetIncomePart.NetMonthlyCents(records, parameters, trace: null, band));
            income += single ? PersonNetIncomePart.Compute(records, parameters, band).SingleSupplement.Cents : 0;
        }

        var norm = parameters.Norm(household.Type).Cents;
        return new HouseholdOutcome(household, income, norm, income < norm);
    }

    /// <summary>
    /// A household-aware estimate used only to measure what the split costs. It keeps SVB's net AOW and the
    /// Polis Zvw exactly as in the split, but computes the tax of each recipient on AOW and Polis income
    /// together, with the alleenstaande ouderenkorting for singles, so the difference is the tax-split error
    /// alone. Not used for any selection.
    /// </summary>
    public static long HouseholdAwareIncomeCents(Household household, Func<Bsn, IReadOnlyList<PolisRecord>> polis, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(household);
        ArgumentNullException.ThrowIfNull(polis);
        ArgumentNullException.ThrowIfNull(parameters);
        var income = household.NetAowMonthly.Cents;
        foreach (var member in household.Members)
        {
            var recipient = household.Recipients.FirstOrDefault(r => r.Bsn == member);
            var fromPolis = PolisIncome.Annualise(polis(member), parameters.WindowStart, parameters.WindowEnd, trace: null);
            var aowAnnual = recipient is null ? 0 : 12 * recipient.GrossAowMonthly.Cents;

            // What the Polis income adds once the AOW (as SVB pays it) has used its share of brackets and credits,
            // with the alleenstaande ouderenkorting that only SVB knows applies.
            var single = household.Type == HouseholdType.Single;
            var net = (fromPolis.GrossCents * TaxYear.RateScale)
                - (TaxRules.Tax(aowAnnual + fromPolis.GrossCents, parameters.Tax, single) - TaxRules.Tax(aowAnnual, parameters.Tax, single))
                - TaxRules.Zvw(fromPolis.ZvwBaseCents, parameters.Tax);
            income += (long)Int128.Clamp(PersonNetIncomePart.FloorDiv(net, 12 * TaxYear.RateScale), 0, PersonIncomeCents.Cap);
        }

        return income;
    }
}
