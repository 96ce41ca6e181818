namespace Samenreken.Web;

/// <summary>The web interface of a node (section "Web"); without <see cref="Port"/> the node serves no pages.</summary>
public sealed class WebUiOptions
{
    public const string Section = "Web";

    /// <summary>The loopback port of the pages (HTTPS with the node's certificate, no client certificate asked); 0 picks a free one.</summary>
    public int? Port { get; set; }

    /// <summary>"nl" (default) or "en".</summary>
    public string Language { get; set; } = "nl";

    /// <summary>The project definition (YAML): the public pages are generated from it and runs are checked against it. A node sets it to its own (<c>Node:Project</c>).</summary>
    public string? ProjectDefinition { get; set; }

    /// <summary>Sign-in attempts per minute for one user name from one address; more are refused with 429.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 5;
}
