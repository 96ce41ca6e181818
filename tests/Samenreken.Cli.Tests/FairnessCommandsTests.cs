using System.Text.Json;
using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Svb;
using Samenreken.Pilot.Fairness;

namespace Samenreken.Cli.Tests;

/// <summary>A generated population and its reference selection, shared by the fairness command tests (generated once).</summary>
public sealed class FairnessData : IDisposable
{
    public FairnessData()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("samenreken-fairness-").FullName;
        Data = Path.Combine(Directory, "data");
        Assert.Equal(0, CliRun.Of("generate", "--persons", "20000", "--seed", "17", "--out", Data).ExitCode);
        Assert.Equal(0, CliRun.Of("reference", "--data", Data, "--out", Path.Combine(Directory, "reference", "selection.csv")).ExitCode);
    }

    public string Directory { get; }

    public string Data { get; }

    public string ReferenceRun => Path.Combine(Directory, "reference");

    /// <summary>A run directory whose selection leaves out every selected household of one region: a planted under-selection.</summary>
    public string RunWithoutRegion(string region)
    {
        using var svb = new StreamReader(Path.Combine(Data, "svb.csv"));
        var inRegion = SvbFile.OpenHouseholds(svb).Load(CsvLoadMode.FailWholeLoad, 0).Records
            .Where(h => Regions.Of(h.Recipients[0].Demographics.MunicipalityCode) == region)
            .Select(h => h.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
        var run = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "without-" + region + "-" + Guid.NewGuid().ToString("N"))).FullName;
        var rows = File.ReadAllLines(Path.Combine(ReferenceRun, "selection.csv"));
        File.WriteAllLines(Path.Combine(run, "selection.csv"), [rows[0], .. rows.Skip(1).Where(r => !inRegion.Contains(r[..r.IndexOf(',', StringComparison.Ordinal)]))]);
        return run;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

public sealed class FairnessCommandsTests(FairnessData data) : IClassFixture<FairnessData>
{
    private static readonly string s_project = ProjectCommandsTests.ProjectFile("aio-demo-fictitious.yaml");

    private string NewDirectory() => Path.Combine(data.Directory, "out-" + Guid.NewGuid().ToString("N"));

    private CliRun Report(string run, string output, params string[] more)
        => CliRun.Of(["fairness", "report", "--run", run, "--data", data.Data, "--project", s_project, "--out", output, .. more]);

    [Fact]
    public void Report_WritesJsonHtmlAndTheLooks_WithRecallOnlyFromTheGroundTruth()
    {
        var plain = NewDirectory();
        var truth = NewDirectory();

        var first = Report(data.ReferenceRun, plain);
        var second = Report(data.ReferenceRun, truth, "--ground-truth", "--english");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.StartsWith("fairness: ", first.Output, StringComparison.Ordinal);
        foreach (var name in new[] { FairnessRunFiles.ReportFileName, FairnessRunFiles.HtmlFileName, FairnessRunFiles.AlertsFileName })
        {
            Assert.True(File.Exists(Path.Combine(plain, name)), name);
        }

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(plain, FairnessRunFiles.ReportFileName)));
        using var withTruth = JsonDocument.Parse(File.ReadAllText(Path.Combine(truth, FairnessRunFiles.ReportFileName)));
        var record = FairnessRunFiles.TryParse<MonitorRecord>(File.ReadAllText(Path.Combine(plain, FairnessRunFiles.AlertsFileName)), out _)!;
        Assert.False(report.RootElement.GetProperty("hasGroundTruth").GetBoolean());
        Assert.True(withTruth.RootElement.GetProperty("hasGroundTruth").GetBoolean());
        Assert.Equal("english", withTruth.RootElement.GetProperty("language").GetString());
        Assert.Equal(record.PlanHash, report.RootElement.GetProperty("planHash").GetString());
        Assert.Equal(4, record.Looks);
        Assert.Equal(record.PlannedHouseholds, record.Households);
        Assert.Equal(0.05, record.AlphaSpent, 9);

        // The groups of the definition, and the selection's households only (those already receiving AIO are not in the run).
        var labels = report.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("label").GetString()).ToList();
        Assert.Contains("region=zuid", labels);
        Assert.Contains("country_of_birth_category=tr_ma", labels);
        Assert.Equal(File.ReadAllLines(Path.Combine(data.ReferenceRun, "selection.csv")).Length - 1, report.RootElement.GetProperty("selected").GetInt32());
        Assert.Contains("<html", File.ReadAllText(Path.Combine(plain, FairnessRunFiles.HtmlFileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void PlantedUnderSelection_IsAlerted_AndTheLettersWaitForTheReviewer()
    {
        var run = data.RunWithoutRegion("zuid");

        var held = Report(run, run);
        var record = FairnessRunFiles.TryParse<MonitorRecord>(File.ReadAllText(Path.Combine(run, FairnessRunFiles.AlertsFileName)), out _)!;

        Assert.Equal(0, held.ExitCode);
        Assert.Contains("letters held", held.Output, StringComparison.Ordinal);
        Assert.Contains(record.Alerts, a => a.Group == "region=zuid" && a.Direction == Samenreken.Fairness.Direction.Under);

        var decision = CliRun.Of("fairness", "acknowledge", "--run", run, "--reviewer", "gelijkebehandeling", "--decision", "release", "--reason", "Zuid was leeg door een testfout; nagekeken.");
        var again = CliRun.Of("fairness", "acknowledge", "--run", run, "--reviewer", "x", "--decision", "stop", "--reason", "y");
        var released = Report(run, NewDirectory());

        Assert.Equal(0, decision.ExitCode);
        Assert.Contains("release recorded", decision.Output, StringComparison.Ordinal);
        again.AssertFailed(6, "fairness-decision.json already exists");
        Assert.Contains("letters may go out", released.Output, StringComparison.Ordinal);
        var review = FairnessRunFiles.TryParse<ReviewRecord>(File.ReadAllText(Path.Combine(run, FairnessRunFiles.DecisionFileName)), out _)!;
        Assert.Equal((ReviewDecision.Release, record.Alerts.Count, record.PlanHash), (review.Decision, review.Alerts, review.PlanHash));
    }

    [Fact]
    public void Acknowledge_OfARunThatWasNotMonitored_IsAMissingFile()
        => CliRun.Of("fairness", "acknowledge", "--run", data.Data, "--reviewer", "r", "--decision", "release", "--reason", "x")
            .AssertFailed(3, "fairness-alerts.json: no such file");

    [Fact]
    public void Report_OfASelectionFromOtherData_IsRefused()
    {
        var run = System.IO.Directory.CreateDirectory(NewDirectory()).FullName;
        File.WriteAllLines(Path.Combine(run, "selection.csv"), [ReferenceSelection.Header, "99999999,single,999999990"]);

        Report(run, NewDirectory()).AssertFailed(4, "not in svb.csv");
    }

    [Fact]
    public void Acknowledge_WithAMultiLineReason_IsAUsageError()
    {
        var run = data.RunWithoutRegion("noord");
        Assert.Equal(0, Report(run, run).ExitCode);

        CliRun.Of("fairness", "acknowledge", "--run", run, "--reviewer", "r", "--decision", "stop", "--reason", "a\nb").AssertFailed(2, "--reason must be one non-empty line");
    }

    [Fact]
    public void Funnel_AfterEvaluation_FlagsARegionNeverGrantedAfterALetter_AndKeepsTheCountsOfTheRest()
    {
        using var svb = new StreamReader(Path.Combine(data.Data, "svb.csv"));
        var zuid = SvbFile.OpenHouseholds(svb).Load(CsvLoadMode.FailWholeLoad, 0).Records
            .Where(h => Regions.Of(h.Recipients[0].Demographics.MunicipalityCode) == "zuid").Select(h => h.Id).ToHashSet();
        var selected = File.ReadAllLines(Path.Combine(data.ReferenceRun, "selection.csv")).Skip(1).Select(r => long.Parse(r[..r.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var funnel = Path.Combine(data.Directory, "funnel-" + Guid.NewGuid().ToString("N") + ".csv");
        // Everyone approached responds and applies; two in three are granted, except in the south, where no one is.
        File.WriteAllLines(funnel, ["household_id,responded,applied,granted", .. selected.Select((id, i) => $"{id},1,1,{(zuid.Contains(id) || i % 3 == 0 ? 0 : 1)}")]);
        var output = NewDirectory();

        var run = Report(data.ReferenceRun, output, "--funnel", funnel, "--ground-truth");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("funnel: " + selected.Count + " approached", run.Output, StringComparison.Ordinal);
        Assert.Contains("region=zuid", run.Output.Split('\n').Single(l => l.StartsWith("funnel:", StringComparison.Ordinal)), StringComparison.Ordinal);
        var report = FairnessRunFiles.TryParse<Samenreken.Fairness.FunnelReport>(File.ReadAllText(Path.Combine(output, FairnessCommands.FunnelJsonFileName)), out _)!;
        Assert.Equal(selected.Count, report.Approached);
        Assert.True(report.Groups.Single(g => g.Value == "zuid").Flagged);
        Assert.All(report.Groups.Where(g => g.Granted.Count is { } c && c > 0), g => Assert.True(g.Granted.Count >= 10));
        Assert.True(report.HasGroundTruth);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(output, FairnessCommands.FunnelHtmlFileName)), StringComparison.Ordinal);

        File.WriteAllLines(funnel, ["household_id,responded,applied,granted", $"{selected[0]},0,0,1"]);
        Report(data.ReferenceRun, NewDirectory(), "--funnel", funnel).AssertFailed(4, "granted without applied");
    }
}
