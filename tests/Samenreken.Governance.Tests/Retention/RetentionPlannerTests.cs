using Microsoft.Extensions.Time.Testing;
using Samenreken.Governance.Definition;
using Samenreken.Governance.Retention;

namespace Samenreken.Governance.Tests.Retention;

public sealed class RetentionPlannerTests
{
    private static readonly ProjectDefinition s_demo = ProjectDefinition.Parse(RepositoryFiles.DemoDefinitionText);
    private static readonly DateTimeOffset s_finished = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static RetainedItem Item(string category) => new(category, "run-1", s_finished.AddHours(-1), s_finished);

    [Fact]
    public void ProtocolState_IsDueTheMomentTheRunFinishes()
    {
        var clock = new FakeTimeProvider(s_finished.AddTicks(-1));
        Assert.Empty(RetentionPlanner.Due(s_demo, [Item("protocol_state")], clock));
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Single(RetentionPlanner.Due(s_demo, [Item("protocol_state")], clock));
    }

    [Fact]
    public void MailingList_IsKeptForItsTerm_ThenDue()
    {
        var clock = new FakeTimeProvider(s_finished.AddDays(730).AddSeconds(-1));
        Assert.Empty(RetentionPlanner.Due(s_demo, [Item("mailing_list")], clock));
        clock.Advance(TimeSpan.FromSeconds(1));
        var action = Assert.Single(RetentionPlanner.Due(s_demo, [Item("mailing_list")], clock));
        Assert.Contains("730 days", action.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHorizon_CutsATermShort_ButNotForTheAuditLogOrAnonymisedFigures()
    {
        var late = new RetainedItem("mailing_list", "run-9", new DateTimeOffset(2028, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var atHorizon = new FakeTimeProvider(s_demo.Horizon.ExpiresAt);
        var action = Assert.Single(RetentionPlanner.Due(s_demo, [late, Item("audit_log"), Item("evaluation_figures")], atHorizon));
        Assert.Equal(s_demo.Horizon.ExpiresAt, action.DueAt);

        atHorizon.Advance(TimeSpan.FromDays(365 * 50));
        Assert.Empty(RetentionPlanner.Due(s_demo, [Item("evaluation_figures")], atHorizon));
    }

    [Fact]
    public void UnknownCategory_IsDueAtOnce()
    {
        var action = Assert.Single(RetentionPlanner.Due(s_demo, [Item("photos")], new FakeTimeProvider(s_finished)));
        Assert.Contains("no retention rule", action.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnfinishedRun_KeepsRunBoundItemsUntilTheHorizon()
    {
        var running = new RetainedItem("protocol_state", "run-2", s_finished, null);
        Assert.Empty(RetentionPlanner.Due(s_demo, [running], new FakeTimeProvider(s_finished.AddDays(30))));
        Assert.Single(RetentionPlanner.Due(s_demo, [running], new FakeTimeProvider(s_demo.Horizon.ExpiresAt)));
    }
}
