using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using ScottPlot;

namespace Samenreken.Fairness.Reporting;

/// <summary>
/// The fairness report as one self-contained HTML page, in the report's language: the verdict, one sentence per
/// finding, two charts (selection rate with its interval per group; rate ratio to the rest raw against within the
/// legitimate factors, with the practical threshold) as inline SVG, and a table of the published groups. Returns a
/// string: the caller (CLI, node) writes it. Suppressed groups appear as "afgeschermd" without any figure.
/// </summary>
public static class FairnessHtml
{
    private const int ChartWidth = 800;
    private const int RowHeight = 26;

    public static string Render(FairnessReport report, double lowerRateRatio = 0.8, double upperRateRatio = 1.25)
    {
        ArgumentNullException.ThrowIfNull(report);
        bool dutch = report.Language == ReportLanguage.Dutch;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{(dutch ? "nl" : "en")}\">\n<head><meta charset=\"utf-8\"><title>{Text(dutch ? "Toets op ongelijke behandeling" : "Unequal treatment check")}</title>\n");
        html.Append("<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;}table{border-collapse:collapse;}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right;}td:first-child,th:first-child{text-align:left;}.flag{color:#b00020;font-weight:bold;}</style>\n</head>\n<body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Text(dutch ? "Toets op ongelijke behandeling" : "Unequal treatment check")}</h1>\n<p class=\"verdict\">{Text(report.Verdict)}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{Text(dutch ? "Huishoudens" : "Households")}: {report.Households}; {Text(dutch ? "geselecteerd" : "selected")}: {report.Selected}; plan {Text(report.PlanHash)}</p>\n");

        html.Append(CultureInfo.InvariantCulture, $"<h2>{Text(dutch ? "Bevindingen" : "Findings")}</h2>\n<ul>\n");
        foreach (var finding in report.Findings)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li{(finding.Flagged ? " class=\"flag\"" : "")}>{Text(finding.Sentence)}</li>\n");
        }

        html.Append("</ul>\n");
        var single = report.Groups.Where(g => g.Figures is not null && !g.Key.IsOther && g.Key.Attributes.Count == 1).ToList();
        if (single.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{Text(dutch ? "Selectiekans per groep" : "Selection rate per group")}</h2>\n");
            html.Append(RateChart(single, dutch)).Append('\n');
            html.Append(CultureInfo.InvariantCulture, $"<h2>{Text(dutch ? "Verhouding tot de rest: ruw en binnen de toegestane factoren" : "Ratio to the rest: raw and within the lawful factors")}</h2>\n");
            html.Append(RatioChart(single, dutch, lowerRateRatio, upperRateRatio)).Append('\n');
        }

        html.Append(GroupTable(report, dutch));
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string RateChart(List<GroupResult> groups, bool dutch)
    {
        var plot = new Plot();
        for (int i = 0; i < groups.Count; i++)
        {
            var rate = groups[i].Figures!.Rate;
            plot.Add.Line(rate.Lower * 100, i, rate.Upper * 100, i);
            plot.Add.Marker(rate.Value * 100, i);
        }

        Label(plot, groups, dutch ? "geselecteerd (%), met 95%-interval" : "selected (%), with 95% interval");
        return plot.GetSvgXml(ChartWidth, Height(groups.Count));
    }

    private static string RatioChart(List<GroupResult> groups, bool dutch, double lower, double upper)
    {
        var plot = new Plot();
        for (int i = 0; i < groups.Count; i++)
        {
            var figures = groups[i].Figures!;
            if (figures.VersusRest.RateRatio is { } raw)
            {
                var marker = plot.Add.Marker(raw.Value, i + 0.15);
                marker.Color = Colors.Gray;
            }

            if (figures.Conditional.CommonRateRatio is { } conditional)
            {
                plot.Add.Line(conditional.Lower, i - 0.15, conditional.Upper, i - 0.15);
                plot.Add.Marker(conditional.Value, i - 0.15);
            }
        }

        plot.Add.VerticalLine(lower).LinePattern = LinePattern.Dashed;
        plot.Add.VerticalLine(upper).LinePattern = LinePattern.Dashed;
        Label(plot, groups, dutch ? "verhouding (grijs: ruw; blauw: binnen toegestane factoren, met interval)" : "ratio (grey: raw; blue: within lawful factors, with interval)");
        return plot.GetSvgXml(ChartWidth, Height(groups.Count));
    }

    private static void Label(Plot plot, List<GroupResult> groups, string axis)
    {
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, groups.Count).Select(i => (double)i)], [.. groups.Select(g => g.Label)]);
        plot.XLabel(axis);
    }

    private static int Height(int rows) => 80 + (rows * RowHeight);

    private static string GroupTable(FairnessReport report, bool dutch)
    {
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"<h2>{Text(dutch ? "Groepen" : "Groups")}</h2>\n<table>\n<tr><th>{Text(dutch ? "groep" : "group")}</th><th>{Text(dutch ? "aantal" : "size")}</th><th>{Text(dutch ? "geselecteerd" : "selected")}</th><th>%</th><th>{Text(dutch ? "verhouding ruw" : "ratio raw")}</th><th>{Text(dutch ? "verhouding gecorrigeerd" : "ratio adjusted")}</th><th>{Text(dutch ? "gemist van rechthebbenden" : "entitled missed")}</th></tr>\n");
        foreach (var group in report.Groups)
        {
            var f = group.Figures;
            string row = f is null
                ? $"<td colspan=\"6\">{Text(dutch ? "afgeschermd (kleine groep)" : "suppressed (small group)")}</td>"
                : $"<td>{f.Size}</td><td>{f.Selected}</td><td>{Number(f.Rate.Value * 100, "0.0")}</td><td>{Number(f.VersusRest.RateRatio?.Value, "0.00")}</td><td>{Number(f.Conditional.RateRatio, "0.00")}</td><td>{(f.GroundTruth is { } t ? Number(t.MissedShare.Value * 100, "0") + "%" : "")}</td>";
            table.Append(CultureInfo.InvariantCulture, $"<tr{(group.Flagged ? " class=\"flag\"" : "")}><td>{Text(group.Label)}</td>{row}</tr>\n");
        }

        return table.Append("</table>\n").ToString();
    }

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    private static string Text(string text) => HtmlEncoder.Default.Encode(text);
}
