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
        var bits = CliOptions.Bits();
        var batch = CliOptions.OptionalWholeNumber("--batch", "Comparisons in the measured batch (default 1024 at 2048 bits, 512 from 3072 bits).", 16);
        var json = CliOptions.Json();
        var force = CliOptions.Force();
        var command = new Command("compare", "Secure comparison (DGK/Veugen, l = 32, κ = 40): comparisons per second, offline and online, with the modexp lower bound.")
        {
            bits,
            batch,
            json,
            force,
        };
        command.SetCliAction((parse, cli) =>
        {
            using var output = parse.GetValue(json) is { } file ? StagedOutput.CreateFile(file, parse.GetValue(force), mode: StagedOutput.WorldReadable) : null;
            var log = cli.Logger("bench.compare");
            var size = parse.GetValue(bits);
            CliLog.MathBackendChosen(log, Cryptography.Math.MathBackend.Default);
            CliLog.WarnIfKeySizeDeprecated(log, size);
            var report = PhaseProgress.Run(cli, progress => ComparisonQuickBench.Run(size, parse.GetValue(batch) ?? (size >= 3072 ? 512 : 1024), step => progress.Report(step, 0, 0)));
            Render(cli.Out, report);
            BenchReports.Write(cli, output, BenchJson.Serialize(report));
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, ComparisonBenchReport report)
    {
        var rates = new Table().Title($"secure comparison, n = {report.Bits} bits, t = {report.T}, l = {report.L}, κ = {report.Kappa}, {report.Cores} cores, batch {report.Batch}")
            .AddColumn("phase").AddColumn(new TableColumn("comparisons/s").RightAligned());
        foreach (var rate in report.Results)
        {
            rates.AddRow(rate.Name, rate.ComparisonsPerSecond.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(rates);
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

        console.Write(baseline);
        var b = report.ModexpBaseline;
        console.MarkupLineInterpolated(
            $"lower bound {b.LowerBoundCoreSecondsPerComparison * 1000:F2} core-ms per comparison ({b.LowerBoundComparisonsPerSecond:F0}/s on {report.Cores} cores); real {b.RealCoreSecondsPerComparison * 1000:F2} core-ms; ratio real/bound = [bold]{b.Ratio:F2}[/]");
    }
}
