using System.Globalization;
using Samenreken.Domain.Csv;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;

namespace Samenreken.Domain.NetIncome;

/// <summary>Why a run produced no selection.</summary>
public enum RunRefusalReason
{
    /// <summary>An input file cannot be trusted as a whole (see <see cref="RunRefusal.File"/>).</summary>
    FileRefused,

    /// <summary>The Polis data holds no statement in the reference month's window.</summary>
    NoStatementsInWindow,

    /// <summary>A bad row in fail-whole-load mode.</summary>
    BadRowInStrictMode,
}

/// <summary>Why a run produced no selection; the message is made here, from the reason.</summary>
/// <param name="Reason">The reason.</param>
/// <param name="File">The file concerned (svb.csv, uwv.csv), or empty.</param>
/// <param name="FileRefusal">For <see cref="RunRefusalReason.FileRefused"/>: what was wrong with the file.</param>
/// <param name="WindowStart">For <see cref="RunRefusalReason.NoStatementsInWindow"/>: the window's first day.</param>
/// <param name="WindowEnd">Its last day.</param>
public sealed record RunRefusal(RunRefusalReason Reason, string File, CsvFileRefusal? FileRefusal = null, DateOnly WindowStart = default, DateOnly WindowEnd = default)
{
    public override string ToString() => Reason switch
    {
        RunRefusalReason.FileRefused => $"{File} is refused: {FileRefusal}",
        RunRefusalReason.NoStatementsInWindow => string.Create(CultureInfo.InvariantCulture, $"{File} holds no Polis statement whose pay period ends in the window {WindowStart:yyyy-MM-dd}..{WindowEnd:yyyy-MM-dd} of reference month {WindowEnd:yyyy-MM}: the data is for another period"),
        _ => $"{File} has bad rows and strict loading was asked",
    };
}

/// <summary>What a reference run read, selected and measured.</summary>
public sealed class ReferenceSummary
{
    internal ReferenceSummary()
    {
    }

    public long Households { get; internal set; }

    public long PersonsWithPolis { get; internal set; }

    /// <summary>Persons with at least one statement in the window.</summary>
    public long PersonsWithStatementsInWindow { get; internal set; }

    /// <summary>Persons whose corrections net the window to zero or less (their part is 0; counted, not hidden).</summary>
    public long PersonsCorrectedToNothing { get; internal set; }

    public long BelowNorm { get; internal set; }

    public long ReceivesAio { get; internal set; }

    public long Selected { get; internal set; }

    /// <summary>Every bad row of both files (UWV file first).</summary>
    public List<CsvRowError> Errors { get; } = [];

    /// <summary>Set when the run produced no selection; then the caller must discard the output.</summary>
    public RunRefusal? Refusal { get; internal set; }

    /// <summary>False when the run was refused; then nothing may be written.</summary>
    public bool Succeeded => Refusal is null;

    /// <summary>Split versus household-aware income, when measured: absolute differences in cents per household.</summary>
    public List<long> ApproximationDifferences { get; } = [];

    /// <summary>Households whose below-norm outcome differs between the split and the household-aware estimate.</summary>
    public long ApproximationFlips { get; internal set; }
}

/// <summary>File names and limits of a reference run.</summary>
/// <param name="MaxBadRowShare">The share of bad rows above which a file is refused as a whole.</param>
public sealed record ReferenceRunOptions(double MaxBadRowShare = CsvReader<Household>.DefaultMaxBadRowShare)
{
    public const string SvbFileName = "svb.csv";

    public const string UwvFileName = "uwv.csv";
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
    public static ReferenceSummary Run(CsvReader<Household> svb, CsvReader<PersonPolis> uwv, ParameterSet parameters, CsvLoadMode mode, TextWriter output, bool measureApproximation = false, ReferenceRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(svb);
        ArgumentNullException.ThrowIfNull(uwv);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new ReferenceRunOptions();
        var summary = new ReferenceSummary();
        var parts = ReadParts(uwv, parameters, summary, options, measureApproximation, out var gross);
        if (summary.Refusal is not null)
        {
            return summary;
        }

        if (mode == CsvLoadMode.FailWholeLoad && summary.Errors.Count > 0)
        {
            summary.Refusal = new RunRefusal(RunRefusalReason.BadRowInStrictMode, ReferenceRunOptions.UwvFileName);
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
                    summary.Refusal ??= new RunRefusal(RunRefusalReason.BadRowInStrictMode, ReferenceRunOptions.SvbFileName);
                }

                continue;
            }

            var household = row.Value!;
            var rule = HouseholdRule.For(household, parameters);
            var values = rule.Members.Select((m, i) => parts.TryGetValue(m.Value, out var p) ? p.For(rule.Bands[i]) : PersonParts.None).ToArray();
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
                output.WriteLine(SelectionRow(household));
            }
        }

        if (svb.Refusal(options.MaxBadRowShare) is { } svbRefusal)
        {
            summary.Refusal ??= new RunRefusal(RunRefusalReason.FileRefused, ReferenceRunOptions.SvbFileName, svbRefusal);
        }

        return summary;
    }

    /// <summary>A row of the selection file: household id, type, the AOW recipients' BSNs ascending, joined by ';'.</summary>
    public static string SelectionRow(Household household)
    {
        ArgumentNullException.ThrowIfNull(household);
        var bsns = string.Join(';', household.Recipients.Select(r => r.Bsn).Order().Select(b => b.ToString()));
        return string.Create(CultureInfo.InvariantCulture, $"{household.Id},{SvbCodes.Code(SvbCodes.HouseholdTypes, household.Type)},{bsns}");
    }

    /// <summary>
    /// UWV's side of the reference: one part per BSN. Refuses (in <see cref="ReferenceSummary.Refusal"/>) a file that
    /// cannot be trusted as a whole, and Polis data without a single statement in the window.
    /// </summary>
    private static Dictionary<int, BothBands> ReadParts(CsvReader<PersonPolis> uwv, ParameterSet parameters, ReferenceSummary summary, ReferenceRunOptions options, bool keepRecords, out Dictionary<int, PolisRecord[]>? records)
    {
        var parts = new Dictionary<int, BothBands>();
        records = keepRecords ? [] : null;
        foreach (var row in uwv.Read())
        {
            if (row.Error is { } error)
            {
                summary.Errors.Add(error);
                continue;
            }

            var person = row.Value!;
            var outcome = PersonNetIncomePart.Analyse(person.Records, parameters);
            // UWV does not know the household; the reference keeps both bands and lets the rule pick.
            parts[person.Bsn.Value] = new BothBands(outcome.Value, PersonNetIncomePart.Compute(person.Records, parameters, AgeBand.BelowAowAge));
            summary.PersonsWithStatementsInWindow += outcome.StatementsInWindow > 0 ? 1 : 0;
            summary.PersonsCorrectedToNothing += outcome.CorrectedToNothing ? 1 : 0;
            records?.Add(person.Bsn.Value, [.. person.Records]);
        }

        summary.PersonsWithPolis = parts.Count;
        if (uwv.Refusal(options.MaxBadRowShare) is { } refusal)
        {
            summary.Refusal = new RunRefusal(RunRefusalReason.FileRefused, ReferenceRunOptions.UwvFileName, refusal);
        }
        else if (summary.PersonsWithStatementsInWindow == 0)
        {
            summary.Refusal = new RunRefusal(RunRefusalReason.NoStatementsInWindow, ReferenceRunOptions.UwvFileName, WindowStart: parameters.WindowStart, WindowEnd: parameters.WindowEnd);
        }

        return parts;
    }

    private readonly record struct BothBands(PersonParts AowAge, PersonParts BelowAowAge)
    {
        public PersonParts For(AgeBand band) => band == AgeBand.AowAge ? AowAge : BelowAowAge;
    }
}
