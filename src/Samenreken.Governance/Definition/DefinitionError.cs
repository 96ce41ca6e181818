namespace Samenreken.Governance.Definition;

/// <summary>One problem in a project definition: where (a JSON pointer and, when known, the YAML line) and what.</summary>
public sealed record DefinitionError(string Location, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"line {line}, {Location}: {Message}" : $"{Location}: {Message}";
}
