using Samenreken.Governance.Audit;
using Samenreken.Governance.Evaluation;
using Samenreken.Governance.Responses;

namespace Samenreken.Governance.Tests.Evaluation;

public sealed class FunnelSimulationTests
{
    private static List<SimulatedHousehold> Households(string kind, bool below, bool assets) =>
        [.. Enumerable.Range(0, 2000).Select(i => new SimulatedHousehold($"{kind}-{i}", below, assets))];

    private static double Share(IReadOnlyList<ResponseEvent> events, string kind, ResponseStatus status) =>
        events.Count(e => e.Reference.StartsWith(kind + "-", StringComparison.Ordinal) && e.Status == status) / 2000.0;

    [Fact]
    public void GrantsFollowTheGroundTruth_FalseHopeWhereAssetsOrIncomeWereNotSeen()
    {
        var events = FunnelSimulation.Simulate([.. Households("eligible", true, false), .. Households("assets", true, true), .. Households("above", false, false)], new DateOnly(2026, 3, 1), seed: 7);

        // Truly eligible: most who apply are granted. Too many assets, or truly above the norm: they apply and are refused.
        Assert.InRange(Share(events, "eligible", ResponseStatus.Granted), 0.60 * 0.80 * 0.92 - 0.04, 0.60 * 0.80 * 0.92 + 0.04);
        Assert.InRange(Share(events, "assets", ResponseStatus.Granted), 0, 0.04);
        Assert.InRange(Share(events, "assets", ResponseStatus.Refused), 0.50 * 0.65 * 0.95 - 0.04, 0.50 * 0.65 * 0.95 + 0.04);
        Assert.InRange(Share(events, "above", ResponseStatus.Refused), 0.40 * 0.50 * 0.96 - 0.04, 0.40 * 0.50 * 0.96 + 0.04);
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameFunnel_AnotherSeedAnother_AndEveryHistoryIsValid()
    {
        var households = Households("h", true, false);
        var first = FunnelSimulation.Simulate(households, new DateOnly(2026, 3, 1), seed: 1);
        Assert.Equal(first, FunnelSimulation.Simulate(households, new DateOnly(2026, 3, 1), seed: 1));
        Assert.NotEqual(first, FunnelSimulation.Simulate(households, new DateOnly(2026, 3, 1), seed: 2));

        // Every simulated history is one the register accepts (status order, channels).
        using var audit = new AuditLog(new InMemoryAuditStore(), "svb", TimeProvider.System);
        var register = new ResponseRegister("run-1", households.Select(h => h.Reference), new DateOnly(2026, 3, 1), audit);
        await register.ApplyAsync(first, "simulation");
        Assert.Equal(2000, register.Counts().Values.Sum());
    }
}
