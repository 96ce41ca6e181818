namespace Samenreken.Cli.Tests;

/// <summary>
/// <c>node</c>, <c>run resume</c> and <c>demo</c> on the shared CLI hosting: a failure before any node runs is one
/// "error:" line with its documented exit code, no stack trace, and nothing written.
/// </summary>
public sealed class NodeCommandsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("samenreken-node-cli-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Theory]
    [InlineData("node uwv")]
    [InlineData("node svb")]
    [InlineData("run resume 0123456789abcdef0123456789abcdef")]
    public void ANodeWithAMissingSettingsFile_IsOneLineAndExitCode3(string command)
    {
        var missing = Path.Combine(_directory.FullName, "none.json");

        CliRun.Of([.. command.Split(' '), "--config", missing]).AssertFailed(ExitCodes.FileAccess, "none.json");

        Assert.Empty(_directory.GetFileSystemInfos());
    }

    [Theory]
    [InlineData("node uwv", 30)]
    [InlineData("node svb", 30)]
    [InlineData("run resume 0123456789abcdef0123456789abcdef", 2)]
    public void OnlyANodeHost_GetsTimeToStopGracefullyWhenInterrupted(string command, int seconds)
    {
        // System.CommandLine forces exit code 143 (SIGTERM) or 130 when an interrupted command has not stopped within
        // this timeout (2 s by default); a node's host may take its 10 s shutdown timeout. Other commands keep the default.
        var configuration = new System.CommandLine.InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() };

        SamenrekenCommand.Run([.. command.Split(' '), "--config", Path.Combine(_directory.FullName, "none.json")], configuration);

        Assert.Equal(TimeSpan.FromSeconds(seconds), configuration.ProcessTerminationTimeout);
    }

    [Fact]
    public void DemoProgress_NamesEveryPhase_AndShowsTheFairnessAlertsRaisedSoFar()
    {
        Assert.Equal("results revealed (batches)", NodeCommands.PhaseLabel(new Nodes.Svb.RunProgress("reveal", 1, 9)));
        Assert.NotEqual(NodeCommands.PhaseLabel(new Nodes.Svb.RunProgress("comparison", 1, 9)), NodeCommands.PhaseLabel(new Nodes.Svb.RunProgress("reveal", 1, 9)));
        Assert.Equal("[red]fairness alerts raised: 3[/]", NodeCommands.PhaseLabel(new Nodes.Svb.RunProgress(Nodes.Svb.RunProgress.FairnessAlertsPhase, 3, 3)));
        Assert.Equal("[[x]]", NodeCommands.PhaseLabel(new Nodes.Svb.RunProgress("[x]", 0, 1))); // an unknown phase is shown as text, not markup
    }

    [Fact]
    public void ANodeWithASettingsFileThatIsNotJson_IsOneLineAndExitCode4()
    {
        var settings = Path.Combine(_directory.FullName, "settings.json");
        File.WriteAllText(settings, "{ not json");

        CliRun.Of("node", "svb", "--config", settings).AssertFailed(ExitCodes.InvalidInput, "settings.json");

        Assert.Equal([settings], _directory.GetFileSystemInfos().Select(f => f.FullName));
    }

    [Theory]
    [InlineData("--persons", "abc")]
    [InlineData("--key-bits", "1024")]
    [InlineData("--chaos", "-1")]
    public void DemoWithABadOptionValue_IsAUsageError_AndStartsNothing(string option, string value)
    {
        var output = Path.Combine(_directory.FullName, "demo");

        var run = CliRun.Of("demo", option, value, "--out", output);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(value, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
