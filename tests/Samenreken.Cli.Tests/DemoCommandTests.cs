using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Samenreken.Cli.Tests;

/// <summary>
/// <c>samenreken demo</c> as a user runs it (a real process that starts both nodes as processes of its own): zero
/// mismatches, the summary.json fields issue 13 asks for, both audit trails verified, and the pilot's outputs
/// (letters, SIMULATED evaluation with the run's costs, fairness report, DPIA, transparency page) in its folder.
/// </summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("samenreken-demo-cli-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Demo_RunsThroughTwoNodeProcesses_AndWritesTheSummaryAndThePilotsOutputs()
    {
        var output = Path.Combine(_directory.FullName, "demo");
        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "samenreken.dll"), "demo", "--persons", "300", "--key-bits", "2048", "--seed", "4", "--out", output })
        {
            start.ArgumentList.Add(arg);
        }

        using var demo = Process.Start(start)!;
        var stdout = demo.StandardOutput.ReadToEndAsync();
        var stderr = demo.StandardError.ReadToEndAsync();
        await demo.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(8));
        Assert.True(demo.ExitCode == 0, $"exit code {demo.ExitCode}\n{await stdout}\n{await stderr}");

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!;
        Assert.Equal(300, summary["persons"]!.GetValue<int>());
        Assert.True(summary["households"]!.GetValue<int>() > 0);
        Assert.True(summary["selected"]!.GetValue<int>() > 0);
        Assert.Equal(0, summary["mismatches"]!.GetValue<int>());
        Assert.True(summary["seconds"]!.AsObject().Count > 1);
        Assert.True(summary["bytesSvbToUwv"]!.GetValue<long>() > 0 && summary["bytesUwvToSvb"]!.GetValue<long>() > 0);
        Assert.True(summary["peakRssBytes"]!["uwv"]!.GetValue<long>() > 0 && summary["peakRssBytes"]!["svb"]!.GetValue<long>() > 0);
        Assert.True(summary["decryptionsServed"]!.GetValue<long>() > 0);
        Assert.True(summary["auditVerified"]!.GetValue<bool>());

        var letters = Path.Combine(output, "letters");
        Assert.NotEmpty(Directory.GetFiles(letters, "*.pdf"));
        Assert.Equal(Directory.GetFiles(letters, "*.pdf").Length, Directory.GetFiles(letters, "*.html").Length);
        var evaluation = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "evaluation", "evaluation.json")))!;
        Assert.True(evaluation["simulated"]!.GetValue<bool>());
        var cost = Assert.Single(evaluation["costs"]!.AsArray())!;
        Assert.Equal(summary["runId"]!.GetValue<string>(), cost["run"]!.GetValue<string>());
        Assert.Equal(summary["decryptionsServed"]!.GetValue<long>(), cost["decryptions_served"]!.GetValue<long>());
        foreach (var document in new[] { "dpia.md", "dpia.html", "transparantie.md", "transparantie.html", "algoritmeregister.json" })
        {
            Assert.True(File.Exists(Path.Combine(output, "documents", document)), document);
        }
    }
}
