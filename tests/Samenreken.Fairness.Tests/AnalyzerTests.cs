using System.Text.Json;

namespace Samenreken.Fairness.Tests;

public sealed class AnalyzerTests
{
    private static bool IsFourWeekly(IReadOnlyDictionary<string, string> attributes) => attributes["pay frequency"] == "4-weekly";

    private static Finding? FindingFor(FairnessReport report, string group, FindingKind kind)
        => report.Findings.SingleOrDefault(f => f.Group == group && f.Kind == kind);

    [Fact]
    public void PlantedBias_IsFlaggedRawAndConditional_AndMissedEligibleLeads()
    {
        var households = new TestPopulation(4000, 11) { BiasedGroup = IsFourWeekly, BiasFactor = 0.5 }.Generate();

        var conditional = FairnessAnalyzer.Analyze(TestPopulation.Plan(), households);
        var raw = FairnessAnalyzer.Analyze(TestPopulation.Plan(withLegitimateFactors: false), households);

        Assert.Equal(Direction.Under, FindingFor(conditional, "pay frequency=4-weekly", FindingKind.UnexplainedDisparity)?.Direction);
        Assert.Equal(Direction.Under, FindingFor(raw, "pay frequency=4-weekly", FindingKind.UnexplainedDisparity)?.Direction);
        Assert.Equal(Direction.Under, FindingFor(conditional, "pay frequency=4-weekly", FindingKind.MissedEligible)?.Direction);

        // Under-selection leads the findings, and the verdict says something is wrong.
        Assert.Equal(Direction.Under, conditional.Findings[0].Direction);
        Assert.True(conditional.Findings[0].Flagged);
        Assert.StartsWith("Let op:", conditional.Verdict, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void JustifiedDifference_IsReportedRawButNotFlagged(int seed)
    {
        var households = new TestPopulation(4000, seed).Generate();

        var report = FairnessAnalyzer.Analyze(TestPopulation.Plan(), households);

        var abroad = FindingFor(report, "country of birth=abroad", FindingKind.ExplainedDisparity);
        Assert.NotNull(abroad);
        Assert.Equal(Direction.Over, abroad.Direction);
        Assert.False(abroad.Flagged);
        Assert.DoesNotContain(report.Findings, f => f.Flagged);
        Assert.StartsWith("Geen onverklaarde ongelijke behandeling", report.Verdict, StringComparison.Ordinal);

        // Broken twin: without the legitimate factors, the lawful over-representation is flagged.
        var raw = FairnessAnalyzer.Analyze(TestPopulation.Plan(withLegitimateFactors: false), households);
        Assert.True(FindingFor(raw, "country of birth=abroad", FindingKind.UnexplainedDisparity)?.Flagged);
    }

    [Fact]
    public void SmallSignificantDifference_IsReportedNotFlagged()
    {
        // 4-weekly households are selected 10% less often: significant in 40,000 households, inside 0.8–1.25.
        var households = new TestPopulation(40_000, 5) { BiasedGroup = IsFourWeekly, BiasFactor = 0.9, FourWeeklyShare = 0.5 }.Generate();
        var plan = MonitoringPlan.Create(["pay frequency"], TestPopulation.LegitimateFactors, intersectionDepth: 1);

        var report = FairnessAnalyzer.Analyze(plan, households);

        var finding = FindingFor(report, "pay frequency=4-weekly", FindingKind.SmallDifference);
        Assert.NotNull(finding);
        Assert.False(finding.Flagged);
        Assert.InRange(finding.RateRatio!.Value, 0.8, 1.0);
    }

    [Fact]
    public void LargeDifferenceInASmallGroup_IsInsufficientData_WithTheNeededSize()
    {
        // 30 households paid 4-weekly, selected at 0.6 times the rate: too few to confirm.
        var households = new TestPopulation(3000, 8) { BiasedGroup = IsFourWeekly, BiasFactor = 0.6, FourWeeklyShare = 0.01 }.Generate();
        var plan = MonitoringPlan.Create(["pay frequency"], TestPopulation.LegitimateFactors, intersectionDepth: 1);

        var report = FairnessAnalyzer.Analyze(plan, households);

        var finding = FindingFor(report, "pay frequency=4-weekly", FindingKind.InsufficientData);
        Assert.NotNull(finding);
        var group = report.Groups.Single(g => g.Label == "pay frequency=4-weekly");
        Assert.True(finding.NeededGroupSize > group.Figures!.Size);
        Assert.Contains($"{finding.NeededGroupSize} huishoudens nodig", finding.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupFigures_RateIntervalsAndComparisons()
    {
        var households = new TestPopulation(3000, 3).Generate();
        var report = FairnessAnalyzer.Analyze(TestPopulation.Plan(), households);

        var women = report.Groups.Single(g => g.Label == "sex=V").Figures!;
        var men = report.Groups.Single(g => g.Label == "sex=M").Figures!;
        Assert.Equal(households.Count, women.Size + men.Size);
        Assert.Equal(households.Count(h => h.Selected), women.Selected + men.Selected);
        Assert.InRange(women.Rate.Value, women.Rate.Lower, women.Rate.Upper);
        Assert.Equal("sex=M", women.VersusReference!.With);
        Assert.Equal(women.VersusRest.RateRatio!.Value, women.VersusReference.RateRatio!.Value, 10);
        Assert.Null(men.VersusReference);
        Assert.Equal(ConditionalStatus.Stratified, women.Conditional.Status);
        Assert.NotNull(women.Conditional.CommonOddsRatio);
        Assert.NotNull(women.GroundTruth);
        Assert.Equal(ConditionalStatus.LegitimateFactorGroup, report.Groups.Single(g => g.Label == "AOW build-up=low").Figures!.Conditional.Status);
    }

    [Fact]
    public void Report_RoundTripsThroughJson_AndSpeaksEnglishByOption()
    {
        var households = new TestPopulation(3000, 11) { BiasedGroup = IsFourWeekly, BiasFactor = 0.5 }.Generate();
        var report = FairnessAnalyzer.Analyze(TestPopulation.Plan(), households, ReportLanguage.English);

        string json = JsonSerializer.Serialize(report);
        var back = JsonSerializer.Deserialize<FairnessReport>(json)!;

        Assert.Equal(report.Verdict, back.Verdict);
        Assert.Equal(report.Groups.Count, back.Groups.Count);
        Assert.Equal(report.Findings.Select(f => f.Sentence), back.Findings.Select(f => f.Sentence));
        Assert.Equal(report.Groups[0].Key, back.Groups[0].Key);
        Assert.StartsWith("Attention:", report.Verdict, StringComparison.Ordinal);
        Assert.Contains(report.Findings, f => f.Sentence.Contains("selected less often than the rest", StringComparison.Ordinal));
        Assert.Equal(TestPopulation.Plan().CanonicalHash, report.PlanHash);
    }

    [Fact]
    public void MixedGroundTruth_Throws()
    {
        var households = new TestPopulation(20, 1).Generate();
        households[5] = households[5] with { TrulyEligible = null };
        var error = Assert.Throws<ArgumentException>(() => FairnessAnalyzer.Analyze(TestPopulation.Plan(), households));
        Assert.Equal("households", error.ParamName);
    }

    [Fact]
    public void MissingAttribute_Throws()
    {
        var households = new TestPopulation(20, 1).Generate();
        households[3] = households[3] with { Attributes = new Dictionary<string, string> { ["sex"] = "V" } };
        var error = Assert.Throws<ArgumentException>(() => FairnessAnalyzer.Analyze(TestPopulation.Plan(), households));
        Assert.Equal("households", error.ParamName);
    }
}
