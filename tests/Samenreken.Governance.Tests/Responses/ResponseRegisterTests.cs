using Microsoft.Extensions.Time.Testing;
using Samenreken.Governance.Audit;
using Samenreken.Governance.Responses;

namespace Samenreken.Governance.Tests.Responses;

public sealed class ResponseRegisterTests : IDisposable
{
    private readonly InMemoryAuditStore _store = new();
    private readonly AuditLog _audit;
    private readonly ResponseRegister _register;

    public ResponseRegisterTests()
    {
        _audit = new AuditLog(_store, "svb", new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)));
        _register = new ResponseRegister("run-1", ["K-1", "K-2", "K-3"], new DateOnly(2026, 3, 2), _audit);
    }

    public void Dispose() => _audit.Dispose();

    [Fact]
    public async Task CsvImport_AppliesAValidFile_AndAuditsCountsOnly()
    {
        var errors = _register.TryParseCsv("kenmerk,status,datum,kanaal\nK-1,responded,2026-03-10,telefoon\nK-1,applied,2026-03-20,\nK-1,granted,2026-04-15,\nK-2,NoResponse,2026-04-02,\n", out var events);

        Assert.Empty(errors);
        await _register.ApplyAsync(events, "pilot-team");
        Assert.Equal(ResponseStatus.Granted, _register.StatusOf("K-1"));
        Assert.Equal(4, _register.HistoryOf("K-1").Count);
        Assert.Equal(1, _register.Counts()[ResponseStatus.NoResponse]);
        var entry = Assert.Single(_store.Entries);
        Assert.Equal(AuditKind.ResponseRegistered, entry.Kind);
        Assert.Equal(1, entry.Counts["Granted"]);
    }

    [Fact]
    public void CsvImport_ReportsEveryBadLineByNumber()
    {
        var errors = _register.TryParseCsv("kenmerk,status,datum,kanaal\nK-9,responded,2026-03-10,telefoon\nK-1,granted,2026-03-10,\nK-2,responded,10-03-2026,telefoon\nK-3,responded,2026-03-10,duif\nK-3,maybe,2026-03-10,\nK-3,responded\n", out _);

        Assert.Equal(6, errors.Count);
        Assert.StartsWith("line 2: unknown reference 'K-9'", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("line 3: Granted cannot follow Contacted", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("line 4: date", errors[2], StringComparison.Ordinal);
        Assert.StartsWith("line 5: a response needs a channel", errors[3], StringComparison.Ordinal);
        Assert.StartsWith("line 6: unknown status 'maybe'", errors[4], StringComparison.Ordinal);
        Assert.StartsWith("line 7: expected 4 fields", errors[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SingleUpdate_BreakingTheOrder_ChangesNothing()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(async () => await _register.ApplyAsync([new("K-1", ResponseStatus.Granted, new DateOnly(2026, 3, 5), null)], "pilot-team"));

        Assert.Equal("events", e.ParamName);
        Assert.Equal(ResponseStatus.Contacted, _register.StatusOf("K-1"));
        Assert.Empty(_store.Entries);
    }

    [Fact]
    public void BadHeader_IsRefused() => Assert.Equal(["line 1: the header must be kenmerk,status,datum,kanaal"], _register.TryParseCsv("bsn,status\n", out _));
}
