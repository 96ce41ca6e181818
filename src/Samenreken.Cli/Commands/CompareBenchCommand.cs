using System.CommandLine;
using System.Globalization;
using Samenreken.Benchmarking;
using Samenreken.Benchmarking.Comparison;
using Spectre.Console;

namespace Samenreken.Cli;

/// <summary><c>samenreken bench compare</c>: comparison throughput of each engine against its raw floor (GMP, AES).</summary>
internal static class CompareBenchCommand
{
    public static Command Create()
    {
        var bits = CliOptions.Bits();
        var batch = CliOptions.OptionalWholeNumber("--batch", "Comparisons in the measured batch (default 1024 at 2048 bits, 512 from 3072 bits).", 16);
        var engine = new Option<string>("--engine")
        {
            Description = "gc (packed Paillier -> garbled circuit, the default), dgk (DGK/Veugen), or both: both on the same keys and inputs in one run, with their ratio.",
            DefaultValueFactory = _ => "gc",
        };
        engine.AcceptOnlyFromAmong("gc", "dgk", "both");
        var json = CliOptions.Json();
        var force = CliOptions.Force();
        var command = new Command("compare", "Secure comparison (l = 32, κ = 40): comparisons per second, offline and online, bytes, and the cost per stage against its raw floor.")
        {
            bits,
            batch,
            engine,
            json,
            force,
        };
        command.SetCliAction((parse, cli) =>
        {
            using var output = parse.GetValue(json) is { } file ? StagedOutput.CreateFile(file, parse.GetValue(force), mode: StagedOutput.WorldReadable) : null;
            var log = cli.Logger("bench.compare");
            var size = parse.GetValue(bits);
            var engines = parse.GetValue(engine);
            CliLog.MathBackendChosen(log, Cryptography.Math.MathBackend.Default);
            CliLog.AesBackendChosen(log, Cryptography.Garbling.AesBackend.Default);
            CliLog.WarnIfKeySizeDeprecated(log, size);
            var report = PhaseProgress.Run(cli, progress => ComparisonQuickBench.Run(
                size,
                parse.GetValue(batch) ?? (size >= 3072 ? 512 : 1024),
                dgk: engines is "dgk" or "both",
                gc: engines is "gc" or "both",
                step => progress.Report(step, 0, 0)));
            Render(cli.Out, report);
            BenchReports.Write(cli, output, BenchJson.Serialize(report));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static void Render(IAnsiConsole console, CompareBenchReport report)
    {
        var rates = new Table().Title($"secure comparison, n = {report.Bits} bits, l = {report.L}, κ = {report.Kappa}, {report.Cores} cores, batch {report.Batch}, math {report.Backend}, AES {report.AesBackend}")
            .AddColumn("phase").AddColumn(new TableColumn("comparisons/s").RightAligned()).AddColumn(new TableColumn("bytes/comparison").RightAligned());
        foreach (var (results, bytes) in new[] { (report.Dgk?.Results, report.Dgk?.BytesPerComparison), (report.Gc?.Results, report.Gc?.BytesPerComparison) })
        {
            foreach (var rate in results ?? [])
            {
                rates.AddRow(rate.Name, F(rate.ComparisonsPerSecond, "F1"), rate.Name.EndsWith(".total", StringComparison.Ordinal) ? F(bytes ?? 0, "F0") : string.Empty);
            }
        }

        console.Write(rates);
        if (report.Dgk is { } dgk)
        {
            RenderDgkBaseline(console, dgk);
        }

        if (report.Gc is { } gc)
        {
            var stages = new Table().Title($"gc stages per comparison (wall µs on {report.Cores} cores) against their raw floor; raw AES {F(gc.RawAesBlocksPerSecond / 1e6, "F0")}M blocks/s/core")
                .AddColumn("stage").AddColumn("party").AddColumn(new TableColumn("µs").RightAligned()).AddColumn(new TableColumn("floor µs").RightAligned())
                .AddColumn(new TableColumn("ratio").RightAligned()).AddColumn("floor");
            foreach (var stage in gc.Stages)
            {
                stages.AddRow(stage.Name, stage.Party, F(stage.MeasuredMicroseconds, "F2"), F(stage.FloorMicroseconds, "F3"), stage.Ratio is { } stageRatio ? F(stageRatio, "F1") : "-", stage.Floor);
            }

            console.Write(stages);
        }

        if (report.GcOverDgkTotal is { } ratio)
        {
            console.MarkupLineInterpolated($"gc / dgk total comparisons per second = [bold]{ratio:F1}×[/]; dgk / gc bytes per comparison = [bold]{report.DgkOverGcBytes:F1}×[/]");
        }
    }

    private static void RenderDgkBaseline(IAnsiConsole console, ComparisonBenchReport report)
    {
        var baseline = new Table().Title("dgk: raw GMP exponentiations per comparison (the lower bound)")
            .AddColumn("operation").AddColumn(new TableColumn("count").RightAligned()).AddColumn(new TableColumn("exp bits").RightAligned())
            .AddColumn(new TableColumn("mod bits").RightAligned()).AddColumn(new TableColumn("raw ops/s").RightAligned()).AddColumn(new TableColumn("core ms").RightAligned());
        foreach (var cost in report.ModexpBaseline.PerComparison)
        {
            baseline.AddRow(
                cost.Name,
                F(cost.CountPerComparison, "F2"),
                cost.ExponentBits.ToString(CultureInfo.InvariantCulture),
                cost.ModulusBits.ToString(CultureInfo.InvariantCulture),
                F(cost.RawOpsPerSecond, "F0"),
                F(cost.CoreSecondsPerComparison * 1000, "F3"));
        }

        console.Write(baseline);
        var b = report.ModexpBaseline;
        console.MarkupLineInterpolated(
            $"dgk lower bound {b.LowerBoundCoreSecondsPerComparison * 1000:F2} core-ms per comparison ({b.LowerBoundComparisonsPerSecond:F0}/s on {report.Cores} cores); real {b.RealCoreSecondsPerComparison * 1000:F2} core-ms; ratio real/bound = [bold]{b.Ratio:F2}[/]");
    }
}
