using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samenreken.Governance.Definition;

namespace Samenreken.Governance.Documents;

/// <summary>The public page and the Algoritmeregister entry.</summary>
public sealed record TransparencyOutput(RenderedDocument Page, string AlgorithmRegisterJson);

/// <summary>
/// The public explanation in plain Dutch (B1: short sentences, common words), generated from the definition: what
/// the project does and why, which data, who sees what, how long it is kept, and how to ask or object. Plus the
/// fields of the national algorithm register (algoritmes.overheid.nl).
/// </summary>
public static class TransparencyPage
{
    /// <summary>Plain words for the fields of the AIO projects; other fields fall back to their description.</summary>
    private static readonly Dictionary<string, string> s_plainFields = new(StringComparer.Ordinal)
    {
        ["bsn"] = "uw burgerservicenummer (BSN)",
        ["aow_age_indication"] = "of u de AOW-leeftijd hebt",
        ["household_composition"] = "met wie u samenwoont",
        ["norm_amount"] = "de inkomensgrens voor uw huishouden",
        ["net_aow"] = "de AOW die u krijgt",
        ["name_and_address"] = "uw naam en adres, voor de brief",
        ["net_income_part"] = "uw inkomen uit werk, pensioen of uitkering",
    };

    private static readonly Dictionary<string, string> s_plainCategories = new(StringComparer.Ordinal)
    {
        ["mailing_list"] = "Namen en adressen voor de brief",
        ["responses"] = "Uw reactie op de brief",
        ["protocol_state"] = "Tussenresultaten van de berekening",
        ["audit_log"] = "Het logboek, zonder namen en zonder BSN",
        ["evaluation_figures"] = "Cijfers voor het onderzoek, zonder namen",
    };

    public static TransparencyOutput Render(ProjectDefinition definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var controller = definition.Party(definition.Controller);
        var doc = new DocumentWriter($"{Short(definition)}: wat doen wij en waarom?", definition.IsFictitious ? "Dit is een voorbeeld. Het project bestaat niet echt." : null);

        doc.Heading(2, "Waarom doen wij dit?").Paragraph(definition.PlainLanguage.Why);
        doc.Heading(2, "Wat doen wij?").Paragraph(definition.PlainLanguage.What)
            .Paragraph("Een computer vergelijkt de gegevens. Daarbij blijven de gegevens versleuteld. Er komt geen mens aan te pas.")
            .Paragraph("Krijgt u een brief? Dan hebt u misschien recht op geld. Dat is nog niet zeker. Wij hebben uw spaargeld en ander inkomen niet bekeken.");

        doc.Heading(2, "Welke gegevens gebruiken wij?");
        foreach (var party in definition.Parties.Where(p => !p.Contributes.IsEmpty))
        {
            doc.Paragraph($"{Name(party)} gebruikt:").Bullets(party.Contributes.Select(Plain));
        }

        doc.Heading(2, "Wie ziet wat?");
        doc.Bullets(definition.Parties.Select(p => $"{Name(p)} ziet {string.Join(" en ", p.Learns.Select(l => PlainLearn(l.Item)))}."));
        doc.Paragraph("Niemand anders krijgt uw gegevens.");

        doc.Heading(2, "Hoe lang bewaren wij de gegevens?");
        doc.Bullets(definition.Retention.Select(r => $"{s_plainCategories.GetValueOrDefault(r.Category, r.Category)}: {PlainTerm(r)}."));
        doc.Paragraph(string.Create(CultureInfo.InvariantCulture, $"Het project stopt op {DutchDate(definition.Horizon.ExpiresAt)}. Daarna doen wij geen nieuwe vergelijking meer."));

        doc.Heading(2, "Vragen of bezwaar?");
        doc.Paragraph($"Hebt u vragen? Neem dan contact op met de {definition.Contact.Organisation}.")
            .Bullets([$"Telefoon: {definition.Contact.Phone}", $"Website: {definition.Contact.Website}", $"Post: {definition.Contact.PostalAddress}"])
            .Paragraph(definition.Contact.Objection)
            .Paragraph($"Wij zijn de {controller.Name}. Wij zijn verantwoordelijk voor dit project.");

        return new TransparencyOutput(doc.Render(), AlgorithmRegister(definition, now));
    }

    // The build runs with invariant globalization: Dutch month names are spelled out here.
    private static readonly string[] s_months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    internal static string DutchDate(DateTimeOffset date) => string.Create(CultureInfo.InvariantCulture, $"{date.Day} {DutchMonth(date.Month)} {date.Year}");

    internal static string DutchMonth(int month) => s_months[month - 1];

    private static string Short(ProjectDefinition definition) => definition.IsFictitious ? "Voorbeeldproject AIO-brief" : "Brief over AIO";

    // Dutch articles: "het UWV" (het instituut), "de SVB" (de bank).
    private static string Name(Party party) => $"{(party.Id == "uwv" ? "Het" : "De")} {party.Id.ToUpperInvariant()}";

    private static string Plain(ContributedField field) => s_plainFields.TryGetValue(field.Field, out var plain)
        ? plain
        : field.Description.Split(". ")[0].TrimEnd('.');

    private static string PlainLearn(string item) => item switch
    {
        "below_norm_per_household" => "alleen of het inkomen van uw huishouden onder de grens ligt",
        "bsns_asked" => "alleen de BSN's waar de SVB naar vraagt",
        "aow_age_indication" => "of die mensen de AOW-leeftijd hebben",
        _ => item.Replace('_', ' '),
    };

    private static string PlainTerm(RetentionRule rule) => rule.Anonymised
        ? "deze blijven bewaard, want er staan geen namen in"
        : rule.TermDays == 0 ? "wij wissen dit direct na de berekening"
        : string.Create(CultureInfo.InvariantCulture, $"wij wissen dit na {Duration(rule.TermDays!.Value)}{(rule.EndsAtHorizon ? ". Of eerder, als het project stopt" : "")}");

    private static string Duration(int days) => days % 365 == 0
        ? (days / 365 == 1 ? "1 jaar" : string.Create(CultureInfo.InvariantCulture, $"{days / 365} jaar"))
        : string.Create(CultureInfo.InvariantCulture, $"{days} dagen");

    /// <summary>
    /// The register's fields (names after the Algoritmeregister publication standard; check them against its current
    /// version before publishing). Values come from the definition; what it cannot say is marked.
    /// </summary>
    internal static string AlgorithmRegister(ProjectDefinition definition, DateTimeOffset now)
    {
        var controller = definition.Party(definition.Controller);
        var entry = new JsonObject
        {
            ["name"] = definition.Title,
            ["organization"] = controller.Name,
            ["description_short"] = definition.PlainLanguage.What,
            ["type"] = "Rekenregels (regelgebaseerd), met cryptografische bestandsvergelijking",
            ["category"] = "Sociale zekerheid",
            ["status"] = definition.IsFictitious ? "Fictief (demonstratie)" : definition.IsWithinHorizon(now) ? "In gebruik" : now < definition.Horizon.EffectiveFrom ? "In ontwikkeling" : "Buiten gebruik (horizon verstreken)",
            ["goal"] = definition.Purpose,
            ["impact"] = "Geselecteerden krijgen een brief met een uitnodiging om AIO aan te vragen; geen besluit (art. 22 AVG niet van toepassing).",
            ["proportionality"] = definition.NecessityAndProportionality.Proportionality,
            ["decision_making_process"] = "Geen geautomatiseerd besluit: de brief nodigt uit; de aanvraag wordt in het reguliere proces beoordeeld.",
            ["human_intervention"] = "De SVB beoordeelt elke aanvraag; de non-discriminatiemonitor kan brieven tegenhouden.",
            ["risk_management"] = "Projectdefinitie met horizon, wederzijds ondertekende audit, non-discriminatiemonitor, bewaartermijnen door de software afgedwongen.",
            ["legal_basis"] = string.Join("; ", definition.LegalBasis.Select(b => b.Reference)),
            ["impacttoetsen"] = "DPIA (concept gegenereerd door samenreken project dpia)",
            ["source_data"] = string.Join("; ", definition.Parties.SelectMany(p => p.Contributes.Select(f => $"{p.Id}: {f.Field}"))),
            ["methods_and_models"] = DpiaDocument.Engine(definition.Crypto.ComparisonEngine) + "; regelgebaseerde benadering van het netto inkomen (art. 3).",
            ["begin_date"] = definition.Horizon.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["end_date"] = definition.Horizon.ExpiresAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["contact_email"] = definition.Contact.Website.ToString(),
            ["website"] = definition.Contact.Website.ToString(),
            ["lang"] = "nld",
            ["definition_hash"] = definition.Hash.Hex,
        };
        return entry.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
