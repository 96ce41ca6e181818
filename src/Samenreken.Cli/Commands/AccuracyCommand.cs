using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Samenreken.Domain;
using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using Samenreken.Pilot.Fairness;
using Samenreken.Synthetic;

namespace Samenreken.Cli;

/// <summary>
/// <c>samenreken accuracy --data DIR --out DIR</c>: the approximation against the household-aware truth, before and
/// after the rules of issue 14, as JSON and an HTML page with charts. The measurement is the Domain's; this only
/// loads the files and writes the report.
/// </summary>
internal static class AccuracyCommand
{
    public const string JsonFileName = "accuracy.json";

    public const string HtmlFileName = "accuracy.html";

    public static Command Create()
    {
        var data = CliOptions.Data();
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for accuracy.json, accuracy.html and the charts.", Required = true };
        var month = CliOptions.Month("Reference month yyyy-MM (default: the data set's reference_month).");
        var force = CliOptions.Force();
        var recompute = new Option<bool>("--recompute-truth") { Description = "Measure against the household-aware recomputation from svb.csv and uwv.csv even when the generator's truth.csv is there." };
        var command = new Command("accuracy", "Measure the net-income approximation against the generator's ground truth (truth.csv) or a household-aware recomputation: errors per group and the selection near the norm.") { data, output, month, force, recompute };
        command.SetCliAction((parse, cli) =>
        {
            var watch = Stopwatch.StartNew();
            var files = DataFiles.In(parse.GetValue(data)!);
            using var report = StagedOutput.Create(
                parse.GetValue(output)!,
                [new(JsonFileName), new(HtmlFileName), new(AccuracyHtml.ErrorsChart), new(AccuracyHtml.HouseholdTypesChart)],
                parse.GetValue(force),
                files.All);
            using var svbText = files.OpenSvb();
            var svb = SvbFile.OpenHouseholds(svbText).Load(CsvLoadMode.SkipAndReport, CsvReader<Household>.DefaultMaxBadRowShare);
            using var uwvText = files.OpenUwv();
            var uwv = PolisFile.OpenPersons(uwvText).Load(CsvLoadMode.SkipAndReport, CsvReader<PersonPolis>.DefaultMaxBadRowShare);
            foreach (var (name, refusal) in new[] { (PopulationGenerator.SvbFileName, svb.Refusal), (PopulationGenerator.UwvFileName, uwv.Refusal) })
            {
                if (refusal is not null)
                {
                    throw CliException.InvalidInput($"{name} is refused: {refusal}; nothing was measured");
                }
            }

            var chosen = parse.GetValue(month) is { } given ? $"{given.Year:D4}-{given.Month:D2}" : svb.Info["reference_month"];
            if (!ParameterSet.TryForMonth(chosen, out var parameters, out var noParameters))
            {
                throw CliException.Usage(noParameters.Message);
            }

            var polis = uwv.Records.ToDictionary(p => p.Bsn, p => p.Records.ToArray());
            var truth = parse.GetValue(recompute) ? null : LoadTruth(Path.Combine(parse.GetValue(data)!.FullName, TruthFile.FileName));
            var (before, after) = AccuracyMeasurement.Measure(svb.Records, polis, parameters!, truth);
            var groups = new MonitoredGroups(svb.Records, parameters!.WindowEnd);
            WriteJson(report.StagedPath(JsonFileName), before, after, groups);
            AccuracyHtml.Write(report.StagingDirectory, HtmlFileName, before, after, groups);
            report.Commit();
            foreach (var result in new[] { before, after })
            {
                var o = result.Overall;
                var near = result.NearTheNorm;
                cli.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Rules}: {o.Households:N0} households; error (approximation - truth) EUR/month mean {o.MeanEur:F2}, median {o.MedianEur:F2}, P5 {o.P5Eur:F2}, P95 {o.P95Eur:F2}; near the norm ({near.Households:N0}): truly below and selected {near.TrulyBelowSelected}, missed {near.TrulyBelowMissed}, selected though above {near.SelectedThoughAbove}"));
            }

            cli.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"truth: {after.Truth}; selected with assets above the AIO limit: {after.SelectedWithAssetsAboveLimit}"));
            cli.Output.WriteLine($"{svb.Errors.Count + uwv.Errors.Count} bad rows skipped; report in {Path.Combine(report.Directory, HtmlFileName)} ({watch.Elapsed.TotalSeconds:F1} s)");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The generator's truth.csv, or null when the data set has none (hand-made or real files); refused as a whole like the others.</summary>
    private static Dictionary<long, HouseholdTruth>? LoadTruth(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var text = new StreamReader(path, Encoding.UTF8);
        var truth = TruthFile.Open(text).Load(CsvLoadMode.SkipAndReport, CsvReader<HouseholdTruth>.DefaultMaxBadRowShare);
        if (truth.Refusal is not null)
        {
            throw CliException.InvalidInput($"{TruthFile.FileName} is refused: {truth.Refusal}; nothing was measured");
        }

        return truth.Records.ToDictionary(t => t.HouseholdId);
    }

    private static void WriteJson(string path, AccuracyResult before, AccuracyResult after, MonitoredGroups groups)
    {
        // The raw per-household errors stay out of the file: groups and counts only.
        object Shape(AccuracyResult r) => new { r.Rules, r.ParameterVersion, r.Overall, r.ByHouseholdType, r.ByIncomeSource, r.ByPayPeriod, ByMonitoredAttribute = groups.Errors(r), r.All, r.NearTheNorm, r.SelectedWithAssetsAboveLimit, AllRecall = r.All.Recall, AllPrecision = r.All.Precision, NearRecall = r.NearTheNorm.Recall, NearPrecision = r.NearTheNorm.Precision };
        var json = JsonSerializer.Serialize(new { truth = after.Truth, before = Shape(before), after = Shape(after) }, new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(path, json, new UTF8Encoding(false));
    }
}

/// <summary>
/// The households' values of the non-discrimination monitor's attributes (<see cref="MonitoredAttributes"/>, from SVB's
/// own file), so that the report gives the approximation's errors per monitored group: an approximation that errs
/// more for one group selects unequally before any comparison runs.
/// </summary>
internal sealed class MonitoredGroups(IReadOnlyList<Household> households, DateOnly referenceDay)
{
    // Household type has its own table already.
    private readonly Dictionary<string, string[]> _values = MonitoredAttributes.All
        .Where(a => a != MonitoredAttributes.HouseholdType)
        .ToDictionary(a => a, a => households.Select(h => MonitoredAttributes.Of(h, referenceDay)[a]).ToArray(), StringComparer.Ordinal);

    /// <summary>Per attribute (in the monitor's order), the error statistics per value.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ErrorStatistics>> Errors(AccuracyResult result) =>
        MonitoredAttributes.All.Where(_values.ContainsKey).ToDictionary(a => a, a => AccuracyMeasurement.ByGroup(result, _values[a]), StringComparer.Ordinal);
}

/// <summary>The HTML report: tables per group and two ScottPlot charts (error histogram, mean absolute error per household type).</summary>
internal static class AccuracyHtml
{
    public const string ErrorsChart = "accuracy-errors.png";

    public const string HouseholdTypesChart = "accuracy-household-types.png";

    public static void Write(string directory, string fileName, AccuracyResult before, AccuracyResult after, MonitoredGroups groups)
    {
        ErrorHistogram(Path.Combine(directory, ErrorsChart), before, after);
        GroupBars(Path.Combine(directory, HouseholdTypesChart), before, after);
        var html = new StringBuilder();
        html.AppendLine("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Net-income approximation: accuracy</title>");
        html.AppendLine("<style>body{font-family:sans-serif;max-width:60em;margin:auto}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:right}th:first-child,td:first-child{text-align:left}</style></head><body>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<h1>Net-income approximation: accuracy</h1><p>{Encode(after.ParameterVersion)}. Error = approximation − truth, euros per month. Truth: {Encode(after.Truth)}. Selected with assets above the AIO limit: {after.SelectedWithAssetsAboveLimit}.</p>");
        html.AppendLine("<img src=\"accuracy-errors.png\" alt=\"histogram of errors before and after\"><img src=\"accuracy-household-types.png\" alt=\"mean absolute error per household type\">");
        foreach (var result in new[] { before, after })
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<h2>{Encode(result.Rules)}</h2>");
            (string Title, ErrorStatistics[] Rows)[] tables = [("all", [result.Overall]), ("household type", [.. result.ByHouseholdType]), ("income source", [.. result.ByIncomeSource]), ("pay period", [.. result.ByPayPeriod]), .. groups.Errors(result).Select(g => ("monitored: " + g.Key, g.Value.ToArray()))];
            foreach (var (title, rows) in tables)
            {
                html.AppendLine(CultureInfo.InvariantCulture, $"<table><tr><th>{Encode(title)}</th><th>households</th><th>mean</th><th>median</th><th>P5</th><th>P95</th><th>mean |error|</th></tr>");
                foreach (var s in rows)
                {
                    html.AppendLine(CultureInfo.InvariantCulture, $"<tr><td>{Encode(s.Group)}</td><td>{s.Households:N0}</td><td>{s.MeanEur:F2}</td><td>{s.MedianEur:F2}</td><td>{s.P5Eur:F2}</td><td>{s.P95Eur:F2}</td><td>{s.MeanAbsoluteEur:F2}</td></tr>");
                }

                html.AppendLine("</table>");
            }

            html.AppendLine("<table><tr><th>selection</th><th>households</th><th>truly below, selected</th><th>truly below, missed</th><th>selected though above</th><th>recall</th><th>precision</th></tr>");
            foreach (var c in new[] { result.All, result.NearTheNorm })
            {
                html.AppendLine(CultureInfo.InvariantCulture, $"<tr><td>{Encode(c.Scope)}</td><td>{c.Households:N0}</td><td>{c.TrulyBelowSelected}</td><td>{c.TrulyBelowMissed}</td><td>{c.SelectedThoughAbove}</td><td>{c.Recall:P1}</td><td>{c.Precision:P1}</td></tr>");
            }

            html.AppendLine("</table>");
        }

        html.AppendLine("</body></html>");
        File.WriteAllText(Path.Combine(directory, fileName), html.ToString(), new UTF8Encoding(false));
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static void ErrorHistogram(string path, AccuracyResult before, AccuracyResult after)
    {
        const double binEur = 5;
        var plot = new ScottPlot.Plot();
        foreach (var (result, offset) in new[] { (before, -binEur / 4), (after, binEur / 4) })
        {
            // Errors beyond ±EUR 150 are gathered in the outer bins, so the chart stays readable.
            var counts = result.ErrorsCents
                .GroupBy(e => Math.Clamp(Math.Floor(e / 100.0 / binEur), -30, 30))
                .OrderBy(g => g.Key)
                .ToArray();
            var bars = plot.Add.Bars(counts.Select(g => (g.Key * binEur) + (binEur / 2) + offset).ToArray(), counts.Select(g => (double)g.Count()).ToArray());
            foreach (var bar in bars.Bars)
            {
                bar.Size = binEur / 2;
            }

            bars.LegendText = result.Rules;
        }

        plot.Title("Error of the approximation (EUR a month)");
        plot.XLabel("approximation - truth (EUR a month, bins of 5, outer bins gather the rest)");
        plot.YLabel("households");
        plot.ShowLegend();
        plot.SavePng(path, 900, 420);
    }

    private static void GroupBars(string path, AccuracyResult before, AccuracyResult after)
    {
        var plot = new ScottPlot.Plot();
        var groups = after.ByHouseholdType.Select(g => g.Group).ToArray();
        foreach (var (result, offset) in new[] { (before, -0.2), (after, 0.2) })
        {
            var values = groups.Select(g => result.ByHouseholdType.First(s => s.Group == g).MeanAbsoluteEur).ToArray();
            var bars = plot.Add.Bars(groups.Select((_, i) => i + offset).ToArray(), values);
            foreach (var bar in bars.Bars)
            {
                bar.Size = 0.4;
            }

            bars.LegendText = result.Rules;
        }

        plot.Axes.Bottom.SetTicks([.. groups.Select((_, i) => (double)i)], groups);
        plot.Title("Mean absolute error per household type (EUR a month)");
        plot.ShowLegend();
        plot.SavePng(path, 900, 420);
    }
}
