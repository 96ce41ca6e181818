using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;
using Samenreken.Domain.NetIncome;
using Samenreken.Pilot;
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
        var command = new Command("pilot", "Run the AIO pilot end to end with both parties in one process (real Paillier/DGK, in-memory transport) and verify the encrypted selection against the plaintext reference.")
        {
            persons,
            seed,
            data,
            bits,
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
                    new PilotOptions(size, KeySizePolicy.Production, RandomSource.Secure),
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
        var inv = CultureInfo.InvariantCulture;
        var counts = new Table().Title($"AIO pilot, {report.ParameterVersion}").AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        counts.AddRow("households in the SVB file", report.Households.ToString("N0", inv));
        counts.AddRow("already receiving AIO (not asked about)", report.ReceivesAio.ToString("N0", inv));
        counts.AddRow("households compared on ciphertexts", report.HouseholdsCompared.ToString("N0", inv));
        counts.AddRow("secure comparisons (padded to the persons asked)", report.ComparisonsRun.ToString("N0", inv));
        counts.AddRow("persons asked of UWV (sorted, distinct)", report.PersonsAsked.ToString("N0", inv));
        counts.AddRow("  of which unknown to Polis (UWV's count)", report.PersonsUnknownToPolis.ToString("N0", inv));
        counts.AddRow("selected (encrypted run)", report.EncryptedSelection.Count.ToString("N0", inv));
        counts.AddRow("selected (plaintext reference)", report.ReferenceSelection.Count.ToString("N0", inv));
        counts.AddRow("equal to the reference", report.EqualToReference ? "[green]yes[/]" : $"[red]NO[/] ({report.OnlyEncrypted} only encrypted, {report.OnlyReference} only reference)");
        counts.AddRow("bad rows skipped (both runs)", report.BadRows.ToString("N0", inv));
        counts.AddRow("keys (UWV)", $"Paillier {report.PaillierBits} bits, DGK {report.DgkBits} bits (t = {report.DgkSubgroupBits}), l = 32, κ = 40");
        counts.AddRow("comparison batches", report.ComparisonBatches.ToString("N0", inv));
        counts.AddRow("Paillier decryptions served by UWV", report.DecryptionsServed.ToString("N0", inv));
        counts.AddRow("bytes exchanged", report.BytesExchanged.ToString("N0", inv));
        console.Write(counts);

        var phases = new Table().Title("time per phase").AddColumn("phase").AddColumn(new TableColumn("seconds").RightAligned());
        if (generated > TimeSpan.Zero)
        {
            phases.AddRow("generate synthetic population", generated.TotalSeconds.ToString("F2", inv));
        }

        foreach (var phase in report.Phases)
        {
            phases.AddRow(phase.Name, phase.Elapsed.TotalSeconds.ToString("F2", inv));
        }

        var total = generated + report.Phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Elapsed);
        phases.AddRow("[bold]total[/]", $"[bold]{total.TotalSeconds.ToString("F2", inv)}[/]");
        console.Write(phases);
    }
}
