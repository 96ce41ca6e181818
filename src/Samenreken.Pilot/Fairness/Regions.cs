namespace Samenreken.Pilot.Fairness;

/// <summary>
/// The region (CBS landsdeel: Noord, Oost, West, Zuid) of a municipality, by its CBS code. Four regions keep the
/// groups large enough to test; a municipality not in the table is <c>unknown</c>, which the report shows as a group
/// of its own, so a gap in the table is visible rather than silently merged.
/// </summary>
/// <remarks>
/// The table holds the municipalities of the synthetic population (CBS gemeentecodes and provinces, 2025). A real
/// run needs CBS's full table (gemeenten alfabetisch per provincie), loaded as versioned data like the norms.
/// </remarks>
public static class Regions
{
    public const string Unknown = "unknown";

    private static readonly Dictionary<string, string> s_byMunicipality = new(StringComparer.Ordinal)
    {
        // Noord: Groningen, Friesland, Drenthe.
        ["GM0014"] = "noord", ["GM0080"] = "noord", ["GM0114"] = "noord", ["GM0106"] = "noord",
        // Oost: Overijssel, Gelderland, Flevoland.
        ["GM0153"] = "oost", ["GM0193"] = "oost", ["GM0200"] = "oost", ["GM0268"] = "oost", ["GM0202"] = "oost", ["GM0034"] = "oost",
        // West: Utrecht, Noord-Holland, Zuid-Holland, Zeeland.
        ["GM0363"] = "west", ["GM0599"] = "west", ["GM0518"] = "west", ["GM0344"] = "west", ["GM0307"] = "west", ["GM0637"] = "west", ["GM0402"] = "west",
        // Zuid: Noord-Brabant, Limburg.
        ["GM0772"] = "zuid", ["GM0935"] = "zuid", ["GM0928"] = "zuid", ["GM0983"] = "zuid", ["GM0917"] = "zuid", ["GM0758"] = "zuid", ["GM0855"] = "zuid", ["GM0796"] = "zuid",
    };

    /// <summary>The region of a CBS municipality code (GM followed by four digits), or <see cref="Unknown"/>.</summary>
    public static string Of(string municipalityCode)
    {
        ArgumentNullException.ThrowIfNull(municipalityCode);
        return s_byMunicipality.GetValueOrDefault(municipalityCode, Unknown);
    }
}
