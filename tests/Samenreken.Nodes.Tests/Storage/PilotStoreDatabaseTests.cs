using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Samenreken.Governance;
using Samenreken.Governance.Audit;
using Samenreken.Governance.Definition;
using Samenreken.Governance.PilotStore;
using Samenreken.Governance.Responses;
using Samenreken.Nodes.Tests.Nodes;
using Samenreken.Storage;

namespace Samenreken.Nodes.Tests.Storage;

/// <summary>The pilot store's database on both engines: encrypted at rest, shredded by deleting a run's key, writes all or nothing.</summary>
public sealed class PilotStoreDatabaseTests : IDisposable
{
    private const string Name = "Johanna Verhoeven-Bakker";
    private const string Street = "Wilhelminastraat 117";
    private const string Bsn = "111222333";

    private static readonly ProjectDefinition s_demo = ProjectDefinition.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "projects", "aio-demo-fictitious.yaml")));

    private readonly string _directory = Directory.CreateTempSubdirectory("pilot-store-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAuditStore _auditStore = new();
    private readonly PilotStoreKey _key = PilotStoreKey.Generate();
    private readonly AuditLog _audit;

    public PilotStoreDatabaseTests() => _audit = new AuditLog(_auditStore, "svb", _clock);

    public void Dispose()
    {
        _audit.Dispose();
        _key.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private PilotRecords Records(PilotStoreDatabase database) => new(new PilotVault(database, _key, s_demo, _audit, _clock), _audit);

    private static MailingEntry Entry(string reference, string name, string street) => new(reference, 1, name, [street, "1234 AB  Voorbeeldstad", "kenmerk-bsn " + Bsn]);

    /// <summary>A fresh database of <paramref name="engine"/> with two runs sealed in it.</summary>
    private async Task<(TestDatabase Database, PilotStoreDatabase Store, PilotRecords Records)> SealTwoRunsAsync(string engine)
    {
        var database = await TestDatabase.CreateAsync(engine, _directory);
        var store = PilotStoreDatabase.Open(database.ConnectionString);
        var records = Records(store);
        await records.CreateAsync("run-a", _clock.GetUtcNow(), [Entry("AIO-A1", Name, Street), Entry("AIO-A2", "Piet Pietersen", "Kerkpad 2")], new DateOnly(2026, 3, 1), "pilot-team");
        await records.CreateAsync("run-b", _clock.GetUtcNow(), [Entry("AIO-B1", "Kees de Vries", "Molenweg 3")], new DateOnly(2026, 3, 1), "pilot-team");
        return (database, store, records);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task PersonalFields_AreEncryptedAtRest_AndOpenWithTheKey(string engine)
    {
        var (database, store, records) = await SealTwoRunsAsync(engine);
        await using var _ = database;
        await records.ApplyAsync("run-a", [new ResponseEvent("AIO-A1", ResponseStatus.Responded, new DateOnly(2026, 3, 9), "telefoon")], "pilot-team");

        // Reopened from the database alone (a new process would do the same), the records open with the key.
        var reopened = Records(PilotStoreDatabase.Open(database.ConnectionString));
        var list = await reopened.MailingListAsync("run-a", "pilot-team", "letters");
        Assert.Equal(Name, list.Single(e => e.Reference == "AIO-A1").Name);
        Assert.Equal(ResponseStatus.Responded, (await reopened.ResponsesAsync("run-a", "pilot-team", "check")).Register.StatusOf("AIO-A1"));

        // The raw database holds no name, street or BSN: every byte of every table (or the SQLite files) is searched.
        var raw = RawBytes(engine, database.ConnectionString);
        Assert.NotEmpty(raw);
        foreach (var secret in new[] { Name, "Verhoeven", Street, "Wilhelminastraat", Bsn, "Pietersen" })
        {
            Assert.False(Contains(raw, Encoding.UTF8.GetBytes(secret)), $"'{secret}' found in the raw {engine} pilot store");
        }

        // Broken twin: the search does find what is stored in the clear (the run ids and categories).
        Assert.True(Contains(raw, Encoding.UTF8.GetBytes("mailing_list")));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Shredding_DeletesTheRunsKeyAndRecords_AndLeavesOtherRuns(string engine)
    {
        var (database, store, records) = await SealTwoRunsAsync(engine);
        await using var _ = database;
        var stolen = store.Records("run-a", PilotRecords.MailingList);

        Assert.Equal(4, await records.Vault.ShredAsync("run-a", "retention", "test"));

        Assert.Null(store.LoadWrappedKey("run-a"));
        Assert.Empty(store.Records("run-a", PilotRecords.MailingList));
        Assert.Equal(["run-b"], store.Runs().Select(r => r.RunId));
        var refused = await Assert.ThrowsAsync<GovernanceException>(async () => await records.MailingListAsync("run-a", "auditor", "check"));
        Assert.Equal(GovernanceRefusal.Destroyed, refused.Refusal);

        // A backup copy of the ciphertexts put back stays unreadable: the key is gone.
        store.SaveRecords(stolen);
        Assert.Equal(GovernanceRefusal.Destroyed, (await Assert.ThrowsAsync<GovernanceException>(async () => await records.MailingListAsync("run-a", "x", "y"))).Refusal);
        Assert.Single(await records.MailingListAsync("run-b", "pilot-team", "letters"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task ReplacingRecords_IsAllOrNothing(string engine)
    {
        var (database, store, _) = await SealTwoRunsAsync(engine);
        await using var __ = database;
        var existing = store.Records("run-a", PilotRecords.Responses)[0];
        var changed = existing with { Tag = [.. existing.Tag.Select(b => (byte)~b)] };
        var missing = existing with { RecordId = "AIO-NONE" };

        Assert.Throws<InvalidOperationException>(() => store.ReplaceRecords([changed, missing]));

        Assert.Equal(existing.Tag, store.Records("run-a", PilotRecords.Responses)[0].Tag);
        // A run never gets a second data key (that would orphan the first one's records).
        Assert.ThrowsAny<System.Data.Common.DbException>(() => store.SaveWrappedKey("run-a", [1, 2, 3], _clock.GetUtcNow()));
    }

    private static byte[] RawBytes(string engine, string connectionString)
    {
        if (engine == "sqlite")
        {
            SqliteConnection.ClearAllPools();
            return [.. new[] { "", "-wal" }.Select(suffix => connectionString + suffix).Where(File.Exists).SelectMany(File.ReadAllBytes)];
        }

        var bytes = new List<byte>();
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        foreach (var table in new[] { "pilot_runs", "pilot_records", "pilot_figures" })
        {
            using var command = new NpgsqlCommand($"SELECT * FROM {table}", connection);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    bytes.AddRange(reader[i] switch
                    {
                        byte[] b => b,
                        var v => Encoding.UTF8.GetBytes(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                    });
                }
            }
        }

        return [.. bytes];
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Samenreken.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Samenreken.slnx not found");
    }
}
