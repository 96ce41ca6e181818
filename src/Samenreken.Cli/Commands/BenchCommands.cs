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
