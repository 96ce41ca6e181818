using System.Globalization;
using Samenreken.Disclosure;
using Samenreken.Governance.Definition;

namespace Samenreken.Governance.Documents;

/// <summary>One protocol step: who sends what, and what each party can read from it.</summary>
public sealed record ProtocolStepView(int Step, string Message, string From, string To, string SvbSees, string UwvSees);

/// <summary>
/// What the code reveals to whom, per step of the pilot's exchange, in Dutch for the DPIA. The rows are rendered from
/// <see cref="PartyViews"/>, the description whose statistical claims the privacy tests check (Samenreken.Protocols.Tests,
/// DescribedViewChecks), so the table cannot say more or less than the tests back.
/// </summary>
public static class ProtocolViews
{
    /// <summary>The steps for a comparison engine; empty when the engine's views are not described.</summary>
    public static IReadOnlyList<ProtocolStepView> For(ComparisonEngine engine)
        => Description(engine) is { } description ? Render(description) : [];

    /// <summary>The description of an engine's exchange, or null when there is none.</summary>
    public static ExchangeViews? Description(ComparisonEngine engine) => engine switch
    {
        ComparisonEngine.Dgk => PartyViews.Dgk,
        ComparisonEngine.Gc => PartyViews.GarbledCircuit,
        _ => null,
    };

    /// <summary>One row per described step: the receiver's column says what it learns, the sender's that it learns nothing new.</summary>
    public static IReadOnlyList<ProtocolStepView> Render(ExchangeViews description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return [.. description.Steps.Select(step => new ProtocolStepView(
            step.Number,
            step.IsLocal ? $"(lokaal) {step.Message}" : step.Message,
            PartyId(step.From),
            PartyId(step.To),
            Sees(step, ExchangeParty.Svb),
            Sees(step, ExchangeParty.Uwv)))];
    }

    /// <summary>The Dutch sentence for one claim.</summary>
    public static string Sentence(ViewClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.Kind switch
        {
            ViewKind.RequestedIdentifiers => "de gevraagde BSN's, oplopend gesorteerd (geen huishoudstructuur), een willekeurig request-id en het aantal",
            ViewKind.Ciphertext => "ciphertexts onder een sleutel van de andere partij: onleesbaar",
            ViewKind.StatisticallyBlinded => string.Create(CultureInfo.InvariantCulture, $"d = z + r, statistisch verblind (κ = {claim.SecurityBits} bits): onafhankelijk van inkomen en norm"),
            ViewKind.PaddedCount => "het aantal vergelijkingen, opgevuld tot het aantal gevraagde personen",
            ViewKind.FairCoinZeroPattern => "het nulpatroon van geschudde, verblinde termen: een eerlijke munt per vergelijking",
            ViewKind.UniformBits => "bits die uniform willekeurig zijn, wat de invoer ook is",
            ViewKind.IndependentOfData => "verse willekeur, getrokken voordat er gegevens zijn: onafhankelijk van alle gegevens",
            ViewKind.PseudorandomOtColumns => "OT-kolommen die pseudowillekeurig zijn: onafhankelijk van de keuzebits van de andere partij",
            ViewKind.GarbledTables => "versleutelde poorttabellen en per draad één label: pseudowillekeurig zonder de geheime Δ van de andere partij",
            ViewKind.OneBitPerHousehold => "één bit per huishouden: onder de norm of niet",
            _ => throw new ArgumentOutOfRangeException(nameof(claim), claim.Kind, "No Dutch sentence for this kind of view."),
        };
    }

    private static string Sees(ExchangeStep step, ExchangeParty party)
        => party == step.To ? string.Join("; ", step.ReceiverLearns.Select(Sentence))
            : party == step.From ? "alleen wat zij zelf stuurt: niets nieuws"
            : "niets";

    private static string PartyId(ExchangeParty party) => party == ExchangeParty.Svb ? "svb" : "uwv";
}
