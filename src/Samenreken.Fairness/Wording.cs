using System.Globalization;

namespace Samenreken.Fairness;

/// <summary>
/// One short sentence per finding and the one-line verdict, in Dutch or English, for readers without
/// statistics training: "less often than the rest", "not explained by chance", never a p-value.
/// </summary>
internal static class Wording
{
    public static string Sentence(
        FindingKind kind, Direction direction, string group, double? ratio, int? needed, IReadOnlyList<string> factors, ReportLanguage language)
    {
        bool dutch = language == ReportLanguage.Dutch;
        bool less = direction == Direction.Under;
        string ratioText = ratio is double r
            ? (dutch ? $" (verhouding {Number(r, dutch)})" : $" (ratio {Number(r, dutch)})")
            : (dutch ? " (cijfers afgeschermd: kleine groep)" : " (figures suppressed: small group)");
        string factorText = string.Join(dutch ? " en " : " and ", factors);
        return (kind, dutch) switch
        {
            (FindingKind.MissedEligible, true) =>
                $"Van de huishoudens in de groep {group} die recht hebben, kreeg een {(less ? "kleiner" : "groter")} deel een brief dan in de rest{ratioText}; dat is geen toeval en moet worden beoordeeld.",
            (FindingKind.MissedEligible, false) =>
                $"Of the truly entitled households in group {group}, a {(less ? "smaller" : "larger")} share was selected than in the rest{ratioText}; this is not chance and needs review.",
            (FindingKind.UnexplainedDisparity, true) =>
                $"De groep {group} wordt {(less ? "minder vaak" : "vaker")} geselecteerd dan de rest{ratioText}{(factors.Count > 0 ? $", ook als rekening wordt gehouden met {factorText}" : "")}; dat is geen toeval en moet worden beoordeeld.",
            (FindingKind.UnexplainedDisparity, false) =>
                $"Group {group} is selected {(less ? "less" : "more")} often than the rest{ratioText}{(factors.Count > 0 ? $", also when {factorText} are taken into account" : "")}; this is not chance and needs review.",
            (FindingKind.ExplainedDisparity, true) =>
                $"De groep {group} wordt {(less ? "minder vaak" : "vaker")} geselecteerd dan de rest{ratioText}, maar dat verschil verdwijnt als rekening wordt gehouden met {factorText}, een toegestane reden.",
            (FindingKind.ExplainedDisparity, false) =>
                $"Group {group} is selected {(less ? "less" : "more")} often than the rest{ratioText}, but the difference disappears when {factorText} are taken into account, which is a lawful reason.",
            (FindingKind.InsufficientData, true) =>
                $"De groep {group} lijkt {(less ? "minder vaak" : "vaker")} geselecteerd te worden{ratioText}, maar is te klein om dat vast te stellen; daarvoor zijn ongeveer {needed} huishoudens nodig.",
            (FindingKind.InsufficientData, false) =>
                $"Group {group} seems to be selected {(less ? "less" : "more")} often{ratioText}, but it is too small to be sure; that would take about {needed} households.",
            (FindingKind.SmallDifference, true) =>
                $"De groep {group} wordt iets {(less ? "minder vaak" : "vaker")} geselecteerd dan de rest{ratioText}; het verschil is klein en valt binnen de afgesproken grens.",
            _ =>
                $"Group {group} is selected slightly {(less ? "less" : "more")} often than the rest{ratioText}; the difference is small and within the agreed limit.",
        };
    }

    public static string Verdict(IReadOnlyList<Finding> findings, int testedGroups, int tooSmallGroups, ReportLanguage language)
    {
        bool dutch = language == ReportLanguage.Dutch;
        int flagged = findings.Where(f => f.Flagged).Select(f => f.Group).Distinct(StringComparer.Ordinal).Count();
        int under = findings.Where(f => f.Flagged && f.Direction == Direction.Under).Select(f => f.Group).Distinct(StringComparer.Ordinal).Count();
        string small = tooSmallGroups == 0 ? "" : dutch
            ? $"; {tooSmallGroups} groepen te klein om apart te tonen"
            : $"; {tooSmallGroups} groups too small to show separately";
        if (flagged == 0)
        {
            return dutch
                ? $"Geen onverklaarde ongelijke behandeling gevonden in {testedGroups} getoetste groepen{small}."
                : $"No unexplained unequal treatment found in {testedGroups} tested groups{small}.";
        }

        return dutch
            ? $"Let op: {flagged} van {testedGroups} groepen ongelijk behandeld zonder toegestane reden ({under} te weinig geselecteerd){small}; beoordeling nodig."
            : $"Attention: {flagged} of {testedGroups} groups treated unequally without a lawful reason ({under} under-selected){small}; review needed.";
    }

    private static string Number(double value, bool dutch)
    {
        string text = value.ToString("0.00", CultureInfo.InvariantCulture);
        return dutch ? text.Replace('.', ',') : text;
    }
}
