using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Health.V1;
using Samenreken.Cryptography.Randomness;
using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using Samenreken.Nodes.Safeguards;
using Samenreken.Nodes.Svb;
using Samenreken.Nodes.Tls;
using Samenreken.Pilot;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Synthetic;

namespace Samenreken.Nodes.Demo;

/// <summary>What <c>samenreken demo</c> runs.</summary>
public sealed record DemoOptions(int Persons, ulong Seed, int KeyBits, string OutputDirectory, string? DatabaseUrl = null, int Chaos = 0, int BatchSize = 256)
{
    /// <summary>Persons per income chunk.</summary>
    public int ChunkSize { get; init; } = 2048;

    /// <summary>The project definition both nodes run under (default: the fictitious demo project shipped next to the program).</summary>
    public string ProjectFile { get; init; } = DemoRun.DefaultProjectFile;

    /// <summary>The comparison engine ("gc" or "dgk"); null: the one the project definition names. Another engine runs the definition with that engine named (a different definition, with its own hash).</summary>
    public string? Engine { get; init; }

    /// <summary>Kills at chosen moments (tests): SIGKILL to a node once SVB reports a phase's progress at or past a count.</summary>
    public IReadOnlyList<KillPoint> KillPoints { get; init; } = [];

    /// <summary>Serve both nodes' web pages and keep the nodes running after the run (<c>samenreken demo --ui</c>).</summary>
    public DemoUi? Ui { get; init; }
}

/// <summary>
/// The demo's web pages: the project definition they show and check, and <paramref name="Serve"/>, called once the run
/// is checked while both nodes still run; the nodes stop when the task it returns completes.
/// </summary>
public sealed record DemoUi(Func<DemoSummary, DemoUiAccess, Task> Serve);

/// <summary>Where the demo's pages are and the accounts it created (one password for all, generated per demo).</summary>
public sealed record DemoUiAccess(string SvbUrl, string UwvUrl, string Password, IReadOnlyList<DemoAccount> Accounts);

/// <summary>A demo account: its node ("svb", "uwv"), user name and role.</summary>
public sealed record DemoAccount(string Node, string UserName, string Role);

/// <summary>SIGKILL <paramref name="Node"/> ("uwv" or "svb") once SVB reports <paramref name="Phase"/> ("income", "comparison") at <paramref name="AfterDone"/> or more.</summary>
public sealed record KillPoint(string Node, string Phase, int AfterDone);

/// <summary>The demo's summary (summary.json).</summary>
public sealed class DemoSummary
{
    public int Persons { get; set; }

    public int Households { get; set; }

    public int HouseholdsCompared { get; set; }

    public int Comparisons { get; set; }

    public int Selected { get; set; }

    public int ReferenceSelected { get; set; }

    public int Mismatches { get; set; }

    public int KeyBits { get; set; }

    /// <summary>The comparison engine the run used ("gc" or "dgk").</summary>
    public string Engine { get; set; } = string.Empty;

    /// <summary>The project definition file both nodes ran under.</summary>
    public string ProjectFile { get; set; } = string.Empty;

    public string Database { get; set; } = "sqlite";

    public Dictionary<string, double> Seconds { get; set; } = [];

    public long BytesSvbToUwv { get; set; }

    public long BytesUwvToSvb { get; set; }

    public Dictionary<string, long> PeakRssBytes { get; set; } = [];

    public long DecryptionsServed { get; set; }

    public long ZeroTestsServed { get; set; }

    public long RepliesReplayed { get; set; }

    public int Kills { get; set; }

    public List<string> KilledNodes { get; set; } = [];

    public string RunId { get; set; } = string.Empty;

    /// <summary><c>audit verify</c> of each node at the end (chain, signatures, the peer's checkpoints): the verdict per node.</summary>
    public Dictionary<string, string> Audit { get; set; } = [];

    /// <summary>True when both nodes' audit trails verified.</summary>
    public bool AuditVerified { get; set; }
}

/// <summary>
/// <c>samenreken demo</c>: a synthetic population, development certificates, the UWV and SVB nodes as two separate
/// processes on loopback ports, the run through them (with <see cref="DemoOptions.Chaos"/> SIGKILLs of a random node
/// and a restart each), the check against the plaintext reference, and the summary.
/// </summary>
public static class DemoRun
{
    public const string SummaryFileName = "summary.json";

    /// <summary>The fictitious demo project (projects/aio-demo-fictitious.yaml, copied next to the program).</summary>
    public static string DefaultProjectFile => Path.Combine(AppContext.BaseDirectory, "projects", "aio-demo-fictitious.yaml");

    /// <summary>Writes <paramref name="projectFile"/> with <c>comparison_engine</c> set to <paramref name="engine"/> to <paramref name="target"/>.</summary>
    public static string WriteWithEngine(string projectFile, string engine, string target)
    {
        if (!ComparisonEngine.TryParse(engine, out _))
        {
            throw new InvalidOperationException($"Unknown comparison engine \"{engine}\"; known are \"dgk\" and \"gc\".");
        }

        var text = File.ReadAllText(projectFile);
        var variant = Regex.Replace(text, "(?m)^(\\s*comparison_engine:) *[a-z]+", "$1 " + engine);
        if (variant == text && !text.Contains("comparison_engine: " + engine, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The project definition {projectFile} names no comparison_engine to replace.");
        }

        File.WriteAllText(target, variant);
        return target;
    }

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<DemoSummary> RunAsync(DemoOptions options, NodeLauncher launcher, IProgress<RunProgress> progress, Action<string> status, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(launcher);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(status);
        var summary = new DemoSummary { KeyBits = options.KeyBits, Database = options.DatabaseUrl is null ? "sqlite" : "postgresql" };
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        void Phase(string name)
        {
            summary.Seconds[name] = Math.Round(clock.Elapsed.TotalSeconds, 2);
            clock.Restart();
        }

        var root = Path.GetFullPath(options.OutputDirectory);
        var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        var uwvDirectory = Directory.CreateDirectory(Path.Combine(root, "uwv")).FullName;
        var svbDirectory = Directory.CreateDirectory(Path.Combine(root, "svb")).FullName;
        status($"generating a synthetic population of {options.Persons:N0} AOW recipients");
        PopulationGenerator.GenerateToDirectory(new GeneratorOptions(options.Persons, options.Seed), data);
        var svbFile = Path.Combine(data, PopulationGenerator.SvbFileName);
        var uwvFile = Path.Combine(data, PopulationGenerator.UwvFileName);
        Phase("generate population");

        var keyDirectory = Path.Combine(root, "certs"); // the development certificates and both nodes' audit keys
        var certificates = DevelopmentCertificates.Create(keyDirectory, TimeProvider.System, overwrite: true);

        Phase("development certificates");

        var projectFile = options.Engine is { Length: > 0 } engine
            ? WriteWithEngine(options.ProjectFile, engine, Path.Combine(root, $"project-{engine}.yaml"))
            : Path.GetFullPath(options.ProjectFile);
        summary.ProjectFile = projectFile;
        var uwvPort = FreePort();
        var svbPort = FreePort();
        var webPorts = new Dictionary<string, int>(StringComparer.Ordinal);
        var common = (string node, string directory, int port) => new List<string>
        {
            $"--Node:Port={port}",
            $"--Node:Database={Database(options, node, directory)}",
            $"--Node:KeyFile={Path.Combine(directory, "node.key")}",
        }.Concat(NodeArguments.Safeguards(node, projectFile, keyDirectory)).Concat(NodeArguments.Tls(certificates.OptionsFor(node))).Concat(options.Ui is not null ? WebArguments(webPorts[node] = FreePort()) : []).ToList();
        var uwvArguments = new List<string> { "node", "uwv", $"--Uwv:PolisFile={uwvFile}", $"--Uwv:KeyBits={options.KeyBits}" };
        uwvArguments.AddRange(common(DevelopmentCertificates.UwvNode, uwvDirectory, uwvPort));
        var svbArguments = new List<string>
        {
            "node", "svb", $"--Svb:SvbFile={svbFile}", $"--Svb:UwvAddress={NodeHost.Scheme}://127.0.0.1:{uwvPort}", $"--Svb:ExitWhenDone={(options.Ui is null ? "true" : "false")}",
            $"--Svb:OutputDirectory={svbDirectory}", $"--Svb:BatchSize={options.BatchSize}",
            $"--Svb:ChunkSize={options.ChunkSize}",
        };
        svbArguments.AddRange(common(DevelopmentCertificates.SvbNode, svbDirectory, svbPort));
        if (options.Ui is not null)
        {
            // The letters pages work on the pilot store the demo's outputs write after the run (its key is read on the first page that needs it).
            svbArguments.AddRange([
                $"--Pilot:Store={Path.Combine(svbDirectory, "pilot.db")}", $"--Pilot:KeyFile={Path.Combine(svbDirectory, "pilot.key")}",
                $"--Pilot:Template={Path.Combine(AppContext.BaseDirectory, "projects", "letters", "aio-uitnodiging.txt")}"]);
        }

        var access = options.Ui is null ? null : DemoWeb.CreateAccounts(
            Database(options, DevelopmentCertificates.SvbNode, svbDirectory), Database(options, DevelopmentCertificates.UwvNode, uwvDirectory), webPorts[DevelopmentCertificates.SvbNode], webPorts[DevelopmentCertificates.UwvNode]);
        using var uwv = new NodeProcess("uwv", launcher, uwvArguments, Path.Combine(uwvDirectory, "uwv.log"));
        var pending = options.KillPoints.ToList();
        var restarting = false;
        NodeProcess? svbNode = null;
        using var svb = new NodeProcess("svb", launcher, svbArguments, Path.Combine(svbDirectory, "svb.log"), line => Report(line, new InlineProgress(p =>
        {
            progress.Report(p);
            lock (pending)
            {
                // One kill at a time: a point reached while a killed node is still starting again waits for a later line.
                if (restarting || pending.FirstOrDefault(k => k.Phase == p.Phase && p.Done >= k.AfterDone) is not { } point)
                {
                    return;
                }

                pending.Remove(point);
                var victim = point.Node == "uwv" ? uwv : svbNode!;
                status($"kill point: SIGKILL to the {victim.Name} node at {p.Phase} {p.Done}/{p.Total}");

                // The signal now, while the node is where its progress line says: a kill sent later from another
                // thread could find a fast run finished. The wait and the restart not on this output-reading thread:
                // the killed process' output ends only after it.
                if (victim.SignalKill())
                {
                    restarting = true;
                    _ = Task.Run(
                        () =>
                        {
                            try
                            {
                                Restart(victim, summary);
                            }
                            finally
                            {
                                lock (pending)
                                {
                                    restarting = false;
                                }
                            }
                        },
                        CancellationToken.None);
                }
            }
        })));
        svbNode = svb;
        status($"starting the UWV node on 127.0.0.1:{uwvPort} (first start: {options.KeyBits}-bit key generation)");
        uwv.Start();
        await WaitHealthyAsync(uwv, $"{NodeHost.Scheme}://127.0.0.1:{uwvPort}", certificates.OptionsFor(DevelopmentCertificates.SvbNode), cancellation).ConfigureAwait(false);
        Phase("UWV node start and keys");

        status($"starting the SVB node on 127.0.0.1:{svbPort}; the run begins");
        svb.Start();
        using var chaosStop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var chaos = Chaos(options, uwv, svb, summary, status, chaosStop.Token);
        var exit = 0;
        while (options.Ui is null)
        {
            // A run ends when the SVB node exits by itself; a killed one was restarted already and resumes.
            if (await svb.WaitForExitAsync(cancellation).ConfigureAwait(false) is { } code)
            {
                exit = code;
                break;
            }
        }

        if (options.Ui is not null)
        {
            // The SVB node keeps serving its pages: the run is done when it has written its summary.
            exit = await DemoWeb.WaitForRunAsync(svb, Path.Combine(svbDirectory, "run.json"), cancellation).ConfigureAwait(false);
        }

        await chaosStop.CancelAsync().ConfigureAwait(false);
        await chaos.Task.ConfigureAwait(false);
        if (exit != 0)
        {
            await uwv.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            var log = Path.Combine(svbDirectory, "svb.log");
            throw new InvalidOperationException($"The SVB node failed (exit code {exit}); see {log}. Its last lines:{Environment.NewLine}{LastLines(log, 4)}");
        }

        Phase("run through the nodes");
        if (options.Ui is null)
        {
            await uwv.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            Phase("stop nodes");
        }

        using (var run = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(svbDirectory, "run.json"), cancellation).ConfigureAwait(false)))
        {
            var r = run.RootElement;
            summary.RunId = r.GetProperty("runId").GetString() ?? string.Empty;
            summary.HouseholdsCompared = r.GetProperty("households").GetInt32();
            summary.Comparisons = r.GetProperty("comparisons").GetInt32();
            summary.Engine = r.GetProperty("engine").GetString() ?? string.Empty;
            summary.BytesSvbToUwv = r.GetProperty("bytesSvbToUwv").GetInt64();
            summary.BytesUwvToSvb = r.GetProperty("bytesUwvToSvb").GetInt64();
            summary.DecryptionsServed = r.GetProperty("decryptionsServed").GetInt64();
            summary.ZeroTestsServed = r.GetProperty("zeroTestsServed").GetInt64();
            summary.RepliesReplayed = r.GetProperty("repliesReplayed").GetInt64();
            foreach (var phase in r.GetProperty("seconds").EnumerateObject())
            {
                summary.Seconds["svb: " + phase.Name] = Math.Round(phase.Value.GetDouble(), 2);
            }
        }

        status("checking the selection against the plaintext reference");
        var (reference, households) = Reference(svbFile, uwvFile);
        var encrypted = File.ReadAllLines(Path.Combine(svbDirectory, "selection.csv")).Skip(1).Where(l => l.Length > 0).ToList();
        var referenceSet = reference.ToHashSet(StringComparer.Ordinal);
        var encryptedSet = encrypted.ToHashSet(StringComparer.Ordinal);
        summary.Persons = options.Persons;
        summary.Households = households;
        summary.Selected = encrypted.Count;
        summary.ReferenceSelected = reference.Count;
        summary.Mismatches = encrypted.Count(r => !referenceSet.Contains(r)) + reference.Count(r => !encryptedSet.Contains(r)) + (encrypted.Count - encryptedSet.Count);
        Phase("check against reference");

        status("audit verify: each node's chain, signatures and the checkpoints its peer holds");
        var databases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DevelopmentCertificates.UwvNode] = options.DatabaseUrl ?? Path.Combine(uwvDirectory, "uwv.db"),
            [DevelopmentCertificates.SvbNode] = options.DatabaseUrl ?? Path.Combine(svbDirectory, "svb.db"),
        };
        summary.AuditVerified = true;
        foreach (var (node, peer) in new[] { (DevelopmentCertificates.UwvNode, DevelopmentCertificates.SvbNode), (DevelopmentCertificates.SvbNode, DevelopmentCertificates.UwvNode) })
        {
            var result = await NodeAuditVerification.VerifyAsync(
                databases[node], node, AuditKeyFiles.ReadPublicKey(AuditKeyFiles.PublicKeyPath(NodeArguments.AuditKeyFile(keyDirectory, node))), databases[peer], peer, cancellation).ConfigureAwait(false);
            summary.Audit[node] = (result.IsValid ? "verified: " : "BROKEN: ") + result.Message;
            summary.AuditVerified &= result.IsValid && result.CheckpointsChecked > 0;
        }

        Phase("audit verify");
        summary.PeakRssBytes["uwv"] = uwv.PeakRssBytes;
        summary.PeakRssBytes["svb"] = svb.PeakRssBytes;
        summary.Seconds["total"] = Math.Round(total.Elapsed.TotalSeconds, 2);
        await File.WriteAllTextAsync(Path.Combine(root, SummaryFileName), JsonSerializer.Serialize(summary, s_json), cancellation).ConfigureAwait(false);
        if (options.Ui is { } pages)
        {
            await pages.Serve(summary, access!).ConfigureAwait(false);
            await svb.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            await uwv.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }

        return summary;
    }

    /// <summary>The end of a node's log, for the failure message (the log itself may be deleted with a temporary folder).</summary>
    private static string LastLines(string path, int count)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(path).TakeLast(count));
        }
        catch (IOException e)
        {
            return $"(the log could not be read: {e.Message})";
        }
    }

    private static string Database(DemoOptions options, string node, string directory) => options.DatabaseUrl ?? Path.Combine(directory, node + ".db");

    private static IEnumerable<string> WebArguments(int port)
    {
        yield return $"--Web:Port={port}";
    }

    private static void Report(string line, IProgress<RunProgress> progress)
    {
        var parts = line.Split(' ');
        if (parts.Length == 4
            && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var done)
            && int.TryParse(parts[3], CultureInfo.InvariantCulture, out var all))
        {
            progress.Report(new RunProgress(parts[1], done, all));
        }
    }

    /// <summary>Asks the OS for a free loopback port (released at once; the node binds it a moment later).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitHealthyAsync(NodeProcess node, string address, MutualTlsOptions tls, CancellationToken cancellation)
    {
        using var channel = NodeHost.Channel(address, tls);
        var health = new Health.HealthClient(channel);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (node.HasExited)
            {
                throw new InvalidOperationException($"The {node.Name} node exited (code {node.ExitCode}) before it was ready; see its log.");
            }

            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellation).ConfigureAwait(false);
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (Grpc.Core.RpcException) when (deadline.Elapsed < TimeSpan.FromMinutes(10))
            {
                // Not listening yet (key generation, Polis load).
            }

            await Task.Delay(200, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>SIGKILL, then a restart: the node resumes from its database.</summary>
    private static void KillAndRestart(NodeProcess victim, DemoSummary summary)
    {
        if (victim.SignalKill())
        {
            Restart(victim, summary);
        }
    }

    /// <summary>Counts the kill of a signalled node and starts it again once it has ended.</summary>
    private static void Restart(NodeProcess victim, DemoSummary summary)
    {
        lock (summary)
        {
            summary.KilledNodes.Add(victim.Name);
            summary.Kills++;
            victim.RestartAfterKill();
        }
    }

    /// <summary>The plaintext reference selection rows and the number of households in the SVB file.</summary>
    private static (List<string> Rows, int Households) Reference(string svbFile, string uwvFile)
    {
        using var svbText = new StreamReader(svbFile);
        using var uwvText = new StreamReader(uwvFile);
        var svb = SvbFile.OpenHouseholds(svbText);
        var parameters = PilotParties.Parameters(svb.Info, "SVB");
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var result = ReferenceSelection.Run(svb, PolisFile.OpenPersons(uwvText), parameters, CsvLoadMode.SkipAndReport, output);
        var rows = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).ToList();
        return (rows, (int)result.Households);
    }

    private sealed class InlineProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }

    private static ChaosMonkey Chaos(DemoOptions options, NodeProcess uwv, NodeProcess svb, DemoSummary summary, Action<string> status, CancellationToken cancellation)
        => new(options.Chaos, uwv, svb, summary, status, cancellation);

    /// <summary>Kills a random node K times at random moments with SIGKILL and restarts it.</summary>
    private sealed class ChaosMonkey
    {
        public ChaosMonkey(int kills, NodeProcess uwv, NodeProcess svb, DemoSummary summary, Action<string> status, CancellationToken cancellation)
        {
            Task = kills == 0 ? Task.CompletedTask : RunAsync(kills, uwv, svb, summary, status, cancellation);
        }

        public Task Task { get; }

        private async Task RunAsync(int kills, NodeProcess uwv, NodeProcess svb, DemoSummary summary, Action<string> status, CancellationToken cancellation)
        {
            try
            {
                for (var i = 0; i < kills; i++)
                {
                    // A random moment 1 to 6 seconds after the last restart: over a run of a few minutes the kills land
                    // in every phase (income chunks, comparison rounds, between batches).
                    await Task.Delay(TimeSpan.FromMilliseconds(1000 + RandomInt(5000)), cancellation).ConfigureAwait(false);
                    if (svb.HasExited)
                    {
                        return;
                    }

                    var victim = RandomInt(2) == 0 ? uwv : svb;
                    status($"chaos: SIGKILL to the {victim.Name} node ({i + 1}/{kills})");
                    KillAndRestart(victim, summary);
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
            }
        }

        private static int RandomInt(int below)
        {
            Span<byte> bytes = stackalloc byte[4];
            RandomSource.Secure.Fill(bytes);
            return (int)(BitConverter.ToUInt32(bytes) % (uint)below);
        }
    }
}
