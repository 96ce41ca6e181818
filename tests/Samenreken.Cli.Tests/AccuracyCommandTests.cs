using System.CommandLine;
using System.Text.Json;
using Samenreken.Domain.NetIncome;

namespace Samenreken.Cli.Tests;

public sealed class AccuracyCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "samenreken-accuracy-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int Run(Command command, params string[] args) => command.Parse(args).Invoke();

    [Fact]
    public void Accuracy_WritesJsonHtmlAndCharts_AndTheRulesOfIssue14ReduceTheError()
    {
        var data = Path.Combine(_directory, "data");
        var report = Path.Combine(_directory, "report");
        Assert.Equal(0, Run(DomainCommands.Generate(), "--persons", "2000", "--seed", "3", "--out", data));
        Assert.Equal(0, Run(AccuracyCommand.Create(), "--data", data, "--out", report, "--recompute-truth")); // the rules of issue 14 against the split error alone

        Assert.True(File.Exists(Path.Combine(report, AccuracyCommand.HtmlFileName)));
        Assert.True(new FileInfo(Path.Combine(report, "accuracy-errors.png")).Length > 1000);
        Assert.True(new FileInfo(Path.Combine(report, "accuracy-household-types.png")).Length > 1000);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, AccuracyCommand.JsonFileName)));
        double MeanAbsolute(string which) => json.RootElement.GetProperty(which).GetProperty("Overall").GetProperty("MeanAbsoluteEur").GetDouble();
        Assert.True(MeanAbsolute("after") < MeanAbsolute("before") / 2, $"after {MeanAbsolute("after")}, before {MeanAbsolute("before")}");
        var types = json.RootElement.GetProperty("after").GetProperty("ByHouseholdType").EnumerateArray().Select(t => t.GetProperty("Group").GetString() ?? string.Empty).ToArray();
        Assert.Equal(["couple_both_aow_age", "couple_younger_partner", "couple_younger_partner_toeslag", "single"], types);
        Assert.DoesNotContain("ErrorsCents", File.ReadAllText(Path.Combine(report, AccuracyCommand.JsonFileName)), StringComparison.Ordinal);

        // The errors per group of the non-discrimination monitor's attributes: every household in one group of each.
        var monitored = json.RootElement.GetProperty("after").GetProperty("ByMonitoredAttribute");
        Assert.Equal(["sex", "age_band", "aow_build_up_band", "region", "country_of_birth_category"], monitored.EnumerateObject().Select(p => p.Name).ToArray());
        var households = json.RootElement.GetProperty("after").GetProperty("Overall").GetProperty("Households").GetInt32();
        foreach (var attribute in monitored.EnumerateObject())
        {
            Assert.Equal(households, attribute.Value.EnumerateArray().Sum(g => g.GetProperty("Households").GetInt32()));
        }

        var countries = monitored.GetProperty("country_of_birth_category").EnumerateArray().ToArray();
        Assert.True(countries.Length > 1);
        Assert.Contains(countries, g => g.GetProperty("Group").GetString() == "nl");
        Assert.Contains("monitored: country_of_birth_category", File.ReadAllText(Path.Combine(report, AccuracyCommand.HtmlFileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Accuracy_MeasuresAgainstTheGeneratorsTruth_UnlessAskedToRecompute()
    {
        var data = Path.Combine(_directory, "data");
        Assert.Equal(0, Run(DomainCommands.Generate(), "--persons", "300", "--seed", "5", "--out", data));
        Assert.True(File.Exists(Path.Combine(data, TruthFile.FileName)));
        string Truth(string report, params string[] extra)
        {
            Assert.Equal(0, Run(AccuracyCommand.Create(), ["--data", data, "--out", Path.Combine(_directory, report), .. extra]));
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, report, AccuracyCommand.JsonFileName)));
            return json.RootElement.GetProperty("truth").GetString() ?? string.Empty;
        }

        Assert.Equal(AccuracyMeasurement.GeneratorTruth, Truth("generator"));
        Assert.Equal(AccuracyMeasurement.RecomputedTruth, Truth("recomputed", "--recompute-truth"));

        // A damaged truth file is refused like the others: nothing is measured.
        DataFiles.Damage(Path.Combine(data, TruthFile.FileName), "truncated");
        Assert.Equal(ExitCodes.InvalidInput, Run(AccuracyCommand.Create(), "--data", data, "--out", Path.Combine(_directory, "damaged")));
        Assert.False(Directory.Exists(Path.Combine(_directory, "damaged")));
    }

    [Fact]
    public void Accuracy_OnATruncatedFile_IsRefused()
    {
        var data = Path.Combine(_directory, "data");
        Assert.Equal(0, Run(DomainCommands.Generate(), "--persons", "200", "--seed", "3", "--out", data));
        DataFiles.Damage(Path.Combine(data, "uwv.csv"), "truncated");
        Assert.Equal(ExitCodes.InvalidInput, Run(AccuracyCommand.Create(), "--data", data, "--out", Path.Combine(_directory, "report")));
        Assert.False(Directory.Exists(Path.Combine(_directory, "report")));
    }

    [Fact]
    public void Accuracy_OnAMissingDirectory_IsOneLineAndWritesNothing()
    {
        var report = Path.Combine(_directory, "report");
        CliRun.Of("accuracy", "--data", Path.Combine(_directory, "nowhere"), "--out", report).AssertFailed(ExitCodes.FileAccess, "no such data directory");
        Assert.False(Directory.Exists(report));
    }
}
