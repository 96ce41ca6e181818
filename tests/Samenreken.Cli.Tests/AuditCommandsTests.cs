using Microsoft.Data.Sqlite;
using Samenreken.Governance.Audit;
using Samenreken.Nodes.Safeguards;
using Samenreken.Storage;

namespace Samenreken.Cli.Tests;

/// <summary><c>samenreken audit verify</c> over real SQLite node databases: a sound trail passes, a truncated one is named.</summary>
public sealed class AuditCommandsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("samenreken-audit-cli-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    /// <summary>SVB writes four entries and checkpoints its head to UWV, each node in its own database.</summary>
    private async Task WriteTrailAsync()
    {
        using var svbKey = AuditKeyFiles.LoadOrCreate(PathOf("svb-audit.key"));
        using var svb = new AuditLog(DatabaseAuditStore.Open(PathOf("svb.db"), "svb"), "svb", TimeProvider.System);
        using var uwv = new AuditLog(DatabaseAuditStore.Open(PathOf("uwv.db"), "uwv"), "uwv", TimeProvider.System);
        for (var i = 0; i < 4; i++)
        {
            await svb.AppendAsync(AuditRecord.Create(AuditKind.BsnBatchSent, "svb", counts: [new("persons", 10 + i)]));
        }

        await uwv.AcceptPeerCheckpointAsync(await svb.CheckpointAsync(svbKey, null), svbKey.VerificationKey);
    }

    private CliRun Verify(params string[] extra)
        => CliRun.Of(["audit", "verify", "--node", "svb", "--database", PathOf("svb.db"), "--key", PathOf("svb-audit.pub"), .. extra]);

    [Fact]
    public async Task Verify_ASoundTrail_PassesWithThePeersCheckpoints()
    {
        await WriteTrailAsync();

        var run = Verify("--peer-database", PathOf("uwv.db"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("svb: audit trail verified: 4 entries and 2 checkpoints verified", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ATruncatedTrail_NamesTheFirstMissingEntry_OnlyWithThePeersCheckpoints()
    {
        await WriteTrailAsync();
        using (var connection = new SqliteConnection($"Data Source={PathOf("svb.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM svb_audit_entries WHERE sequence >= 2; DELETE FROM svb_audit_checkpoints";
            command.ExecuteNonQuery();
        }

        // Its own database alone looks sound (the broken twin): only UWV's copy of the checkpoint shows the loss.
        var alone = Verify();
        Assert.Equal(0, alone.ExitCode);
        Assert.Contains("warning: without --peer-database", alone.Error, StringComparison.Ordinal);

        Verify("--peer-database", PathOf("uwv.db")).AssertFailed(1, "svb's audit trail is broken at entry 2 (Truncated)");
    }

    [Fact]
    public void Verify_AMissingDatabaseOrKey_IsAFileError()
    {
        AuditKeyFiles.CreateIfMissing(PathOf("svb-audit.key"));
        Verify().AssertFailed(3, "svb.db does not exist");
        CliRun.Of("audit", "verify", "--node", "svb", "--database", PathOf("svb.db"), "--key", PathOf("none.pub")).AssertFailed(3, "none.pub does not exist");
        Assert.False(File.Exists(PathOf("svb.db")));
    }
}
