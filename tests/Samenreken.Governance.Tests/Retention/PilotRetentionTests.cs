using Microsoft.Extensions.Time.Testing;
using Samenreken.Governance.Audit;
using Samenreken.Governance.Definition;
using Samenreken.Governance.PilotStore;
using Samenreken.Governance.Responses;
using Samenreken.Governance.Retention;

namespace Samenreken.Governance.Tests.Retention;

public sealed class PilotRetentionTests : IDisposable
{
    private static readonly ProjectDefinition s_demo = ProjectDefinition.Parse(RepositoryFiles.DemoDefinitionText);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPilotStoreRepository _repository = new();
    private readonly InMemoryAuditStore _auditStore = new();
    private readonly PilotStoreKey _key = PilotStoreKey.Generate();
    private readonly AuditLog _audit;
    private readonly PilotRecords _records;

    public PilotRetentionTests()
    {
        _audit = new AuditLog(_auditStore, "svb", _clock);
        _records = new PilotRecords(new PilotVault(_repository, _key, s_demo, _audit, _clock), _audit);
    }

    public void Dispose()
    {
        _audit.Dispose();
        _key.Dispose();
    }

    private async Task CreateRunAsync(string runId)
    {
        var entries = Enumerable.Range(1, 12).Select(i => new MailingEntry($"{runId}-K{i}", i, $"Persoon {i}", [$"Dorpsstraat {i}", "1234 AB  Plaats"])).ToList();
        await _records.CreateAsync(runId, _clock.GetUtcNow(), entries, DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime), "pilot-team");
        await _records.ApplyAsync(runId, [new ResponseEvent($"{runId}-K1", ResponseStatus.Responded, new DateOnly(2026, 3, 5), "telefoon")], "pilot-team");
    }

    [Fact]
    public async Task BeforeTheTerm_NothingIsShredded_AfterIt_TheRunGoes_AndItsFiguresRemain()
    {
        await CreateRunAsync("run-1");

        _clock.Advance(TimeSpan.FromDays(729));
        Assert.Empty(await PilotRetention.EnforceAsync(_records, _clock, "retention"));
        Assert.Equal(12, (await _records.MailingListAsync("run-1", "pilot-team", "letters")).Count);

        _clock.Advance(TimeSpan.FromDays(1));
        var shredded = Assert.Single(await PilotRetention.EnforceAsync(_records, _clock, "retention"));
        Assert.Equal("run-1", shredded.RunId);
        Assert.Equal(GovernanceRefusal.Destroyed, (await Assert.ThrowsAsync<GovernanceException>(async () => await _records.MailingListAsync("run-1", "x", "y"))).Refusal);

        // The anonymised funnel stays (art. 6), and the action is in the audit log.
        var kept = Assert.Single(_repository.Figures());
        Assert.Equal((12L, 1L), (kept.Counts.Approached, kept.Counts.Responded));
        Assert.Contains(_auditStore.Entries, e => e.Kind == AuditKind.RetentionAction && e.RunId == "run-1");

        // Enforcing again finds nothing left to do.
        Assert.Empty(await PilotRetention.EnforceAsync(_records, _clock, "retention"));
    }

    [Fact]
    public async Task AtTheHorizon_EveryRunIsShredded_EvenWithinItsTerm_AndTheStoreIsReadOnlyUntilThen()
    {
        _clock.SetUtcNow(s_demo.Horizon.ExpiresAt.AddDays(-100));
        await CreateRunAsync("run-1");
        _clock.SetUtcNow(s_demo.Horizon.ExpiresAt.AddDays(-1));
        await CreateRunAsync("run-2");

        _clock.SetUtcNow(s_demo.Horizon.ExpiresAt.AddSeconds(-1));
        Assert.Empty(await PilotRetention.EnforceAsync(_records, _clock, "retention"));

        _clock.SetUtcNow(s_demo.Horizon.ExpiresAt);
        Assert.Equal(GovernanceRefusal.ReadOnlyAfterHorizon, (await Assert.ThrowsAsync<GovernanceException>(async () =>
            await _records.ApplyAsync("run-2", [new ResponseEvent("run-2-K2", ResponseStatus.NoResponse, new DateOnly(2029, 1, 1), null)], "pilot-team"))).Refusal);
        Assert.Equal(["run-1", "run-2"], (await PilotRetention.EnforceAsync(_records, _clock, "retention")).Select(s => s.RunId).Order());
        Assert.Empty(_repository.Runs());
        Assert.Equal(2, _repository.Figures().Count);
    }
}
