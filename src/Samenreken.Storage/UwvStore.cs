using System.Data.Common;

namespace Samenreken.Storage;

/// <summary>Which exchange a stored UWV reply answers.</summary>
public enum ReplyKind
{
    /// <summary>An income chunk (item = chunk index, round 0).</summary>
    Income = 0,

    /// <summary>A comparison round (item = batch index, round = the evaluator's message number).</summary>
    Comparison = 1,

    /// <summary>The opening of a run's comparison-engine session (item 0, round 0); its state is kept as batch <see cref="UwvStore.EngineSessionBatch"/>.</summary>
    EngineSession = 2,
}

/// <summary>A reply UWV stored, with the hash of the request it answered.</summary>
public sealed record StoredReply(byte[] RequestHash, byte[] Reply);

/// <summary>UWV's per-run counters: what it served, for the audit trail.</summary>
public sealed record UwvRunCounts(long PersonsServed, long Decryptions, long ZeroTests, long RepliesStored, long RepliesReplayed);

/// <summary>One run as UWV recorded it: SVB's announcement (a RunAnnouncement), whether it completed, and what UWV served.</summary>
public sealed record UwvRunRow(string RunId, byte[] Announcement, bool Completed, UwvRunCounts Counts);

/// <summary>
/// UWV's node store: its sealed keys, the runs SVB announced, and every reply it sent keyed by run, kind, item and
/// round, so a repeated request is answered from the store instead of computing (and decrypting) again. Values are
/// opaque bytes: the node decides what they hold and seals what is secret.
/// </summary>
public sealed class UwvStore
{
    /// <summary>The batch number under which a run's engine-session state is kept beside the batches' key-holder states.</summary>
    public const long EngineSessionBatch = -1;

    internal static readonly string[] Tables = ["uwv_keys", "uwv_runs", "uwv_replies", "uwv_holders"];

    private static readonly string[] s_schema =
    [
        """
        CREATE TABLE IF NOT EXISTS uwv_keys (id TEXT PRIMARY KEY, sealed {blob} NOT NULL);
        CREATE TABLE IF NOT EXISTS uwv_runs (run_id TEXT PRIMARY KEY, announcement {blob} NOT NULL, persons_served BIGINT NOT NULL DEFAULT 0,
            decryptions BIGINT NOT NULL DEFAULT 0, zero_tests BIGINT NOT NULL DEFAULT 0, replayed BIGINT NOT NULL DEFAULT 0, completed BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS uwv_replies (run_id TEXT NOT NULL, kind BIGINT NOT NULL, item BIGINT NOT NULL, round BIGINT NOT NULL,
            request_hash {blob} NOT NULL, reply {blob} NOT NULL, PRIMARY KEY (run_id, kind, item, round));
        CREATE TABLE IF NOT EXISTS uwv_holders (run_id TEXT NOT NULL, batch BIGINT NOT NULL, state {blob} NOT NULL, PRIMARY KEY (run_id, batch))
        """,
        // The replies a finished run's protocol state held, counted when it is destroyed (DestroyProtocolState).
        "ALTER TABLE uwv_runs ADD COLUMN replies_destroyed BIGINT NOT NULL DEFAULT 0",
    ];

    private readonly NodeDatabase _database;

    private UwvStore(NodeDatabase database)
    {
        _database = database;
    }

    public DatabaseEngine Engine => _database.Engine;

    public static UwvStore Open(string connectionString) => new(NodeDatabase.Open(connectionString, "uwv", s_schema));

    public byte[]? LoadKeys(string id)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT sealed FROM uwv_keys WHERE id = @id", ("@id", id));
        return command.ExecuteScalar() as byte[];
    }

    /// <summary>Stores the sealed keys unless keys under <paramref name="id"/> exist; returns the stored ones (first writer wins).</summary>
    public byte[] SaveKeys(string id, byte[] sealedKeys)
    {
        _database.InTransaction((c, t) => NodeDatabase.Execute(c, t, "INSERT INTO uwv_keys (id, sealed) VALUES (@id, @sealed) ON CONFLICT (id) DO NOTHING", ("@id", id), ("@sealed", sealedKeys)));
        return LoadKeys(id)!;
    }

    public byte[]? FindAnnouncement(string runId)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT announcement FROM uwv_runs WHERE run_id = @run", ("@run", runId));
        return command.ExecuteScalar() as byte[];
    }

    /// <summary>Records an announcement; returns the one stored for the run (an earlier one wins).</summary>
    public byte[] Announce(string runId, byte[] announcement)
    {
        _database.InTransaction((c, t) => NodeDatabase.Execute(
            c, t, "INSERT INTO uwv_runs (run_id, announcement) VALUES (@run, @a) ON CONFLICT (run_id) DO NOTHING", ("@run", runId), ("@a", announcement)));
        return FindAnnouncement(runId)!;
    }

    public bool IsCompleted(string runId)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT completed FROM uwv_runs WHERE run_id = @run", ("@run", runId));
        return command.ExecuteScalar() is long completed && completed != 0;
    }

    public void Complete(string runId)
        => _database.InTransaction((c, t) => NodeDatabase.Execute(c, t, "UPDATE uwv_runs SET completed = 1 WHERE run_id = @run", ("@run", runId)));

    /// <summary>
    /// Destroys a finished run's protocol state (art. 7: kept no longer than the run needs it): its stored replies
    /// (income ciphertexts, comparison answers) and key-holder states, the engine session's sealed secrets among
    /// them. The announcement and the counts stay; so does the number of replies stored. Returns the rows deleted.
    /// </summary>
    public int DestroyProtocolState(string runId)
        => _database.InTransaction((c, t) =>
        {
            var replies = NodeDatabase.Execute(c, t, "DELETE FROM uwv_replies WHERE run_id = @run", ("@run", runId));
            NodeDatabase.Execute(c, t, "UPDATE uwv_runs SET replies_destroyed = replies_destroyed + @n WHERE run_id = @run", ("@run", runId), ("@n", (long)replies));
            return replies + NodeDatabase.Execute(c, t, "DELETE FROM uwv_holders WHERE run_id = @run", ("@run", runId));
        });

    /// <summary>How many rows of protocol state (replies and key-holder states) a run still has.</summary>
    public long ProtocolStateRows(string runId)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(
            connection, null, "SELECT (SELECT COUNT(*) FROM uwv_replies WHERE run_id = @run) + (SELECT COUNT(*) FROM uwv_holders WHERE run_id = @run)", ("@run", runId));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public StoredReply? FindReply(string runId, ReplyKind kind, long item, int round)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(
            connection, null, "SELECT request_hash, reply FROM uwv_replies WHERE run_id = @run AND kind = @kind AND item = @item AND round = @round", Key(runId, kind, item, round));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoredReply((byte[])reader[0], (byte[])reader[1]) : null;
    }

    /// <summary>Counts one reply answered from the store.</summary>
    public void CountReplay(string runId)
        => _database.InTransaction((c, t) => NodeDatabase.Execute(c, t, "UPDATE uwv_runs SET replayed = replayed + 1 WHERE run_id = @run", ("@run", runId)));

    /// <summary>
    /// Stores a reply, the key holder's state after it (null: none, or drop it) and the counts it served, in one
    /// transaction: a crash leaves either all of it or none, so the counts are those of the replies actually stored.
    /// Returns false (and stores nothing) when a reply for the same key exists already.
    /// </summary>
    public bool SaveReply(string runId, ReplyKind kind, long item, int round, byte[] requestHash, byte[] reply, byte[]? holderState, long persons, long decryptions, long zeroTests)
        => _database.InTransaction((c, t) =>
        {
            var inserted = NodeDatabase.Execute(
                c,
                t,
                "INSERT INTO uwv_replies (run_id, kind, item, round, request_hash, reply) VALUES (@run, @kind, @item, @round, @hash, @reply) ON CONFLICT DO NOTHING",
                [.. Key(runId, kind, item, round), ("@hash", requestHash), ("@reply", reply)]);
            if (inserted == 0)
            {
                // Nothing was written: the (empty) transaction commits; rolling it back here made the commit throw.
                return false;
            }

            if (kind is ReplyKind.Comparison or ReplyKind.EngineSession)
            {
                NodeDatabase.Execute(
                    c,
                    t,
                    holderState is null
                        ? "DELETE FROM uwv_holders WHERE run_id = @run AND batch = @batch"
                        : "INSERT INTO uwv_holders (run_id, batch, state) VALUES (@run, @batch, @state) ON CONFLICT (run_id, batch) DO UPDATE SET state = excluded.state",
                    ("@run", runId),
                    ("@batch", kind == ReplyKind.EngineSession ? EngineSessionBatch : item),
                    ("@state", holderState));
            }

            NodeDatabase.Execute(
                c,
                t,
                "UPDATE uwv_runs SET persons_served = persons_served + @p, decryptions = decryptions + @d, zero_tests = zero_tests + @z WHERE run_id = @run",
                ("@run", runId),
                ("@p", persons),
                ("@d", decryptions),
                ("@z", zeroTests));
            return true;
        });

    public byte[]? LoadHolderState(string runId, long batch)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT state FROM uwv_holders WHERE run_id = @run AND batch = @batch", ("@run", runId), ("@batch", batch));
        return command.ExecuteScalar() as byte[];
    }

    public UwvRunCounts Counts(string runId)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(
            connection,
            null,
            "SELECT persons_served, decryptions, zero_tests, replayed, replies_destroyed + (SELECT COUNT(*) FROM uwv_replies WHERE run_id = @run) FROM uwv_runs WHERE run_id = @run",
            ("@run", runId));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new UwvRunCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(4), reader.GetInt64(3))
            : new UwvRunCounts(0, 0, 0, 0, 0);
    }

    /// <summary>Every announced run with its counts (for the operator's view).</summary>
    public IReadOnlyList<UwvRunRow> Runs()
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(
            connection,
            null,
            "SELECT r.run_id, r.announcement, r.completed, r.persons_served, r.decryptions, r.zero_tests, r.replayed, "
            + "r.replies_destroyed + (SELECT COUNT(*) FROM uwv_replies p WHERE p.run_id = r.run_id) FROM uwv_runs r ORDER BY r.run_id");
        using var reader = command.ExecuteReader();
        var runs = new List<UwvRunRow>();
        while (reader.Read())
        {
            runs.Add(new UwvRunRow(
                reader.GetString(0),
                (byte[])reader[1],
                reader.GetInt64(2) != 0,
                new UwvRunCounts(reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(7), reader.GetInt64(6))));
        }

        return runs;
    }

    private static (string, object?)[] Key(string runId, ReplyKind kind, long item, int round)
        => [("@run", runId), ("@kind", (long)kind), ("@item", item), ("@round", (long)round)];
}
