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
    /// Refuses (<see cref="InvalidDataException"/>) a file whose header is missing or wrong, or that is empty, before
    /// its preamble is trusted for the reference month: the refusal names the file, as <c>reference</c> and
    /// <c>explain</c> do.
    /// </summary>
    public static void RefuseUnreadableHeader<T>(CsvReader<T> file, string fileName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.HeaderError is not null)
        {
            throw new InvalidDataException(new RunRefusal(RunRefusalReason.FileRefused, fileName, file.Refusal()).ToString());
        }
    }

    /// <summary>
    /// Every good row of a file a node reads, or an <see cref="InvalidDataException"/> when the file is refused as a
    /// whole (empty, wrong header, truncated or changed, more than <paramref name="maxBadRowShare"/> of its rows bad):
    /// a node never serves parts or selects households on data it could not read (issue 14).
    /// </summary>
    public static List<T> ReadWhole<T>(CsvReader<T> file, string fileName, double maxBadRowShare = CsvReader<T>.DefaultMaxBadRowShare)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(file);
        var values = new List<T>();
        foreach (var row in file.Read())
        {
            if (row.Value is { } value)
            {
                values.Add(value);
            }
        }

        return file.Refusal(maxBadRowShare) is { } refusal
            ? throw new InvalidDataException(new RunRefusal(RunRefusalReason.FileRefused, fileName, refusal).ToString())
            : values;
    }

    /// <summary>
    /// UWV: <see cref="UwvParts"/> of a Polis file that can be trusted as a whole (as <see cref="ReadWhole{T}"/>
    /// judges it) and holds at least one statement in the reference month's window; otherwise an
    /// <see cref="InvalidDataException"/> naming the file and the window, as <see cref="ReferenceSelection"/> refuses
    /// it. Read once, row by row, keeping only the parts: the node's memory then holds what it serves from, not every
    /// Polis record (at 100,000 persons about 200 MB of rows against 15 MB of parts).
    /// </summary>
    public static (Dictionary<string, IncomeParts> AtAowAge, Dictionary<string, IncomeParts> BelowAowAge) ReadUwvParts(
        CsvReader<PersonPolis> file, string fileName, ParameterSet parameters, double maxBadRowShare = CsvReader<PersonPolis>.DefaultMaxBadRowShare)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(parameters);
        var anyInWindow = false;
        var parts = UwvParts(Persons(), parameters);
        if (file.Refusal(maxBadRowShare) is { } refusal)
        {
            throw new InvalidDataException(new RunRefusal(RunRefusalReason.FileRefused, fileName, refusal).ToString());
        }

        return anyInWindow
            ? parts
            : throw new InvalidDataException(new RunRefusal(RunRefusalReason.NoStatementsInWindow, fileName, WindowStart: parameters.WindowStart, WindowEnd: parameters.WindowEnd).ToString());

        IEnumerable<PersonPolis> Persons()
        {
            foreach (var row in file.Read())
            {
                if (row.Value is { } person)
                {
                    anyInWindow = anyInWindow || PersonNetIncomePart.Analyse(person.Records, parameters).StatementsInWindow > 0;
                    yield return person;
                }
            }
        }
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
