using System.Globalization;
using Samenreken.Disclosure;
using Samenreken.Governance.Definition;

namespace Samenreken.Governance.Documents;

/// <summary>
/// A DPIA draft following the 17 points of the Model DPIA Rijksdienst (A: description, B: lawfulness, C: risks,
/// D: measures), filled from the project definition and from what the protocol reveals per step. What only people
/// can judge is marked [IN TE VULLEN] for the privacy officer.
/// </summary>
public static class DpiaDocument
{
    public static RenderedDocument Render(ProjectDefinition definition, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Render(definition, generatedAt, ProtocolViews.Description(definition.Crypto.ComparisonEngine));
    }

    /// <summary>The DPIA with point 3's table rendered from <paramref name="exchange"/> (the tests change a step and see the table change).</summary>
    internal static RenderedDocument Render(ProjectDefinition definition, DateTimeOffset generatedAt, ExchangeViews? exchange)
    {
        var doc = new DocumentWriter($"DPIA (concept): {definition.Title}",
            (definition.IsFictitious ? "FICTIEF PROJECT, alleen voor demonstratie. " : "") +
            $"Concept gegenereerd op {generatedAt:yyyy-MM-dd} uit projectdefinitie {definition.Id} versie {definition.Version} ({definition.Hash}). Af te maken door de privacy officer.");

        doc.Heading(2, "A. Beschrijving kenmerken gegevensverwerkingen");
        doc.Heading(3, "1. Voorstel").Paragraph(definition.Purpose);
        doc.Heading(3, "2. Persoonsgegevens").Table(["partij", "gegeven", "categorie", "beschrijving", "gaat naar"],
            definition.Parties.SelectMany(p => p.Contributes.Select(f => (IReadOnlyList<string>)[p.Id, f.Field, f.Category, f.Description, SharedWith(f)])));
        doc.Heading(3, "3. Gegevensverwerkingen").Paragraph("Per stap van de bestandsvergelijking: wie stuurt wat, en wat kan elke partij ervan lezen. Deze tabel wordt gemaakt uit dezelfde beschrijving die de privacytests controleren.");
        IReadOnlyList<ProtocolStepView> views = exchange is null ? [] : ProtocolViews.Render(exchange);
        if (views.Count == 0)
        {
            doc.ToComplete($"de zichten per stap voor de vergelijkingsmethode '{definition.Crypto.ComparisonEngine}' zijn hier nog niet beschreven");
        }
        else
        {
            doc.Table(["stap", "bericht", "van → naar", "SVB ziet", "UWV ziet"],
                views.Select(v => (IReadOnlyList<string>)[v.Step.ToString(CultureInfo.InvariantCulture), v.Message, $"{v.From} → {v.To}", v.SvbSees, v.UwvSees]));
        }

        doc.Heading(3, "4. Technieken en methoden van de gegevensverwerkingen").Bullets(
        [
            $"Vergelijkingsmethode: {Engine(definition.Crypto.ComparisonEngine)}.",
            string.Create(CultureInfo.InvariantCulture, $"Paillier {definition.Crypto.PaillierModulusBits} bits, DGK {definition.Crypto.DgkModulusBits} bits (t = {definition.Crypto.DgkRandomnessBits}), invoer van {definition.Crypto.ComparisonBits} bits, statistische veiligheid {definition.Crypto.StatisticalSecurityBits} bits."),
            "Een regelgebaseerd, uitlegbaar algoritme (geen machine learning) benadert het netto inkomen (art. 3); `samenreken explain` toont elke stap per huishouden.",
            "Profilering in de zin van art. 4, onderdeel 4, AVG; geen geautomatiseerd besluit (art. 22 AVG): de brief is een uitnodiging.",
        ]);
        doc.Heading(3, "5. Verwerkingsdoeleinden").Paragraph(definition.Purpose);
        doc.Heading(3, "6. Betrokken partijen").Table(["partij", "naam", "rollen", "rol"],
            definition.Parties.Select(p => (IReadOnlyList<string>)[p.Id, p.Name, string.Join(", ", p.Roles), p.RoleDescription]));
        doc.Paragraph($"Verwerkingsverantwoordelijke: {definition.Party(definition.Controller).Name}.");
        doc.Heading(3, "7. Belangen bij de gegevensverwerkingen").ToComplete("belangen van de betrokkenen, de SVB, het UWV en de samenleving");
        doc.Heading(3, "8. Verwerkingslocaties").Paragraph("Elke partij verwerkt op een eigen node in het eigen rekencentrum; de nodes praten via wederzijds geauthenticeerde TLS.")
            .ToComplete("de rekencentra en eventuele verwerkers");
        doc.Heading(3, "9. Juridisch en beleidsmatig kader").Bullets(definition.LegalBasis.Select(b => $"{b.Reference}: {b.Text}"));
        doc.Heading(3, "10. Bewaartermijnen").Table(["categorie", "beschrijving", "termijn"],
            definition.Retention.Select(r => (IReadOnlyList<string>)[r.Category, r.Description, Term(r, definition.Horizon)]));

        doc.Heading(2, "B. Beoordeling rechtmatigheid gegevensverwerkingen");
        doc.Heading(3, "11. Rechtsgrond").Bullets(definition.LegalBasis.Select(b => b.Reference));
        doc.Heading(3, "12. Bijzondere persoonsgegevens").Paragraph("Geen bijzondere persoonsgegevens. Het BSN wordt verwerkt op grond van de artikelen 10 en 11 Wet algemene bepalingen burgerservicenummer (art. 46 UAVG).")
            .ToComplete("bevestigen dat er geen bijzondere of strafrechtelijke gegevens worden verwerkt");
        doc.Heading(3, "13. Doelbinding").Paragraph("De uitkomsten en de reacties worden apart vastgelegd in de pilotopslag en alleen voor de pilot gebruikt (art. 2); de software kent geen andere uitvoer van de selectie dan de pilotcommando's.");
        doc.Heading(3, "14. Noodzaak en evenredigheid").Bullets(
        [
            "Noodzaak: " + definition.NecessityAndProportionality.Necessity,
            "Evenredigheid: " + definition.NecessityAndProportionality.Proportionality,
            "Subsidiariteit: " + definition.NecessityAndProportionality.Subsidiarity,
            "Gelijke behandeling: " + definition.EqualTreatment,
        ]);
        doc.Heading(3, "15. Rechten van de betrokkenen").Paragraph(definition.Contact.Objection)
            .Paragraph($"Contact: {definition.Contact.Organisation}, {definition.Contact.Phone}, {definition.Contact.Website}, {definition.Contact.PostalAddress}.");

        doc.Heading(2, "C. Beschrijving en beoordeling van risico's voor de betrokkenen");
        doc.Heading(3, "16. Risico's").Table(["risico", "gevolg voor betrokkene", "beoordeling"],
        [
            ["Het UWV leert welke BSN's de SVB vraagt", "UWV weet dat deze personen AOW-gerechtigd zijn of met iemand met AOW samenwonen", "toegestaan door art. 5, onder b; [IN TE VULLEN]"],
            ["Valse hoop door de brief", "Vermogen en ander inkomen zijn niet gecontroleerd; een aanvraag kan worden afgewezen", "de brief zegt dit; de evaluatie meet het; [IN TE VULLEN]"],
            ["Indirecte discriminatie in de selectie", "Groepen kunnen zonder rechtvaardiging oververtegenwoordigd zijn", Monitor(definition.FairnessMonitor)],
            ["Lek van de verzendlijst", "De lijst toont wie waarschijnlijk een laag inkomen heeft", "versleuteld per run; [IN TE VULLEN]"],
            ["Gebruik buiten de pilot", "Gegevens in het reguliere proces gebruiken", "aparte opslag, alleen pilotcommando's, audit; [IN TE VULLEN]"],
            ["Sleutelcompromittering", "Een gestolen privésleutel maakt oude ciphertexts leesbaar", "sleutels versleuteld, 0600, nooit in een database; [IN TE VULLEN]"],
        ]);

        doc.Heading(2, "D. Beschrijving van voorgenomen maatregelen");
        doc.Heading(3, "17. Maatregelen").Bullets(
        [
            "Cryptografie (art. 5): de SVB leert één bit per huishouden, het UWV alleen de gevraagde BSN's en de AOW-indicatie; zie de tabel bij punt 3.",
            $"Een run start alleen onder deze definitie (hash {definition.Hash.Hex[..16]}…), binnen de horizon tot {definition.Horizon.ExpiresAt:yyyy-MM-dd}, en een partij stuurt alleen de velden die hier staan.",
            "Auditlog per node met hash-keten en wederzijds ondertekende controlepunten; `samenreken audit verify` wijst de eerste gewijzigde regel aan.",
            "Pilotopslag versleuteld met AES-GCM per run; wissen van de runsleutel vernietigt de gegevens (crypto-shredding). Bewaartermijnen worden door de software afgedwongen.",
            Monitor(definition.FairnessMonitor),
            string.Create(CultureInfo.InvariantCulture, $"Evaluatie alleen met geaggregeerde cijfers; cellen kleiner dan {definition.FairnessMonitor.MinimumCellSize} worden onderdrukt, ook waar ze uit totalen terug te rekenen zijn."),
        ]);
        doc.ToComplete("restrisico's, advies van de functionaris gegevensbescherming, besluit en ondertekening");
        return doc.Render();
    }

    internal static string SharedWith(ContributedField field) => field.SharedWith.IsEmpty
        ? "blijft bij de partij"
        : string.Join(", ", field.SharedWith) + (field.Form == FieldForm.Encrypted ? " (versleuteld, onleesbaar)" : "");

    internal static string Engine(ComparisonEngine engine) => engine == ComparisonEngine.Dgk
        ? "DGK/Veugen-vergelijking op Paillier-ciphertexts (dgk)"
        : "garbled circuit (gc)";

    internal static string Term(RetentionRule rule, Horizon horizon) => rule.Anonymised
        ? "geanonimiseerd, blijft bewaard"
        : string.Create(CultureInfo.InvariantCulture, $"{rule.TermDays} dagen na {(rule.StartsAt == RetentionStart.RunFinished ? "het einde van de run" : "vastlegging")}{(rule.EndsAtHorizon ? $", uiterlijk tot {horizon.ExpiresAt:yyyy-MM-dd}" : "")}");

    private static string Monitor(FairnessMonitorSettings monitor) => string.Create(CultureInfo.InvariantCulture,
        $"Non-discriminatiemonitor per run over {string.Join(", ", monitor.Groups)} (kruisingen tot diepte {monitor.IntersectionDepth}); alarm buiten selectieratio {monitor.RateRatioLower}–{monitor.RateRatioUpper} bij α = {monitor.Alpha}; verklaard door {string.Join(", ", monitor.LegitimateFactors)}; minimale celgrootte {monitor.MinimumCellSize}; brieven {(monitor.HoldLettersOnAlert ? "worden bij een alarm tegengehouden" : "gaan ook bij een alarm uit")}.");
}
