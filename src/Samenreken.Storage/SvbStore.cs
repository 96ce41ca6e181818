namespace Samenreken.Storage;

/// <summary>One step of a batch SVB persisted before sending: the round number, its sealed state, the message sent.</summary>
public sealed record BatchStep(int Round, byte[] SealedState, byte[] Message);

/// <summary>One run as SVB stored it: its plan (a RunAnnouncement), status, creation time, bytes and finished units.</summary>
public sealed record SvbRunRow(string RunId, byte[] Plan, string Status, DateTimeOffset Created, long BytesToUwv, long BytesFromUwv, int ChunksDone, int BatchesDone);

/// <summary>
/// SVB's node store: its runs (plan, UWV's public keys, byte counters, status), the income chunks it asked and the
/// per-person part records UWV answered (ciphertexts under UWV's key), each batch's last step (sealed by the node) and
/// each finished batch's result bits. Values are opaque bytes.
/// </summary>
public sealed class SvbStore
{
    internal static readonly string[] Tables = ["svb_runs", "svb_chunks", "svb_parts", "svb_batches"];

    private static readonly string[] s_schema =
    [
        """
        CREATE TABLE IF NOT EXISTS svb_runs (run_id TEXT PRIMARY KEY, plan {blob} NOT NULL, status TEXT NOT NULL,
            bytes_to_uwv BIGINT NOT NULL DEFAULT 0, bytes_from_uwv BIGINT NOT NULL DEFAULT 0, created BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS svb_chunks (run_id TEXT NOT NULL, chunk BIGINT NOT NULL, request {blob} NOT NULL, done BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (run_id, chunk));
        CREATE TABLE IF NOT EXISTS svb_parts (run_id TEXT NOT NULL, person_id TEXT NOT NULL, record {blob} NOT NULL, PRIMARY KEY (run_id, person_id));
        CREATE TABLE IF NOT EXISTS svb_batches (run_id TEXT NOT NULL, batch BIGINT NOT NULL, round BIGINT NOT NULL, sealed_state {blob},
            message {blob}, result {blob}, PRIMARY KEY (run_id, batch))
        """,
    ];

    private readonly NodeDatabase _database;

    private SvbStore(NodeDatabase database)
    {
        _database = database;
    }

    public DatabaseEngine Engine => _database.Engine;

    public static SvbStore Open(string connectionString) => new(NodeDatabase.Open(connectionString, "svb", s_schema));

    /// <summary>Stores a new run's plan; <paramref name="created"/> is kept to the millisecond, so that of two runs started in one second the newer is known.</summary>
    public void CreateRun(string runId, byte[] plan, DateTimeOffset created)
        => _database.InTransaction((c, t) => NodeDatabase.Execute(
            c, t, "INSERT INTO svb_runs (run_id, plan, status, created) VALUES (@run, @plan, 'running', @created)", ("@run", runId), ("@plan", plan), ("@created", created.ToUnixTimeMilliseconds())));

    public byte[]? LoadPlan(string runId)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT plan FROM svb_runs WHERE run_id = @run", ("@run", runId));
        return command.ExecuteScalar() as byte[];
    }

    /// <summary>The most recent run that has not completed, if any.</summary>
    public string? FindUnfinishedRun()
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT run_id FROM svb_runs WHERE status <> 'completed' ORDER BY created DESC LIMIT 1");
        return command.ExecuteScalar() as string;
    }

    /// <summary>When the run was created (its plan stored), or null for an unknown run.</summary>
    public DateTimeOffset? CreatedAt(string runId)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT created FROM svb_runs WHERE run_id = @run", ("@run", runId));
        return command.ExecuteScalar() is { } milliseconds and not DBNull ? DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(milliseconds, System.Globalization.CultureInfo.InvariantCulture)) : null;
    }

    /// <summary>Every run, newest first, with the chunks and batches it finished (for the web dashboard).</summary>
    public IReadOnlyList<SvbRunRow> Runs()
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(
            connection,
            null,
            "SELECT r.run_id, r.plan, r.status, r.created, r.bytes_to_uwv, r.bytes_from_uwv, "
            + "(SELECT COUNT(*) FROM svb_chunks c WHERE c.run_id = r.run_id AND c.done <> 0), "
            + "(SELECT COUNT(*) FROM svb_batches b WHERE b.run_id = r.run_id AND b.result IS NOT NULL) "
            + "FROM svb_runs r ORDER BY r.created DESC, r.run_id");
        using var reader = command.ExecuteReader();
        var runs = new List<SvbRunRow>();
        while (reader.Read())
        {
            runs.Add(new SvbRunRow(
                reader.GetString(0), (byte[])reader[1], reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetInt64(4), reader.GetInt64(5), (int)reader.GetInt64(6), (int)reader.GetInt64(7)));
        }

        return runs;
    }

    public string? Status(string runId)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT status FROM svb_runs WHERE run_id = @run", ("@run", runId));
        return command.ExecuteScalar() as string;
    }

    public void Complete(string runId)
        => _database.InTransaction((c, t) => NodeDatabase.Execute(c, t, "UPDATE svb_runs SET status = 'completed' WHERE run_id = @run", ("@run", runId)));

    public void AddBytes(string runId, long toUwv, long fromUwv)
        => _database.InTransaction((c, t) => NodeDatabase.Execute(
            c, t, "UPDATE svb_runs SET bytes_to_uwv = bytes_to_uwv + @to, bytes_from_uwv = bytes_from_uwv + @from WHERE run_id = @run", ("@run", runId), ("@to", toUwv), ("@from", fromUwv)));

    public (long ToUwv, long FromUwv) Bytes(string runId)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT bytes_to_uwv, bytes_from_uwv FROM svb_runs WHERE run_id = @run", ("@run", runId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }

    /// <summary>The request of an income chunk and whether its parts are stored; null when it was never asked.</summary>
    public (byte[] Request, bool Done)? FindChunk(string runId, long chunk)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT request, done FROM svb_chunks WHERE run_id = @run AND chunk = @chunk", ("@run", runId), ("@chunk", chunk));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ((byte[])reader[0], reader.GetInt64(1) != 0) : null;
    }

    /// <summary>Persists a chunk's request before it is sent, so a resend after a crash is the same request.</summary>
    public void SaveChunkRequest(string runId, long chunk, byte[] request)
        => _database.InTransaction((c, t) => NodeDatabase.Execute(
            c, t, "INSERT INTO svb_chunks (run_id, chunk, request) VALUES (@run, @chunk, @request) ON CONFLICT (run_id, chunk) DO NOTHING", ("@run", runId), ("@chunk", chunk), ("@request", request)));

    /// <summary>Stores a chunk's part records and marks it done, in one transaction.</summary>
    public void SaveParts(string runId, long chunk, IReadOnlyList<string> personIds, IReadOnlyList<byte[]> records)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfNotEqual(records.Count, personIds.Count, nameof(records));
        _database.InTransaction((c, t) =>
        {
            using var insert = NodeDatabase.Command(
                c, t, "INSERT INTO svb_parts (run_id, person_id, record) VALUES (@run, @person, @record) ON CONFLICT (run_id, person_id) DO UPDATE SET record = excluded.record",
                ("@run", runId), ("@person", string.Empty), ("@record", Array.Empty<byte>()));
            insert.Prepare();
            for (var i = 0; i < personIds.Count; i++)
            {
                insert.Parameters["@person"].Value = personIds[i];
                insert.Parameters["@record"].Value = records[i];
                insert.ExecuteNonQuery();
            }

            NodeDatabase.Execute(c, t, "UPDATE svb_chunks SET done = 1 WHERE run_id = @run AND chunk = @chunk", ("@run", runId), ("@chunk", chunk));
        });
    }

    /// <summary>The part records of <paramref name="personIds"/> (all must be stored).</summary>
    public Dictionary<string, byte[]> LoadParts(string runId, IEnumerable<string> personIds)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var connection = _database.Connect();
        using var select = NodeDatabase.Command(connection, null, "SELECT record FROM svb_parts WHERE run_id = @run AND person_id = @person", ("@run", runId), ("@person", string.Empty));
        select.Prepare();
        foreach (var id in personIds)
        {
            if (parts.ContainsKey(id))
            {
                continue;
            }

            select.Parameters["@person"].Value = id;
            parts[id] = select.ExecuteScalar() as byte[] ?? throw new InvalidOperationException("A part record is missing from the store.");
        }

        return parts;
    }

    public BatchStep? LoadBatchStep(string runId, long batch)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(
            connection, null, "SELECT round, sealed_state, message FROM svb_batches WHERE run_id = @run AND batch = @batch AND result IS NULL", ("@run", runId), ("@batch", batch));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new BatchStep((int)reader.GetInt64(0), (byte[])reader[1], (byte[])reader[2]) : null;
    }

    /// <summary>Persists a batch's step before its message is sent (replacing the previous step).</summary>
    public void SaveBatchStep(string runId, long batch, BatchStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _database.InTransaction((c, t) => NodeDatabase.Execute(
            c,
            t,
            "INSERT INTO svb_batches (run_id, batch, round, sealed_state, message) VALUES (@run, @batch, @round, @state, @message) "
            + "ON CONFLICT (run_id, batch) DO UPDATE SET round = excluded.round, sealed_state = excluded.sealed_state, message = excluded.message",
            ("@run", runId),
            ("@batch", batch),
            ("@round", (long)step.Round),
            ("@state", step.SealedState),
            ("@message", step.Message)));
    }

    /// <summary>Stores a finished batch's result and drops its state, in one transaction.</summary>
    public void CompleteBatch(string runId, long batch, byte[] result)
        => _database.InTransaction((c, t) => NodeDatabase.Execute(
            c,
            t,
            "INSERT INTO svb_batches (run_id, batch, round, result) VALUES (@run, @batch, 0, @result) "
            + "ON CONFLICT (run_id, batch) DO UPDATE SET sealed_state = NULL, message = NULL, result = excluded.result",
            ("@run", runId),
            ("@batch", batch),
            ("@result", result)));

    /// <summary>
    /// Destroys a run's protocol state once its batches are done (art. 7: kept no longer than the run needs it): the
    /// chunks' requests (the BSNs asked about) are emptied, the income ciphertexts under UWV's key deleted, and every
    /// sealed step still stored (the engine session's among them) deleted. The plan, the done marks and the batches'
    /// result bits stay: the selection is read from them. Returns the rows changed.
    /// </summary>
    public int DestroyProtocolState(string runId)
        => _database.InTransaction((c, t) =>
            NodeDatabase.Execute(c, t, "UPDATE svb_chunks SET request = @empty WHERE run_id = @run AND LENGTH(request) > 0", ("@run", runId), ("@empty", Array.Empty<byte>()))
            + NodeDatabase.Execute(c, t, "DELETE FROM svb_parts WHERE run_id = @run", ("@run", runId))
            + NodeDatabase.Execute(c, t, "DELETE FROM svb_batches WHERE run_id = @run AND result IS NULL", ("@run", runId))
            + NodeDatabase.Execute(c, t, "UPDATE svb_batches SET sealed_state = NULL, message = NULL WHERE run_id = @run AND (sealed_state IS NOT NULL OR message IS NOT NULL)", ("@run", runId)));

    /// <summary>How many rows of a run still hold protocol state: requests, income parts, sealed steps.</summary>
    public long ProtocolStateRows(string runId)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(
            connection,
            null,
            "SELECT (SELECT COUNT(*) FROM svb_chunks WHERE run_id = @run AND LENGTH(request) > 0) + (SELECT COUNT(*) FROM svb_parts WHERE run_id = @run) "
            + "+ (SELECT COUNT(*) FROM svb_batches WHERE run_id = @run AND (sealed_state IS NOT NULL OR message IS NOT NULL OR result IS NULL))",
            ("@run", runId));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public byte[]? LoadBatchResult(string runId, long batch)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT result FROM svb_batches WHERE run_id = @run AND batch = @batch", ("@run", runId), ("@batch", batch));
        return command.ExecuteScalar() as byte[];
    }
}
