using System.Text.RegularExpressions;
using Samenreken.Nodes.Demo;
using Spectre.Console;

namespace Samenreken.Cli.Tests;

/// <summary>One output channel: every command writes through its invocation's writers, which a test can capture.</summary>
public sealed partial class OutputChannelTests
{
    [Fact]
    public async Task DemoPages_PrintTheAddressesAndAccounts_OnTheInvocationsOutput()
    {
        var pages = new DemoPages();
        var access = new DemoUiAccess("https://127.0.0.1:5101", "https://127.0.0.1:5201", "generated-password", [new DemoAccount("svb", "svb-reviewer", "Reviewer"), new DemoAccount("uwv", "uwv-operator", "Operator")]);
        var summary = new DemoSummary();
        var released = pages.Ui().Serve(summary, access);
        var output = new StringWriter();
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();

        await pages.ServeUntilCancelledAsync(PlainConsole(output), Task.FromResult(summary), stopped.Token);

        Assert.True(released.IsCompletedSuccessfully); // the nodes are told to stop
        foreach (var expected in new[] { access.SvbUrl, access.UwvUrl, access.Password, "svb-reviewer", "uwv-operator", "Ctrl+C" })
        {
            Assert.Contains(expected, output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NoCliSource_WritesToTheProcessConsole()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Samenreken.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("Samenreken.slnx not found above the test binaries");
        }

        var sources = Directory.GetFiles(Path.Combine(root.FullName, "src", "Samenreken.Cli"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(sources, f => f.EndsWith("DemoPages.cs", StringComparison.Ordinal)); // the rule sees the files it is about

        var offenders = sources.Where(f => ProcessConsoleWrite().IsMatch(File.ReadAllText(f))).Select(Path.GetFileName);

        Assert.Empty(offenders);
    }

    /// <summary>The static Spectre console and System.Console bypass the invocation's writers (AnsiConsole.Create builds one on them).</summary>
    [GeneratedRegex(@"\bAnsiConsole\.(Write|Markup|Progress|Status|Live|Prompt|Ask|Confirm|Clear)|\bConsole\.(Write|Out\b|Error\b)")]
    private static partial Regex ProcessConsoleWrite();

    private static IAnsiConsole PlainConsole(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });
}
