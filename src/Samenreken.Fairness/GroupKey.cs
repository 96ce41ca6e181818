namespace Samenreken.Fairness;

/// <summary>
/// A group: one value per attribute of an attribute combination ("sex=F &amp; age band=75+"), or, when
/// <see cref="Values"/> is null, the "other" group of that combination: all its groups below the minimum size, merged.
/// </summary>
public sealed record GroupKey(IReadOnlyList<string> Attributes, IReadOnlyList<string>? Values)
{
    /// <summary>True for the merged group of the too-small groups of one attribute combination.</summary>
    public bool IsOther => Values is null;

    private string? _label;

    /// <summary>A readable, unique label.</summary>
    public string Label => _label ??= Values is null
        ? "other (" + string.Join(" × ", Attributes) + ")"
        : string.Join(" & ", Attributes.Select((a, i) => a + "=" + Values[i]));

    public bool Equals(GroupKey? other) => other is not null && Label == other.Label && IsOther == other.IsOther;

    public override int GetHashCode() => Label.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Label;
}
