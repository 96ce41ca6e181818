using System.Text.RegularExpressions;

namespace Samenreken.Governance.Documents;

/// <summary>A rough B1 check: the average number of words per sentence (B1 guidance: at most about 15).</summary>
public static partial class ReadingLevel
{
    /// <summary>Words per sentence over the text; list items and headings count as sentences, Markdown marks are ignored.</summary>
    public static double AverageSentenceLength(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = SentenceEnd().Split(Markup().Replace(text, " "))
            .Select(s => Word().Matches(s).Count)
            .Where(words => words > 0)
            .ToList();
        return sentences.Count == 0 ? 0 : sentences.Average();
    }

    /// <summary>The longest sentence, in words (B1 guidance: avoid more than about 20).</summary>
    public static int LongestSentence(string text) => SentenceEnd().Split(Markup().Replace(text, " ")).Select(s => Word().Matches(s).Count).DefaultIfEmpty(0).Max();

    // A sentence ends at . ! ? before a capital (so "art. 47a" does not end one), and at a line break (list items, headings).
    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}])|\n")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[#>*|\-]+ ")]
    private static partial Regex Markup();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’\-./@]*")]
    private static partial Regex Word();
}
