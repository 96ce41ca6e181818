using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Samenreken.Nodes;
using Samenreken.Nodes.Demo;
using Samenreken.Nodes.Svb;
using Spectre.Console;

namespace Samenreken.Cli;

/// <summary>
/// <c>samenreken node uwv|svb</c>, <c>samenreken run resume RUN</c> and <c>samenreken demo</c>: thin commands over
/// Samenreken.Nodes. Node settings are .NET configuration: appsettings.json (via <c>--config FILE</c>), environment
/// variables SAMENREKEN_Section__Key, and <c>--Section:Key=value</c> on the command line (docs/nodes.md). They run
/// on the shared CLI hosting: a failure is one line and an exit code (a configuration the node refuses is 2, a run
/// that failed 7, Ctrl+C 130), never a stack trace.
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
        resume.SetCliAction((parse, cli, cancellation) => RunNodeAsync(
            args => NodeHost.BuildSvb(args, progress: ProgressLines(cli.Output)),
            [.. parse.UnmatchedTokens, $"--Svb:RunId={parse.GetValue(runId)}", "--Svb:ExitWhenDone=true"],
            cancellation));
        return new Command("run", "Runs at the SVB node.") { resume };
    }

    public static Command Demo()
    {
        var persons = CliOptions.Persons("AOW recipients to generate.", 10_000);
        var seed = CliOptions.Seed();
        // The shared --bits (UWV's Paillier and DGK keys); --key-bits is the name the demo had before, kept for scripts.
        var bits = CliOptions.Bits();
        bits.Aliases.Add("--key-bits");
        var output = new Option<DirectoryInfo?>("--out") { Description = "Keep databases, logs, certificates and summary.json here (default: a temporary directory, removed)." };
        var database = new Option<string?>("--database-url") { Description = "A PostgreSQL connection string (Host=…) for both nodes instead of fresh SQLite files." };
        var project = new Option<FileInfo?>("--project") { Description = "The project definition both nodes run under (default: the fictitious demo project, projects/aio-demo-fictitious.yaml)." };
        var chaos = CliOptions.WholeNumber("--chaos", "Kill a random node this many times with SIGKILL during the run, and restart it.", 0, 0);
        var engine = new Option<string?>("--engine") { Description = "Comparison engine: gc (packed Paillier -> garbled circuit, the faster) or dgk (DGK/Veugen); it must match the project definition's, which decides when this is left out." };
        engine.AcceptOnlyFromAmong("gc", "dgk");
        var ui = new Option<bool>("--ui") { Description = "Keep both nodes running after the run, serving their web pages; prints the addresses and the demo accounts (Ctrl+C stops)." };
        var command = new Command("demo", "The pilot through two real nodes: generate a population and development certificates, start UWV and SVB as separate processes over mutual TLS, run, check against the plaintext reference, print the summary.")
        {
            persons, seed, bits, output, database, chaos, project, engine, ui,
        };
        command.SetCliAction(async (parse, cli, cancellation) =>
        {
            var keep = parse.GetValue(output)?.FullName;
            var directory = keep ?? Path.Combine(Path.GetTempPath(), "samenreken-demo-" + Guid.NewGuid().ToString("N"));
            var pages = parse.GetValue(ui) ? new DemoPages() : null;
            var options = new DemoOptions(parse.GetValue(persons), parse.GetValue(seed), parse.GetValue(bits), directory, parse.GetValue(database), parse.GetValue(chaos))
            {
                ProjectFile = parse.GetValue(project)?.FullName ?? DemoRun.DefaultProjectFile,
                Engine = parse.GetValue(engine),
                Ui = pages?.Ui(),
            };
            DemoSummary summary;
            Task<DemoSummary>? run = null;
            try
            {
                summary = await cli.Status.Progress()
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
                                    task = tasks[p.Phase] = context.AddTask(PhaseLabel(p), maxValue: Math.Max(1, p.Total));
                                }

                                task.Description = PhaseLabel(p);
                                task.MaxValue = Math.Max(1, p.Total);
                                task.Value = p.Done;
                            }
                        });
                        run = DemoRun.RunAsync(options, Launcher(), progress, message => cli.Status.MarkupLineInterpolated($"[grey]{message}…[/]"), cancellation);
                        return pages is null ? await run.ConfigureAwait(false) : await pages.ReadyAsync(run).ConfigureAwait(false);
                    }).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                // A node that failed: its log stays in the directory the message names.
                throw CliException.PartyFailed($"demo failed: {e.Message}");
            }

            Render(cli.Out, summary, directory);

            // The fairness report over the whole run, with the synthetic truth: written into the demo's folder, verdict printed.
            cli.Output.WriteLine(FairnessCommands.WriteDemoReport(directory, summary.ProjectFile));

            // The pilot's own outputs after a checked run: letters, SIMULATED responses and evaluation, DPIA and transparency page.
            var outputs = summary.Mismatches == 0
                ? DemoOutputs.Write(directory, summary, summary.ProjectFile, options.DatabaseUrl, options.Seed, cli.Output, parse.InvocationConfiguration.Error)
                : ExitCodes.CheckFailed;

            if (pages is not null)
            {
                await pages.ServeUntilCancelledAsync(cli.Out, run!, cancellation).ConfigureAwait(false);
            }

            if (keep is null)
            {
                Directory.Delete(directory, recursive: true);
            }

            if (summary.Mismatches != 0)
            {
                throw CliException.CheckFailed($"the selection through the nodes differs from the plaintext reference in {summary.Mismatches} households");
            }

            if (!summary.AuditVerified)
            {
                throw CliException.CheckFailed("audit verify failed on a node; the summary above names it");
            }

            return outputs == ExitCodes.Success
                ? ExitCodes.Success
                : throw CliException.CheckFailed("a pilot step after the run failed; its message is above");
        });
        return command;
    }

    /// <summary>A progress line's label; an alert of the fairness monitor is shown, with the count so far, as soon as it is raised.</summary>
    internal static string PhaseLabel(RunProgress progress) => progress.Phase switch
    {
        "income" => "UWV encrypts incomes (chunks)",
        "comparison" => "secure comparison (batches)",
        "reveal" => "results revealed (batches)",
        "fairness" => "fairness monitor (looks)",
        RunProgress.FairnessAlertsPhase => $"[red]fairness alerts raised: {progress.Done}[/]",
        _ => Markup.Escape(progress.Phase),
    };

    /// <summary>How to start this very program again as a node process.</summary>
    internal static NodeLauncher Launcher()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? new NodeLauncher(path, [Assembly.GetEntryAssembly()!.Location])
            : new NodeLauncher(path, []);
    }

    private static Command Host(string name, string description, Func<string[], IProgress<RunProgress>, WebApplication> build)
    {
        var config = new Option<FileInfo?>("--config") { Description = "An appsettings.json-style file with the node's sections (Node, Tls, Uwv or Svb)." };
        var command = new NodeHostCommand(name, description) { config };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetCliAction((parse, cli, cancellation) => RunNodeAsync(
            args => build(args, ProgressLines(cli.Output)),
            parse.GetValue(config) is { } file ? [.. parse.UnmatchedTokens, $"--config={file.FullName}"] : [.. parse.UnmatchedTokens],
            cancellation));
        return command;
    }

    /// <summary>
    /// Builds and starts a node, then waits until it stops (SIGTERM, Ctrl+C, or an SVB run with ExitWhenDone). What the
    /// host refuses while it is configured and started (a missing setting, a bad pin, an invalid option) is a usage
    /// error; a run the node reports as failed (its exit code) is a protocol failure; its log has the detail.
    /// </summary>
    private static async Task<int> RunNodeAsync(Func<string[], WebApplication> build, string[] args, CancellationToken cancellation)
    {
        WebApplication app;
        try
        {
            app = build(args);
        }
        catch (Exception e) when (e is ArgumentException or OptionsValidationException)
        {
            throw CliException.Usage($"node configuration: {e.Message}");
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or OptionsValidationException)
            {
                throw CliException.Usage($"node configuration: {e.Message}");
            }

            // Cancellation stops the host gracefully, as SIGTERM does; it is reported as exit code 130.
            await app.WaitForShutdownAsync(cancellation).ConfigureAwait(false);
            cancellation.ThrowIfCancellationRequested();
        }

        return Environment.ExitCode == 0 ? ExitCodes.Success : throw CliException.PartyFailed("the run failed; the node's log above says why");
    }

    /// <summary>A command that hosts a node until it stops: it gets time to stop gracefully when interrupted.</summary>
    internal sealed class NodeHostCommand(string name, string description) : Command(name, description)
    {
        /// <summary>The host's shutdown timeout (10 s, <c>NodeHost</c>) and margin for a busy machine.</summary>
        public static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>Progress as <c>@progress PHASE DONE TOTAL</c> lines on standard output, which the demo turns into progress bars.</summary>
    private static InlineProgress ProgressLines(TextWriter output)
        => new(p => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"@progress {p.Phase} {p.Done} {p.Total}")));

    private static void Render(IAnsiConsole console, DemoSummary s, string directory)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = SummaryTable.Create($"samenreken demo: two nodes, {s.KeyBits}-bit keys, {s.Database}")
            .AddCount("persons (AOW recipients generated)", s.Persons)
            .AddCount("households in the SVB file", s.Households)
            .AddCount("households compared on ciphertexts", s.HouseholdsCompared)
            .AddCount("secure comparisons (padded)", s.Comparisons)
            .AddRow("comparison engine", s.Engine)
            .AddCount("selected (through the nodes)", s.Selected)
            .AddCount("selected (plaintext reference)", s.ReferenceSelected);
        table.AddRow("mismatches", s.Mismatches == 0 ? "[green]0[/]" : $"[red]{s.Mismatches}[/]");
        table.AddCount("Paillier decryptions served by UWV", s.DecryptionsServed)
            .AddCount("replies UWV answered from its store", s.RepliesReplayed);
        table.AddRow("bytes SVB → UWV / UWV → SVB", $"{s.BytesSvbToUwv.ToString("N0", inv)} / {s.BytesUwvToSvb.ToString("N0", inv)}");
        table.AddRow("peak RSS UWV / SVB (MB)", $"{(s.PeakRssBytes["uwv"] / 1e6).ToString("F0", inv)} / {(s.PeakRssBytes["svb"] / 1e6).ToString("F0", inv)}");
        table.AddRow("kills (SIGKILL + restart)", s.Kills.ToString(inv) + (s.Kills > 0 ? $" ({string.Join(", ", s.KilledNodes)})" : string.Empty));
        foreach (var (node, verdict) in s.Audit)
        {
            table.AddRow($"audit verify {node.ToUpperInvariant()}", verdict.StartsWith("verified", StringComparison.Ordinal) ? $"[green]{Markup.Escape(verdict)}[/]" : $"[red]{Markup.Escape(verdict)}[/]");
        }

        console.Write(table);
        console.Write(SummaryTable.Seconds("seconds", s.Seconds.Select(p => (p.Key, p.Value))));
        console.MarkupLineInterpolated($"summary.json in {directory}");
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
