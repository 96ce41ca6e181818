using System.CommandLine;

namespace Samenreken.Cli;

/// <summary><c>samenreken bench …</c>: quick performance measurements that write JSON.</summary>
internal static class BenchCommands
{
    public static Command Create()
    {
        var bench = new Command("bench", "Quick benchmarks of the hot paths; each writes a JSON report.")
        {
            // One subcommand per file under Commands/; the comparison protocol's `compare` is added on the next line.
            CryptoBenchCommand.Create(),
        };
        return bench;
    }
}
