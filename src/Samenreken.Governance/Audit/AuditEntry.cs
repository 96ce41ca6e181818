using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samenreken.Governance.Definition;

namespace Samenreken.Governance.Audit;

/// <summary>What an audit entry records. Stable names: they are hashed into the chain.</summary>
public enum AuditKind
{
    RunAnnounced,
    RunStarted,
    RunResumed,
    RunFinished,
    RunFailed,
    RunRefused,
    BsnBatchSent,
    BsnBatchReceived,
    CiphertextsServed,
    DecryptionsServed,
    ZeroTestsServed,
    PilotStoreAccess,
    PilotStoreExport,
    ResponseRegistered,
    RetentionAction,
    MonitorAlert,
    CheckpointSent,
    PeerCheckpointStored,
    ReviewDecision,
}

/// <summary>
/// One link of a node's hash chain. <see cref="Hash"/> = SHA-256 over the canonical form of every other field,
/// including <see cref="PreviousHash"/>, so editing, removing, inserting or reordering any entry breaks the chain
/// from that point. Holds counts and hashes only: never a BSN, a name or an amount (<see cref="AuditRecord"/> refuses them).
/// </summary>
public sealed record AuditEntry
{
    /// <summary>The previous hash of the first entry: 32 zero bytes.</summary>
    public static readonly ImmutableArray<byte> GenesisHash = [.. new byte[32]];

    private const string Domain = "samenreken-audit-entry-v1";

    internal AuditEntry(long sequence, DateTimeOffset time, AuditRecord record, ImmutableArray<byte> previousHash)
    {
        Sequence = sequence;
        Time = time;
        Kind = record.Kind;
        RunId = record.RunId;
        Actor = record.Actor;
        Detail = record.Detail;
        Counts = record.Counts;
        Hashes = record.Hashes;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    private AuditEntry(JsonObject json)
    {
        Sequence = json["sequence"]!.GetValue<long>();
        Time = DateTimeOffset.Parse(json["time"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Kind = Enum.Parse<AuditKind>(json["kind"]!.GetValue<string>());
        RunId = json["run_id"]?.GetValue<string>();
        Actor = json["actor"]!.GetValue<string>();
        Detail = json["detail"]?.GetValue<string>();
        Counts = json["counts"]!.AsObject().ToImmutableSortedDictionary(p => p.Key, p => p.Value!.GetValue<long>(), StringComparer.Ordinal);
        Hashes = json["hashes"]!.AsObject().ToImmutableSortedDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        PreviousHash = [.. Convert.FromHexString(json["previous_hash"]!.GetValue<string>())];
        Hash = [.. Convert.FromHexString(json["hash"]!.GetValue<string>())];
    }

    /// <summary>Position in the chain, from 0, without gaps.</summary>
    public long Sequence { get; init; }

    /// <summary>When it was written (UTC, milliseconds).</summary>
    public DateTimeOffset Time { get; init; }

    public AuditKind Kind { get; init; }

    public string? RunId { get; init; }

    /// <summary>Who acted: a node id, an operator's user name, a command.</summary>
    public string Actor { get; init; }

    /// <summary>Why, or what, in words without personal data.</summary>
    public string? Detail { get; init; }

    public ImmutableSortedDictionary<string, long> Counts { get; init; }

    /// <summary>Hex SHA-256 values by name, e.g. a BSN batch hash (<see cref="BsnBatchHash"/>) or a definition hash.</summary>
    public ImmutableSortedDictionary<string, string> Hashes { get; init; }

    public ImmutableArray<byte> PreviousHash { get; init; }

    /// <summary>The stored hash of this entry (verification recomputes it).</summary>
    public ImmutableArray<byte> Hash { get; init; }

    /// <summary>The stored form: one JSON object, e.g. for a database column. <see cref="TryDeserialize"/> reads it back.</summary>
    public string Serialize() => Encoding.UTF8.GetString(CanonicalJson.Serialize(ToJson(includeHash: true)));

    /// <summary>Reads a stored entry; false for anything malformed (the store is untrusted during verification).</summary>
    public static bool TryDeserialize(string text, out AuditEntry? entry)
    {
        entry = null;
        try
        {
            entry = new AuditEntry(JsonNode.Parse(text)!.AsObject());
            return entry.PreviousHash.Length == 32 && entry.Hash.Length == 32;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or NullReferenceException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stands in for a stored entry at <paramref name="sequence"/> that does not parse: its hash (all zeros) matches no
    /// content, so verification names that position as edited instead of the reader throwing.
    /// </summary>
    public static AuditEntry Unreadable(long sequence)
        => new AuditEntry(sequence, DateTimeOffset.UnixEpoch, AuditRecord.Create(AuditKind.RunFailed, "unreadable", detail: "stored entry does not parse"), GenesisHash)
            with { Hash = GenesisHash };

    /// <summary>The hash the content actually has; differs from <see cref="Hash"/> when the entry was edited.</summary>
    public ImmutableArray<byte> ComputeHash()
    {
        var content = CanonicalJson.Serialize(ToJson(includeHash: false));
        return [.. SHA256.HashData([.. Encoding.UTF8.GetBytes(Domain), 0, .. content])];
    }

    private JsonObject ToJson(bool includeHash)
    {
        var json = new JsonObject
        {
            ["sequence"] = Sequence,
            ["time"] = Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["kind"] = Kind.ToString(),
            ["run_id"] = RunId,
            ["actor"] = Actor,
            ["detail"] = Detail,
            ["counts"] = new JsonObject(Counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
            ["hashes"] = new JsonObject(Hashes.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
            ["previous_hash"] = Convert.ToHexStringLower(PreviousHash.AsSpan()),
        };
        if (includeHash)
        {
            json["hash"] = Convert.ToHexStringLower(Hash.AsSpan());
        }

        return json;
    }
}
