using System.Collections.Immutable;

namespace Samenreken.Governance.Definition;

/// <summary>A legal basis: the article and what it provides.</summary>
public sealed record LegalBasis(string Reference, string Text);

/// <summary>How a contributed field travels to the parties it is shared with.</summary>
public enum FieldForm
{
    /// <summary>Readable by the recipient.</summary>
    Plaintext,

    /// <summary>Only as ciphertexts under a key the recipient does not hold.</summary>
    Encrypted,
}

/// <summary>One field a party feeds into the computation, and the parties it is sent to (empty: it stays local).</summary>
public sealed record ContributedField(string Field, string Description, string Category, ImmutableArray<string> SharedWith, FieldForm Form);

/// <summary>One thing a party may learn from a run.</summary>
public sealed record Disclosure(string Item, string Description);

/// <summary>A party, its roles, the fields it contributes and what it may learn.</summary>
public sealed record Party(string Id, string Name, ImmutableArray<string> Roles, string RoleDescription,
    ImmutableArray<ContributedField> Contributes, ImmutableArray<Disclosure> Learns);

/// <summary>The necessity, proportionality and subsidiarity reasoning.</summary>
public sealed record NecessityAndProportionality(string Necessity, string Proportionality, string Subsidiarity);

/// <summary>The fairness monitor's groups and thresholds (the non-discrimination issue reads these).</summary>
public sealed record FairnessMonitorSettings(
    ImmutableArray<string> Groups,
    int IntersectionDepth,
    decimal RateRatioLower,
    decimal RateRatioUpper,
    decimal Alpha,
    ImmutableArray<string> LegitimateFactors,
    int MinimumCellSize,
    bool HoldLettersOnAlert);

/// <summary>When a retention term starts to run.</summary>
public enum RetentionStart
{
    /// <summary>From the end of the run that produced the record.</summary>
    RunFinished,

    /// <summary>From the moment the record was written.</summary>
    RecordCreated,
}

/// <summary>
/// Retention of one data category: a term in days from <see cref="StartsAt"/>, cut short by the horizon when
/// <see cref="EndsAtHorizon"/>; or <see cref="Anonymised"/> figures that hold no personal data and are kept.
/// </summary>
public sealed record RetentionRule(string Category, string Description, int? TermDays, RetentionStart? StartsAt, bool EndsAtHorizon, bool Anonymised);

/// <summary>The period in which runs may start: from <see cref="EffectiveFrom"/> up to, not including, <see cref="ExpiresAt"/>.</summary>
public sealed record Horizon(DateTimeOffset EffectiveFrom, DateTimeOffset ExpiresAt, string Basis);

/// <summary>The secure comparison engine a run uses.</summary>
public enum ComparisonEngine
{
    /// <summary>DGK/Veugen on homomorphic ciphertexts.</summary>
    Dgk,

    /// <summary>Garbled circuit.</summary>
    Gc,
}

/// <summary>The cryptographic parameters both nodes must announce.</summary>
public sealed record CryptoParameters(int PaillierModulusBits, int DgkModulusBits, int DgkRandomnessBits, int ComparisonBits,
    int StatisticalSecurityBits, ComparisonEngine ComparisonEngine);

/// <summary>How citizens reach the controller, for letters and the transparency page.</summary>
public sealed record ContactDetails(string Organisation, string Phone, Uri Website, string PostalAddress, string Objection);

/// <summary>Short sentences for citizens: why the project exists and what it does.</summary>
public sealed record PlainLanguage(string Why, string What);
