using System.CommandLine;

namespace Samenreken.Cli.Tests;

public sealed class CommandLineTests
{
    private static (int ExitCode, string Output, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SamenrekenCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Help_ListsTheBenchCommands()
    {
        var (exitCode, output, _) = Invoke("bench", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("crypto", output, StringComparison.Ordinal);
        Assert.Contains("compare", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("crypto")]
    [InlineData("compare")]
    public void Bench_KeySizeOutsideTheAllowedSet_IsRefusedWithAClearError(string benchmark)
    {
        var (exitCode, _, error) = Invoke("bench", benchmark, "--bits", "1024");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("1024", error, StringComparison.Ordinal);
        Assert.Contains("2048", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--persons", "generate", "--persons", "0", "--out", "unused")]
    [InlineData("--persons", "pilot", "--persons", "-5")]
    [InlineData("--batch", "bench", "compare", "--batch", "3")]
    public void CountBelowItsMinimum_IsRefusedAtParseTime_NamingTheOption(string option, params string[] args)
    {
        var (exitCode, _, error) = Invoke(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{option} must be at least", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_IsRefused()
    {
        var (exitCode, _, error) = Invoke("frobnicate");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("frobnicate", error, StringComparison.Ordinal);
    }
}
