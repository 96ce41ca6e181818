using System.Text;
using Samenreken.Synthetic;

namespace Samenreken.Cli;

/// <summary>The two input files of a data directory (svb.csv and uwv.csv), checked to exist before a command starts.</summary>
internal sealed record DataFiles(string Svb, string Uwv)
{
    /// <summary>The files in <paramref name="directory"/>; a <see cref="CliException"/> (exit code 3) names the first one missing.</summary>
    public static DataFiles In(DirectoryInfo directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!directory.Exists)
        {
            throw CliException.FileAccess($"{directory.FullName}: no such data directory");
        }

        var files = new DataFiles(Path.Combine(directory.FullName, PopulationGenerator.SvbFileName), Path.Combine(directory.FullName, PopulationGenerator.UwvFileName));
        foreach (var file in files.All)
        {
            if (Directory.Exists(file))
            {
                // Said as it is: "no such file" for a directory of that name sends a person looking for a missing file.
                throw CliException.FileAccess($"{file}: is a directory, not a data file");
            }

            if (!File.Exists(file))
            {
                throw CliException.FileAccess($"{file}: no such file");
            }
        }

        return files;
    }

    public IReadOnlyList<string> All => [Svb, Uwv];

    public StreamReader OpenSvb() => Open(Svb);

    public StreamReader OpenUwv() => Open(Uwv);

    private static StreamReader Open(string path) => new(path, Encoding.UTF8, true, 1 << 20);
}
