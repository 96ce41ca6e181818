using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using ScottPlot;

namespace Samenreken.Fairness.Reporting;

/// <summary>
/// The funnel after evaluation as one self-contained HTML page (Dutch or English): a chart of the granted share of the
/// approached per group with its interval, and per attribute a table sampled → approached → responded → applied →
/// granted (and on synthetic runs the truly eligible missed and the approached not eligible). Hidden cells read
/// "afgeschermd"/"suppressed". Returns a string; the caller writes it.
/// </summary>
public static class FunnelHtml
{
    public static string Render(FunnelReport report, ReportLanguage language = ReportLanguage.Dutch)
    {
        ArgumentNullException.ThrowIfNull(report);
        bool dutch = language == ReportLanguage.Dutch;
        string title = dutch ? "Van brief tot toekenning, per groep" : "From letter to grant, per group";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{(dutch ? "nl" : "en")}\">\n<head><meta charset=\"utf-8\"><title>{Text(title)}</title>\n");
        html.Append("<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;}table{border-collapse:collapse;margin:1rem 0;}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right;}td:first-child,th:first-child{text-align:left;}.flag{color:#b00020;font-weight:bold;}</style>\n</head>\n<body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Text(title)}</h1>\n<p>{Text(dutch ? "Steekproef" : "Sampled")}: {report.Sampled}; {Text(dutch ? "aangeschreven" : "approached")}: {report.Approached}; {Text(dutch ? "gereageerd" : "responded")}: {report.Responded}; {Text(dutch ? "aangevraagd" : "applied")}: {report.Applied}; {Text(dutch ? "toegekend" : "granted")}: {report.Granted}; plan {Text(report.PlanHash)}</p>\n");
        var flagged = report.Groups.Where(g => g.Flagged).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<p>{Text(flagged.Count == 0
            ? (dutch ? "Geen groep krijgt na een brief duidelijk minder of meer vaak AIO dan de rest." : "No group is granted AIO after a letter clearly less or more often than the rest.")
            : (dutch ? "Na een brief krijgt deze groep duidelijk minder of meer vaak AIO dan de rest: " : "After a letter this group is granted AIO clearly less or more often than the rest: ") + string.Join(", ", flagged.Select(g => g.Attribute + "=" + g.Value)))}</p>\n");
        var charted = report.Groups.Where(g => g.Granted.Share is not null).ToList();
        if (charted.Count > 0)
        {
            var plot = new Plot();
            for (int i = 0; i < charted.Count; i++)
            {
                var share = charted[i].Granted.Share!;
                plot.Add.Line(share.Lower * 100, i, share.Upper * 100, i);
                plot.Add.Marker(share.Value * 100, i);
            }

            plot.Axes.Left.SetTicks([.. Enumerable.Range(0, charted.Count).Select(i => (double)i)], [.. charted.Select(g => g.Attribute + "=" + g.Value)]);
            plot.XLabel(dutch ? "toegekend, % van aangeschreven (met interval)" : "granted, % of approached (with interval)");
            html.Append(plot.GetSvgXml(800, 80 + (charted.Count * 26))).Append('\n');
        }

        string[] headers = dutch
            ? ["groep", "steekproef", "aangeschreven", "gereageerd", "aangevraagd", "toegekend", "% toegekend", "rechthebbend gemist", "aangeschreven, niet rechthebbend"]
            : ["group", "sampled", "approached", "responded", "applied", "granted", "% granted", "entitled missed", "approached, not entitled"];
        foreach (var attribute in report.Groups.GroupBy(g => g.Attribute))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{Text(attribute.Key)}</h2>\n<table>\n<tr>{string.Concat(headers.Take(report.HasGroundTruth ? headers.Length : 7).Select(h => $"<th>{Text(h)}</th>"))}</tr>\n");
            foreach (var g in attribute)
            {
                string hiddenText = dutch ? "afgeschermd" : "suppressed";
                string Count(int? count) => count?.ToString(CultureInfo.InvariantCulture) ?? hiddenText;
                string Share(FunnelCell? cell) => cell?.Share is { } s ? (s.Value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : hiddenText;
                var cells = new List<string> { Count(g.Sampled), Count(g.Approached.Count), Count(g.Responded.Count), Count(g.Applied.Count), Count(g.Granted.Count), Share(g.Granted) };
                if (report.HasGroundTruth)
                {
                    cells.Add(Share(g.EligibleMissed));
                    cells.Add(Share(g.ApproachedNotEligible));
                }

                html.Append(CultureInfo.InvariantCulture, $"<tr{(g.Flagged ? " class=\"flag\"" : "")}><td>{Text(g.Value)}</td>{string.Concat(cells.Select(c => $"<td>{Text(c)}</td>"))}</tr>\n");
            }

            html.Append("</table>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    private static string Text(string text) => HtmlEncoder.Default.Encode(text);
}
