using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Samenreken.Nodes;
using Samenreken.Nodes.Demo;
using Samenreken.Nodes.Svb;
using Spectre.Console;

namespace Samenreken.Cli;

/// <summary>
/// <c>samenreken node uwv|svb</c>, <c>samenreken run resume RUN</c> and <c>samenreken demo</c>: thin commands over
/// Samenreken.Nodes. Node settings are .NET configuration: appsettings.json (via <c>--config FILE</c>), environment
/// variables SAMENREKEN_Section__Key, and <c>--Section:Key=value</c> on the command line (docs/nodes.md).
/// </summary>
internal static class NodeCommands
{
    public static Command Node()
    {
        var command = new Command("node", "Run one party's node: UWV serves, SVB drives the run (mutual TLS on a loopback port; settings as --Section:Key=value, see docs/nodes.md).");
        command.Subcommands.Add(Host("uwv", "The UWV node: holds the Polis data and the keys, serves the encryptions and the key holder's rounds.", (args, _) => NodeHost.BuildUwv(args)));
        command.Subcommands.Add(Host("svb", "The SVB node: loads the SVB file and runs (or resumes) the pilot against the UWV node.", (args, progress) => NodeHost.BuildSvb(args, progress: progress)));
        return command;
    }

    public static Command Run()
    {
        var runId = new Argument<string>("run") { Description = "The run id (32 hex digits) to resume." };
        var resume = new Command("resume", "Resume an unfinished run at the SVB node (in this process) until it completes; takes the SVB node's settings.") { runId };
        resume.TreatUnmatchedTokensAsErrors = false;
        resume.SetAction(async (parse, cancellation) =>
        {
            string[] args = [.. parse.UnmatchedTokens, $"--Svb:RunId={parse.GetValue(runId)}", "--Svb:ExitWhenDone=true"];
            await using var app = NodeHost.BuildSvb(args, progress: ProgressLines());
            await app.RunAsync().WaitAsync(cancellation).ConfigureAwait(false);
            return Environment.ExitCode;
        });
        return new Command("run", "Runs at the SVB node.") { resume };
    }

    public static Command Demo()
    {
        var persons = CliOptions.Persons("AOW recipients to generate.", 10_000);
        var seed = CliOptions.Seed();
        var bits = new Option<int>("--key-bits") { Description = "Modulus size of UWV's Paillier and DGK keys.", DefaultValueFactory = _ => 3072 };
        bits.AcceptOnlyFromAmong("2048", "3072");
        var output = new Option<DirectoryInfo?>("--out") { Description = "Keep databases, logs, certificates and summary.json here (default: a temporary directory, removed)." };
        var database = new Option<string?>("--database-url") { Description = "A PostgreSQL connection string (Host=…) for both nodes instead of fresh SQLite files." };
        var chaos = CliOptions.WholeNumber("--chaos", "Kill a random node this many times with SIGKILL during the run, and restart it.", 0, 0);
        var ui = new Option<bool>("--ui") { Description = "Keep both nodes running after the run, serving their web pages; prints the addresses and the demo accounts (Ctrl+C stops)." };
        var command = new Command("demo", "The pilot through two real nodes: generate a population and development certificates, start UWV and SVB as separate processes over mutual TLS, run, check against the plaintext reference, print the summary.")
        {
            persons, seed, bits, output, database, chaos, ui,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var keep = parse.GetValue(output)?.FullName;
            var directory = keep ?? Path.Combine(Path.GetTempPath(), "samenreken-demo-" + Guid.NewGuid().ToString("N"));
            var pages = parse.GetValue(ui) ? new DemoPages() : null;
            var options = new DemoOptions(parse.GetValue(persons), parse.GetValue(seed), parse.GetValue(bits), directory, parse.GetValue(database), parse.GetValue(chaos)) { Ui = pages?.Ui() };
            DemoSummary summary;
            Task<DemoSummary>? run = null;
            try
            {
                summary = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedlessRateColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async context =>
                    {
                        var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                        var progress = new InlineProgress(p =>
                        {
                            lock (tasks)
                            {
                                if (!tasks.TryGetValue(p.Phase, out var task))
                                {
                                    task = tasks[p.Phase] = context.AddTask(p.Phase == "income" ? "UWV encrypts incomes (chunks)" : "secure comparison (batches)", maxValue: Math.Max(1, p.Total));
                                }

                                task.MaxValue = Math.Max(1, p.Total);
                                task.Value = p.Done;
                            }
                        });
                        run = DemoRun.RunAsync(options, Launcher(), progress, message => AnsiConsole.MarkupLineInterpolated($"[grey]{message}…[/]"), cancellation);
                        return pages is null ? await run.ConfigureAwait(false) : await pages.ReadyAsync(run).ConfigureAwait(false);
                    }).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"demo failed: {e.Message}");
                return 1;
            }

            Render(summary, directory);
            if (pages is not null)
            {
                await pages.ServeUntilCancelledAsync(run!, cancellation).ConfigureAwait(false);
            }

            if (keep is null)
            {
                Directory.Delete(directory, recursive: true);
            }

            return summary.Mismatches == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>How to start this very program again as a node process.</summary>
    internal static NodeLauncher Launcher()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? new NodeLauncher(path, [Assembly.GetEntryAssembly()!.Location])
            : new NodeLauncher(path, []);
    }

    private static Command Host(string name, string description, Func<string[], IProgress<RunProgress>, Microsoft.AspNetCore.Builder.WebApplication> build)
    {
        var config = new Option<FileInfo?>("--config") { Description = "An appsettings.json-style file with the node's sections (Node, Tls, Uwv or Svb)." };
        var command = new Command(name, description) { config };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellation) =>
        {
            string[] args = parse.GetValue(config) is { } file ? [.. parse.UnmatchedTokens, $"--config={file.FullName}"] : [.. parse.UnmatchedTokens];
            await using var app = build(args, ProgressLines());
            await app.RunAsync().WaitAsync(cancellation).ConfigureAwait(false);
            return Environment.ExitCode;
        });
        return command;
    }

    /// <summary>Progress as <c>@progress PHASE DONE TOTAL</c> lines on standard output, which the demo turns into progress bars.</summary>
    private static InlineProgress ProgressLines()
        => new(p => Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"@progress {p.Phase} {p.Done} {p.Total}")));

    private static void Render(DemoSummary s, string directory)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Title($"samenreken demo: two nodes, {s.KeyBits}-bit keys, {s.Database}").AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        table.AddRow("persons (AOW recipients generated)", s.Persons.ToString("N0", inv));
        table.AddRow("households in the SVB file", s.Households.ToString("N0", inv));
        table.AddRow("households compared on ciphertexts", s.HouseholdsCompared.ToString("N0", inv));
        table.AddRow("secure comparisons (padded)", s.Comparisons.ToString("N0", inv));
        table.AddRow("selected (through the nodes)", s.Selected.ToString("N0", inv));
        table.AddRow("selected (plaintext reference)", s.ReferenceSelected.ToString("N0", inv));
        table.AddRow("mismatches", s.Mismatches == 0 ? "[green]0[/]" : $"[red]{s.Mismatches}[/]");
        table.AddRow("Paillier decryptions served by UWV", s.DecryptionsServed.ToString("N0", inv));
        table.AddRow("replies UWV answered from its store", s.RepliesReplayed.ToString("N0", inv));
        table.AddRow("bytes SVB → UWV / UWV → SVB", $"{s.BytesSvbToUwv.ToString("N0", inv)} / {s.BytesUwvToSvb.ToString("N0", inv)}");
        table.AddRow("peak RSS UWV / SVB (MB)", $"{(s.PeakRssBytes["uwv"] / 1e6).ToString("F0", inv)} / {(s.PeakRssBytes["svb"] / 1e6).ToString("F0", inv)}");
        table.AddRow("kills (SIGKILL + restart)", s.Kills.ToString(inv) + (s.Kills > 0 ? $" ({string.Join(", ", s.KilledNodes)})" : string.Empty));
        AnsiConsole.Write(table);
        var phases = new Table().Title("seconds").AddColumn("phase").AddColumn(new TableColumn("seconds").RightAligned());
        foreach (var (phase, seconds) in s.Seconds)
        {
            phases.AddRow(phase == "total" ? "[bold]total[/]" : Markup.Escape(phase), seconds.ToString("F2", inv));
        }

        AnsiConsole.Write(phases);
        AnsiConsole.MarkupLineInterpolated($"summary.json in {directory}");
    }

    /// <summary>Reports synchronously, in order (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    private sealed class InlineProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }

    /// <summary>Units per second, without Spectre's byte formatting.</summary>
    private sealed class TransferSpeedlessRateColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime)
            => new Text(task.Speed is { } speed ? $"{speed.ToString("F2", CultureInfo.InvariantCulture)}/s" : "-/s");
    }
}
