using Samenreken.Domain.Csv;

namespace Samenreken.Cli.Tests;

/// <summary>Damages generated data files the ways the issue lists (truncation, empty, bad rows, a changed byte).</summary>
internal static class DataFiles
{
    /// <summary>Rewrites a file through our writer (so it carries a fresh, matching trailer) with changed data rows.</summary>
    public static void Reseal(string path, Func<string[], string[]> change)
    {
        var lines = File.ReadAllLines(path).Where(l => !l.StartsWith("#end ", StringComparison.Ordinal)).ToArray();
        var preamble = lines.TakeWhile(l => l.StartsWith('#')).ToArray();
        var header = lines[preamble.Length];
        var rows = lines[(preamble.Length + 1)..];
        using var writer = CsvFileWriter.Create(path);
        foreach (var line in preamble.Append(header).Concat(change(rows)))
        {
            writer.WriteLine(line);
        }

        writer.Complete();
    }

    public static void Damage(string path, string how)
    {
        switch (how)
        {
            case "truncated":
                var bytes = File.ReadAllBytes(path);
                File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                break;
            case "empty":
                File.WriteAllText(path, string.Empty);
                break;
            case "wrong header":
                File.WriteAllLines(path, File.ReadAllLines(path).Select(l => l.StartsWith("bsn,", StringComparison.Ordinal) ? l.Replace("bsn,", "sofinr,", StringComparison.Ordinal) : l));
                break;
            case "header only":
                Reseal(path, _ => []);
                break;
            case "many bad rows":
                // Every tenth row loses a field: 10% bad, far above the 1% share.
                Reseal(path, rows => [.. rows.Select((r, i) => i % 10 == 0 ? r[..r.LastIndexOf(',')] : r)]);
                break;
            case "changed":
                var text = File.ReadAllLines(path);
                var row = Array.FindIndex(text, l => l.Contains(",56,", StringComparison.Ordinal));
                text[row] = text[row].Replace(",56,", ",53,", StringComparison.Ordinal);
                File.WriteAllLines(path, text);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(how));
        }
    }
}
