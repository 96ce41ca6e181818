using System.Globalization;
using Spectre.Console;

namespace Samenreken.Cli;

/// <summary>The summary tables of the commands that run the pilot (<c>pilot</c>, <c>demo</c>): labelled counts, and seconds per phase.</summary>
internal static class SummaryTable
{
    /// <summary>A two-column table without headers, its values right-aligned.</summary>
    public static Table Create(string title) => new Table().Title(title).AddColumn(string.Empty).AddColumn(new TableColumn(string.Empty).RightAligned()).HideHeaders();

    /// <summary>A row with a count in the invariant culture's thousands format.</summary>
    public static Table AddCount(this Table table, string label, long count) => table.AddRow(label, count.ToString("N0", CultureInfo.InvariantCulture));

    /// <summary>Seconds per phase, two decimals; a phase named "total" is set in bold.</summary>
    public static Table Seconds(string title, IEnumerable<(string Phase, double Seconds)> phases)
    {
        var table = new Table().Title(title).AddColumn("phase").AddColumn(new TableColumn("seconds").RightAligned());
        foreach (var (phase, seconds) in phases)
        {
            var value = seconds.ToString("F2", CultureInfo.InvariantCulture);
            _ = phase == "total" ? table.AddRow("[bold]total[/]", $"[bold]{value}[/]") : table.AddRow(Markup.Escape(phase), value);
        }

        return table;
    }
}
