using System.Globalization;
using Samenreken.Domain.Csv;

namespace Samenreken.Domain.NetIncome;

/// <summary>
/// What a synthetic household really has, known only to the generator: the net monthly income of the final annual
/// assessment over the whole year (excluding holiday allowance, like the norm), computed from more than the Polis
/// window shows, and the household's assets. Used only by <c>samenreken accuracy</c>; never for a selection.
/// </summary>
/// <param name="HouseholdId">The household id of the SVB file.</param>
/// <param name="TrueNetMonthly">Net per month over the year, excluding holiday allowance.</param>
/// <param name="Assets">Savings and investments of the household (the AIO asset test; not in Polis).</param>
/// <param name="AssetsAboveLimit">The assets exceed the AIO asset limit: not entitled whatever the income.</param>
public sealed record HouseholdTruth(long HouseholdId, Money TrueNetMonthly, Money Assets, bool AssetsAboveLimit);

/// <summary>The generator's ground truth file (<c>truth.csv</c>): one row per household, in the SVB file's order.</summary>
public static class TruthFile
{
    /// <summary>File name beside svb.csv and uwv.csv.</summary>
    public const string FileName = "truth.csv";

    private static readonly string[] s_columns = ["household_id", "true_net_monthly_eur", "assets_eur", "assets_above_limit"];

    /// <summary>Opens a streamed reader.</summary>
    public static CsvReader<HouseholdTruth> Open(TextReader reader) => new(reader, s_columns, Read);

    /// <summary>Writes the preamble (if any) and the header.</summary>
    public static void WriteHeader(TextWriter writer, DataSetInfo? info = null) => CsvText.WriteHeader(writer, s_columns, info);

    /// <summary>Writes one household's truth.</summary>
    public static void WriteRow(TextWriter writer, HouseholdTruth truth)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(truth);
        new CsvRowWriter(writer)
            .Field(truth.HouseholdId.ToString(CultureInfo.InvariantCulture), first: true)
            .Field(truth.TrueNetMonthly.ToString())
            .Field(truth.Assets.ToString())
            .Field(CsvText.Bool(truth.AssetsAboveLimit))
            .End();
    }

    private static IEnumerable<CsvRowResult<HouseholdTruth>> Read(CsvTable table)
    {
        var seen = new HashSet<long>();
        while (table.TryReadRow(out var fields, out var malformed))
        {
            var f = new CsvFields(fields, s_columns, table.Line);
            long id = 0;
            Money net = default, assets = default;
            var above = false;
            var error = malformed ?? CsvFields.First(f.Integer(0, 1, long.MaxValue, out id), f.Money(1, out net), f.Money(2, out assets), f.Boolean(3, out above));
            if (error is null && !seen.Add(id))
            {
                error = new CsvRowError(table.Line, CsvErrorKind.DuplicateKey, "household_id", DataProblem.HouseholdNotAdjacent);
            }

            yield return error is null
                ? new CsvRowResult<HouseholdTruth>(table.Line, new HouseholdTruth(id, net, assets, above), null)
                : new CsvRowResult<HouseholdTruth>(table.Line, null, error);
        }
    }
}
