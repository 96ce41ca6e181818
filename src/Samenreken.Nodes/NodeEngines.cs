using Samenreken.Protocols.ComparisonEngines;

namespace Samenreken.Nodes;

/// <summary>Which comparison engine a new run uses: the node's option and the project definition must agree.</summary>
public static class NodeEngines
{
    /// <summary>
    /// The engine of a new run from the node option (Svb:Engine) and the project definition's comparison_engine, each
    /// "dgk", "gc" or absent; both absent: <see cref="ComparisonEngine.Default"/>. An unknown name or a disagreement
    /// is a configuration error that names both.
    /// </summary>
    public static ComparisonEngineKind Choose(string? option, Governance.Definition.ComparisonEngine definition)
        => Choose(option, definition switch
        {
            Governance.Definition.ComparisonEngine.Gc => "gc",
            _ => "dgk",
        });

    /// <inheritdoc cref="Choose(string?, Governance.Definition.ComparisonEngine)"/>
    public static ComparisonEngineKind Choose(string? option, string? definition)
    {
        static ComparisonEngineKind? Parse(string? name, string source)
            => string.IsNullOrEmpty(name)
                ? null
                : ComparisonEngine.TryParse(name, out var engine) ? engine : throw new InvalidOperationException($"{source} names the comparison engine \"{name}\"; known are \"dgk\" and \"gc\".");

        var fromOption = Parse(option, "Svb:Engine");
        var fromDefinition = Parse(definition, "The project definition");
        if (fromOption is { } a && fromDefinition is { } b && a != b)
        {
            throw new InvalidOperationException(
                $"Svb:Engine is \"{ComparisonEngine.Name(a)}\" but the project definition names \"{ComparisonEngine.Name(b)}\"; a run uses the engine its definition names.");
        }

        return fromOption ?? fromDefinition ?? ComparisonEngine.Default;
    }
}
