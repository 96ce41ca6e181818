using System.Text.RegularExpressions;
using Samenreken.Fairness.Tests;

namespace Samenreken.Fairness.Reporting.Tests;

public sealed class FairnessHtmlTests
{
    private static FairnessReport BiasedReport(ReportLanguage language)
    {
        var households = new TestPopulation(2000, 11) { BiasedGroup = a => a["pay frequency"] == "4-weekly", BiasFactor = 0.4 }.Generate();
        // Four households in a region of their own: a group that must be suppressed.
        for (int i = 0; i < 4; i++)
        {
            households[i] = households[i] with { Attributes = new Dictionary<string, string>(households[i].Attributes) { ["region"] = "Caribisch" } };
        }

        return FairnessAnalyzer.Analyze(TestPopulation.Plan(depth: 1), households, language);
    }

    [Fact]
    public void Dutch_Page_HasVerdictFindingsChartsAndTable()
    {
        var report = BiasedReport(ReportLanguage.Dutch);

        string html = FairnessHtml.Render(report);

        Assert.Contains("<html lang=\"nl\">", html, StringComparison.Ordinal);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(report.Verdict), html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(html, "<svg").Count);
        Assert.Contains("class=\"flag\"", html, StringComparison.Ordinal);
        Assert.Equal(report.Findings.Count, Regex.Matches(html, "<li").Count);
    }

    [Fact]
    public void SuppressedGroup_ShowsNoFigures()
    {
        string html = FairnessHtml.Render(BiasedReport(ReportLanguage.Dutch));

        var row = Regex.Match(html, "<tr><td>region=Caribisch</td>.*?</tr>").Value;
        Assert.Contains("afgeschermd", row, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9]", Regex.Replace(row, "<[^>]*>", ""));
    }

    [Fact]
    public void English_Page_AndLabelsAreEncoded()
    {
        string html = FairnessHtml.Render(BiasedReport(ReportLanguage.English));

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Selection rate per group", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>pay frequency=4-weekly & ", html, StringComparison.Ordinal);
    }
}
