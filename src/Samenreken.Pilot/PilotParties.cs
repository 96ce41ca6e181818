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

    /// <summary>The parameter set of a data file's reference month (its <c>reference_month</c> header, yyyy-MM); throws <see cref="InvalidDataException"/>.</summary>
    public static ParameterSet Parameters(DataSetInfo info, string file)
    {
        ArgumentNullException.ThrowIfNull(info);
        var month = info["reference_month"];
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new InvalidDataException($"The {file} file names no reference_month yyyy-MM ('{month}').");
        }

        return ParameterSet.TryFor(date.Year, date.Month, out var parameters, out var error) ? parameters! : throw new InvalidDataException(error);
    }

    /// <summary>
    /// UWV: the per-person part of every person in the Polis file, keyed by the BSN's nine digits. As in
    /// <see cref="ReferenceSelection"/>, a later row for the same BSN replaces an earlier one.
    /// </summary>
    public static Dictionary<string, long> UwvParts(IEnumerable<PersonPolis> persons, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(parameters);
        var parts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var person in persons)
        {
            parts[person.Bsn.ToString()] = PersonNetIncomePart.Compute(person.Records, parameters).Cents;
        }

        return parts;
    }

    /// <summary>
    /// SVB: the households it will approach, i.e. all but those already receiving AIO (art. 2; SVB does not even ask
    /// UWV about them), each as the formula of <see cref="HouseholdRule.For"/>. Members without Polis data count as 0,
    /// as in the reference: UWV answers them with an encryption of 0.
    /// </summary>
    public static HouseholdFormula Formula(Household household, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(household);
        var rule = HouseholdRule.For(household, parameters);
        return HouseholdFormula.Create([.. rule.Members.Select(m => m.ToString())], rule.Coefficients, rule.SvbConstantCents, rule.NormCents);
    }

    /// <summary>A row of the selection file, exactly as <see cref="ReferenceSelection"/> writes it.</summary>
    public static string SelectionRow(Household household)
    {
        ArgumentNullException.ThrowIfNull(household);
        var bsns = string.Join(';', household.Recipients.Select(r => r.Bsn).Order().Select(b => b.ToString()));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{household.Id},{SvbCodes.Code(SvbCodes.HouseholdTypes, household.Type)},{bsns}");
    }
}
