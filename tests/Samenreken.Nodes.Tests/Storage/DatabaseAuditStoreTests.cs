using Microsoft.Extensions.Time.Testing;
using Samenreken.Governance.Audit;
using Samenreken.Nodes.Tests.Nodes;
using Samenreken.Storage;

namespace Samenreken.Nodes.Tests.Storage;

/// <summary>
/// The audit chain in a node's real database, SQLite and PostgreSQL: SVB writes a run and sends UWV signed
/// checkpoints, each node in its own database; then someone with write access to SVB's database edits, deletes,
/// reorders, inserts, truncates or rewrites entries with plain SQL, and verification names the first broken entry.
/// Each tamper test first shows the untouched chain verifies, so the check can fail.
/// </summary>
public sealed class DatabaseAuditStoreTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly AuditSigningKey _svbKey = AuditSigningKey.Generate();
    private readonly string _directory = Directory.CreateTempSubdirectory("samenreken-audit-").FullName;

    public void Dispose()
    {
        _svbKey.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task EntriesAndCheckpoints_RoundTripThroughTheDatabase(string engine)
    {
        await using var nodes = await NodesAsync(engine);
        var written = await WriteRunAsync(nodes, 5);
        var own = await nodes.Svb.CheckpointAsync(_svbKey, "run-1");

        // A second handle on the same database (a restarted node) reads exactly what was written.
        var reopened = DatabaseAuditStore.Open(nodes.SvbDatabase.ConnectionString, "svb");
        var read = await reopened.ReadAllAsync().ToListAsync();
        Assert.Equal(written.Select(e => e.Serialize()), read.Select(e => e.Serialize()));
        Assert.Equal(Hex(written[^1].Hash), Hex((await reopened.ReadHeadAsync())!.Hash));
        var held = Assert.Single(await reopened.ReadCheckpointsAsync("svb"));
        Assert.Equal(own, held with { HeadHash = own.HeadHash, Signature = own.Signature });
        Assert.Equal(Hex(own.HeadHash), Hex(held.HeadHash));
        Assert.True(held.HasValidSignature(_svbKey.VerificationKey));
        Assert.Empty(await reopened.ReadCheckpointsAsync("uwv"));

        // The same checkpoint delivered twice is kept once; the sequence is unique, so a second writer cannot fork.
        await reopened.StoreCheckpointAsync(own);
        Assert.Single(await reopened.ReadCheckpointsAsync("svb"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(async () => await reopened.AppendAsync(written[2]));
        Assert.True((await VerifySvbAsync(nodes)).IsValid);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task EditedEntry_IsNamed(string engine)
    {
        await using var nodes = await TamperedAsync(engine, async sql =>
        {
            var text = await sql.EntryTextAsync(2);
            Assert.Contains("\"ciphertexts\":102", text, StringComparison.Ordinal);
            await sql.ExecuteAsync("UPDATE svb_audit_entries SET entry = @entry WHERE sequence = 2", ("@entry", text.Replace("\"ciphertexts\":102", "\"ciphertexts\":1", StringComparison.Ordinal)));
        });

        AssertBroken(await VerifySvbAsync(nodes), AuditProblem.EntryEdited, 2);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task EditedAndRehashedEntry_BreaksTheNextLink(string engine)
    {
        await using var nodes = await TamperedAsync(engine, async sql =>
        {
            AuditEntry.TryDeserialize(await sql.EntryTextAsync(2), out var entry);
            var edited = entry! with { Detail = "nothing to see" };
            await sql.ExecuteAsync("UPDATE svb_audit_entries SET entry = @entry WHERE sequence = 2", ("@entry", (edited with { Hash = edited.ComputeHash() }).Serialize()));
        });

        AssertBroken(await VerifySvbAsync(nodes), AuditProblem.BrokenLink, 3);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task UnreadableEntry_IsNamedAndNothingIsAppendedAfterADamagedHead(string engine)
    {
        await using var nodes = await TamperedAsync(engine, sql => sql.ExecuteAsync("UPDATE svb_audit_entries SET entry = '{\"sequence\":' WHERE sequence IN (2, 5)"));

        AssertBroken(await VerifySvbAsync(nodes), AuditProblem.EntryEdited, 2);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await nodes.Svb.AppendAsync(Record(AuditKind.RunFinished, 0)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task DeletedEntry_IsNamed(string engine)
    {
        await using var nodes = await TamperedAsync(engine, sql => sql.ExecuteAsync("DELETE FROM svb_audit_entries WHERE sequence = 2"));

        AssertBroken(await VerifySvbAsync(nodes), AuditProblem.MissingEntry, 2);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task ReorderedEntries_AreCaught(string engine)
    {
        await using var nodes = await TamperedAsync(engine, async sql =>
        {
            var (second, third) = (await sql.EntryTextAsync(2), await sql.EntryTextAsync(3));
            await sql.ExecuteAsync("UPDATE svb_audit_entries SET entry = @entry WHERE sequence = 2", ("@entry", third));
            await sql.ExecuteAsync("UPDATE svb_audit_entries SET entry = @entry WHERE sequence = 3", ("@entry", second));
        });

        AssertBroken(await VerifySvbAsync(nodes), AuditProblem.MissingEntry, 2);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task InsertedEntry_IsCaught(string engine)
    {
        await using var nodes = await TamperedAsync(engine, async sql =>
        {
            AuditEntry.TryDeserialize(await sql.EntryTextAsync(2), out var before);
            AuditEntry.TryDeserialize(await sql.EntryTextAsync(3), out var after);
            var forged = after! with { Detail = "forged", PreviousHash = before!.Hash };

            // Make room at position 3 (through negative numbers: the primary key is checked row by row).
            await sql.ExecuteAsync("UPDATE svb_audit_entries SET sequence = -sequence - 1 WHERE sequence >= 3");
            await sql.ExecuteAsync("UPDATE svb_audit_entries SET sequence = -sequence WHERE sequence < 0");
            await sql.ExecuteAsync("INSERT INTO svb_audit_entries (sequence, entry) VALUES (3, @entry)", ("@entry", (forged with { Hash = forged.ComputeHash() }).Serialize()));
        });

        AssertBroken(await VerifySvbAsync(nodes), AuditProblem.OutOfOrder, 3);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Truncation_IsCaughtByThePeersCheckpoint(string engine)
    {
        await using var nodes = await TamperedAsync(engine, async sql =>
        {
            await sql.ExecuteAsync("DELETE FROM svb_audit_entries WHERE sequence >= 4");
            await sql.ExecuteAsync("DELETE FROM svb_audit_checkpoints");
        });

        // What remains is a valid shorter chain, and SVB's own checkpoints went with it: only the one UWV holds shows the loss.
        Assert.True((await VerifySvbAsync(nodes, withPeerCheckpoints: false)).IsValid);
        AssertBroken(await VerifySvbAsync(nodes), AuditProblem.Truncated, 4);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task RewrittenConsistentChain_IsCaughtByThePeersCheckpoint(string engine)
    {
        await using var nodes = await TamperedAsync(engine, async sql =>
        {
            // Rewrite entry 1 and rehash everything after it: internally consistent again.
            var entries = await DatabaseAuditStore.Open(sql.ConnectionString, "svb").ReadAllAsync().ToListAsync();
            entries[1] = entries[1] with { Detail = "rewritten" };
            await sql.ExecuteAsync("DELETE FROM svb_audit_entries");
            var previous = AuditEntry.GenesisHash;
            foreach (var entry in entries)
            {
                var relinked = entry with { PreviousHash = previous };
                relinked = relinked with { Hash = relinked.ComputeHash() };
                await sql.ExecuteAsync("INSERT INTO svb_audit_entries (sequence, entry) VALUES (@sequence, @entry)", ("@sequence", relinked.Sequence), ("@entry", relinked.Serialize()));
                previous = relinked.Hash;
            }

            // The node's own copy of its checkpoints is just as writable: the rewriter removes them too.
            await sql.ExecuteAsync("DELETE FROM svb_audit_checkpoints");
        });

        Assert.True((await VerifySvbAsync(nodes, withPeerCheckpoints: false)).IsValid);
        var result = await VerifySvbAsync(nodes);
        AssertBroken(result, AuditProblem.CheckpointMismatch, 0);
        Assert.Contains("entry 5", result.Message, StringComparison.Ordinal);
    }

    private static void AssertBroken(AuditVerificationResult result, AuditProblem problem, long first)
    {
        Assert.False(result.IsValid, "tampering was not detected");
        Assert.Equal(problem, result.Problem);
        Assert.Equal(first, result.FirstBrokenSequence);
    }

    private static string Hex(System.Collections.Immutable.ImmutableArray<byte> bytes) => Convert.ToHexString(bytes.AsSpan());

    private static AuditRecord Record(AuditKind kind, int i)
        => AuditRecord.Create(kind, "svb", "run-1", "batch", counts: [new("ciphertexts", 100 + i)], hashes: [new("bsn_batch", new string('a', 63) + (i % 10))]);

    /// <summary>SVB writes six entries and checkpoints its head to UWV; the untouched chain verifies; then <paramref name="tamper"/> runs on SVB's database.</summary>
    private async Task<TwoNodes> TamperedAsync(string engine, Func<RawSql, Task> tamper)
    {
        var nodes = await NodesAsync(engine);
        await WriteRunAsync(nodes, 6);
        await nodes.Uwv.AcceptPeerCheckpointAsync(await nodes.Svb.CheckpointAsync(_svbKey, "run-1"), _svbKey.VerificationKey);
        Assert.True((await VerifySvbAsync(nodes)).IsValid);
        await tamper(new RawSql(nodes.SvbDatabase.ConnectionString));
        return nodes;
    }

    private async Task<List<AuditEntry>> WriteRunAsync(TwoNodes nodes, int entries)
    {
        var written = new List<AuditEntry>();
        for (var i = 0; i < entries; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1.2345));
            written.Add(await nodes.Svb.AppendAsync(Record(i == 0 ? AuditKind.RunStarted : AuditKind.DecryptionsServed, i)));
        }

        return written;
    }

    private async Task<AuditVerificationResult> VerifySvbAsync(TwoNodes nodes, bool withPeerCheckpoints = true)
        => await AuditVerifier.VerifyAsync(
            nodes.SvbStore.ReadAllAsync(),
            "svb",
            _svbKey.VerificationKey,
            [.. await nodes.SvbStore.ReadCheckpointsAsync("svb"), .. withPeerCheckpoints ? await nodes.UwvStore.ReadCheckpointsAsync("svb") : []]);

    private async Task<TwoNodes> NodesAsync(string engine)
    {
        var svb = await TestDatabase.CreateAsync(engine, _directory);
        var uwv = await TestDatabase.CreateAsync(engine, _directory);
        return new TwoNodes(svb, uwv, _clock);
    }

    /// <summary>SVB's and UWV's audit logs, each in its own fresh database.</summary>
    private sealed class TwoNodes : IAsyncDisposable
    {
        public TwoNodes(TestDatabase svb, TestDatabase uwv, TimeProvider clock)
        {
            SvbDatabase = svb;
            UwvDatabase = uwv;
            SvbStore = DatabaseAuditStore.Open(svb.ConnectionString, "svb");
            UwvStore = DatabaseAuditStore.Open(uwv.ConnectionString, "uwv");
            Svb = new AuditLog(SvbStore, "svb", clock);
            Uwv = new AuditLog(UwvStore, "uwv", clock);
        }

        public TestDatabase SvbDatabase { get; }

        public TestDatabase UwvDatabase { get; }

        public DatabaseAuditStore SvbStore { get; }

        public DatabaseAuditStore UwvStore { get; }

        public AuditLog Svb { get; }

        public AuditLog Uwv { get; }

        public async ValueTask DisposeAsync()
        {
            Svb.Dispose();
            Uwv.Dispose();
            await SvbDatabase.DisposeAsync();
            await UwvDatabase.DisposeAsync();
        }
    }

    /// <summary>Plain SQL on a node's database, as someone with write access would run it, past the store's API.</summary>
    private sealed class RawSql(string connectionString)
    {
        private readonly NodeDatabase _database = NodeDatabase.Open(connectionString, "raw", []);

        public string ConnectionString { get; } = connectionString;

        public Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
        {
            using var connection = _database.Connect();
            NodeDatabase.Execute(connection, null, sql, parameters);
            return Task.CompletedTask;
        }

        public Task<string> EntryTextAsync(long sequence)
        {
            using var connection = _database.Connect();
            using var command = NodeDatabase.Command(connection, null, "SELECT entry FROM svb_audit_entries WHERE sequence = @sequence", ("@sequence", sequence));
            return Task.FromResult((string)command.ExecuteScalar()!);
        }
    }
}
