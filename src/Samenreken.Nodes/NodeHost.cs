using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samenreken.Cryptography;
using Samenreken.Domain.Csv;
using Samenreken.Domain.Polis;
using Samenreken.Governance.Audit;
using Samenreken.Nodes.Safeguards;
using Samenreken.Nodes.Svb;
using Samenreken.Nodes.Tls;
using Samenreken.Nodes.Uwv;
using Samenreken.Nodes.Web;
using Samenreken.Web.Runs;
using Samenreken.Pilot;
using Samenreken.Protocols.FileComparison;
using Samenreken.Storage;

namespace Samenreken.Nodes;

/// <summary>
/// The two node hosts: Kestrel on a loopback port, gRPC over mutual TLS only, configuration from appsettings.json,
/// environment variables (SAMENREKEN_…) and the command line, gRPC health checks, graceful shutdown on SIGTERM
/// (the generic host's default). The protocol lives elsewhere; this file only wires it.
/// </summary>
public static class NodeHost
{
    /// <summary>The service key of the clock the safeguards judge horizons by (tests register a fake one under it).</summary>
    public const string SafeguardsClock = "safeguards";

    /// <summary>The scheme of the nodes' addresses.</summary>
    public const string Scheme = "https";

    /// <summary>The UWV node: serves <see cref="Wire.UwvNode"/> to the SVB node its TLS configuration names.</summary>
    public static WebApplication BuildUwv(string[] args, Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = CreateBuilder(args, configure);
        builder.Services.AddOptions<UwvOptions>().BindConfiguration(UwvOptions.Section);
        builder.Services.AddSingleton(s => UwvStore.Open(s.GetRequiredService<IOptions<NodeOptions>>().Value.Database));
        builder.Services.AddSingleton(s =>
        {
            var node = s.GetRequiredService<IOptions<NodeOptions>>().Value;
            var uwv = s.GetRequiredService<IOptions<UwvOptions>>().Value;
            using var seal = NodeSeal.Open(node);
            var keys = UwvKeys.LoadOrCreate(s.GetRequiredService<UwvStore>(), seal, uwv.KeyBits);
            NodeLog.KeysReady(s.GetRequiredService<ILogger<UwvKeys>>(), keys.Paillier.PublicKey.Bits, Convert.ToHexStringLower(Protocols.SecureComparison.KeyFingerprint.Of(keys.Paillier.PublicKey))[..16]);
            return keys;
        });
        builder.Services.AddSingleton(s =>
        {
            var uwv = s.GetRequiredService<IOptions<UwvOptions>>().Value;
            var parts = LoadPolisParts(uwv.PolisFile, uwv.MaxBadRowShare);
            NodeLog.PolisLoaded(s.GetRequiredService<ILogger<UwvRuns>>(), parts.AtAowAge.Count);
            return new UwvRuns(
                s.GetRequiredService<UwvStore>(),
                s.GetRequiredService<UwvKeys>(),
                parts,
                uwv.MaxPersons,
                s.GetRequiredService<ILogger<UwvRuns>>(),
                NodeSeal.Open(s.GetRequiredService<IOptions<NodeOptions>>().Value),
                s.GetRequiredService<NodeSafeguards>());
        });
        AddSafeguards(builder.Services, DevelopmentCertificates.UwvNode, DevelopmentCertificates.SvbNode);
        builder.Services.AddSingleton(s =>
        {
            var store = s.GetRequiredService<UwvStore>();
            return new FinishedRunState(() => [.. store.Runs().Where(r => r.Completed).Select(r => r.RunId)], store.ProtocolStateRows, store.DestroyProtocolState);
        });
        builder.Services.AddHostedService<NodeRetentionCheck>();
        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<ProtocolErrorInterceptor>();
            o.EnableDetailedErrors = false;

            // gRPC's default, stated: the plan's chunk and batch sizes keep every message under it (SvbOptions.BatchSize).
            o.MaxReceiveMessageSize = 4 << 20;
        });
        builder.Services.AddGrpcHealthChecks().AddCheck("uwv", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
        NodeWeb.AddUwv(builder);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        NodeWeb.Use(app);
        app.MapGrpcService<UwvNodeService>();
        app.MapGrpcHealthChecksService();

        // Load keys and Polis data before the port opens, so the first call finds the node ready.
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<UwvRuns>());
        _ = app.Services.GetRequiredService<UwvRuns>();
        return app;
    }

    /// <summary>The SVB node: drives the run against UWV as a client; serves health checks (and later its web pages).</summary>
    public static WebApplication BuildSvb(string[] args, Action<IConfigurationBuilder>? configure = null, IProgress<RunProgress>? progress = null, Action<IServiceCollection>? services = null)
    {
        var builder = CreateBuilder(args, configure);
        builder.Services.AddSingleton(KeySizePolicy.Production);
        builder.Services.AddOptions<SvbOptions>().BindConfiguration(SvbOptions.Section);
        builder.Services.AddSingleton(s => SvbStore.Open(s.GetRequiredService<IOptions<NodeOptions>>().Value.Database));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RunActivity>();
        builder.Services.AddSingleton<IProgress<RunProgress>>(s => new ActivityProgress(s.GetRequiredService<RunActivity>(), progress));
        builder.Services.AddSingleton<SvbRunDriver>();
        AddSafeguards(builder.Services, DevelopmentCertificates.SvbNode, DevelopmentCertificates.UwvNode);
        builder.Services.AddSingleton(s =>
        {
            var store = s.GetRequiredService<SvbStore>();
            return new FinishedRunState(() => [.. store.Runs().Where(r => r.Status == "completed").Select(r => r.RunId)], store.ProtocolStateRows, store.DestroyProtocolState);
        });

        // Before the run service: the retention check at start finishes before a run starts or resumes.
        builder.Services.AddHostedService<NodeRetentionCheck>();
        builder.Services.AddHostedService<PilotStoreRetentionCheck>();
        builder.Services.AddSingleton<SvbRunControl>();
        builder.Services.AddHostedService<SvbRunService>();
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks().AddCheck("svb", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
        NodeWeb.AddSvb(builder);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        NodeWeb.Use(app);
        app.MapGrpcHealthChecksService();
        return app;
    }

    /// <summary>A gRPC channel to the peer node over mutual TLS, with the configured client certificate and peer pin.</summary>
    public static GrpcChannel Channel(string address, MutualTlsOptions tls, ILoggerFactory? logging = null) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = MutualTlsClientHandler.Create(tls),
        LoggerFactory = logging,
        // The same bound both ways: UWV's replies are smaller than SVB's masked terms.
        MaxReceiveMessageSize = 4 << 20,
        MaxSendMessageSize = 4 << 20,
    });

    /// <summary>UWV: the parts of every person in the Polis file at both rate sets (plaintext data UWV holds anyway); a file that cannot be read is refused (<see cref="InvalidDataException"/>).</summary>
    public static (Dictionary<string, IncomeParts> AtAowAge, Dictionary<string, IncomeParts> BelowAowAge) LoadPolisParts(string polisFile, double maxBadRowShare = CsvReader<PersonPolis>.DefaultMaxBadRowShare)
    {
        using var reader = new StreamReader(polisFile);
        var file = PolisFile.OpenPersons(reader);
        PilotParties.RefuseUnreadableHeader(file, Path.GetFileName(polisFile));
        var parameters = PilotParties.Parameters(file.Info, "Polis");
        return PilotParties.ReadUwvParts(file, Path.GetFileName(polisFile), parameters, maxBadRowShare);
    }

    /// <summary>The project definition, the audit log in the node's own database and the clock they use (tests replace it).</summary>
    private static void AddSafeguards(IServiceCollection services, string nodeId, string peerId)
    {
        services.TryAddKeyedSingleton(SafeguardsClock, TimeProvider.System);
        services.AddSingleton<IAuditStore>(s => DatabaseAuditStore.Open(s.GetRequiredService<IOptions<NodeOptions>>().Value.Database, nodeId));
        services.AddSingleton(s => new NodeSafeguards(
            nodeId, peerId, s.GetRequiredService<IOptions<NodeOptions>>(), s.GetRequiredService<IAuditStore>(), s.GetRequiredKeyedService<TimeProvider>(SafeguardsClock)));
    }

    /// <summary>SVB's progress to the dashboard's activity and to the caller's reporter (the CLI's progress lines).</summary>
    private sealed class ActivityProgress(RunActivity activity, IProgress<RunProgress>? next) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            activity.Report(value.Phase, value.Done, value.Total);
            next?.Report(value);
        }
    }

    private static WebApplicationBuilder CreateBuilder(string[] args, Action<IConfigurationBuilder>? configure)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddEnvironmentVariables("SAMENREKEN_");
        configure?.Invoke(builder.Configuration);
        builder.Configuration.AddCommandLine(args);
        if (builder.Configuration["config"] is { Length: > 0 } file)
        {
            // A settings file named on the command line; the command line still wins over it.
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false);
            builder.Configuration.AddCommandLine(args);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.Services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section);
        builder.Services.AddOptions<MutualTlsOptions>().BindConfiguration(MutualTlsOptions.SectionName);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var node = context.Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
            var tls = context.Configuration.GetSection(MutualTlsOptions.SectionName).Get<MutualTlsOptions>() ?? new MutualTlsOptions();
            kestrel.Limits.MaxRequestBodySize = 32 << 20;
            KestrelMutualTls.Configure(kestrel, new IPEndPoint(IPAddress.Loopback, node.Port), tls);
            NodeWeb.Listen(kestrel, context.Configuration, tls);
        });
        return builder;
    }
}
