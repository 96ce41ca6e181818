using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Json.Schema;

namespace Samenreken.Governance.Definition;

/// <summary>
/// A validated, versioned project definition: what a data-sharing project may do, for whom and until when. Every
/// run needs one. Load it with <see cref="TryParse"/> (untrusted text: a result, never an exception) or
/// <see cref="Parse"/>; then <see cref="EnsureRunMayStart"/>, <see cref="EnsureSameAs"/> and
/// <see cref="EnsureMayShare"/> are the checks a node applies before and during a run.
/// </summary>
public sealed class ProjectDefinition
{
    private static readonly Lazy<JsonSchema> s_schema = new(() => JsonSchema.FromText(ProjectDefinitionSchema.Json));

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private ProjectDefinition(Document document, ProjectDefinitionHash hash)
    {
        Id = document.Id;
        Version = document.Version;
        Title = document.Title;
        IsFictitious = document.Fictitious;
        Controller = document.Controller;
        Purpose = document.Purpose;
        PlainLanguage = document.PlainLanguage ?? new PlainLanguage(document.Purpose, document.Purpose);
        LegalBasis = document.LegalBasis;
        Parties = document.Parties;
        NecessityAndProportionality = document.NecessityAndProportionality;
        EqualTreatment = document.EqualTreatment;
        FairnessMonitor = document.FairnessMonitor;
        Retention = document.Retention;
        Horizon = document.Horizon;
        Crypto = document.Crypto;
        Contact = document.Contact;
        Hash = hash;
    }

    public string Id { get; }

    public int Version { get; }

    public string Title { get; }

    /// <summary>True for the demo's invented successor project: every output says so.</summary>
    public bool IsFictitious { get; }

    /// <summary>The party id of the controller (verwerkingsverantwoordelijke).</summary>
    public string Controller { get; }

    public string Purpose { get; }

    /// <summary>The citizen-facing summary; the purpose when the file gives none.</summary>
    public PlainLanguage PlainLanguage { get; }

    public ImmutableArray<LegalBasis> LegalBasis { get; }

    public ImmutableArray<Party> Parties { get; }

    public NecessityAndProportionality NecessityAndProportionality { get; }

    public string EqualTreatment { get; }

    public FairnessMonitorSettings FairnessMonitor { get; }

    public ImmutableArray<RetentionRule> Retention { get; }

    public Horizon Horizon { get; }

    public CryptoParameters Crypto { get; }

    public ContactDetails Contact { get; }

    /// <summary>The canonical hash both nodes compare before a run.</summary>
    public ProjectDefinitionHash Hash { get; }

    /// <summary>Parses and validates a definition (YAML, or JSON which is YAML too); every error names its location.</summary>
    public static bool TryParse(string text, out ProjectDefinition? definition, out IReadOnlyList<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        definition = null;
        var found = new List<DefinitionError>();
        errors = found;
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var root = YamlToJson.Convert(text, lines, found);
        if (found.Count > 0)
        {
            return false;
        }

        var element = JsonSerializer.SerializeToElement(root);
        var result = s_schema.Value.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (!result.IsValid)
        {
            foreach (var detail in (result.Details ?? []).Prepend(result).Where(d => d.Errors is { Count: > 0 }))
            {
                var pointer = detail.InstanceLocation.ToString();
                foreach (var message in detail.Errors!.Values)
                {
                    found.Add(new DefinitionError(pointer.Length == 0 ? "/" : pointer, lines.GetValueOrDefault(pointer) is var line and > 0 ? line : null, message));
                }
            }

            found = [.. found.Distinct()];
            errors = found;
            return false;
        }

        var document = root.Deserialize<Document>(s_json)!;
        CheckConsistency(document, lines, found);
        if (found.Count > 0)
        {
            return false;
        }

        definition = new ProjectDefinition(document, ProjectDefinitionHash.Of(CanonicalJson.Serialize(root)));
        return true;
    }

    /// <summary>Parses a definition or throws <see cref="GovernanceException"/> (<see cref="GovernanceRefusal.InvalidDefinition"/>) listing every error.</summary>
    public static ProjectDefinition Parse(string text)
    {
        if (TryParse(text, out var definition, out var errors))
        {
            return definition!;
        }

        throw new GovernanceException(GovernanceRefusal.InvalidDefinition,
            $"The project definition is invalid ({errors.Count} error{(errors.Count == 1 ? "" : "s")}): {errors[0]}",
            [.. errors.Select(e => e.ToString())]);
    }

    /// <summary>The party with this id, or an <see cref="GovernanceRefusal.UnknownParty"/> refusal.</summary>
    public Party Party(string id) => Parties.FirstOrDefault(p => p.Id == id)
        ?? throw new GovernanceException(GovernanceRefusal.UnknownParty, $"Party '{id}' is not named in project '{Id}'.");

    /// <summary>True while runs may start: from the effective date up to (not including) the horizon.</summary>
    public bool IsWithinHorizon(DateTimeOffset now) => now >= Horizon.EffectiveFrom && now < Horizon.ExpiresAt;

    /// <summary>Refuses a run before the effective date or at and after the horizon (art. 7).</summary>
    public void EnsureRunMayStart(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        if (now < Horizon.EffectiveFrom)
        {
            throw new GovernanceException(GovernanceRefusal.BeforeEffectiveDate,
                string.Create(CultureInfo.InvariantCulture, $"Project '{Id}' takes effect on {Horizon.EffectiveFrom:O}; no run may start before then."));
        }

        if (now >= Horizon.ExpiresAt)
        {
            throw new GovernanceException(GovernanceRefusal.HorizonPassed,
                string.Create(CultureInfo.InvariantCulture, $"Project '{Id}' lapsed at its horizon {Horizon.ExpiresAt:O} ({Horizon.Basis}); no run may start."));
        }
    }

    /// <summary>Refuses a run announced under another definition than the one this node is configured with.</summary>
    public void EnsureSameAs(ProjectDefinitionHash announced)
    {
        ArgumentNullException.ThrowIfNull(announced);
        if (announced != Hash)
        {
            throw new GovernanceException(GovernanceRefusal.DefinitionMismatch,
                $"The peer announced project definition {announced}; this node is configured with '{Id}' version {Version}, {Hash}.");
        }
    }

    /// <summary>The fields <paramref name="party"/> may send to <paramref name="recipient"/>, as the definition lists them.</summary>
    public IReadOnlyList<ContributedField> FieldsSharedWith(string party, string recipient)
    {
        var sender = Party(party);
        _ = Party(recipient);
        return [.. sender.Contributes.Where(f => f.SharedWith.Contains(recipient))];
    }

    /// <summary>
    /// Refuses when <paramref name="party"/> would send <paramref name="recipient"/> any field the definition does not
    /// list for that recipient (e.g. SVB to UWV: only BSN and the AOW-age indication, art. 5b).
    /// </summary>
    public void EnsureMayShare(string party, string recipient, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var allowed = FieldsSharedWith(party, recipient).Select(f => f.Field).ToHashSet(StringComparer.Ordinal);
        var refused = fields.Where(f => !allowed.Contains(f)).Distinct(StringComparer.Ordinal).ToArray();
        if (refused.Length > 0)
        {
            throw new GovernanceException(GovernanceRefusal.FieldNotAllowed,
                $"Project '{Id}' does not allow {party} to send {string.Join(", ", refused)} to {recipient}; allowed: {(allowed.Count == 0 ? "nothing" : string.Join(", ", allowed.Order(StringComparer.Ordinal)))}.",
                refused);
        }
    }

    /// <summary>The retention rule of a data category, or null when the definition names none.</summary>
    public RetentionRule? RetentionOf(string category) => Retention.FirstOrDefault(r => r.Category == category);

    private static void CheckConsistency(Document document, Dictionary<string, int> lines, List<DefinitionError> errors)
    {
        void Error(string pointer, string message) => errors.Add(new DefinitionError(pointer, lines.GetValueOrDefault(pointer) is var l and > 0 ? l : null, message));

        var ids = document.Parties.Select(p => p.Id).ToList();
        foreach (var duplicate in ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Error("/parties", $"party '{duplicate.Key}' is listed more than once");
        }

        if (!ids.Contains(document.Controller))
        {
            Error("/controller", $"the controller '{document.Controller}' is not one of the parties ({string.Join(", ", ids)})");
        }

        for (var p = 0; p < document.Parties.Length; p++)
        {
            var party = document.Parties[p];
            foreach (var duplicate in party.Contributes.GroupBy(f => f.Field, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                Error($"/parties/{p}/contributes", $"field '{duplicate.Key}' is listed more than once for {party.Id}");
            }

            for (var f = 0; f < party.Contributes.Length; f++)
            {
                for (var r = 0; r < party.Contributes[f].SharedWith.Length; r++)
                {
                    var recipient = party.Contributes[f].SharedWith[r];
                    var pointer = $"/parties/{p}/contributes/{f}/shared_with/{r}";
                    if (recipient == party.Id)
                    {
                        Error(pointer, $"{party.Id} cannot share a field with itself");
                    }
                    else if (!ids.Contains(recipient))
                    {
                        Error(pointer, $"'{recipient}' is not one of the parties ({string.Join(", ", ids)})");
                    }
                }
            }
        }

        var monitor = document.FairnessMonitor;
        foreach (var factor in monitor.LegitimateFactors.Where(f => !monitor.Groups.Contains(f)))
        {
            Error("/fairness_monitor/legitimate_factors", $"legitimate factor '{factor}' is not one of the monitored groups");
        }

        if (monitor.IntersectionDepth > monitor.Groups.Length)
        {
            Error("/fairness_monitor/intersection_depth", $"depth {monitor.IntersectionDepth} exceeds the {monitor.Groups.Length} monitored groups");
        }

        foreach (var duplicate in document.Retention.GroupBy(r => r.Category, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Error("/retention", $"retention for '{duplicate.Key}' is given more than once");
        }

        if (document.Horizon.ExpiresAt <= document.Horizon.EffectiveFrom)
        {
            Error("/horizon/expires_at", "the horizon must lie after the effective date");
        }
    }

    /// <summary>The file's shape, bound by System.Text.Json after the schema accepted it.</summary>
    private sealed record Document(
        int SchemaVersion,
        string Id,
        int Version,
        string Title,
        bool Fictitious,
        string Controller,
        string Purpose,
        PlainLanguage? PlainLanguage,
        ImmutableArray<LegalBasis> LegalBasis,
        ImmutableArray<Party> Parties,
        NecessityAndProportionality NecessityAndProportionality,
        string EqualTreatment,
        FairnessMonitorSettings FairnessMonitor,
        ImmutableArray<RetentionRule> Retention,
        Horizon Horizon,
        CryptoParameters Crypto,
        ContactDetails Contact);
}
