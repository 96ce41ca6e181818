using System.CommandLine;
using Samenreken.Benchmarking;
using Samenreken.Benchmarking.Comparison;
using Spectre.Console;

namespace Samenreken.Cli;

/// <summary><c>samenreken bench compare</c>: secure-comparison throughput against the raw-GMP lower bound.</summary>
internal static class CompareBenchCommand
{
    public static Command Create()
    {
        var bits = new Option<int>("--bits")
        {
            Description = "Modulus size of the Paillier and DGK keys: 2048 (t = 160) or 3072 (t = 256).",
            DefaultValueFactory = _ => 2048,
        };
        bits.AcceptOnlyFromAmong("2048", "3072");
        var batch = new Option<int?>("--batch") { Description = "Comparisons in the measured batch (default 1024 at 2048 bits, 512 at 3072)." }.AtLeast(16);
        var json = new Option<FileInfo?>("--json") { Description = "Write the report as JSON to this file." };
        var command = new Command("compare", "Secure comparison (DGK/Veugen, l = 32, κ = 40): comparisons per second, offline and online, with the modexp lower bound.")
        {
            bits,
            batch,
            json,
        };
        command.SetAction(parseResult =>
        {
            var log = CliLog.Create("bench.compare");
            var size = parseResult.GetValue(bits);
            CliLog.MathBackendChosen(log, Cryptography.Math.MathBackend.Default);
            CliLog.WarnIfKeySizeDeprecated(log, size);
            var report = ComparisonQuickBench.Run(size, parseResult.GetValue(batch) ?? (size >= 3072 ? 512 : 1024), message => AnsiConsole.MarkupLineInterpolated($"[grey]{message}…[/]"));
            Render(report);
            if (parseResult.GetValue(json) is { } file)
            {
                File.WriteAllText(file.FullName, BenchJson.Serialize(report));
                AnsiConsole.MarkupLineInterpolated($"report written to [bold]{file.FullName}[/]");
            }

            return 0;
        });
        return command;
    }

    private static void Render(ComparisonBenchReport report)
    {
        var rates = new Table().Title($"secure comparison, n = {report.Bits} bits, t = {report.T}, l = {report.L}, κ = {report.Kappa}, {report.Cores} cores, batch {report.Batch}")
            .AddColumn("phase").AddColumn(new TableColumn("comparisons/s").RightAligned());
        foreach (var rate in report.Results)
        {
            rates.AddRow(rate.Name, rate.ComparisonsPerSecond.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(rates);
        var baseline = new Table().Title("raw GMP exponentiations per comparison (the lower bound)")
            .AddColumn("operation").AddColumn(new TableColumn("count").RightAligned()).AddColumn(new TableColumn("exp bits").RightAligned())
            .AddColumn(new TableColumn("mod bits").RightAligned()).AddColumn(new TableColumn("raw ops/s").RightAligned()).AddColumn(new TableColumn("core ms").RightAligned());
        foreach (var cost in report.ModexpBaseline.PerComparison)
        {
            baseline.AddRow(
                cost.Name,
                cost.CountPerComparison.ToString("F2", System.Globalization.CultureInfo.InvariantCulture),
                cost.ExponentBits.ToString(System.Globalization.CultureInfo.InvariantCulture),
                cost.ModulusBits.ToString(System.Globalization.CultureInfo.InvariantCulture),
                cost.RawOpsPerSecond.ToString("F0", System.Globalization.CultureInfo.InvariantCulture),
                (cost.CoreSecondsPerComparison * 1000).ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(baseline);
        var b = report.ModexpBaseline;
        AnsiConsole.MarkupLineInterpolated(
            $"lower bound {b.LowerBoundCoreSecondsPerComparison * 1000:F2} core-ms per comparison ({b.LowerBoundComparisonsPerSecond:F0}/s on {report.Cores} cores); real {b.RealCoreSecondsPerComparison * 1000:F2} core-ms; ratio real/bound = [bold]{b.Ratio:F2}[/]");
    }
}
