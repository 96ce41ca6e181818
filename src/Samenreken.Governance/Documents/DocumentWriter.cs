using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Samenreken.Governance.Documents;

/// <summary>A generated document in both forms: Markdown for editing, a standalone HTML page for reading.</summary>
public sealed record RenderedDocument(string Markdown, string Html);

/// <summary>Writes the same document as Markdown and as HTML at once, so the two cannot drift apart.</summary>
internal sealed class DocumentWriter
{
    private readonly StringBuilder _markdown = new();
    private readonly StringBuilder _html = new();
    private readonly string _title;

    public DocumentWriter(string title, string? banner = null)
    {
        _title = title;
        Heading(1, title);
        if (banner is not null)
        {
            _markdown.AppendLine(CultureInfo.InvariantCulture, $"> **{banner}**").AppendLine();
            _html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"banner\"><strong>{Encode(banner)}</strong></p>");
        }
    }

    public DocumentWriter Heading(int level, string text)
    {
        _markdown.Append('#', level).Append(' ').AppendLine(text).AppendLine();
        _html.AppendLine(CultureInfo.InvariantCulture, $"<h{level}>{Encode(text)}</h{level}>");
        return this;
    }

    public DocumentWriter Paragraph(string text)
    {
        _markdown.AppendLine(text).AppendLine();
        _html.AppendLine(CultureInfo.InvariantCulture, $"<p>{Encode(text)}</p>");
        return this;
    }

    public DocumentWriter Bullets(IEnumerable<string> items)
    {
        _html.AppendLine("<ul>");
        foreach (var item in items)
        {
            _markdown.Append("- ").AppendLine(item);
            _html.AppendLine(CultureInfo.InvariantCulture, $"  <li>{Encode(item)}</li>");
        }

        _markdown.AppendLine();
        _html.AppendLine("</ul>");
        return this;
    }

    public DocumentWriter Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _markdown.AppendLine("| " + string.Join(" | ", header.Select(Cell)) + " |");
        _markdown.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
        _html.AppendLine("<table>").AppendLine("  <tr>" + string.Concat(header.Select(h => $"<th>{Encode(h)}</th>")) + "</tr>");
        foreach (var row in rows)
        {
            _markdown.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
            _html.AppendLine("  <tr>" + string.Concat(row.Select(c => $"<td>{Encode(c)}</td>")) + "</tr>");
        }

        _markdown.AppendLine();
        _html.AppendLine("</table>");
        return this;
    }

    /// <summary>A line the privacy officer must still fill in; marked so it cannot be missed.</summary>
    public DocumentWriter ToComplete(string what) => Paragraph($"[IN TE VULLEN door de privacy officer: {what}]");

    public RenderedDocument Render() => new(_markdown.ToString(), Page(_title, _html.ToString()));

    internal static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    internal static string Page(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="nl">
        <head>
        <meta charset="utf-8">
        <title>{{Encode(title)}}</title>
        <style>
        body { font-family: sans-serif; max-width: 52rem; margin: 2rem auto; line-height: 1.5; padding: 0 1rem; }
        table { border-collapse: collapse; margin: 1rem 0; } th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        .banner { background: #fff3cd; padding: .5rem; border: 1px solid #c90; }
        </style>
        </head>
        <body>
        {{body}}</body>
        </html>

        """;

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
