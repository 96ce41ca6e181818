namespace Samenreken.Domain.NetIncome;

/// <summary>How sure a parameter value is, as the parameter files in this folder state it.</summary>
public enum ParameterStatus
{
    /// <summary>The figure appears in a source (the source column says which).</summary>
    Official,

    /// <summary>Computed from official figures by a stated rule.</summary>
    Derived,

    /// <summary>From memory, no source found: unverified.</summary>
    Recalled,

    /// <summary>Not found; this project estimated it (the notes say how). Runs using it warn.</summary>
    Estimated,

    /// <summary>Not found and not estimated; a run that needs it cannot proceed.</summary>
    NotFound,
}

/// <summary>One value from a parameter file, with where it came from.</summary>
/// <param name="File">The parameter file (norms.csv, aow.csv, tax.csv).</param>
/// <param name="Name">What the value is, e.g. "2025 box1_rate1_aow_age" or "2025-01-01 single_aow_age excl".</param>
/// <param name="Text">The value as written in the file.</param>
/// <param name="Status">How sure it is.</param>
/// <param name="Source">The source column.</param>
/// <param name="Notes">The notes column.</param>
public sealed record ParameterValue(string File, string Name, string Text, ParameterStatus Status, string Source, string Notes)
{
    /// <summary>True when a run that uses this value should warn (anything but official or rule-derived).</summary>
    public bool NeedsWarning => Status is ParameterStatus.Recalled or ParameterStatus.Estimated or ParameterStatus.NotFound;

    internal static ParameterStatus ParseStatus(string text) => text switch
    {
        "official" => ParameterStatus.Official,
        "derived" => ParameterStatus.Derived,
        "recalled" => ParameterStatus.Recalled,
        "estimated" => ParameterStatus.Estimated,
        "not-found" => ParameterStatus.NotFound,
        _ => throw new InvalidDataException($"unknown parameter status '{text}'"),
    };

    internal static string StatusText(ParameterStatus status) => status switch
    {
        ParameterStatus.NotFound => "not-found",
        _ => status.ToString().ToLowerInvariant(),
    };
}
