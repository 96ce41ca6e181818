using System.Globalization;
using Samenreken.Domain.Csv;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;

namespace Samenreken.Domain.NetIncome;

/// <summary>What a reference run read, selected and measured.</summary>
public sealed class ReferenceSummary
{
    internal ReferenceSummary()
    {
    }

    public long Households { get; internal set; }

    public long PersonsWithPolis { get; internal set; }

    public long BelowNorm { get; internal set; }

    public long ReceivesAio { get; internal set; }

    public long Selected { get; internal set; }

    /// <summary>Every bad row of both files (UWV file first).</summary>
    public List<CsvRowError> Errors { get; } = [];

    /// <summary>False when the run stopped because of bad rows in fail-whole-load mode; then nothing was written.</summary>
    public bool Succeeded { get; internal set; } = true;

    /// <summary>Split versus household-aware income, when measured: absolute differences in cents per household.</summary>
    public List<long> ApproximationDifferences { get; } = [];

    /// <summary>Households whose below-norm outcome differs between the split and the household-aware estimate.</summary>
    public long ApproximationFlips { get; internal set; }
}

/// <summary>
/// The plaintext reference selection over the two files: one row per selected household (below the norm
/// and not already receiving AIO) with its AOW recipients' BSNs in the column <c>bsn</c> (two BSNs of a
/// couple joined by ';', ascending). This is what the encrypted run must reproduce exactly.
/// </summary>
public static class ReferenceSelection
{
    /// <summary>The output header.</summary>
    public const string Header = "household_id,household_type,bsn";

    /// <summary>
    /// Reads the UWV file (one person at a time, keeping one number per BSN), then streams the SVB file and
    /// writes the selected households. In fail-whole-load mode, any bad row stops the run before or while
    /// writing and <see cref="ReferenceSummary.Succeeded"/> is false: the caller must discard the output.
    /// </summary>
    public static ReferenceSummary Run(CsvReader<Household> svb, CsvReader<PersonPolis> uwv, ParameterSet parameters, CsvLoadMode mode, TextWriter output, bool measureApproximation = false)
    {
        ArgumentNullException.ThrowIfNull(svb);
        ArgumentNullException.ThrowIfNull(uwv);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(output);
        var summary = new ReferenceSummary();
        var parts = new Dictionary<int, long>();
        var gross = measureApproximation ? new Dictionary<int, PolisRecord[]>() : null;
        foreach (var row in uwv.Read())
        {
            if (row.Error is { } error)
            {
                summary.Errors.Add(error);
                continue;
            }

            var person = row.Value!;
            parts[person.Bsn.Value] = PersonNetIncomePart.Compute(person.Records, parameters).Cents;
            gross?.Add(person.Bsn.Value, [.. person.Records]);
        }

        summary.PersonsWithPolis = parts.Count;
        if (mode == CsvLoadMode.FailWholeLoad && summary.Errors.Count > 0)
        {
            summary.Succeeded = false;
            return summary;
        }

        output.WriteLine(Header);
        foreach (var row in svb.Read())
        {
            if (row.Error is { } error)
            {
                summary.Errors.Add(error);
                if (mode == CsvLoadMode.FailWholeLoad)
                {
                    summary.Succeeded = false;
                }

                continue;
            }

            var household = row.Value!;
            var rule = HouseholdRule.For(household, parameters);
            var values = rule.Members.Select(m => PersonIncomeCents.FromCents(parts.GetValueOrDefault(m.Value))).ToArray();
            var below = rule.Selects(values);
            summary.Households++;
            summary.BelowNorm += below ? 1 : 0;
            summary.ReceivesAio += household.ReceivesAio ? 1 : 0;
            if (gross is not null)
            {
                var aware = NetIncomeReference.HouseholdAwareIncomeCents(household, m => gross.GetValueOrDefault(m.Value, []), parameters);
                summary.ApproximationDifferences.Add(Math.Abs(rule.IncomeCents(values) - aware));
                summary.ApproximationFlips += (aware < rule.NormCents) != below ? 1 : 0;
            }

            if (below && !household.ReceivesAio && summary.Succeeded)
            {
                summary.Selected++;
                var bsns = string.Join(';', household.Recipients.Select(r => r.Bsn).Order().Select(b => b.ToString()));
                output.Write(household.Id.ToString(CultureInfo.InvariantCulture));
                output.Write(',');
                output.Write(SvbCodes.Code(SvbCodes.HouseholdTypes, household.Type));
                output.Write(',');
                output.WriteLine(bsns);
            }
        }

        return summary;
    }
}
