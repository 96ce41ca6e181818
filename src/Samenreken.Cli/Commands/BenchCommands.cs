using System.CommandLine;

namespace Samenreken.Cli;

/// <summary><c>samenreken bench …</c>: quick performance measurements that write JSON.</summary>
internal static class BenchCommands
{
    public static Command Create()
    {
        var bench = new Command("bench", "Quick benchmarks of the hot paths; each writes a JSON report.")
        {
            // One subcommand per file under Commands/.
            CryptoBenchCommand.Create(),
            CompareBenchCommand.Create(),
        };
        return bench;
    }
}

/// <summary>Writing a bench report prepared before the run.</summary>
internal static class BenchReports
{
    /// <summary>Writes <paramref name="json"/> to <paramref name="output"/> (when a report was asked for) and says where.</summary>
    public static void Write(CliContext cli, StagedOutput? output, string json)
    {
        if (output is null)
        {
            return;
        }

        var name = output.Names.Single();
        using (var writer = output.CreateText(name))
        {
            writer.Write(json);
        }

        foreach (var path in output.Commit())
        {
            cli.Output.WriteLine($"report written to {path}");
        }
    }
}
