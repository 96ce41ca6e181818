using System.Globalization;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using Samenreken.Nodes.Demo;
using Samenreken.Nodes.Safeguards;
using Samenreken.Nodes.Svb;
using Samenreken.Nodes.Tls;
using Samenreken.Nodes.Wire;
using Samenreken.Pilot;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Synthetic;

namespace Samenreken.Nodes.Tests.Nodes;

using UwvKeys = Samenreken.Nodes.Uwv.UwvKeys;

/// <summary>
/// A UWV node as a real server on 127.0.0.1 (Kestrel, mutual TLS, its own database) with 512-bit test keys, a
/// generated population, development certificates, and SVB drivers or raw gRPC clients against it.
/// </summary>
internal sealed class NodeTestbed : IAsyncDisposable
{
    /// <summary>Small keys (the test-only policy) for the in-process UWV node: these tests are about logic.</summary>
    public const int TestKeyBits = 512;

    private static readonly Lazy<UwvKeys> s_smallKeys = new(() => UwvKeys.From(
        PaillierKeyPair.Generate(TestKeyBits, KeySizePolicy.InsecureForTests, RandomSource.Secure).PrivateKey,
        DgkKeyPair.Generate(TestKeyBits, ComparisonSettings.Default.ComparisonBits, DgkKeyPair.DefaultSubgroupBits(TestKeyBits), KeySizePolicy.InsecureForTests, RandomSource.Secure).PrivateKey));

    private readonly List<IAsyncDisposable> _owned = [];

    private NodeTestbed(string directory, DevelopmentCertificateSet certificates, string svbFile, string uwvFile)
    {
        Directory = directory;
        Certificates = certificates;
        SvbFile = svbFile;
        UwvFile = uwvFile;
    }

    public string Directory { get; }

    public DevelopmentCertificateSet Certificates { get; }

    public string SvbFile { get; }

    public string UwvFile { get; }

    public WebApplication? Uwv { get; private set; }

    public string UwvAddress { get; private set; } = string.Empty;

    /// <summary>The project definition the nodes run under (default: the shipped fictitious demo project, valid until 2029).</summary>
    public string ProjectFile { get; set; } = RepositoryFile("projects", "aio-demo-fictitious.yaml");

    /// <summary>
    /// Runs both nodes under a copy of the demo definition that names <paramref name="engine"/> ("dgk" or "gc"): a
    /// run uses the engine its definition names. Call it before the nodes start.
    /// </summary>
    public void UseEngine(string engine)
    {
        ProjectFile = DemoRun.WriteWithEngine(RepositoryFile("projects", "aio-demo-fictitious.yaml"), engine, Path.Combine(Directory, $"project-{engine}.yaml"));
    }

    /// <summary>The hash of <see cref="ProjectFile"/>, as a run announces it.</summary>
    public string DefinitionHash => Governance.Definition.ProjectDefinition.Parse(File.ReadAllText(ProjectFile)).Hash.Hex;

    /// <summary>The clock both nodes' safeguards use (the system clock unless a test sets a fake one).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>A node's audit signing key file; its public key is next to it (<see cref="AuditKeyFiles.PublicKeyPath"/>).</summary>
    public string AuditKeyFile(string node) => NodeArguments.AuditKeyFile(Directory, node);

    /// <summary>A file of the repository (the shipped project definitions).</summary>
    public static string RepositoryFile(params string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Samenreken.slnx")))
            {
                return Path.Combine([directory.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException($"No Samenreken.slnx above {AppContext.BaseDirectory}.");
    }

    public static NodeTestbed Create(int persons, ulong seed = 7)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("samenreken-nodes-").FullName;
        PopulationGenerator.GenerateToDirectory(new GeneratorOptions(persons, seed), directory);
        var certificates = DevelopmentCertificates.Create(Path.Combine(directory, "certs"), TimeProvider.System);
        return new NodeTestbed(directory, certificates, Path.Combine(directory, PopulationGenerator.SvbFileName), Path.Combine(directory, PopulationGenerator.UwvFileName));
    }

    /// <summary>Starts the UWV node on a free loopback port with <paramref name="database"/>.</summary>
    public async Task StartUwvAsync(string database, Action<IServiceCollection>? services = null, IEnumerable<string>? settings = null)
    {
        string[] args =
        [
            .. settings ?? [],
            "--Node:Port=0", $"--Node:Database={database}", $"--Node:KeyFile={Path.Combine(Directory, "uwv-node.key")}",
            $"--Uwv:PolisFile={UwvFile}",
            .. Safeguards(DevelopmentCertificates.UwvNode),
            .. Tls(DevelopmentCertificates.UwvNode),
        ];
        var app = NodeHost.BuildUwv(args, services: s =>
        {
            s.AddSingleton(s_smallKeys.Value).AddKeyedSingleton(NodeHost.SafeguardsClock, Clock);
            services?.Invoke(s);
        });
        await app.StartAsync();
        Uwv = app;
        UwvAddress = app.Urls.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
    }

    public async Task StopUwvAsync()
    {
        if (Uwv is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Uwv = null;
        }
    }

    /// <summary>An SVB driver (its host built, not started) against the running UWV node.</summary>
    public SvbRunDriver Svb(string database, int batchSize = 48, int chunkSize = 100, string? output = null, string? engine = null, IProgress<RunProgress>? progress = null, string? runId = null)
    {
        string[] args =
        [
            .. engine is null ? Array.Empty<string>() : [$"--Svb:Engine={engine}"],
            .. runId is null ? Array.Empty<string>() : [$"--Svb:RunId={runId}"],
            "--Node:Port=0", $"--Node:Database={database}", $"--Node:KeyFile={Path.Combine(Directory, "svb-node.key")}",
            $"--Svb:SvbFile={SvbFile}", $"--Svb:UwvAddress={UwvAddress}",
            string.Create(CultureInfo.InvariantCulture, $"--Svb:BatchSize={batchSize}"), string.Create(CultureInfo.InvariantCulture, $"--Svb:ChunkSize={chunkSize}"),
            $"--Svb:OutputDirectory={output ?? Path.Combine(Directory, "svb-out")}",
            .. Safeguards(DevelopmentCertificates.SvbNode),
            .. Tls(DevelopmentCertificates.SvbNode),
        ];
        var app = NodeHost.BuildSvb(args, progress: progress, services: s => s.AddSingleton(KeySizePolicy.InsecureForTests).AddKeyedSingleton(NodeHost.SafeguardsClock, Clock));
        _owned.Add(app);
        return app.Services.GetRequiredService<SvbRunDriver>();
    }

    /// <summary>An SVB node host (built, not started) that does not start a run on launch, with <paramref name="settings"/> added.</summary>
    public WebApplication SvbHost(string database, params string[] settings)
    {
        string[] args =
        [
            "--Node:Port=0", $"--Node:Database={database}", $"--Node:KeyFile={Path.Combine(Directory, "svb-node.key")}",
            $"--Svb:SvbFile={SvbFile}", $"--Svb:UwvAddress=https://127.0.0.1:9", "--Svb:StartOnLaunch=false",
            .. Safeguards(DevelopmentCertificates.SvbNode),
            .. Tls(DevelopmentCertificates.SvbNode),
            .. settings,
        ];
        var app = NodeHost.BuildSvb(args, services: s => s.AddSingleton(KeySizePolicy.InsecureForTests).AddKeyedSingleton(NodeHost.SafeguardsClock, Clock));
        _owned.Add(app);
        return app;
    }

    /// <summary>A raw client of the UWV node presenting <paramref name="tls"/> (default: SVB's own certificate).</summary>
    public UwvNode.UwvNodeClient Client(MutualTlsOptions? tls = null)
    {
        var channel = NodeHost.Channel(UwvAddress, tls ?? Certificates.OptionsFor(DevelopmentCertificates.SvbNode));
        _owned.Add(new ChannelOwner(channel));
        return new UwvNode.UwvNodeClient(channel);
    }

    /// <summary>The plaintext reference selection rows.</summary>
    public List<string> ReferenceRows()
    {
        using var svbText = new StreamReader(SvbFile);
        using var uwvText = new StreamReader(UwvFile);
        var svb = Domain.Svb.SvbFile.OpenHouseholds(svbText);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        ReferenceSelection.Run(svb, PolisFile.OpenPersons(uwvText), PilotParties.Parameters(svb.Info, "SVB"), CsvLoadMode.SkipAndReport, output);
        return [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1)];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        await StopUwvAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A node's log or database may still be closing; the temporary directory is left for the OS.
        }
    }

    private IEnumerable<string> Safeguards(string node) => NodeArguments.Safeguards(node, ProjectFile, Directory);

    private IEnumerable<string> Tls(string node) => NodeArguments.Tls(Certificates.OptionsFor(node));

    private sealed class ChannelOwner(GrpcChannel channel) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            channel.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
