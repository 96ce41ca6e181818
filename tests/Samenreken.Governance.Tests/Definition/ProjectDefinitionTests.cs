using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Samenreken.Governance.Definition;

namespace Samenreken.Governance.Tests.Definition;

public sealed class ProjectDefinitionTests
{
    private static ProjectDefinition Pilot => ProjectDefinition.Parse(RepositoryFiles.PilotDefinitionText);

    private static ProjectDefinition Demo => ProjectDefinition.Parse(RepositoryFiles.DemoDefinitionText);

    [Fact]
    public void ShippedDefinitions_AreValid_AndSayWhetherTheyAreFictitious()
    {
        Assert.False(Pilot.IsFictitious);
        Assert.Equal("aio-pilot-2022", Pilot.Id);
        Assert.True(Demo.IsFictitious);
        Assert.Contains("FICTIEF", Demo.Title, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2022, 9, 21, 0, 0, 0, TimeSpan.FromHours(2)), Pilot.Horizon.EffectiveFrom);
        Assert.Equal(Pilot.Horizon.EffectiveFrom.AddYears(3), Pilot.Horizon.ExpiresAt);
        Assert.Equal(ComparisonEngine.Dgk, Pilot.Crypto.ComparisonEngine);
        Assert.Equal(10, Pilot.FairnessMonitor.MinimumCellSize);
        Assert.Equal(0.8m, Pilot.FairnessMonitor.RateRatioLower);
        Assert.Equal(FieldForm.Encrypted, Pilot.Party("uwv").Contributes.Single().Form);
    }

    [Fact]
    public void PublishedSchemaFile_EqualsTheSchemaTheLibraryValidatesWith()
    {
        var published = JsonNode.Parse(RepositoryFiles.Read("projects", "schema", "project-definition.schema.json"));
        Assert.True(JsonNode.DeepEquals(published, JsonNode.Parse(ProjectDefinitionSchema.Json)));
    }

    [Fact]
    public void Hash_IgnoresLayoutCommentsKeyOrderAndTrailingZeros()
    {
        var reformatted = "# a comment that changes nothing\n" + RepositoryFiles.PilotDefinitionText
            .Replace("rate_ratio_lower: 0.8", "rate_ratio_lower: 0.80", StringComparison.Ordinal)
            .Replace("version: 1\ntitle:", "title:", StringComparison.Ordinal)
            .Replace("fictitious: false\n", "fictitious: false\nversion: 1\n", StringComparison.Ordinal);
        Assert.NotEqual(RepositoryFiles.PilotDefinitionText, reformatted);
        Assert.Equal(Pilot.Hash, ProjectDefinition.Parse(reformatted).Hash);
        Assert.Equal(64, Pilot.Hash.Hex.Length);
    }

    [Fact]
    public void Hash_ChangesWithAnyContent()
    {
        var changed = RepositoryFiles.PilotDefinitionText.Replace("minimum_cell_size: 10", "minimum_cell_size: 11", StringComparison.Ordinal);
        Assert.NotEqual(Pilot.Hash, ProjectDefinition.Parse(changed).Hash);
        Assert.NotEqual(Pilot.Hash, Demo.Hash);
    }

    [Fact]
    public void EnsureSameAs_RefusesAnotherDefinitionsHash()
    {
        Pilot.EnsureSameAs(Pilot.Hash);
        var e = Assert.Throws<GovernanceException>(() => Pilot.EnsureSameAs(Demo.Hash));
        Assert.Equal(GovernanceRefusal.DefinitionMismatch, e.Refusal);
        Assert.True(ProjectDefinitionHash.TryParse(Pilot.Hash.Hex.ToUpperInvariant(), out var parsed));
        Assert.Equal(Pilot.Hash, parsed);
        Assert.False(ProjectDefinitionHash.TryParse("abc", out _));
    }

    [Theory]
    [InlineData("purpose:", "purposes:", "/", "purpose")]
    [InlineData("comparison_engine: dgk", "comparison_engine: yao", "/crypto/comparison_engine", "")]
    [InlineData("minimum_cell_size: 10", "minimum_cell_size: 3", "/fairness_monitor/minimum_cell_size", "")]
    [InlineData("expires_at: 2025-09-21T00:00:00+02:00", "expires_at: next year", "/horizon/expires_at", "")]
    public void SchemaErrors_NameTheLocation(string from, string to, string location, string mentions)
    {
        var text = RepositoryFiles.PilotDefinitionText.Replace(from, to, StringComparison.Ordinal);
        Assert.False(ProjectDefinition.TryParse(text, out var definition, out var errors));
        Assert.Null(definition);
        var error = Assert.Single(errors, e => e.Location == location && e.Message.Contains(mentions, StringComparison.Ordinal));
        if (location != "/")
        {
            Assert.NotNull(error.Line);
        }

        var thrown = Assert.Throws<GovernanceException>(() => ProjectDefinition.Parse(text));
        Assert.Equal(GovernanceRefusal.InvalidDefinition, thrown.Refusal);
    }

    [Fact]
    public void ConsistencyErrors_NameTheLocationAndTheCause()
    {
        var text = RepositoryFiles.PilotDefinitionText
            .Replace("controller: svb", "controller: belastingdienst", StringComparison.Ordinal)
            .Replace("shared_with: [svb]", "shared_with: [gemeente]", StringComparison.Ordinal);
        Assert.False(ProjectDefinition.TryParse(text, out _, out var errors));
        Assert.Contains(errors, e => e.Location == "/controller" && e.Message.Contains("belastingdienst", StringComparison.Ordinal));
        var shared = Assert.Single(errors, e => e.Location == "/parties/1/contributes/0/shared_with/0");
        Assert.Contains("gemeente", shared.Message, StringComparison.Ordinal);
        Assert.Contains("line ", shared.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenYaml_IsAnErrorWithALine()
    {
        Assert.False(ProjectDefinition.TryParse("id: a\n- item\n", out _, out var errors));
        Assert.Equal(2, Assert.Single(errors).Line);
        Assert.False(ProjectDefinition.TryParse("id: [unclosed\nversion: 1\n", out _, out errors));
        Assert.Single(errors);
        Assert.False(ProjectDefinition.TryParse("id: a\nid: b\n", out _, out errors));
        Assert.Contains(errors, e => e.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void HistoricalPilot_IsRefusedAtAndAfterItsHorizon_AndAllowedJustBefore()
    {
        var lastSecond = new DateTimeOffset(2025, 9, 20, 21, 59, 59, TimeSpan.Zero); // 23:59:59 in Amsterdam
        Pilot.EnsureRunMayStart(new FakeTimeProvider(lastSecond));

        var atHorizon = Assert.Throws<GovernanceException>(() => Pilot.EnsureRunMayStart(new FakeTimeProvider(lastSecond.AddSeconds(1))));
        Assert.Equal(GovernanceRefusal.HorizonPassed, atHorizon.Refusal);

        var today = Assert.Throws<GovernanceException>(() => Pilot.EnsureRunMayStart(TimeProvider.System));
        Assert.Equal(GovernanceRefusal.HorizonPassed, today.Refusal);
    }

    [Fact]
    public void HistoricalPilot_IsRefusedBeforeItTookEffect()
    {
        var before = new FakeTimeProvider(new DateTimeOffset(2022, 9, 20, 21, 59, 59, TimeSpan.Zero));
        Assert.Equal(GovernanceRefusal.BeforeEffectiveDate, Assert.Throws<GovernanceException>(() => Pilot.EnsureRunMayStart(before)).Refusal);
        before.Advance(TimeSpan.FromSeconds(1));
        Pilot.EnsureRunMayStart(before);
    }

    [Fact]
    public void EnsureMayShare_SvbMaySendUwvOnlyBsnAndAowAgeIndication()
    {
        Pilot.EnsureMayShare("svb", "uwv", ["bsn", "aow_age_indication"]);
        Pilot.EnsureMayShare("uwv", "svb", ["net_income_part"]);

        var e = Assert.Throws<GovernanceException>(() => Pilot.EnsureMayShare("svb", "uwv", ["bsn", "household_composition", "norm_amount"]));
        Assert.Equal(GovernanceRefusal.FieldNotAllowed, e.Refusal);
        Assert.Equal(["household_composition", "norm_amount"], e.Details);

        // UWV sends nothing in plaintext to SVB beyond its listed field.
        Assert.Throws<GovernanceException>(() => Pilot.EnsureMayShare("uwv", "svb", ["income_components"]));
        Assert.Equal(GovernanceRefusal.UnknownParty, Assert.Throws<GovernanceException>(() => Pilot.EnsureMayShare("svb", "gemeente", ["bsn"])).Refusal);
    }
}
