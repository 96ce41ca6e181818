using System.CommandLine;
using System.Globalization;
using System.Text;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;
using Samenreken.Domain.NetIncome;
using Samenreken.Pilot;
using Samenreken.Protocols;
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
        var persons = new Option<int>("--persons") { Description = "AOW recipients to generate (ignored with --data).", DefaultValueFactory = _ => 2000 }.AtLeast(1);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generated population.", DefaultValueFactory = _ => 1 };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Use svb.csv and uwv.csv from this directory instead of generating." };
        var bits = new Option<int>("--bits") { Description = "Modulus size of UWV's Paillier and DGK keys.", DefaultValueFactory = _ => KeySizePolicy.DefaultBits };
        bits.AcceptOnlyFromAmong("2048", "3072");
        var engine = new Option<string>("--engine")
        {
            Description = "Comparison engine: gc (packed Paillier -> garbled circuit, the faster, default) or dgk (DGK/Veugen).",
            DefaultValueFactory = _ => ComparisonEngine.Name(ComparisonEngine.Default),
        };
        engine.AcceptOnlyFromAmong("gc", "dgk");
        var output = new Option<DirectoryInfo?>("--out") { Description = "Directory for the generated files, selection.csv and reference.csv (default: a temporary directory)." };
        var command = new Command("pilot", "Run the AIO pilot end to end with both parties in one process (real Paillier/DGK, in-memory transport) and verify the encrypted selection against the plaintext reference.")
        {
            persons,
            seed,
            data,
            bits,
            engine,
            output,
        };
        command.SetAction(parse =>
        {
            var log = CliLog.Create("pilot");
            var size = parse.GetValue(bits);
            CliLog.MathBackendChosen(log, MathBackend.Default);
            ComparisonEngine.TryParse(parse.GetValue(engine), out var comparisonEngine);
            if (comparisonEngine == ComparisonEngineKind.GarbledCircuit)
            {
                CliLog.AesBackendChosen(log, Cryptography.Garbling.AesBackend.Default);
            }

            CliLog.WarnIfKeySizeDeprecated(log, size);
            var outDirectory = parse.GetValue(output)?.FullName ?? Path.Combine(Path.GetTempPath(), "samenreken-pilot-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(outDirectory);
            var dataDirectory = parse.GetValue(data)?.FullName;
            var generated = TimeSpan.Zero;
            if (dataDirectory is null)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var count = parse.GetValue(persons);
                AnsiConsole.MarkupLineInterpolated($"[grey]generating a synthetic population of {count:N0} AOW recipients…[/]");
                PopulationGenerator.GenerateToDirectory(new GeneratorOptions(count, parse.GetValue(seed)), outDirectory);
                dataDirectory = outDirectory;
                generated = watch.Elapsed;
            }

            PilotReport report;
            try
            {
                report = PilotRun.Run(
                    () => Open(dataDirectory, PopulationGenerator.SvbFileName),
                    () => Open(dataDirectory, PopulationGenerator.UwvFileName),
                    new PilotOptions(size, KeySizePolicy.Production, RandomSource.Secure, Engine: comparisonEngine),
                    message => AnsiConsole.MarkupLineInterpolated($"[grey]{message}…[/]"));
            }
            catch (Exception e) when (e is ProtocolException or InvalidDataException or IOException)
            {
                Console.Error.WriteLine($"pilot failed: {e.Message}");
                return 1;
            }

            Write(Path.Combine(outDirectory, SelectionFileName), report.EncryptedSelection);
            Write(Path.Combine(outDirectory, ReferenceFileName), report.ReferenceSelection);
            Render(report, generated, outDirectory);
            return report.EqualToReference ? 0 : 1;
        });
        return command;
    }

    private static StreamReader Open(string directory, string file) => new(Path.Combine(directory, file), Encoding.UTF8, true, 1 << 20);

    private static void Write(string path, IReadOnlyList<string> rows)
        => File.WriteAllLines(path, [ReferenceSelection.Header, .. rows], new UTF8Encoding(false));

    private static void Render(PilotReport report, TimeSpan generated, string outDirectory)
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
        counts.AddRow("comparison engine", report.Engine == "gc" ? "gc (packed Paillier -> garbled circuit)" : "dgk (DGK/Veugen)");
        counts.AddRow("keys (UWV)", report.DgkBits > 0
            ? $"Paillier {report.PaillierBits} bits, DGK {report.DgkBits} bits (t = {report.DgkSubgroupBits}), l = 32, κ = 40"
            : $"Paillier {report.PaillierBits} bits (no DGK key: garbled circuit), l = 32, κ = 40");
        counts.AddRow("comparison batches", report.ComparisonBatches.ToString("N0", inv));
        counts.AddRow("Paillier decryptions served by UWV", report.DecryptionsServed.ToString("N0", inv));
        counts.AddRow("bytes exchanged", report.BytesExchanged.ToString("N0", inv));
        AnsiConsole.Write(counts);

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
        AnsiConsole.Write(phases);
        AnsiConsole.MarkupLineInterpolated($"secure comparisons: {report.ComparisonsPerSecond.ToString("F1", inv)}/s; files in {outDirectory}");
    }
}
