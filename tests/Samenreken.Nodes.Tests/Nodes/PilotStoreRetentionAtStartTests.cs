using Microsoft.Extensions.Time.Testing;
using Samenreken.Governance.Audit;
using Samenreken.Governance.PilotStore;
using Samenreken.Nodes.Safeguards;
using Samenreken.Storage;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>
/// The SVB node given its pilot store (Svb:PilotStore, Svb:PilotKeyFile) enforces the store's retention at every
/// start (art. 7): a run past its term is crypto-shredded, its anonymised figures kept, audited in the node's log; the
/// day before its term the same start shreds nothing.
/// </summary>
public sealed class PilotStoreRetentionAtStartTests
{
    private static readonly DateTimeOffset s_letters = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(729, false)]
    [InlineData(730, true)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task NodeStart_ShredsPilotRunsPastTheirTerm_Only(int daysLater, bool shredded)
    {
        await using var bed = NodeTestbed.Create(persons: 20);
        var database = Path.Combine(bed.Directory, "svb.db");
        var pilot = Path.Combine(bed.Directory, "pilot.db");
        var keyFile = Path.Combine(bed.Directory, "pilot.key");
        using var key = PilotStoreKey.Generate();
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(key.Export()));
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var definition = Governance.Definition.ProjectDefinition.Parse(await File.ReadAllTextAsync(bed.ProjectFile));
        var clock = new FakeTimeProvider(s_letters);
        using (var audit = new AuditLog(DatabaseAuditStore.Open(database, "svb"), "svb", clock))
        {
            var records = new PilotRecords(new PilotVault(PilotStoreDatabase.Open(pilot), key, definition, audit, clock), audit);
            var entries = Enumerable.Range(1, 12).Select(i => new MailingEntry($"AIO-{i}", i, $"Persoon {i}", [$"Dorpsstraat {i}", "1234 AB  Plaats"])).ToList();
            await records.CreateAsync("run-1", clock.GetUtcNow(), entries, DateOnly.FromDateTime(s_letters.UtcDateTime), "pilot-team");
        }

        bed.Clock = new FakeTimeProvider(s_letters.AddDays(daysLater));
        var node = bed.SvbHost(database, $"--Svb:PilotStore={pilot}", $"--Svb:PilotKeyFile={keyFile}");
        await node.StartAsync();
        await node.StopAsync();

        var store = PilotStoreDatabase.Open(pilot);
        Assert.Equal(shredded ? 0 : 1, store.Runs().Count);
        Assert.Equal(shredded ? 1 : 0, store.Figures().Count);
        var retention = new List<AuditEntry>();
        await foreach (var entry in DatabaseAuditStore.Open(database, "svb").ReadAllAsync())
        {
            if (entry.Kind == AuditKind.RetentionAction)
            {
                retention.Add(entry);
            }
        }

        Assert.Equal(shredded, retention.Any(e => e.RunId == "run-1" && e.Actor == PilotStoreRetentionCheck.Actor));
    }
}
