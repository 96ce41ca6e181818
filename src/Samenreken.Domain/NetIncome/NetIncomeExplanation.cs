using System.Globalization;
using System.Text;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;

namespace Samenreken.Domain.NetIncome;

/// <summary>
/// The transparency text of art. 3 for one household (what <c>samenreken explain</c> prints): the parameters, each
/// member's steps 1–7 as UWV computes them, and SVB's steps 8–12. The CLI only prints it.
/// </summary>
public static class NetIncomeExplanation
{
    /// <summary>The full explanation.</summary>
    /// <param name="household">The household.</param>
    /// <param name="polis">The members' statements (a member without any is absent).</param>
    /// <param name="parameters">The parameter set of the reference month.</param>
    /// <param name="synthetic">True when the data set declares itself synthetic.</param>
    /// <param name="unreadableRows">Bad rows skipped in the files: when any could belong to this household, step 12
    /// never says SELECTED, because the decision rests on data that could not be read.</param>
    public static string Text(Household household, IReadOnlyDictionary<Bsn, IReadOnlyList<PolisRecord>> polis, ParameterSet parameters, bool synthetic, long unreadableRows = 0)
    {
        ArgumentNullException.ThrowIfNull(household);
        ArgumentNullException.ThrowIfNull(polis);
        ArgumentNullException.ThrowIfNull(parameters);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{(synthetic ? "SYNTHETIC data set. " : string.Empty)}Algorithm and parameters: {parameters.Version}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Reference month {parameters.ReferenceMonth:yyyy-MM}; household {household.Id} ({SvbCodes.Code(SvbCodes.HouseholdTypes, household.Type)})");
        text.AppendLine(parameters.Basis == NetIncomeBasis.AnnualAssessment
            ? "Net income basis: assessment (what the final annual assessment leaves: the year's box 1 rules and credits on the window's income)"
            : "Net income basis: withholding (what the payers withheld each month: regular income minus its share of the withheld wage tax and Zvw)");
        foreach (var warning in parameters.Warnings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"WARNING: {warning}");
        }

        if (unreadableRows > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"WARNING: {unreadableRows} bad rows were skipped; they may belong to this household");
        }

        var parts = new List<PersonParts>();
        var rule = HouseholdRule.For(household, parameters);
        for (var i = 0; i < rule.Members.Count; i++)
        {
            var member = rule.Members[i];
            var role = rule.Bands[i] == AgeBand.AowAge ? "AOW recipient" : "partner below AOW age (SVB tells UWV so)";
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Per-person part (computed by UWV from Polis; knows only the BSN) for {member}, {role}:");
            var (value, steps) = PersonNetIncomePart.Explain(polis.GetValueOrDefault(member, []), parameters, rule.Bands[i]);
            foreach (var step in steps)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {step}");
            }

            parts.Add(value);
        }

        text.AppendLine();
        text.AppendLine("Household part (computed by SVB on ciphertexts: sums and plaintext constants only):");
        foreach (var step in HouseholdSteps(household, parts, parameters, unreadableRows))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {step}");
        }

        return text.ToString();
    }

    /// <summary>Steps 8–12: SVB's net AOW, the rule, the comparison and the decision.</summary>
    public static IReadOnlyList<string> HouseholdSteps(Household household, IReadOnlyList<PersonParts> parts, ParameterSet parameters, long unreadableRows = 0)
    {
        ArgumentNullException.ThrowIfNull(household);
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(parameters);
        var rule = HouseholdRule.For(household, parameters);
        var income = rule.IncomeCents(parts);
        var below = income < rule.NormCents;
        var decision = (below, household.ReceivesAio, unreadableRows > 0) switch
        {
            (false, _, _) => "not selected",
            (true, true, _) => "already receives AIO: not approached",
            (true, false, true) => "NOT DECIDED: below the norm on the rows that could be read, but bad rows were skipped; fix the files and run again",
            _ => "SELECTED: gets a letter (assets and other income were not checked)",
        };
        return
        [
            $"8. net AOW paid by SVB: {string.Join(" + ", household.Recipients.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.NetAowMonthly} ({r.Bsn}, build-up {r.BuildUpPercent}%)")))}",
            $"9. {rule}",
            $"10. income = {string.Join(" + ", parts.Select((p, i) => rule.SupplementCoefficients[i] == 0 ? p.Part.ToString() : $"{p.Part} + {p.SingleSupplement}"))} + {Money.FromCents(rule.SvbConstantCents)} = {Money.FromCents(income)}; norm {Money.FromCents(rule.NormCents)} (net, excl. holiday allowance)",
            $"11. {Money.FromCents(income)} {(below ? "<" : ">=")} {Money.FromCents(rule.NormCents)}: {(below ? "below the norm" : "not below the norm")}",
            $"12. {decision}",
        ];
    }
}

/// <summary>Summary statistics of the split's absolute differences from the household-aware estimate (cents).</summary>
public sealed record ApproximationStatistics(double MeanCents, long MedianCents, long P95Cents, long P99Cents, long MaxCents, double EqualShare, long Flips)
{
    /// <summary>The statistics of a reference run's measurement, or null when it measured nothing.</summary>
    public static ApproximationStatistics? Of(ReferenceSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.ApproximationDifferences.Count == 0)
        {
            return null;
        }

        var d = summary.ApproximationDifferences.Order().ToArray();
        return new ApproximationStatistics(d.Average(), d[d.Length / 2], d[(int)(d.Length * 0.95)], d[(int)(d.Length * 0.99)], d[^1], d.Count(x => x == 0) / (double)d.Length, summary.ApproximationFlips);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"split vs household-aware income (EUR/month): mean {MeanCents / 100:F2}, median {MedianCents / 100.0:F2}, p95 {P95Cents / 100.0:F2}, p99 {P99Cents / 100.0:F2}, max {MaxCents / 100.0:F2}; equal in {EqualShare * 100:F1}% of households; below-norm outcome differs for {Flips} households");
}
