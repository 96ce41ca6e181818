using Samenreken.Protocols.FileComparison.Wire;

namespace Samenreken.Nodes.Safeguards;

/// <summary>
/// Which of the project definition's fields a message from SVB to UWV carries, by the definition's names: the BSNs
/// always, the AOW-age indication when a person below AOW age is in it, and any field the contract does not know (a
/// newer or tampered sender) by its wire number, so the definition refuses it.
/// </summary>
internal static class SharedFields
{
    public const string Svb = "svb";
    public const string Uwv = "uwv";
    public const string Bsn = "bsn";
    public const string AowAgeIndication = "aow_age_indication";

    public static IReadOnlyList<string> Of(IncomeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new List<string>();
        if (request.PersonIds.Count > 0)
        {
            fields.Add(Bsn);
        }

        if (request.BelowAowAge.Count > 0)
        {
            fields.Add(AowAgeIndication);
        }

        // Unknown fields survive parsing; the known ones alone re-encode shorter when there are any.
        var known = new IncomeRequest { RequestId = request.RequestId };
        known.PersonIds.AddRange(request.PersonIds);
        known.BelowAowAge.AddRange(request.BelowAowAge);
        if (known.CalculateSize() != request.CalculateSize())
        {
            fields.Add("unlisted wire fields");
        }

        return fields;
    }

    /// <summary>The fields a run over this population sends.</summary>
    public static IReadOnlyList<string> OfRun(bool anyBelowAowAge) => anyBelowAowAge ? [Bsn, AowAgeIndication] : [Bsn];
}
