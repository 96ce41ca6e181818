using System.Collections.Immutable;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Samenreken.Governance.Audit;

namespace Samenreken.Storage;

/// <summary>
/// A node's audit chain and the checkpoints it holds (its own and the peer's), in the node's own database (SQLite or
/// PostgreSQL, see <see cref="NodeDatabase"/>). Append-only: the store offers no update or delete, and the sequence
/// is the primary key, so a second writer racing for the same position fails instead of forking the chain. Each
/// entry is kept in its serialized form exactly as it was hashed; reading never repairs anything, so verification
/// sees what is stored. Every write commits or throws: a failed audit write aborts the action it records.
/// </summary>
public sealed class DatabaseAuditStore : IAuditStore
{
    // {node}: the node's id, so two nodes sharing one database (the demo's --database-url) keep separate chains.
    private static readonly string[] s_schema =
    [
        """
        CREATE TABLE IF NOT EXISTS {node}_audit_entries (sequence BIGINT PRIMARY KEY, entry TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS {node}_audit_checkpoints (node_id TEXT NOT NULL, sequence BIGINT NOT NULL, head_hash {blob} NOT NULL,
            time_ms BIGINT NOT NULL, run_id TEXT, signature {blob} NOT NULL, PRIMARY KEY (node_id, sequence, signature))
        """,
    ];

    private readonly NodeDatabase _database;
    private readonly string _entries;
    private readonly string _checkpoints;

    private DatabaseAuditStore(NodeDatabase database, string nodeId)
    {
        _database = database;
        _entries = nodeId + "_audit_entries";
        _checkpoints = nodeId + "_audit_checkpoints";
    }

    public DatabaseEngine Engine => _database.Engine;

    /// <summary>
    /// Opens (creating or migrating) the audit tables of node <paramref name="nodeId"/> (e.g. "svb", "uwv") in the node
    /// database of <paramref name="connectionString"/>: the same string the node's <see cref="SvbStore"/> or
    /// <see cref="UwvStore"/> uses. The tables are <c>{nodeId}_audit_entries</c> and <c>{nodeId}_audit_checkpoints</c>.
    /// </summary>
    public static DatabaseAuditStore Open(string connectionString, string nodeId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        if (nodeId.Length > 16 || !char.IsAsciiLetterLower(nodeId[0]) || !nodeId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            throw new ArgumentException("A node id is 1 to 16 lowercase letters and digits, starting with a letter.", nameof(nodeId));
        }

        var schema = s_schema.Select(s => s.Replace("{node}", nodeId, StringComparison.Ordinal)).ToArray();
        return new(NodeDatabase.Open(connectionString, nodeId + "-audit", schema), nodeId);
    }

    public ValueTask<AuditEntry?> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, $"SELECT sequence, entry FROM {_entries} ORDER BY sequence DESC LIMIT 1");
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return ValueTask.FromResult<AuditEntry?>(null);
        }

        // Appending after a head that does not read back would extend a chain nobody can verify: refuse.
        var head = Read(reader);
        return head.Hash.SequenceEqual(head.ComputeHash())
            ? ValueTask.FromResult<AuditEntry?>(head)
            : throw new InvalidOperationException($"The audit chain's last entry ({reader.GetInt64(0)}) is damaged; run `samenreken audit verify` before writing to it.");
    }

    public ValueTask AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();

        // No ON CONFLICT: a duplicate sequence must throw.
        _database.InTransaction((c, t) => NodeDatabase.Execute(
            c, t, $"INSERT INTO {_entries} (sequence, entry) VALUES (@sequence, @entry)", ("@sequence", entry.Sequence), ("@entry", entry.Serialize())));
        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, $"SELECT sequence, entry FROM {_entries} ORDER BY sequence");
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    public ValueTask StoreCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        cancellationToken.ThrowIfCancellationRequested();

        // The same checkpoint delivered twice (a retried RPC) is stored once; ECDSA signatures differ between signings.
        _database.InTransaction((c, t) => NodeDatabase.Execute(
            c,
            t,
            $"INSERT INTO {_checkpoints} (node_id, sequence, head_hash, time_ms, run_id, signature) VALUES (@node, @sequence, @head, @time, @run, @signature) "
            + "ON CONFLICT (node_id, sequence, signature) DO NOTHING",
            ("@node", checkpoint.NodeId),
            ("@sequence", checkpoint.Sequence),
            ("@head", checkpoint.HeadHash.ToArray()),
            ("@time", checkpoint.Time.ToUnixTimeMilliseconds()),
            ("@run", checkpoint.RunId),
            ("@signature", checkpoint.Signature.ToArray())));
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(
            connection,
            null,
            $"SELECT sequence, head_hash, time_ms, run_id, signature FROM {_checkpoints} WHERE node_id = @node ORDER BY sequence, time_ms",
            ("@node", nodeId));
        using var reader = command.ExecuteReader();
        var checkpoints = new List<AuditCheckpoint>();
        while (reader.Read())
        {
            checkpoints.Add(new AuditCheckpoint(
                nodeId,
                reader.GetInt64(0),
                [.. (byte[])reader[1]],
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                [.. (byte[])reader[4]]));
        }

        return ValueTask.FromResult<IReadOnlyList<AuditCheckpoint>>(checkpoints);
    }

    /// <summary>A stored entry; one that does not parse becomes an entry that fails verification at its position.</summary>
    private static AuditEntry Read(DbDataReader reader)
        => AuditEntry.TryDeserialize(reader.GetString(1), out var entry) ? entry! : AuditEntry.Unreadable(reader.GetInt64(0));
}
