using System.Reflection;
using System.Text.Json.Nodes;
using Samenreken.Disclosure;
using Samenreken.Governance.Definition;
using Samenreken.Governance.Documents;

namespace Samenreken.Governance.Tests.Documents;

public sealed class DocumentTests
{
    private static readonly DateTimeOffset s_today = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly ProjectDefinition s_pilot = ProjectDefinition.Parse(RepositoryFiles.PilotDefinitionText);
    private static readonly ProjectDefinition s_demo = ProjectDefinition.Parse(RepositoryFiles.DemoDefinitionText);

    [Fact]
    public void Dpia_FollowsThe17PointsOfTheModelInOrder()
    {
        var markdown = DpiaDocument.Render(s_pilot, s_today).Markdown;
        string[] points =
        [
            "1. Voorstel", "2. Persoonsgegevens", "3. Gegevensverwerkingen", "4. Technieken en methoden van de gegevensverwerkingen",
            "5. Verwerkingsdoeleinden", "6. Betrokken partijen", "7. Belangen bij de gegevensverwerkingen", "8. Verwerkingslocaties",
            "9. Juridisch en beleidsmatig kader", "10. Bewaartermijnen", "11. Rechtsgrond", "12. Bijzondere persoonsgegevens",
            "13. Doelbinding", "14. Noodzaak en evenredigheid", "15. Rechten van de betrokkenen", "16. Risico's", "17. Maatregelen",
        ];
        var positions = points.Select(p => markdown.IndexOf("### " + p + "\n", StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Dpia_HoldsEachFieldEachViewAndTheHash()
    {
        var (markdown, html) = DpiaDocument.Render(s_pilot, s_today);
        foreach (var field in s_pilot.Parties.SelectMany(p => p.Contributes))
        {
            Assert.Contains($"| {field.Field} |", markdown, StringComparison.Ordinal);
        }

        foreach (var view in ProtocolViews.For(ComparisonEngine.Dgk))
        {
            Assert.Contains($"| {view.Message} |", markdown, StringComparison.Ordinal);
        }

        Assert.Contains(s_pilot.Hash.Hex, markdown, StringComparison.Ordinal);
        Assert.Contains("[IN TE VULLEN", markdown, StringComparison.Ordinal);
        Assert.Contains("<td>IncomeRequest</td>", html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("FICTIEF", markdown, StringComparison.Ordinal);
        Assert.Contains("FICTIEF PROJECT", DpiaDocument.Render(s_demo, s_today).Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Dpia_OfTheDemoProject_HasTheGarbledEnginesViewPerStep_NotAPlaceholder()
    {
        Assert.Equal(ComparisonEngine.Gc, s_demo.Crypto.ComparisonEngine);
        var markdown = DpiaDocument.Render(s_demo, s_today).Markdown;

        var views = ProtocolViews.For(ComparisonEngine.Gc);
        Assert.Equal(["IncomeRequest", "IncomeResponse", "(lokaal) HouseholdSums", "SessionOpen", "SessionAccept", "BlindedBatch", "GarbledCircuits"], views.Select(v => v.Message));
        Assert.Equal(Enumerable.Range(1, views.Count), views.Select(v => v.Step));
        foreach (var view in views)
        {
            Assert.Contains($"| {view.Step} | {view.Message} |", markdown, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("zijn hier nog niet beschreven", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("MaskedTerms", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aio-pilot-2022.yaml")]
    [InlineData("aio-demo-fictitious.yaml")]
    public void Dpia_HasOneRowPerDescribedStep_ForTheDefinitionsEngine(string file)
    {
        var definition = ProjectDefinition.Parse(RepositoryFiles.Read("projects", file));
        var description = ProtocolViews.Description(definition.Crypto.ComparisonEngine)!;

        var rows = ViewRows(DpiaDocument.Render(definition, s_today).Markdown);

        Assert.Equal(description.Steps.Count, rows.Count);
        foreach (var (step, row) in description.Steps.Zip(rows))
        {
            Assert.StartsWith($"| {step.Number} | {(step.IsLocal ? "(lokaal) " : "")}{step.Message} | {step.From.ToString().ToLowerInvariant()} → {step.To.ToString().ToLowerInvariant()} |", row, StringComparison.Ordinal);
            Assert.All(step.ReceiverLearns, claim => Assert.Contains(ProtocolViews.Sentence(claim), row, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Dpia_ForBothEngines_PrintsEveryDescribedStep()
    {
        Assert.Equal(PartyViews.Dgk, ProtocolViews.Description(ComparisonEngine.Dgk));
        Assert.Equal(PartyViews.GarbledCircuit, ProtocolViews.Description(ComparisonEngine.Gc));
        foreach (var description in new[] { PartyViews.Dgk, PartyViews.GarbledCircuit })
        {
            var rows = ViewRows(DpiaDocument.Render(s_pilot, s_today, description).Markdown);
            Assert.Equal(description.Steps.Select(s => s.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r.Split('|')[1].Trim()));
        }
    }

    [Fact]
    public void Dpia_RemovingADescribedStep_RemovesItsRow()
    {
        var before = ViewRows(DpiaDocument.Render(s_pilot, s_today, PartyViews.Dgk).Markdown);
        var after = ViewRows(DpiaDocument.Render(s_pilot, s_today, PartyViews.Dgk.Without(6)).Markdown);

        Assert.Equal(before.Count - 1, after.Count);
        Assert.Contains(before, r => r.Contains("| MaskedTerms |", StringComparison.Ordinal));
        Assert.DoesNotContain(after, r => r.Contains("| MaskedTerms |", StringComparison.Ordinal));
        Assert.Contains(after, r => r.StartsWith("| 6 | ZeroTestResults |", StringComparison.Ordinal));
    }

    [Fact]
    public void Dpia_ChangingAClaim_ChangesItsRow()
    {
        var step = PartyViews.Dgk.Steps[3];
        var weakened = PartyViews.Dgk.With(step with { ReceiverLearns = [ViewClaim.StatisticallyBlinded(20)] });

        var before = ViewRows(DpiaDocument.Render(s_pilot, s_today, PartyViews.Dgk).Markdown)[3];
        var after = ViewRows(DpiaDocument.Render(s_pilot, s_today, weakened).Markdown)[3];

        Assert.Contains("κ = 40 bits", before, StringComparison.Ordinal);
        Assert.Contains("κ = 20 bits", after, StringComparison.Ordinal);
        Assert.DoesNotContain(ProtocolViews.Sentence(ViewClaim.PaddedCount), after, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryKindOfView_HasItsOwnDutchSentence()
    {
        var claims = typeof(ViewClaim).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Select(p => (ViewClaim)p.GetValue(null)!)
            .Append(ViewClaim.StatisticallyBlinded(PartyViews.StatisticalSecurityBits))
            .ToList();

        Assert.Equal(Enum.GetValues<ViewKind>().Order(), claims.Select(c => c.Kind).Order());
        var sentences = claims.Select(ProtocolViews.Sentence).ToList();
        Assert.All(sentences, s => Assert.False(string.IsNullOrWhiteSpace(s)));
        Assert.Equal(sentences.Count, sentences.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>The rows of point 3's table (what each party sees per step), without the header.</summary>
    private static List<string> ViewRows(string markdown)
    {
        var start = markdown.IndexOf("### 3. Gegevensverwerkingen\n", StringComparison.Ordinal);
        var end = markdown.IndexOf("### 4. ", start, StringComparison.Ordinal);
        return [.. markdown[start..end].Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1)];
    }

    [Fact]
    public void Html_EscapesWhatTheDefinitionSays()
    {
        var text = RepositoryFiles.DemoDefinitionText.Replace("purpose: >-", "purpose: >-\n  <script>alert(1)</script>", StringComparison.Ordinal);
        var html = DpiaDocument.Render(ProjectDefinition.Parse(text), s_today).Html;
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aio-pilot-2022.yaml")]
    [InlineData("aio-demo-fictitious.yaml")]
    public void TransparencyPage_IsPlainDutchAtB1Level(string file)
    {
        var definition = ProjectDefinition.Parse(RepositoryFiles.Read("projects", file));
        var markdown = TransparencyPage.Render(definition, s_today).Page.Markdown;

        Assert.InRange(ReadingLevel.AverageSentenceLength(markdown), 3, 12);
        Assert.InRange(ReadingLevel.LongestSentence(markdown), 1, 20);
        foreach (var heading in new[] { "Waarom doen wij dit?", "Welke gegevens gebruiken wij?", "Wie ziet wat?", "Hoe lang bewaren wij de gegevens?", "Vragen of bezwaar?" })
        {
            Assert.Contains("## " + heading, markdown, StringComparison.Ordinal);
        }

        Assert.Contains(definition.Contact.Phone, markdown, StringComparison.Ordinal);
        Assert.Contains("spaargeld en ander inkomen niet bekeken", markdown, StringComparison.Ordinal);
        Assert.Contains(TransparencyPage.DutchDate(definition.Horizon.ExpiresAt), markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadingLevel_FlagsLongSentences()
    {
        // Broken twin of the B1 test: the purpose, written for specialists, fails the same bounds.
        Assert.True(ReadingLevel.AverageSentenceLength(s_pilot.Purpose) > 12);
        Assert.True(ReadingLevel.LongestSentence(s_pilot.Purpose) > 20);
        Assert.Equal(3, ReadingLevel.AverageSentenceLength("Dit is kort. Dit is ook kort. En dit!"), 1);
        Assert.Equal(21, ReadingLevel.LongestSentence(string.Join(' ', Enumerable.Repeat("woord", 21)) + "."));
    }

    [Fact]
    public void AlgorithmRegisterEntry_HasTheRegistersFields()
    {
        var entry = JsonNode.Parse(TransparencyPage.Render(s_pilot, s_today).AlgorithmRegisterJson)!.AsObject();
        foreach (var field in new[] { "name", "organization", "description_short", "goal", "legal_basis", "impacttoetsen", "source_data", "methods_and_models", "human_intervention", "risk_management", "begin_date", "end_date", "status" })
        {
            Assert.False(string.IsNullOrWhiteSpace(entry[field]?.GetValue<string>()), field);
        }

        Assert.Equal("2022-09-21", entry["begin_date"]!.GetValue<string>());
        Assert.StartsWith("Buiten gebruik", entry["status"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Fictief", JsonNode.Parse(TransparencyPage.Render(s_demo, s_today).AlgorithmRegisterJson)!["status"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
