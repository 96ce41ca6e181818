using Samenreken.Governance.Definition;

namespace Samenreken.Governance.Documents;

/// <summary>One protocol step: who sends what, and what each party can read from it.</summary>
public sealed record ProtocolStepView(int Step, string Message, string From, string To, string SvbSees, string UwvSees);

/// <summary>
/// What the code reveals to whom, per step of the pilot's exchange (docs/pilot-run.md, docs/protocol.md "What each
/// party sees"; the statistical claims are the ones SecureComparisonPrivacyTests checks). The DPIA prints this table.
/// </summary>
public static class ProtocolViews
{
    /// <summary>The steps for a comparison engine; empty when the engine's views are not described here yet.</summary>
    public static IReadOnlyList<ProtocolStepView> For(ComparisonEngine engine) => engine switch
    {
        ComparisonEngine.Dgk => s_dgk,
        ComparisonEngine.Gc => s_gc,
        _ => [],
    };

    private static readonly ProtocolStepView[] s_dgk =
    [
        new(1, "IncomeRequest", "svb", "uwv", "eigen gegevens", "de gevraagde BSN's, oplopend gesorteerd (geen huishoudstructuur), een willekeurig request-id, het aantal"),
        new(2, "IncomeResponse", "uwv", "svb", "per BSN een Paillier-ciphertext onder de sleutel van het UWV: onleesbaar", "eigen Polis-gegevens en de eigen berekening per persoon"),
        new(3, "(lokaal) huishoudsom", "svb", "svb", "versleutelde sommen per huishouden: onleesbaar", "niets"),
        new(4, "BlindedDifferences", "svb", "uwv", "eigen blinderingen", "d = z + r, statistisch verblind (κ = 40 bits): onafhankelijk van inkomen en norm"),
        new(5, "EncryptedBits", "uwv", "svb", "DGK- en Paillier-ciphertexts: onleesbaar", "niets nieuws"),
        new(6, "MaskedTerms", "svb", "uwv", "eigen maskers", "het nulpatroon van geschudde, verblinde termen: een eerlijke munt per vergelijking"),
        new(7, "ZeroTestResults", "uwv", "svb", "Paillier-ciphertexts: onleesbaar", "niets nieuws"),
        new(8, "MaskedOutputs", "svb", "uwv", "eigen maskerbits", "b ⊕ ρ: uniform willekeurige bits"),
        new(9, "RevealedBits", "uwv", "svb", "na ontmaskeren één bit per huishouden: onder de norm of niet", "niets nieuws; het aantal vergelijkingen is opgevuld tot het aantal gevraagde personen"),
    ];

    /// <summary>
    /// The garbled-circuit engine as the nodes run it (docs/protocol.md "What each party sees (garbled engine)"; the
    /// claims are the ones GarbledComparisonPrivacyTests checks): steps 1–3 as in the DGK engine, one session per run,
    /// then one round trip per batch. SVB is the evaluator, UWV the key holder that garbles.
    /// </summary>
    private static readonly ProtocolStepView[] s_gc =
    [
        s_dgk[0],
        s_dgk[1],
        s_dgk[2],
        new(4, "SessionOpen", "svb", "uwv", "eigen geheime waarde a", "één willekeurig punt S op de curve (eenmaal per run): onafhankelijk van alle gegevens"),
        new(5, "SessionAccept", "uwv", "svb", "128 punten R_i: uniform willekeurig, wat de geheime Δ van het UWV ook is", "eigen geheime Δ en sleutels"),
        new(6, "BlindedBatch", "svb", "uwv", "eigen blinderingen r", "d = z + r, statistisch verblind (κ = 40 bits), en OT-kolommen die pseudowillekeurig zijn: onafhankelijk van inkomen, norm en de keuzebits van de SVB"),
        new(7, "GarbledCircuits", "uwv", "svb", "versleutelde poorttabellen en per draad één label: na evalueren één bit per huishouden, onder de norm of niet", "niets nieuws: het UWV ziet nooit een uitvoerlabel; het aantal vergelijkingen is opgevuld tot het aantal gevraagde personen"),
    ];
}
