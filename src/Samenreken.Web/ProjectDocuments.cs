using System.Text.Json;
using Microsoft.Extensions.Options;
using Samenreken.Governance.Definition;
using Samenreken.Governance.Documents;

namespace Samenreken.Web;

/// <summary>
/// The node's project definition (loaded once at start, so an invalid file stops the node) and the public documents
/// generated from it: the transparency page and the algorithm-register entry.
/// </summary>
public sealed class ProjectDocuments
{
    private readonly TimeProvider _time;

    public ProjectDocuments(IOptions<WebUiOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Definition = options.Value.ProjectDefinition is { Length: > 0 } path ? ProjectDefinition.Parse(File.ReadAllText(path)) : null;
    }

    /// <summary>The definition, or null when the node has none configured (then no run starts from the pages).</summary>
    public ProjectDefinition? Definition { get; }

    /// <summary>The transparency page's body (the generated document without its own head and inline style, which the CSP forbids).</summary>
    public string? TransparencyBody()
    {
        if (Definition is null)
        {
            return null;
        }

        var html = TransparencyPage.Render(Definition, _time.GetUtcNow()).Page.Html;
        var start = html.IndexOf("<body>", StringComparison.Ordinal) + "<body>".Length;
        var end = html.LastIndexOf("</body>", StringComparison.Ordinal);
        return html[start..end];
    }

    /// <summary>The register entry as JSON (the file to publish).</summary>
    public string? RegisterJson() => Definition is null ? null : TransparencyPage.Render(Definition, _time.GetUtcNow()).AlgorithmRegisterJson;

    /// <summary>The register entry's fields in order.</summary>
    public IReadOnlyList<(string Field, string Value)> RegisterFields()
    {
        if (RegisterJson() is not { } json)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.ToString()))];
    }
}
