using System.Collections.Frozen;
using System.Globalization;
using Samenreken.Governance;
using Samenreken.Web.Runs;

namespace Samenreken.Web;

/// <summary>
/// The interface text: Dutch by default, English by option (<c>Web:Language=en</c>). The Dutch sentence is the key,
/// so a page reads as it will be shown; <see cref="English"/> holds its translation.
/// </summary>
public sealed class WebText
{
    private static readonly WebText s_dutch = new("nl", FrozenDictionary<string, string>.Empty);

    private readonly FrozenDictionary<string, string> _translation;

    private WebText(string language, FrozenDictionary<string, string> translation)
    {
        Language = language;
        _translation = translation;
    }

    /// <summary>The language code for the pages' <c>lang</c> attribute.</summary>
    public string Language { get; }

    public string this[string dutch] => _translation.GetValueOrDefault(dutch, dutch);

    public static WebText For(string? language) => language switch
    {
        null or "" or "nl" => s_dutch,
        "en" => new WebText("en", English.ToFrozenDictionary(StringComparer.Ordinal)),
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Web:Language is \"nl\" or \"en\"."),
    };

    public string Format(string dutch, params object?[] values) => string.Format(CultureInfo.InvariantCulture, this[dutch], values);

    public string Number(long value) => value.ToString("N0", Language == "nl" ? s_dutchNumbers : CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal (12,5% in Dutch).</summary>
    public string Percent(double share) => (share * 100).ToString("0.0", Language == "nl" ? s_dutchNumbers : CultureInfo.InvariantCulture) + "%";

    public string Date(DateTimeOffset value) => value.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public string Phase(string phase) => phase switch
    {
        "income" => this["UWV versleutelt inkomens (delen)"],
        "comparison" => this["Geheime vergelijking (batches)"],
        "reveal" => this["Uitkomsten onthuld (batches)"],
        "fairness" => this["Toets gelijke behandeling (kijkmomenten)"],
        "fairness-alerts" => this["Waarschuwingen gelijke behandeling (aantal)"],
        _ => phase,
    };

    public string State(RunState state) => state switch
    {
        RunState.Idle => this["Geen run bezig"],
        RunState.Running => this["Bezig"],
        RunState.Completed => this["Voltooid"],
        _ => this["Gestopt door een fout"],
    };

    public string Duration(TimeSpan value) => value.TotalHours >= 1
        ? Format("{0} uur {1} min", (int)value.TotalHours, value.Minutes)
        : value.TotalMinutes >= 1 ? Format("{0} min {1} s", (int)value.TotalMinutes, value.Seconds) : Format("{0} s", Math.Max(1, (int)Math.Ceiling(value.TotalSeconds)));

    /// <summary>A refused start in plain words; <paramref name="effectiveFrom"/> and <paramref name="expiresAt"/> are the definition's horizon, when there is one.</summary>
    public string Refusal(StartOutcome outcome, DateTimeOffset? effectiveFrom, DateTimeOffset? expiresAt)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Status switch
        {
            StartStatus.AlreadyRunning => this["Er loopt al een run. Wacht tot die klaar is."],
            StartStatus.NoProjectDefinition => this["Deze node heeft geen projectdefinitie. Zonder projectdefinitie mag geen run starten."],
            _ => outcome.Refusal switch
            {
                GovernanceRefusal.BeforeEffectiveDate => Format("Het project is nog niet begonnen. Een run mag pas starten vanaf {0}.", effectiveFrom is { } from ? Day(from) : "?"),
                GovernanceRefusal.HorizonPassed => Format("Het project is afgelopen op {0}. Na die datum mag geen nieuwe run meer starten.", expiresAt is { } end ? Day(end) : "?"),
                GovernanceRefusal.InvalidDefinition => this["De projectdefinitie is ongeldig. Laat haar eerst verbeteren."],
                GovernanceRefusal.DefinitionMismatch => this["UWV werkt met een andere versie van de projectdefinitie dan de SVB. Stem de versies af voordat u een run start."],
                GovernanceRefusal.FieldNotAllowed => this["De run zou een gegeven delen dat de projectdefinitie niet toestaat."],
                _ => Format("Een waarborg van het project weigert de run ({0}).", outcome.Refusal?.ToString() ?? "?"),
            },
        };
    }

    private static string Day(DateTimeOffset value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // The build runs with invariant globalization: Dutch digit grouping is spelled out here.
    private static readonly NumberFormatInfo s_dutchNumbers = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };

    /// <summary>The English text of every Dutch sentence the pages show.</summary>
    internal static readonly IReadOnlyDictionary<string, string> English = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["UWV versleutelt inkomens (delen)"] = "UWV encrypts incomes (chunks)",
        ["Geheime vergelijking (batches)"] = "Secure comparison (batches)",
        ["Geen run bezig"] = "No run in progress",
        ["Bezig"] = "Running",
        ["Voltooid"] = "Completed",
        ["Gestopt door een fout"] = "Stopped by an error",
        ["{0} uur {1} min"] = "{0} h {1} min",
        ["{0} min {1} s"] = "{0} min {1} s",
        ["{0} s"] = "{0} s",
        ["{0} per seconde"] = "{0} per second",
        ["klaar"] = "done",
        ["Er loopt al een run. Wacht tot die klaar is."] = "A run is in progress. Wait until it has finished.",
        ["Deze node heeft geen projectdefinitie. Zonder projectdefinitie mag geen run starten."] = "This node has no project definition. Without one, no run may start.",
        ["Het project is nog niet begonnen. Een run mag pas starten vanaf {0}."] = "The project has not started yet. A run may start from {0}.",
        ["Het project is afgelopen op {0}. Na die datum mag geen nieuwe run meer starten."] = "The project ended on {0}. After that date no new run may start.",
        ["De projectdefinitie is ongeldig. Laat haar eerst verbeteren."] = "The project definition is invalid. Have it corrected first.",
        ["UWV werkt met een andere versie van de projectdefinitie dan de SVB. Stem de versies af voordat u een run start."] = "UWV works with another version of the project definition than SVB. Align the versions before starting a run.",
        ["De run zou een gegeven delen dat de projectdefinitie niet toestaat."] = "The run would share a field the project definition does not allow.",
        ["Een waarborg van het project weigert de run ({0})."] = "A safeguard of the project refuses the run ({0}).",
        ["Te veel pogingen om in te loggen. Probeer het over een minuut opnieuw."] = "Too many sign-in attempts. Try again in a minute.",
        ["Aangekondigde runs"] = "Announced runs",
        ["Uitkomsten onthuld (batches)"] = "Results revealed (batches)",
        ["Toets gelijke behandeling (kijkmomenten)"] = "Non-discrimination monitor (looks)",
        ["Waarschuwingen gelijke behandeling (aantal)"] = "Non-discrimination alerts (count)",
        ["Algoritmeregister"] = "Algorithm register",
        ["Alle runs"] = "All runs",
        ["Antwoorden herhaald"] = "Replies replayed",
        ["Antwoorden opgeslagen"] = "Replies stored",
        ["BSN"] = "BSN",
        ["Batches"] = "Batches",
        ["Bytes SVB naar UWV"] = "Bytes SVB to UWV",
        ["Bytes UWV naar SVB"] = "Bytes UWV to SVB",
        ["De gebruikersnaam of het wachtwoord klopt niet."] = "The user name or the password is wrong.",
        ["De node kon dit verzoek niet afhandelen."] = "The node could not handle this request.",
        ["Delen"] = "Chunks",
        ["Deze pagina bestaat niet op deze node."] = "This page does not exist on this node.",
        ["Deze pagina toont persoonsgegevens. Uw bezoek is vastgelegd in het logboek."] = "This page shows personal data. Your visit has been recorded in the log.",
        ["Deze velden publiceert de organisatie in het algoritmeregister van de overheid. Ze komen uit de projectdefinitie."] = "The organisation publishes these fields in the government's algorithm register. They come from the project definition.",
        ["Download als JSON"] = "Download as JSON",
        ["Er ging iets mis"] = "Something went wrong",
        ["Er is een onafgemaakte run. Starten hervat die run op de plek waar hij stopte."] = "There is an unfinished run. Starting resumes it where it stopped.",
        ["Fase"] = "Phase",
        ["Gebruikersnaam"] = "User name",
        ["Gedaan"] = "Done",
        ["Geen toegang"] = "No access",
        ["Geheime vergelijkingen (aangevuld)"] = "Secure comparisons (padded)",
        ["Geselecteerd"] = "Selected",
        ["Geselecteerd per soort huishouden"] = "Selected per household type",
        ["Geselecteerde huishoudens"] = "Selected households",
        ["Geselecteerde huishoudens (persoonsgegevens)"] = "Selected households (personal data)",
        ["Gestart"] = "Started",
        ["Het formulier was niet geldig of verlopen. Laad de pagina opnieuw en probeer het nog eens."] = "The form was invalid or expired. Reload the page and try again.",
        ["Hier starten en volgen medewerkers van de SVB en UWV de berekening van het project. Log in om verder te gaan."] = "Here staff of SVB and UWV start and follow the project's computation. Sign in to continue.",
        ["Hoofdmenu"] = "Main menu",
        ["Huishouden"] = "Household",
        ["Huishoudens die een brief krijgen"] = "Households that get a letter",
        ["Huishoudens geselecteerd"] = "Households selected",
        ["Huishoudens vergeleken (op versleutelde gegevens)"] = "Households compared (on encrypted data)",
        ["Inloggen"] = "Sign in",
        ["Naar de inhoud"] = "Skip to content",
        ["Naar de startpagina"] = "To the start page",
        ["Niet gevonden"] = "Not found",
        ["Nieuwe run starten"] = "Start a new run",
        ["Nog geen runs aangekondigd."] = "No runs announced yet.",
        ["Nog geen runs."] = "No runs yet.",
        ["Nog nodig"] = "Time left",
        ["Nu"] = "Now",
        ["Nultoetsen"] = "Zero tests",
        ["Onafgemaakt"] = "Unfinished",
        ["Ontsleutelingen"] = "Decryptions",
        ["Openbaar"] = "Public",
        ["Overzicht UWV"] = "UWV overview",
        ["Personen"] = "Persons",
        ["Personen aangekondigd"] = "Persons announced",
        ["Personen geleverd"] = "Persons served",
        ["Personen gevraagd aan UWV"] = "Persons asked of UWV",
        ["Run"] = "Run",
        ["Run hervatten"] = "Resume the run",
        ["Run niet gestart"] = "Run not started",
        ["Run starten"] = "Start a run",
        ["Runs"] = "Runs",
        ["Runs van deze node, nieuwste eerst"] = "Runs of this node, newest first",
        ["Samenreken"] = "Samenreken",
        ["Samenreken: de SVB en UWV rekenen samen op versleutelde gegevens. Niemand ziet de inkomens van een ander."] = "Samenreken: SVB and UWV compute together on encrypted data. Nobody sees another's incomes.",
        ["Selectie in cijfers"] = "Selection in figures",
        ["Snelheid"] = "Rate",
        ["Soort"] = "Type",
        ["Soort huishouden"] = "Household type",
        ["Status"] = "Status",
        ["Te veel pogingen"] = "Too many attempts",
        ["Technische melding"] = "Technical message",
        ["Terug naar de runs"] = "Back to the runs",
        ["Terug naar de selectie in cijfers"] = "Back to the selection in figures",
        ["Transparantie"] = "Transparency",
        ["Uitloggen"] = "Sign out",
        ["Uw rol geeft geen toegang tot deze pagina."] = "Your role gives no access to this page.",
        ["Vergelijkingen"] = "Comparisons",
        ["Vergelijkingen aangekondigd"] = "Comparisons announced",
        ["Vermelding in het algoritmeregister"] = "Algorithm register entry",
        ["Verzoek geweigerd"] = "Request refused",
        ["Voortgang"] = "Progress",
        ["Voortgang per fase"] = "Progress per phase",
        ["Wachtwoord"] = "Password",
        ["Wat de SVB aankondigde en wat UWV leverde. UWV beantwoordt niet meer dan een run aankondigt."] = "What SVB announced and what UWV served. UWV answers no more than a run announces.",
        ["Wat doen wij en waarom? (transparantie)"] = "What do we do and why? (transparency)",
        ["Welkom"] = "Welcome",
        ["gestart"] = "started",
        ["run"] = "run",
        ["{0} huishoudens"] = "{0} households",
        ["Logboek"] = "Audit log",
        ["Logboek controleren"] = "Check the audit log",
        ["Logboek nu controleren"] = "Check the audit log now",
        ["Uitkomst"] = "Result",
        ["Elke handeling van deze node staat in een logboek waarin elke regel naar de vorige verwijst. Wie een regel wijzigt, weghaalt of tussenvoegt, breekt die keten. De controle leest het hele logboek en de ondertekende controlepunten die deze node bewaart."] = "Every action of this node is in a log in which each entry refers to the one before. Whoever changes, removes or inserts an entry breaks that chain. The check reads the whole log and the signed checkpoints this node keeps.",
        ["De controlepunten die de andere node van dit logboek bewaart, controleert u met samenreken audit verify --peer-database."] = "The checkpoints of this log that the other node keeps are checked with samenreken audit verify --peer-database.",
        ["Het logboek van {0} is in orde: {1} regels en {2} controlepunten gecontroleerd."] = "The audit log of {0} is in order: {1} entries and {2} checkpoints checked.",
        ["Het logboek van {0} is niet in orde: de keten is gebroken bij regel {1}. Iemand heeft het logboek gewijzigd of beschadigd."] = "The audit log of {0} is not in order: the chain is broken at entry {1}. Someone has changed or damaged the log.",
        ["kijkmoment"] = "look",
        ["Gelijke behandeling"] = "Equal treatment",
        ["Gelijke behandeling: toets en rapport"] = "Equal treatment: test and report",
        ["Alarmen tijdens de run"] = "Alerts during the run",
        ["Alarmen gelijke behandeling"] = "Equal-treatment alerts",
        ["De monitor gaf tijdens de run geen alarm."] = "The monitor raised no alert during the run.",
        ["Het project houdt de brieven van deze run tegen tot een toetser gelijke behandeling beslist (samenreken fairness acknowledge)."] = "The project holds this run's letters until an equal-treatment reviewer decides (samenreken fairness acknowledge).",
        ["Het project laat de brieven ook bij een alarm uitgaan."] = "The project lets the letters go out even after an alert.",
        ["Bevindingen"] = "Findings",
        ["Geen bevindingen."] = "No findings.",
        ["Alarm"] = "Alert",
        ["Volledig rapport met grafieken"] = "Full report with charts",
        ["Brieven en reacties"] = "Letters and responses",
        ["Brieven en reacties (persoonsgegevens)"] = "Letters and responses (personal data)",
        ["Opgeslagen."] = "Saved.",
        ["Niets opgeslagen. Verbeter deze punten:"] = "Nothing was saved. Correct these points:",
        ["De brieven worden tegengehouden"] = "The letters are held",
        ["Voor deze run zijn nog geen brieven gemaakt. De adressen komen uit het eigen bestand van de SVB en gaan versleuteld in de pilotopslag."] = "No letters have been made for this run yet. The addresses come from SVB's own file and go encrypted into the pilot store.",
        ["Brieven maken"] = "Make the letters",
        ["Evaluatie van deze run"] = "Evaluation of this run",
        ["Reactie registreren"] = "Register a response",
        ["Kenmerk"] = "Reference",
        ["Datum"] = "Date",
        ["Kanaal (bij een reactie)"] = "Channel (with a response)",
        ["Reactie opslaan"] = "Save the response",
        ["Reacties importeren (CSV)"] = "Import responses (CSV)",
        ["Regels met kenmerk,status,datum,kanaal; de eerste regel is de kop. Alles of niets: bij één foute regel wordt niets opgeslagen."] = "Lines of kenmerk,status,datum,kanaal; the first line is the header. All or nothing: with one bad line nothing is saved.",
        ["Importeren"] = "Import",
        ["{0} brieven"] = "{0} letters",
        ["Naam"] = "Name",
        ["Adres"] = "Address",
        ["Brief"] = "Letter",
        ["Vul het kenmerk en de datum in."] = "Fill in the reference and the date.",
        ["Evaluatie"] = "Evaluation",
        ["Voor deze run zijn nog geen brieven gemaakt."] = "No letters have been made for this run yet.",
        ["GESIMULEERD: deze reacties zijn nagebootst voor een demonstratie, het zijn geen echte reacties."] = "SIMULATED: these responses were simulated for a demonstration; they are not real responses.",
        ["Wat volgde op de brieven (aantallen onder {0} worden niet getoond)"] = "What followed the letters (counts below {0} are not shown)",
        ["Stap"] = "Stage",
        ["Aantal"] = "Count",
        ["Brief verstuurd"] = "Letter sent",
        ["Gereageerd"] = "Responded",
        ["Aangevraagd"] = "Applied",
        ["Toegekend"] = "Granted",
        ["Afgewezen"] = "Refused",
        ["onderdrukt"] = "suppressed",
        ["Bewaartermijnen"] = "Retention",
        ["De pilotopslag bewaart de adressenlijst en de reacties per run zo lang als de projectdefinitie toestaat. Daarna vernietigt samenreken retention enforce de sleutel van de run; de geanonimiseerde cijfers blijven."] = "The pilot store keeps each run's mailing list and responses as long as the project definition allows. After that samenreken retention enforce destroys the run's key; the anonymised figures remain.",
        ["De pilotopslag bevat geen runs."] = "The pilot store holds no runs.",
        ["Gegevens in de pilotopslag"] = "Data in the pilot store",
        ["Soort gegevens"] = "Kind of data",
        ["Bewaard sinds"] = "Kept since",
        ["Weg uiterlijk"] = "Gone by",
        ["Actie"] = "Action",
        ["Reden"] = "Reason",
        ["bewaard (geanonimiseerd)"] = "kept (anonymised)",
        ["Nu vernietigen: de termijn is voorbij"] = "Destroy now: the term has passed",
        ["Geen"] = "None",
        ["Vernietigen op die datum"] = "Destroy on that date",
        ["Al vernietigd, alleen de geanonimiseerde cijfers zijn bewaard: {0} runs."] = "Already destroyed, only the anonymised figures are kept: {0} runs.",
        ["Bekijken"] = "View",
        ["pilotteam"] = "pilot team",
        ["privacy officer"] = "privacy officer",
        ["toetser gelijke behandeling"] = "equal-treatment reviewer",
        ["auditor"] = "auditor",
        ["operator UWV"] = "UWV operator",
        ["onbekende rol"] = "unknown role",
        ["De toetser heeft de brieven vrijgegeven: ze mogen uitgaan."] = "The reviewer has released the letters: they may go out.",
        ["De toetser heeft de brieven van deze run voorgoed tegengehouden."] = "The reviewer has stopped this run's letters for good.",
        ["Het project houdt de brieven van deze run tegen tot een toetser gelijke behandeling beslist."] = "The project holds this run's letters until an equal-treatment reviewer decides.",
        ["Beslissing van de toetser"] = "The reviewer's decision",
        ["De beslissing is vastgelegd in het logboek."] = "The decision has been recorded in the audit log.",
        ["{0} gaf de brieven vrij op {1}. Reden: {2}"] = "{0} released the letters on {1}. Reason: {2}",
        ["{0} hield de brieven voorgoed tegen op {1}. Reden: {2}"] = "{0} stopped the letters for good on {1}. Reason: {2}",
        ["De monitor gaf daarna meer alarmen: deze beslissing geldt niet voor de nieuwe alarmen."] = "The monitor raised more alerts since: this decision does not cover the new alerts.",
        ["Mogen de brieven van deze run uitgaan?"] = "May this run's letters go out?",
        ["Vrijgeven: de alarmen zijn onderzocht, de brieven mogen uitgaan"] = "Release: the alerts were examined, the letters may go out",
        ["Stoppen: de brieven van deze run gaan niet uit"] = "Stop: this run's letters do not go out",
        ["Reden (verplicht, één regel; wordt met de beslissing bewaard)"] = "Reason (required, one line; kept with the decision)",
        ["Beslissing vastleggen"] = "Record the decision",
        ["Nog geen beslissing. Alleen de toetser gelijke behandeling kan beslissen."] = "No decision yet. Only the equal-treatment reviewer can decide.",
        ["Over deze alarmen is al beslist."] = "These alerts have been decided on already.",
        ["Kies vrijgeven of stoppen."] = "Choose release or stop.",
        ["Geef de reden van de beslissing."] = "Give the reason for the decision.",
        ["Deze run is niet voltooid."] = "This run has not completed.",
        ["De monitor gaf tijdens deze run geen alarm: er is niets te beslissen."] = "The monitor raised no alert during this run: there is nothing to decide.",
        ["Geef de reden in één regel, zonder reeksen van negen cijfers (die kunnen een BSN zijn)."] = "Give the reason in one line, without runs of nine digits (they could be a BSN).",
        ["Uitgevoerd"] = "Done",
        ["Aantal runs vernietigd: {0}. De geanonimiseerde cijfers zijn bewaard; elke vernietiging staat in het logboek."] = "Runs destroyed: {0}. The anonymised figures are kept; each destruction is in the audit log.",
        ["Run {0}: {1} records vernietigd (termijn {2}: {3})"] = "Run {0}: {1} records destroyed (term {2}: {3})",
        ["Wat vandaag moet gebeuren"] = "What is due today",
        ["Vandaag is niets aan de beurt: geen termijn is voorbij."] = "Nothing is due today: no term has passed.",
        ["De termijn is voorbij voor deze runs. Vernietigen wist de sleutel van de run, zodat de adressenlijst en de reacties onleesbaar worden; de geanonimiseerde cijfers blijven voor de evaluatie."] = "The term has passed for these runs. Destroying erases the run's key, so that the mailing list and the responses become unreadable; the anonymised figures remain for the evaluation.",
        ["Bevestigen: nu vernietigen (aantal runs: {0})"] = "Confirm: destroy now (number of runs: {0})",
        ["Alleen de privacy officer kan de vernietiging uitvoeren."] = "Only the privacy officer can carry out the destruction.",
        ["Aantallen van 1 tot {0} personen worden niet getoond, en ook niet de aantallen waaruit ze door aftrekken terug te rekenen zijn (“onderdrukt”). Dezelfde regels als samenreken evaluate."] = "Counts of 1 to {0} persons are not shown, nor the counts from which they could be recovered by subtraction (“suppressed”). The same rules as samenreken evaluate.",
        ["Per run en per maand"] = "Per run and per month",
        ["Alle runs in de pilotopslag, per run, per maand van de brieven en samen; percentages alleen uit getoonde aantallen"] = "All runs in the pilot store, per run, per month of the letters and together; percentages only from counts shown",
        ["Rij"] = "Row",
        ["Reactie"] = "Response",
        ["Aanvraag"] = "Application",
        ["Toekenning"] = "Grant",
        ["Alle runs samen"] = "All runs together",
        ["Maand {0}"] = "Month {0}",
        ["Run {0}"] = "Run {0}",
        ["{0}"] = "{0}",
        ["De trechter van alle runs"] = "The funnel of all runs",
        ["GESIMULEERDE trechter (geen echte cijfers), alle runs"] = "SIMULATED funnel (no real figures), all runs",
        ["Trechter, alle runs"] = "Funnel, all runs",
        ["Controlepunten van beide nodes"] = "Checkpoints of both nodes",
        ["Aan het eind van een run ondertekent elke node de kop van zijn logboek en stuurt dat controlepunt naar de andere node. Wat de andere node bewaart, kan deze node niet meer stilletjes herschrijven."] = "At the end of a run each node signs the head of its audit log and sends that checkpoint to the other node. What the other node keeps, this node can no longer quietly rewrite.",
        ["Deze node bewaart nog geen controlepunten."] = "This node keeps no checkpoints yet.",
        ["Het laatste controlepunt per logboek dat deze node bewaart"] = "The latest checkpoint per audit log that this node keeps",
        ["Logboek van"] = "Audit log of",
        ["Ondertekend door"] = "Signed by",
        ["Tot en met regel"] = "Up to entry",
        ["Tijd"] = "Time",
        ["Kop (SHA-256)"] = "Head (SHA-256)",
        ["Handtekening"] = "Signature",
        ["Bewaard"] = "Kept",
        ["{0} (de andere node)"] = "{0} (the other node)",
        ["{0} (deze node)"] = "{0} (this node)",
        ["geldig"] = "valid",
        ["ONGELDIG"] = "INVALID",
        ["{0} controlepunten"] = "{0} checkpoints",
    };
}
