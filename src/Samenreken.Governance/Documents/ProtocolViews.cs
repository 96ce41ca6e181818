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
    public static IReadOnlyList<ProtocolStepView> For(ComparisonEngine engine) => engine == ComparisonEngine.Dgk ? s_dgk : [];

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
}
