using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using Samenreken.Governance.Audit;
using Samenreken.Governance.Evaluation;

namespace Samenreken.Cli;

/// <summary>
/// <c>samenreken evaluate --out DIR</c>: the art. 6 evaluation from the pilot store, per run and per month, with small
/// cells suppressed also against subtraction (<see cref="EvaluationReport"/>); JSON, Markdown and an HTML page with a
/// chart. Live runs are counted from their responses, shredded runs from the figures kept for them.
/// </summary>
internal static class EvaluateCommand
{
    public const string JsonFileName = "evaluation.json";
    public const string MarkdownFileName = "evaluation.md";
    public const string HtmlFileName = "evaluation.html";
    public const string ChartFileName = "evaluation-funnel.png";

    public static Command Create()
    {
        var store = new PilotStoreOptions();
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for evaluation.json, evaluation.md, evaluation.html and the chart.", Required = true };
        var minimum = CliOptions.WholeNumber("--minimum-cell", "Smallest count published; smaller non-zero cells are suppressed (and what would reveal them).", 1, 10);
        var force = CliOptions.Force();
        var command = new Command("evaluate", "Evaluate the pilot (art. 6): approached, responded, applied, granted, refused, with rates, per run and per month, and each run's cost figures.") { output, minimum, force };
        store.AddTo(command);
        command.SetCliAction(async (parse, context, cancellation) =>
        {
            using var staged = StagedOutput.Create(
                parse.GetValue(output)!,
                [.. new[] { JsonFileName, MarkdownFileName, HtmlFileName, ChartFileName }.Select(f => new OutputFile(f, StagedOutput.WorldReadable))],
                parse.GetValue(force));
            using var session = PilotSession.Open(parse, context, store);
            var (funnels, simulated) = await PilotEvaluation.FunnelsAsync(session.Records, session.Actor, cancellation).ConfigureAwait(false);

            var costs = await RunCosts.ReadAsync(session.NodeDatabase, funnels.Select(f => f.RunId), cancellation).ConfigureAwait(false);
            var report = EvaluationReport.Build(funnels, parse.GetValue(minimum), simulated).WithCosts(costs);
            await session.Audit.AppendAsync(AuditRecord.Create(AuditKind.PilotStoreExport, session.Actor, null, "evaluation figures (anonymised, small cells suppressed)",
                counts: [new("runs", funnels.Count), new("suppressed_cells", report.Suppressed.Count)]), cancellation).ConfigureAwait(false);
            await File.WriteAllTextAsync(staged.StagedPath(JsonFileName), report.ToJson(), cancellation).ConfigureAwait(false);
            await File.WriteAllTextAsync(staged.StagedPath(MarkdownFileName), report.ToMarkdown(), cancellation).ConfigureAwait(false);
            Chart(report, staged.StagedPath(ChartFileName));
            await File.WriteAllTextAsync(staged.StagedPath(HtmlFileName), Html(report), cancellation).ConfigureAwait(false);
            staged.Commit();
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(simulated ? "SIMULATED figures: " : "")}evaluation of {funnels.Count} run(s), {report.Suppressed.Count} cell(s) suppressed, in {Path.Combine(staged.Directory, HtmlFileName)}"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Html(EvaluationReport report)
    {
        var html = new StringBuilder();
        html.AppendLine("<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Evaluatie AIO-pilot (art. 6)</title>");
        html.AppendLine("<style>body{font-family:sans-serif;max-width:60em;margin:auto}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:right}th:first-child,td:first-child{text-align:left}.simulated{background:#fde68a;padding:.5em;font-weight:bold}</style></head><body>");
        if (report.IsSimulated)
        {
            html.AppendLine("<p class=\"simulated\">GESIMULEERD (SIMULATED): geen echte cijfers. De reacties zijn nagebootst uit de synthetische populatie, voor een demonstratie.</p>");
        }

        html.AppendLine(CultureInfo.InvariantCulture, $"<h1>Evaluatie (art. 6){(report.IsSimulated ? " — GESIMULEERD" : "")}</h1>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<p>Aantallen per run en per maand. Cellen met 1 tot {report.MinimumCellSize - 1} personen zijn onderdrukt, en ook de cellen waaruit ze door aftrekken terug te rekenen zijn (“onderdrukt”).</p>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<img src=\"{ChartFileName}\" alt=\"trechter: benaderd, gereageerd, aangevraagd, toegekend, afgewezen\">");
        html.AppendLine("<table><tr><th></th>" + string.Concat(EvaluationReport.Stages.Select(s => $"<th>{s}</th>")) + "<th>response rate</th><th>application rate</th><th>grant rate</th></tr>");
        foreach (var row in report.Rows)
        {
            var cells = EvaluationReport.Stages.Select(s => report.Published(row, s)?.ToString("N0", CultureInfo.InvariantCulture) ?? "onderdrukt");
            var rates = new[] { report.Rate(row, "responded", "approached"), report.Rate(row, "applied", "approached"), report.Rate(row, "granted", "applied") }
                .Select(r => r?.ToString("P1", CultureInfo.InvariantCulture) ?? "–");
            html.AppendLine($"<tr><td>{WebUtility.HtmlEncode(row)}</td>" + string.Concat(cells.Concat(rates).Select(c => $"<td>{c}</td>")) + "</tr>");
        }

        html.AppendLine("</table>");
        if (report.Costs.Count > 0)
        {
            html.AppendLine("<h2>Kosten per run</h2><p>Wat het rekenen kostte, zoals de SVB-node het vastlegde (aantallen over de hele populatie, niet over de benaderde personen).</p>");
            html.AppendLine("<table><tr><th>run</th><th>bytes SVB→UWV</th><th>bytes UWV→SVB</th><th>ontsleutelingen door UWV</th><th>nultests door UWV</th><th>seconden van start tot einde</th></tr>");
            foreach (var cost in report.Costs)
            {
                html.AppendLine(CultureInfo.InvariantCulture, $"<tr><td>run:{WebUtility.HtmlEncode(cost.RunId)}</td><td>{cost.BytesSvbToUwv:N0}</td><td>{cost.BytesUwvToSvb:N0}</td><td>{cost.DecryptionsServed:N0}</td><td>{cost.ZeroTestsServed:N0}</td><td>{cost.WallSeconds:N1}</td></tr>");
            }

            html.AppendLine("</table>");
        }

        html.AppendLine("</body></html>");
        return html.ToString();
    }

    /// <summary>The funnel of the total row as bars; suppressed stages are left out, never drawn from hidden figures.</summary>
    private static void Chart(EvaluationReport report, string path)
    {
        var plot = new ScottPlot.Plot();
        var stages = EvaluationReport.Stages.Select((s, i) => (Stage: s, Index: i, Value: report.Published(EvaluationReport.TotalRow, s))).Where(s => s.Value is not null).ToList();
        plot.Add.Bars(stages.Select(s => (double)s.Index).ToArray(), stages.Select(s => (double)s.Value!.Value).ToArray());
        plot.Axes.Bottom.SetTicks([.. EvaluationReport.Stages.Select((_, i) => (double)i)], EvaluationReport.Stages);
        plot.Title(report.IsSimulated ? "SIMULATED funnel (no real figures), all runs" : "Funnel, all runs");
        plot.YLabel("persons");
        plot.SavePng(path, 900, 420);
    }
}
