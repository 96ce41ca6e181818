using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Samenreken.Governance.Audit;

/// <summary>
/// What a caller asks to record. The factory refuses anything that looks like personal data in its text (a run of
/// nine or more digits could be a BSN) and hash values that are not 64 hex digits: the audit log holds counts and
/// hashes only.
/// </summary>
public sealed partial record AuditRecord
{
    private AuditRecord(AuditKind kind, string actor, string? runId, string? detail, ImmutableSortedDictionary<string, long> counts, ImmutableSortedDictionary<string, string> hashes)
    {
        Kind = kind;
        Actor = actor;
        RunId = runId;
        Detail = detail;
        Counts = counts;
        Hashes = hashes;
    }

    public AuditKind Kind { get; }

    public string Actor { get; }

    public string? RunId { get; }

    public string? Detail { get; }

    public ImmutableSortedDictionary<string, long> Counts { get; }

    public ImmutableSortedDictionary<string, string> Hashes { get; }

    public static AuditRecord Create(
        AuditKind kind,
        string actor,
        string? runId = null,
        string? detail = null,
        IEnumerable<KeyValuePair<string, long>>? counts = null,
        IEnumerable<KeyValuePair<string, string>>? hashes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var countMap = (counts ?? []).ToImmutableSortedDictionary(StringComparer.Ordinal);
        var hashMap = (hashes ?? []).ToImmutableSortedDictionary(h => h.Key, h => h.Value.ToLowerInvariant(), StringComparer.Ordinal);
        // A node's run id is 32 random hex digits, which hold a run of nine decimal digits about a third of the time:
        // it is exempt from the BSN check (it is not personal data); any other run id is checked.
        var checkedRunId = runId is not null && RandomRunId().IsMatch(runId) ? null : runId;
        foreach (var (name, text) in new[] { (nameof(actor), actor), (nameof(runId), checkedRunId), (nameof(detail), detail) }
            .Concat(countMap.Keys.Select(k => (nameof(counts), (string?)k)))
            .Concat(hashMap.Keys.Select(k => (nameof(hashes), (string?)k))))
        {
            if (text is not null && PossibleBsn().IsMatch(text))
            {
                throw new ArgumentException("Audit text must not contain a run of nine or more digits (it could be a BSN); record a hash or a count instead.", name);
            }
        }

        foreach (var value in hashMap.Values.Where(v => v.Length != 64 || !v.All(char.IsAsciiHexDigit)))
        {
            throw new ArgumentException($"Audit hash values are 64 hexadecimal digits (SHA-256), not '{value[..Math.Min(value.Length, 12)]}…'.", nameof(hashes));
        }

        return new AuditRecord(kind, actor, runId, detail, countMap, hashMap);
    }

    [GeneratedRegex("[0-9]{9}")]
    private static partial Regex PossibleBsn();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex RandomRunId();
}
