using System.Text.RegularExpressions;

namespace Samenreken.Web.Tests;

/// <summary>The English option covers every Dutch sentence the pages show.</summary>
public sealed partial class WebTextTests
{
    [Fact]
    public void EverySentenceOfThePages_HasAnEnglishTranslation()
    {
        var source = Path.Combine(WebNodes.RepositoryRoot(), "src", "Samenreken.Web");
        var keys = Directory.EnumerateFiles(source, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith("WebText.cs", StringComparison.Ordinal))
            .SelectMany(f => (f.EndsWith("PageText.cs", StringComparison.Ordinal) ? RoleName() : Sentence()).Matches(File.ReadAllText(f)).Select(m => m.Groups["dutch"].Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // The scan sees the pages' sentences (and would see a new untranslated one).
        Assert.Contains("Nieuwe run starten", keys);
        Assert.Contains("Geen toegang", keys);
        Assert.Contains("toetser gelijke behandeling", keys);
        Assert.Equal([], keys.Where(k => !WebText.English.ContainsKey(k)).ToArray()); // names every untranslated sentence
        Assert.Equal("Start a new run", WebText.For("en")["Nieuwe run starten"]);
        Assert.Equal("Nieuwe run starten", WebText.For("nl")["Nieuwe run starten"]);
    }

    [GeneratedRegex(@"(?:\bT|\btext|\bthis)(?:\[|\.Format\()""(?<dutch>[^""]+)""")]
    private static partial Regex Sentence();

    /// <summary>The role names PageText returns as keys.</summary>
    [GeneratedRegex(@"=> ""(?<dutch>[^""]+)"",$", RegexOptions.Multiline)]
    private static partial Regex RoleName();
}
