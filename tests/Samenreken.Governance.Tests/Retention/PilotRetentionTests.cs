using Samenreken.Governance.Audit;
using Samenreken.Governance.PilotStore;
using Samenreken.Governance.Responses;
using Samenreken.Governance.Retention;
using Samenreken.Governance.Tests.PilotStore;

namespace Samenreken.Governance.Tests.Retention;

public sealed class PilotRetentionTests : IDisposable
{
    private readonly PilotVaultBed _bed = new();
    private readonly PilotRecords _records;

    public PilotRetentionTests() => _records = new PilotRecords(_bed.Vault, _bed.Audit);

    public void Dispose() => _bed.Dispose();

    private async Task CreateRunAsync(string runId)
    {
        var entries = Enumerable.Range(1, 12).Select(i => new MailingEntry($"{runId}-K{i}", i, $"Persoon {i}", [$"Dorpsstraat {i}", "1234 AB  Plaats"])).ToList();
        await _records.CreateAsync(runId, _bed.Clock.GetUtcNow(), entries, DateOnly.FromDateTime(_bed.Clock.GetUtcNow().UtcDateTime), "pilot-team");
        await _records.ApplyAsync(runId, [new ResponseEvent($"{runId}-K1", ResponseStatus.Responded, new DateOnly(2026, 3, 5), "telefoon")], "pilot-team");
    }

    [Fact]
    public async Task BeforeTheTerm_NothingIsShredded_AfterIt_TheRunGoes_AndItsFiguresRemain()
    {
        await CreateRunAsync("run-1");

        _bed.Clock.Advance(TimeSpan.FromDays(729));
        Assert.Empty(await PilotRetention.EnforceAsync(_records, _bed.Clock, "retention"));
        Assert.Equal(12, (await _records.MailingListAsync("run-1", "pilot-team", "letters")).Count);

        _bed.Clock.Advance(TimeSpan.FromDays(1));
        var shredded = Assert.Single(await PilotRetention.EnforceAsync(_records, _bed.Clock, "retention"));
        Assert.Equal("run-1", shredded.RunId);
        Assert.Equal(GovernanceRefusal.Destroyed, (await Assert.ThrowsAsync<GovernanceException>(async () => await _records.MailingListAsync("run-1", "x", "y"))).Refusal);

        // The anonymised funnel stays (art. 6), and the action is in the audit log.
        var kept = Assert.Single(_bed.Repository.Figures());
        Assert.Equal((12L, 1L), (kept.Counts.Approached, kept.Counts.Responded));
        Assert.Contains(_bed.AuditStore.Entries, e => e.Kind == AuditKind.RetentionAction && e.RunId == "run-1");

        // Enforcing again finds nothing left to do.
        Assert.Empty(await PilotRetention.EnforceAsync(_records, _bed.Clock, "retention"));
    }

    [Fact]
    public async Task AtTheHorizon_EveryRunIsShredded_EvenWithinItsTerm_AndTheStoreIsReadOnlyUntilThen()
    {
        _bed.Clock.SetUtcNow(PilotVaultBed.Demo.Horizon.ExpiresAt.AddDays(-100));
        await CreateRunAsync("run-1");
        _bed.Clock.SetUtcNow(PilotVaultBed.Demo.Horizon.ExpiresAt.AddDays(-1));
        await CreateRunAsync("run-2");

        _bed.Clock.SetUtcNow(PilotVaultBed.Demo.Horizon.ExpiresAt.AddSeconds(-1));
        Assert.Empty(await PilotRetention.EnforceAsync(_records, _bed.Clock, "retention"));

        _bed.Clock.SetUtcNow(PilotVaultBed.Demo.Horizon.ExpiresAt);
        Assert.Equal(GovernanceRefusal.ReadOnlyAfterHorizon, (await Assert.ThrowsAsync<GovernanceException>(async () =>
            await _records.ApplyAsync("run-2", [new ResponseEvent("run-2-K2", ResponseStatus.NoResponse, new DateOnly(2029, 1, 1), null)], "pilot-team"))).Refusal);
        Assert.Equal(["run-1", "run-2"], (await PilotRetention.EnforceAsync(_records, _bed.Clock, "retention")).Select(s => s.RunId).Order());
        Assert.Empty(_bed.Repository.Runs());
        Assert.Equal(2, _bed.Repository.Figures().Count);
    }
}
