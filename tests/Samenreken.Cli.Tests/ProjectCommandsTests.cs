using System.CommandLine;

namespace Samenreken.Cli.Tests;

public sealed class ProjectCommandsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("samenreken-project-");

    public void Dispose() => _directory.Delete(recursive: true);

    internal static string ProjectFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "projects", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(name);
    }

    internal static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SamenrekenCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void ProjectShow_PrintsPerPartyWhatTheOtherFeedsInAndWhatEachLearns()
    {
        var (exitCode, output, _) = Run("project", "show", "--project", ProjectFile("aio-pilot-2022.yaml"));

        Assert.Equal(0, exitCode);
        Assert.Contains("== uwv", output, StringComparison.Ordinal);
        Assert.Contains("fields svb feeds into the computation:", output, StringComparison.Ordinal);
        Assert.Contains("- bsn [identification] (sent to uwv, readable)", output, StringComparison.Ordinal);
        Assert.Contains("- household_composition [household] (stays local)", output, StringComparison.Ordinal);
        Assert.Contains("- net_income_part [income] (sent to svb, encrypted, unreadable to the recipient)", output, StringComparison.Ordinal);
        Assert.Contains("below_norm_per_household", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ProjectShow_InvalidDefinition_ListsErrorsWithLinesAndFails()
    {
        var file = Path.Combine(_directory.FullName, "bad.yaml");
        File.WriteAllText(file, File.ReadAllText(ProjectFile("aio-demo-fictitious.yaml")).Replace("comparison_engine: gc", "comparison_engine: magic", StringComparison.Ordinal));

        var (exitCode, _, error) = Run("project", "show", "--project", file);

        Assert.Equal(4, exitCode);
        Assert.Contains("/crypto/comparison_engine", error, StringComparison.Ordinal);
        Assert.Contains("error: ", error, StringComparison.Ordinal);
        Assert.Contains("line ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ProjectDpiaAndTransparency_WriteTheirFiles()
    {
        var project = ProjectFile("aio-demo-fictitious.yaml");
        Assert.Equal(0, Run("project", "dpia", "--project", project, "--out", _directory.FullName).ExitCode);
        Assert.Equal(0, Run("project", "transparency", "--project", project, "--out", _directory.FullName).ExitCode);

        var dpia = File.ReadAllText(Path.Combine(_directory.FullName, "dpia.md"));
        Assert.Contains("### 17. Maatregelen", dpia, StringComparison.Ordinal);

        // The demo runs the garbled engine: point 3 has a row per step of its described views (Samenreken.Disclosure).
        Assert.All(Samenreken.Disclosure.PartyViews.GarbledCircuit.Steps, step => Assert.Contains($"| {step.Number} | {(step.IsLocal ? "(lokaal) " : "")}{step.Message} |", dpia, StringComparison.Ordinal));
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(_directory.FullName, "dpia.html")), StringComparison.Ordinal);
        Assert.Contains("Vragen of bezwaar?", File.ReadAllText(Path.Combine(_directory.FullName, "transparantie.html")), StringComparison.Ordinal);
        Assert.Contains("\"organization\"", File.ReadAllText(Path.Combine(_directory.FullName, "algoritmeregister.json")), StringComparison.Ordinal);

        // A second run does not overwrite without --force.
        Assert.Equal(6, Run("project", "dpia", "--project", project, "--out", _directory.FullName).ExitCode);
        Assert.Equal(0, Run("project", "dpia", "--project", project, "--out", _directory.FullName, "--force").ExitCode);
    }
}
