using Samenreken.Synthetic;

namespace Samenreken.Cli.Tests;

public sealed class PilotCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "samenreken-pilot-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Pilot_At2048Bits_InItsDefaultFolder_ExitsZero_WritesTheReferenceSelection_AndShowsProgress()
    {
        var run = CliRun.Of("pilot", "--persons", "200", "--bits", "2048", "--seed", "7");

        Assert.Equal(0, run.ExitCode);
        var announced = Assert.Single(run.ErrorLines, l => l.StartsWith("output directory ", StringComparison.Ordinal));
        var folder = announced["output directory ".Length..announced.IndexOf(" (mode 0700", StringComparison.Ordinal)];
        try
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            var selection = File.ReadAllLines(Path.Combine(folder, PilotCommand.SelectionFileName));
            var reference = File.ReadAllLines(Path.Combine(folder, PilotCommand.ReferenceFileName));
            Assert.Equal("household_id,household_type,bsn", selection[0]);
            Assert.Equal(reference, selection);
            Assert.Contains($"files in {folder}", run.Output, StringComparison.Ordinal);

            // Progress of the comparison phase, with rate and time left (a line per batch when not on a terminal).
            Assert.Contains(run.ErrorLines, l => l.StartsWith("comparing ", StringComparison.Ordinal) && l.Contains("/s, about", StringComparison.Ordinal));

            // The log reaches the invocation's error writer, flushed before the command returns (the backend line is
            // logged once per process, so the key-size warning is the line every run has).
            Assert.Contains(run.ErrorLines, l => l.Contains("warn pilot: 2048-bit keys are below the recommended", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Pilot_InterruptedWithCtrlC_LeavesNothingBehind()
    {
        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new System.Diagnostics.ProcessStartInfo(dotnet) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "samenreken.dll"), "pilot", "--persons", "2000", "--bits", "3072", "--out", _directory })
        {
            start.ArgumentList.Add(arg);
        }

        using var pilot = System.Diagnostics.Process.Start(start)!;
        _ = pilot.StandardOutput.ReadToEndAsync();

        // Interrupt once the generated files are staged and the keys are being made. 3072-bit keys and 2,000 persons
        // keep the pilot busy for seconds after that line; with 300 persons at 2048 bits it could finish (exit 0)
        // before the signal landed.
        while (await pilot.StandardError.ReadLineAsync() is { } line && !line.Contains("generates", StringComparison.Ordinal))
        {
        }

        Assert.True(Directory.Exists(_directory));
        using (var interrupt = System.Diagnostics.Process.Start("kill", ["-INT", pilot.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        await pilot.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(ExitCodes.Cancelled, pilot.ExitCode);
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void Pilot_RefusesAnInsecureKeySize()
    {
        CliRun.Of("pilot", "--bits", "1024", "--out", _directory).AssertFailed(ExitCodes.Usage, "1024");
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void Pilot_IntoAFolderWithInputFiles_RefusesWithoutForce_AndReplacesNothing()
    {
        Directory.CreateDirectory(_directory);
        var svb = Path.Combine(_directory, PopulationGenerator.SvbFileName);
        File.WriteAllText(svb, "someone's data");

        CliRun.Of("pilot", "--persons", "20", "--bits", "2048", "--out", _directory).AssertFailed(ExitCodes.OutputExists, "use --force");

        Assert.Equal("someone's data", File.ReadAllText(svb));
        Assert.Equal([svb], Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void Pilot_WithADataFileThatIsNotOne_ExitsWith4_BeforeAnyKeyIsGenerated_AndWritesNothing()
    {
        var data = Directory.CreateTempSubdirectory("samenreken-pilot-data-");
        try
        {
            File.WriteAllText(Path.Combine(data.FullName, PopulationGenerator.SvbFileName), "not,a,data,file\n");
            File.WriteAllText(Path.Combine(data.FullName, PopulationGenerator.UwvFileName), string.Empty);

            var run = CliRun.Of("pilot", "--data", data.FullName, "--bits", "2048", "--out", _directory).AssertFailed(ExitCodes.InvalidInput, $"{PopulationGenerator.SvbFileName} is refused");

            Assert.DoesNotContain("generates", run.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(_directory));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public void Pilot_WithAMissingDataDirectory_ExitsWith3_AndWritesNothing()
    {
        CliRun.Of("pilot", "--data", Path.Combine(_directory, "none"), "--out", _directory).AssertFailed(ExitCodes.FileAccess, "no such data directory");
        Assert.False(Directory.Exists(_directory));
    }
}
