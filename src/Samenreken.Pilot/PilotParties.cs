using System.Globalization;
using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using Samenreken.Protocols.FileComparison;

namespace Samenreken.Pilot;

/// <summary>The Domain ↔ Protocols mapping of each party: what SVB and UWV feed into the file comparison.</summary>
public static class PilotParties
{
    /// <summary>The public bound on one per-person part, which both parties use.</summary>
    public const long MaxPartCents = PersonIncomeCents.Cap;

    /// <summary>The public bound on one single supplement, which both parties use.</summary>
    public const long MaxSupplementCents = PersonParts.SupplementCap;

    /// <summary>The parameter set of a data file's reference month (its <c>reference_month</c> header, yyyy-MM); throws <see cref="InvalidDataException"/>.</summary>
    public static ParameterSet Parameters(DataSetInfo info, string file)
    {
        ArgumentNullException.ThrowIfNull(info);
        return ParameterSet.TryForMonth(info["reference_month"], out var parameters, out var refusal)
            ? parameters
            : throw new InvalidDataException($"The {file} file names no usable reference_month: {refusal.Message}");
    }

    /// <summary>
    /// UWV: the parts of every person in the Polis file, keyed by the BSN's nine digits, at the AOW-age rates and at
    /// the rates below AOW age (SVB's request says which applies). As in <see cref="ReferenceSelection"/>, a later
    /// row for the same BSN replaces an earlier one.
    /// </summary>
    public static (Dictionary<string, IncomeParts> AtAowAge, Dictionary<string, IncomeParts> BelowAowAge) UwvParts(IEnumerable<PersonPolis> persons, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(parameters);
        var at = new Dictionary<string, IncomeParts>(StringComparer.Ordinal);
        var below = new Dictionary<string, IncomeParts>(StringComparer.Ordinal);
        foreach (var person in persons)
        {
            var id = person.Bsn.ToString();
            at[id] = Wire(PersonNetIncomePart.Compute(person.Records, parameters, AgeBand.AowAge));
            below[id] = Wire(PersonNetIncomePart.Compute(person.Records, parameters, AgeBand.BelowAowAge));
        }

        return (at, below);
    }

    /// <summary>
    /// SVB: the households it will approach, i.e. all but those already receiving AIO (art. 2; SVB does not even ask
    /// UWV about them), each as the formula of <see cref="HouseholdRule.For"/>: the single supplement counted only for
    /// a single, the younger partner flagged below AOW age. Members without Polis data count as 0, as in the reference:
    /// UWV answers them with encryptions of 0.
    /// </summary>
    public static HouseholdFormula Formula(Household household, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(household);
        var rule = HouseholdRule.For(household, parameters);
        return HouseholdFormula.Create(
            [.. rule.Members.Select(m => m.ToString())], rule.Coefficients, rule.SvbConstantCents, rule.NormCents, rule.SupplementCoefficients, [.. rule.Bands.Select(b => b == AgeBand.BelowAowAge)]);
    }

    private static IncomeParts Wire(PersonParts parts) => new(parts.Part.Cents, parts.SingleSupplement.Cents);

    /// <summary>A row of the selection file, exactly as <see cref="ReferenceSelection"/> writes it.</summary>
    public static string SelectionRow(Household household) => ReferenceSelection.SelectionRow(household);
}
