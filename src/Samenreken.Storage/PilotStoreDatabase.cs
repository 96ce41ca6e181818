using System.Data.Common;
using System.Globalization;
using Samenreken.Governance.Evaluation;
using Samenreken.Governance.PilotStore;

namespace Samenreken.Storage;

/// <summary>
/// The pilot store's own database (art. 2: apart from the population store and the node's protocol state), on SQLite
/// or PostgreSQL. It holds what <see cref="PilotVault"/> gives it: wrapped data keys, AES-GCM ciphertexts and the
/// anonymised figures of shredded runs; never a key that opens them. Deleting a run's key row is the shredding.
/// </summary>
public sealed class PilotStoreDatabase : IPilotStoreRepository
{
    private static readonly string[] s_schema =
    [
        """
        CREATE TABLE IF NOT EXISTS pilot_runs (run_id TEXT PRIMARY KEY, wrapped_key {blob} NOT NULL, run_finished BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS pilot_records (run_id TEXT NOT NULL, category TEXT NOT NULL, record_id TEXT NOT NULL, created BIGINT NOT NULL,
            nonce {blob} NOT NULL, ciphertext {blob} NOT NULL, tag {blob} NOT NULL, PRIMARY KEY (run_id, category, record_id));
        CREATE TABLE IF NOT EXISTS pilot_figures (run_id TEXT PRIMARY KEY, period TEXT NOT NULL, approached BIGINT NOT NULL, responded BIGINT NOT NULL,
            applied BIGINT NOT NULL, granted BIGINT NOT NULL, refused BIGINT NOT NULL, simulated BIGINT NOT NULL)
        """,
    ];

    private const string RecordColumns = "run_id, category, record_id, created, nonce, ciphertext, tag";

    private readonly NodeDatabase _database;

    private PilotStoreDatabase(NodeDatabase database) => _database = database;

    public DatabaseEngine Engine => _database.Engine;

    /// <summary>Opens (creating or migrating) the pilot store at <paramref name="connectionString"/>: a SQLite path or <c>Host=…</c>.</summary>
    public static PilotStoreDatabase Open(string connectionString) => new(NodeDatabase.Open(connectionString, "pilot", s_schema));

    public void SaveWrappedKey(string runId, byte[] wrappedKey, DateTimeOffset runFinishedAt)
        => _database.InTransaction((c, t) => NodeDatabase.Execute(
            c, t, "INSERT INTO pilot_runs (run_id, wrapped_key, run_finished) VALUES (@run, @key, @finished)", ("@run", runId), ("@key", wrappedKey), ("@finished", runFinishedAt.ToUnixTimeMilliseconds())));

    public IReadOnlyList<PilotRun> Runs()
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT run_id, run_finished FROM pilot_runs ORDER BY run_id");
        using var reader = command.ExecuteReader();
        var runs = new List<PilotRun>();
        while (reader.Read())
        {
            runs.Add(new PilotRun(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
        }

        return runs;
    }

    public byte[]? LoadWrappedKey(string runId)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT wrapped_key FROM pilot_runs WHERE run_id = @run", ("@run", runId));
        return command.ExecuteScalar() as byte[];
    }

    public bool DeleteWrappedKey(string runId)
        => _database.InTransaction((c, t) => NodeDatabase.Execute(c, t, "DELETE FROM pilot_runs WHERE run_id = @run", ("@run", runId))) > 0;

    public void SaveRecord(SealedRecord record) => SaveRecords([record]);

    public void SaveRecords(IReadOnlyCollection<SealedRecord> records)
        => WriteRecords(records, $"INSERT INTO pilot_records ({RecordColumns}) VALUES (@run, @category, @id, @created, @nonce, @ciphertext, @tag)", requireExisting: false);

    public void ReplaceRecord(SealedRecord record) => ReplaceRecords([record]);

    public void ReplaceRecords(IReadOnlyCollection<SealedRecord> records)
        => WriteRecords(
            records,
            "UPDATE pilot_records SET created = @created, nonce = @nonce, ciphertext = @ciphertext, tag = @tag WHERE run_id = @run AND category = @category AND record_id = @id",
            requireExisting: true);

    public IReadOnlyList<SealedRecord> Records(string runId, string category)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(
            connection, null, $"SELECT {RecordColumns} FROM pilot_records WHERE run_id = @run AND category = @category ORDER BY record_id", ("@run", runId), ("@category", category));
        using var reader = command.ExecuteReader();
        var records = new List<SealedRecord>();
        while (reader.Read())
        {
            records.Add(new SealedRecord(
                reader.GetString(0), reader.GetString(2), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), (byte[])reader[4], (byte[])reader[5], (byte[])reader[6]));
        }

        return records;
    }

    public int DeleteRecords(string runId)
        => _database.InTransaction((c, t) => NodeDatabase.Execute(c, t, "DELETE FROM pilot_records WHERE run_id = @run", ("@run", runId)));

    public void SaveFigures(KeptFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var f = figures.Counts;
        _database.InTransaction((c, t) => NodeDatabase.Execute(
            c,
            t,
            "INSERT INTO pilot_figures (run_id, period, approached, responded, applied, granted, refused, simulated) VALUES (@run, @period, @a, @r, @p, @g, @f, @s) "
            + "ON CONFLICT (run_id) DO UPDATE SET period = excluded.period, approached = excluded.approached, responded = excluded.responded, "
            + "applied = excluded.applied, granted = excluded.granted, refused = excluded.refused, simulated = excluded.simulated",
            ("@run", f.RunId),
            ("@period", f.Period),
            ("@a", f.Approached),
            ("@r", f.Responded),
            ("@p", f.Applied),
            ("@g", f.Granted),
            ("@f", f.Refused),
            ("@s", figures.Simulated ? 1L : 0L)));
    }

    public IReadOnlyList<KeptFigures> Figures()
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT run_id, period, approached, responded, applied, granted, refused, simulated FROM pilot_figures ORDER BY run_id");
        using var reader = command.ExecuteReader();
        var figures = new List<KeptFigures>();
        while (reader.Read())
        {
            figures.Add(new KeptFigures(
                new FunnelCounts(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)),
                reader.GetInt64(7) != 0));
        }

        return figures;
    }

    private void WriteRecords(IReadOnlyCollection<SealedRecord> records, string sql, bool requireExisting)
    {
        ArgumentNullException.ThrowIfNull(records);
        _database.InTransaction((c, t) =>
        {
            using var command = NodeDatabase.Command(
                c, t, sql, ("@run", ""), ("@category", ""), ("@id", ""), ("@created", 0L), ("@nonce", Array.Empty<byte>()), ("@ciphertext", Array.Empty<byte>()), ("@tag", Array.Empty<byte>()));
            foreach (var record in records)
            {
                Bind(command, record);
                if (command.ExecuteNonQuery() != 1 && requireExisting)
                {
                    // Thrown inside the transaction, which is then rolled back: none of the records is written.
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"no such pilot record in run {record.RunId}, category {record.Category}"));
                }
            }
        });
    }

    private static void Bind(DbCommand command, SealedRecord record)
    {
        command.Parameters["@run"].Value = record.RunId;
        command.Parameters["@category"].Value = record.Category;
        command.Parameters["@id"].Value = record.RecordId;
        command.Parameters["@created"].Value = record.CreatedAt.ToUnixTimeMilliseconds();
        command.Parameters["@nonce"].Value = record.Nonce;
        command.Parameters["@ciphertext"].Value = record.Ciphertext;
        command.Parameters["@tag"].Value = record.Tag;
    }
}
