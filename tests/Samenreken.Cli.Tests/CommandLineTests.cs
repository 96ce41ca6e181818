using System.CommandLine;

namespace Samenreken.Cli.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "samenreken-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Help_ListsTheBenchCommands()
    {
        var run = CliRun.Of("bench", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("crypto", run.Output, StringComparison.Ordinal);
        Assert.Contains("compare", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsEveryExitCode()
    {
        var run = CliRun.Of("pilot", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Exit codes:", run.Output, StringComparison.Ordinal);
        foreach (var (code, meaning) in ExitCodes.All)
        {
            Assert.Contains($"{code,-5}{meaning}", run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Readme_ListsEveryExitCode()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "README.md")) || !File.Exists(Path.Combine(directory.FullName, "Samenreken.slnx")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("README.md not found above the test binaries");
        }

        var readme = File.ReadAllText(Path.Combine(directory.FullName, "README.md"));
        foreach (var (code, _) in ExitCodes.All)
        {
            Assert.Contains($"\n| {code} | ", readme, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("crypto")]
    [InlineData("compare")]
    public void Bench_KeySizeOutsideTheAllowedSet_IsRefusedWithAClearError(string benchmark)
    {
        var run = CliRun.Of("bench", benchmark, "--bits", "1024").AssertFailed(ExitCodes.Usage, "1024");

        Assert.Contains("2048", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryModulusSizeOption_IsTheOneSharedDefinition()
    {
        var shared = CliOptions.Bits();
        var found = Commands(SamenrekenCommand.Create())
            .SelectMany(c => c.Options.Select(o => (Command: c.Name, Option: o)))
            .Where(x => x.Option.Name is "--bits" or "--key-bits" || x.Option.Aliases.Contains("--key-bits"))
            .ToList();

        Assert.Contains(found, x => x.Command == "demo"); // the rule sees the demo, whose own --key-bits it replaced
        Assert.All(found, x =>
        {
            Assert.Equal("--bits", x.Option.Name);
            Assert.Equal(shared.Description, x.Option.Description);
        });
    }

    [Theory]
    [InlineData("--bits")]
    [InlineData("--key-bits")]
    public void Demo_KeySizeOutsideTheAllowedSet_IsRefusedLikeEveryOtherCommand(string option)
    {
        var output = Path.Combine(_directory, "demo");

        var run = CliRun.Of("demo", option, "1024", "--out", output).AssertFailed(ExitCodes.Usage, "1024");

        Assert.Contains("4096", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    private static IEnumerable<Command> Commands(Command command) => command.Subcommands.SelectMany(Commands).Prepend(command);

    [Theory]
    [InlineData("--persons", "generate", "--persons", "0", "--out", "unused")]
    [InlineData("--persons", "pilot", "--persons", "-5")]
    [InlineData("--batch", "bench", "compare", "--batch", "3")]
    public void CountBelowItsMinimum_IsRefusedAtParseTime_NamingTheOption(string option, params string[] args)
        => CliRun.Of(args).AssertFailed(ExitCodes.Usage, $"{option} must be at least");

    [Theory]
    [InlineData("--persons", "abc", "pilot --out OUT")]
    [InlineData("--persons", "1e9", "pilot --out OUT")]
    [InlineData("--persons", "2147483648", "pilot --out OUT")]
    [InlineData("--persons", "abc", "generate --out OUT")]
    [InlineData("--batch", "abc", "bench compare --json OUT/r.json")]
    [InlineData("--seconds", "1.5", "bench crypto --json OUT/r.json")]
    [InlineData("--seed", "x1", "pilot --out OUT")]
    [InlineData("--comparison-bits", "0", "keys generate --out OUT")]
    [InlineData("--comparison-bits", "-1", "keys generate --out OUT")]
    [InlineData("--comparison-bits", "64", "keys generate --out OUT")]
    [InlineData("--month", "abc", "generate --persons 1 --out OUT")]
    [InlineData("--month", "2030-13", "generate --persons 1 --out OUT")]
    [InlineData("--month", "2025-6-1", "reference --data DATA --out OUT/r.csv")]
    public void ValueThatDoesNotParseOrIsOutOfRange_IsAnOptionError_AndNothingIsWritten(string option, string value, string command)
    {
        var args = command.Replace("OUT", Path.Combine(_directory, "out"), StringComparison.Ordinal).Replace("DATA", _directory, StringComparison.Ordinal).Split(' ');
        var run = CliRun.Of([.. args, option, value]);

        run.AssertFailed(ExitCodes.Usage, $"{option} must be");
        Assert.Contains($"got '{value}'", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void MonthWithoutParameters_IsAnOptionError_AndNothingIsWritten()
    {
        CliRun.Of("generate", "--persons", "10", "--month", "2030-01", "--out", _directory).AssertFailed(ExitCodes.Usage, "--month 2030-01: no parameters");

        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void UnknownCommand_IsRefused()
        => CliRun.Of("frobnicate").AssertFailed(ExitCodes.Usage, "frobnicate");

    [Fact]
    public void BenchJson_IntoAPathThatCannotBeWritten_FailsBeforeTheRun()
    {
        Directory.CreateDirectory(_directory);
        var notADirectory = Path.Combine(_directory, "file");
        File.WriteAllText(notADirectory, "x");

        var run = CliRun.Of("bench", "compare", "--bits", "2048", "--batch", "16", "--json", Path.Combine(notADirectory, "report.json"));

        run.AssertFailed(ExitCodes.FileAccess, "cannot write into");
        Assert.Empty(run.Output);
        Assert.DoesNotContain("generating", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchJson_OntoAnExistingFile_IsRefusedWithoutForce_BeforeTheRun()
    {
        Directory.CreateDirectory(_directory);
        var report = Path.Combine(_directory, "report.json");
        File.WriteAllText(report, "earlier");

        CliRun.Of("bench", "crypto", "--bits", "2048", "--seconds", "1", "--json", report).AssertFailed(ExitCodes.OutputExists, "--force");

        Assert.Equal("earlier", File.ReadAllText(report));
        Assert.Equal([report], Directory.GetFileSystemEntries(_directory).Where(e => e != Path.Combine(_directory, "file")));
    }

    [Fact]
    public void UnexpectedException_IsOneLineWithExitCode70_AndTheStackTraceOnlyWithVerbose()
    {
        var root = new RootCommand { CliOptions.Verbose };
        var boom = new Command("boom");
        boom.SetCliAction((_, _) => throw new InvalidOperationException("the invariant broke"));
        root.Add(boom);

        foreach (var verbose in new[] { false, true })
        {
            var error = new StringWriter();
            var exitCode = root.Parse(verbose ? ["boom", "--verbose"] : ["boom"]).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });

            Assert.Equal(ExitCodes.InternalError, exitCode);
            var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("error: internal error (InvalidOperationException): the invariant broke (run with --verbose for the stack trace)", lines[0]);
            Assert.Equal(verbose, error.ToString().Contains("   at ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ACommandParsedWithoutTheRoot_StillReportsItsFailures()
    {
        // Tests of a single command (Command.Parse without the root and its --verbose) get the same failure handling.
        var error = new StringWriter();
        var exitCode = DomainCommands.Explain().Parse(["--person", "123456780", "--data", _directory]).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal("error: --person is not a valid BSN (nine digits, 11-test)", error.ToString().TrimEnd());
    }

    [Theory]
    [InlineData(typeof(FileNotFoundException), ExitCodes.FileAccess)]
    [InlineData(typeof(UnauthorizedAccessException), ExitCodes.FileAccess)]
    [InlineData(typeof(InvalidDataException), ExitCodes.InvalidInput)]
    [InlineData(typeof(EndOfStreamException), ExitCodes.InvalidInput)]
    [InlineData(typeof(OperationCanceledException), ExitCodes.Cancelled)]
    [InlineData(typeof(ArgumentException), ExitCodes.InternalError)]
    public void EachKindOfFailure_HasItsExitCode(Type exception, int exitCode)
        => Assert.Equal(exitCode, CliFailures.Describe((Exception)Activator.CreateInstance(exception, "message")!).ExitCode);

    [Fact]
    public void CryptoValidationFailures_SeparateAWrongPassphraseFromAMalformedFile()
    {
        Assert.Equal(ExitCodes.KeyNotOpened, CliFailures.Describe(new Cryptography.CryptoValidationException(Cryptography.ValidationFailure.KeyDecryptionFailed, "m")).ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, CliFailures.Describe(new Cryptography.CryptoValidationException(Cryptography.ValidationFailure.MalformedEncoding, "m")).ExitCode);
    }

    [Fact]
    public void ProgressLine_GivesRateAndTimeLeft()
        => Assert.Equal("comparing: 250 of 1,000 (125.0/s, about 0:00:06 left)", PhaseProgress.StepLine("comparing", 250, 1000, TimeSpan.FromSeconds(2)));
}
