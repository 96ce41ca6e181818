using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;
using Samenreken.Domain.NetIncome;
using Samenreken.Pilot;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Synthetic;
using Spectre.Console;

namespace Samenreken.Cli;

/// <summary><c>samenreken pilot</c>: the encrypted selection with both parties in one process, checked against the plaintext reference.</summary>
internal static class PilotCommand
{
    public const string SelectionFileName = "selection.csv";
    public const string ReferenceFileName = "reference.csv";

    public static Command Create()
    {
        var persons = CliOptions.Persons("AOW recipients to generate (ignored with --data).", 2000);
        var seed = CliOptions.Seed();
        var data = CliOptions.Data(required: false, "Use svb.csv and uwv.csv from this directory instead of generating.");
        var bits = CliOptions.Bits();
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "Directory for the generated files, selection.csv and reference.csv (default: a new temporary directory, mode 0700, named at the start and the end).",
        };
        var force = CliOptions.Force();
        var engine = new Option<string>("--engine")
        {
            Description = "Comparison engine: gc (packed Paillier -> garbled circuit, the faster, default) or dgk (DGK/Veugen).",
            DefaultValueFactory = _ => ComparisonEngine.Name(ComparisonEngine.Default),
        };
        engine.AcceptOnlyFromAmong("gc", "dgk");
        var command = new Command("pilot", "Run the AIO pilot end to end with both parties in one process (real Paillier/DGK, in-memory transport) and verify the encrypted selection against the plaintext reference.")
        {
            persons,
            seed,
            data,
            bits,
            engine,
            output,
            force,
        };
        command.SetCliAction((parse, cli) =>
        {
            var inputs = parse.GetValue(data) is { } dataDirectory ? DataFiles.In(dataDirectory) : null;
            string[] generated = inputs is null ? [PopulationGenerator.SvbFileName, PopulationGenerator.UwvFileName] : [];
            var outDirectory = parse.GetValue(output) ?? new DirectoryInfo(Path.Combine(Path.GetTempPath(), "samenreken-pilot-" + Guid.NewGuid().ToString("N")));
            using var files = StagedOutput.Create(
                outDirectory, [.. generated.Append(SelectionFileName).Append(ReferenceFileName).Select(name => new OutputFile(name))], parse.GetValue(force), inputs?.All);
            if (parse.GetValue(output) is null)
            {
                cli.Note($"output directory {files.Directory} (mode 0700; remove it when done)");
            }

            var log = cli.Logger("pilot");
            var size = parse.GetValue(bits);
            CliLog.MathBackendChosen(log, MathBackend.Default);
            ComparisonEngine.TryParse(parse.GetValue(engine), out var comparisonEngine);
            if (comparisonEngine == ComparisonEngineKind.GarbledCircuit)
            {
                CliLog.AesBackendChosen(log, Cryptography.Garbling.AesBackend.Default);
            }

            CliLog.WarnIfKeySizeDeprecated(log, size);
            var (report, generating) = PhaseProgress.Run(cli, progress =>
            {
                var watch = Stopwatch.StartNew();
                if (inputs is null)
                {
                    var count = parse.GetValue(persons);
                    progress.Report($"generating a synthetic population of {count:N0} AOW recipients", 0, 0);
                    PopulationGenerator.GenerateToDirectory(new GeneratorOptions(count, parse.GetValue(seed)), files.StagingDirectory);
                }

                var generating = inputs is null ? watch.Elapsed : TimeSpan.Zero;
                var source = inputs ?? new DataFiles(files.StagedPath(PopulationGenerator.SvbFileName), files.StagedPath(PopulationGenerator.UwvFileName));
                var report = PilotRun.Run(
                    source.OpenSvb,
                    source.OpenUwv,
                    new PilotOptions(size, KeySizePolicy.Production, RandomSource.Secure, Engine: comparisonEngine),
                    progress.For<PilotProgress>(p => (p.Phase, p.Done, p.Total)));
                return (report, generating);
            });

            Write(files, SelectionFileName, report.EncryptedSelection);
            Write(files, ReferenceFileName, report.ReferenceSelection);
            files.Commit();
            Render(cli.Out, report, generating);
            cli.Output.WriteLine($"secure comparisons: {report.ComparisonsPerSecond.ToString("F1", CultureInfo.InvariantCulture)}/s; files in {files.Directory}");
            return report.EqualToReference
                ? ExitCodes.Success
                : throw CliException.CheckFailed($"the encrypted selection differs from the plaintext reference ({report.OnlyEncrypted} rows only encrypted, {report.OnlyReference} only in the reference); both are in {files.Directory}");
        });
        return command;
    }

    private static void Write(StagedOutput files, string name, IReadOnlyList<string> rows)
    {
        using var writer = files.CreateText(name);
        foreach (var row in rows.Prepend(ReferenceSelection.Header))
        {
            writer.WriteLine(row);
        }
    }

    private static void Render(IAnsiConsole console, PilotReport report, TimeSpan generated)
    {
        var counts = SummaryTable.Create($"AIO pilot, {report.ParameterVersion}")
            .AddCount("households in the SVB file", report.Households)
            .AddCount("already receiving AIO (not asked about)", report.ReceivesAio)
            .AddCount("households compared on ciphertexts", report.HouseholdsCompared)
            .AddCount("secure comparisons (padded to the persons asked)", report.ComparisonsRun)
            .AddCount("persons asked of UWV (sorted, distinct)", report.PersonsAsked)
            .AddCount("  of which unknown to Polis (UWV's count)", report.PersonsUnknownToPolis)
            .AddCount("selected (encrypted run)", report.EncryptedSelection.Count)
            .AddCount("selected (plaintext reference)", report.ReferenceSelection.Count);
        counts.AddRow("equal to the reference", report.EqualToReference ? "[green]yes[/]" : $"[red]NO[/] ({report.OnlyEncrypted} only encrypted, {report.OnlyReference} only reference)");
        counts.AddCount("bad rows skipped (both runs)", report.BadRows);
        counts.AddRow("comparison engine", report.Engine == "gc" ? "gc (packed Paillier -> garbled circuit)" : "dgk (DGK/Veugen)");
        counts.AddRow("keys (UWV)", report.DgkBits > 0
            ? $"Paillier {report.PaillierBits} bits, DGK {report.DgkBits} bits (t = {report.DgkSubgroupBits}), l = 32, κ = 40"
            : $"Paillier {report.PaillierBits} bits (no DGK key: garbled circuit), l = 32, κ = 40");
        counts.AddCount("comparison batches", report.ComparisonBatches)
            .AddCount("Paillier decryptions served by UWV", report.DecryptionsServed)
            .AddCount("bytes exchanged", report.BytesExchanged);
        console.Write(counts);

        IEnumerable<(string, double)> generation = generated > TimeSpan.Zero ? [("generate synthetic population", generated.TotalSeconds)] : [];
        var total = generated + report.Phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Elapsed);
        console.Write(SummaryTable.Seconds(
            "time per phase", [.. generation, .. report.Phases.Select(p => (p.Name, p.Elapsed.TotalSeconds)), ("total", total.TotalSeconds)]));
    }
}
