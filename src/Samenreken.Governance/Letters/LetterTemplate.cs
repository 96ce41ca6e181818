using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Samenreken.Governance.Definition;

namespace Samenreken.Governance.Letters;

/// <summary>The person a letter goes to, from SVB's own data in the pilot store.</summary>
public sealed record LetterRecipient(string Name, ImmutableArray<string> AddressLines, string Reference)
{
    public static LetterRecipient Create(string name, IEnumerable<string> addressLines, string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var lines = addressLines?.Where(l => !string.IsNullOrWhiteSpace(l)).ToImmutableArray() ?? throw new ArgumentNullException(nameof(addressLines));
        if (lines.IsEmpty)
        {
            throw new ArgumentException("A letter needs an address.", nameof(addressLines));
        }

        return new LetterRecipient(name, lines, reference);
    }
}

/// <summary>A letter with its placeholders filled: what the HTML and PDF renderers lay out.</summary>
public sealed record LetterContent(ImmutableArray<string> Sender, ImmutableArray<string> Recipient, string Date, string Subject, ImmutableArray<string> Paragraphs, string? Banner);

/// <summary>
/// A letter template read from a file (format: see projects/letters/aio-uitnodiging.txt). Parsing refuses a template
/// that leaves out what the regulation demands: the caveat that assets (vermogen) and other income were not checked,
/// and the way to contact SVB.
/// </summary>
public sealed partial class LetterTemplate
{
    private static readonly string[] s_sections = ["afzender", "ontvanger", "datum", "onderwerp", "tekst"];
    private static readonly string[] s_placeholders = ["naam", "adres", "datum", "kenmerk", "contact_organisatie", "contact_telefoon", "contact_website", "contact_post"];

    private readonly Dictionary<string, List<string>> _sections;

    private LetterTemplate(Dictionary<string, List<string>> sections) => _sections = sections;

    public static bool TryParse(string text, out LetterTemplate? template, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        template = null;
        var found = new List<string>();
        errors = found;
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                var name = line[1..^1];
                if (!s_sections.Contains(name) || sections.ContainsKey(name))
                {
                    found.Add(string.Create(CultureInfo.InvariantCulture, $"line {i + 1}: unknown or repeated section [{name}]"));
                }

                current = sections[name] = [];
                continue;
            }

            foreach (Match placeholder in Placeholder().Matches(line))
            {
                if (!s_placeholders.Contains(placeholder.Groups[1].Value))
                {
                    found.Add(string.Create(CultureInfo.InvariantCulture, $"line {i + 1}: unknown placeholder {placeholder.Value}"));
                }
            }

            if (current is null)
            {
                if (line.Length > 0)
                {
                    found.Add(string.Create(CultureInfo.InvariantCulture, $"line {i + 1}: text before the first section"));
                }

                continue;
            }

            current.Add(line);
        }

        foreach (var missing in s_sections.Where(s => !sections.ContainsKey(s)))
        {
            found.Add($"section [{missing}] is missing");
        }

        var body = string.Join(" ", sections.GetValueOrDefault("tekst") ?? []);
        var sentences = body.Split(['.', '?', '!']);
        bool SaysNotChecked(string what) => sentences.Any(s => s.Contains(what, StringComparison.OrdinalIgnoreCase) && s.Contains("niet", StringComparison.OrdinalIgnoreCase));
        if (!SaysNotChecked("vermogen") || !SaysNotChecked("ander inkomen"))
        {
            found.Add("[tekst] must say that assets (vermogen) and other income (ander inkomen) were not checked");
        }

        if (!body.Contains("{{contact_telefoon}}", StringComparison.Ordinal) && !body.Contains("{{contact_website}}", StringComparison.Ordinal))
        {
            found.Add("[tekst] must tell how to contact SVB ({{contact_telefoon}} or {{contact_website}})");
        }

        if (!string.Join(" ", sections.GetValueOrDefault("ontvanger") ?? []).Contains("{{adres}}", StringComparison.Ordinal))
        {
            found.Add("[ontvanger] must hold {{adres}}");
        }

        if (found.Count > 0)
        {
            return false;
        }

        template = new LetterTemplate(sections);
        return true;
    }

    public static LetterTemplate Parse(string text) => TryParse(text, out var template, out var errors)
        ? template!
        : throw new FormatException("Invalid letter template: " + string.Join("; ", errors));

    /// <summary>Fills the template for one recipient; a fictitious project's letters carry a banner saying so.</summary>
    public LetterContent Fill(LetterRecipient recipient, ProjectDefinition definition, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(definition);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["naam"] = recipient.Name,
            ["datum"] = string.Create(CultureInfo.InvariantCulture, $"{date.Day} {Documents.TransparencyPage.DutchMonth(date.Month)} {date.Year}"),
            ["kenmerk"] = recipient.Reference,
            ["contact_organisatie"] = definition.Contact.Organisation,
            ["contact_telefoon"] = definition.Contact.Phone,
            ["contact_website"] = definition.Contact.Website.ToString(),
            ["contact_post"] = definition.Contact.PostalAddress,
        };

        ImmutableArray<string> Lines(string section) => [.. _sections[section]
            .SelectMany(line => line.Trim() == "{{adres}}" ? recipient.AddressLines.AsEnumerable() : [Substitute(line, values, recipient)])
            .Where(l => l.Length > 0)];

        var paragraphs = string.Join("\n", _sections["tekst"]).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Substitute(p.Trim('\n'), values, recipient))
            .Where(p => p.Length > 0);
        return new LetterContent(Lines("afzender"), Lines("ontvanger"), string.Join(" ", Lines("datum")), string.Join(" ", Lines("onderwerp")),
            [.. paragraphs], definition.IsFictitious ? "VOORBEELD: fictieve brief uit een demonstratie. Er is geen echte regeling." : null);
    }

    private static string Substitute(string line, Dictionary<string, string> values, LetterRecipient recipient) =>
        Placeholder().Replace(line, m => m.Groups[1].Value == "adres" ? string.Join(", ", recipient.AddressLines) : values[m.Groups[1].Value]);

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    private static partial Regex Placeholder();
}
