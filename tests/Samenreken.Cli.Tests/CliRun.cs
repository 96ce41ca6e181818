using System.CommandLine;

namespace Samenreken.Cli.Tests;

/// <summary>One run of <c>samenreken</c> through its real entry point, with both writers captured.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SamenrekenCommand.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The lines on standard error that are not diagnostic log lines.</summary>
    public IReadOnlyList<string> ErrorLines => [.. Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Asserts a failure: the exit code, and exactly one "error:" line that contains <paramref name="expected"/> and no stack trace.</summary>
    public CliRun AssertFailed(int exitCode, string expected)
    {
        Assert.Equal(exitCode, ExitCode);
        var failure = Assert.Single(ErrorLines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", Error, StringComparison.Ordinal);
        return this;
    }
}
