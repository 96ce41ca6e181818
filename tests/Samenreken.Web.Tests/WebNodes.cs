using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Nodes;
using Samenreken.Nodes.Tls;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Storage;
using Samenreken.Synthetic;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Tests;

/// <summary>
/// Both nodes as real servers on 127.0.0.1 (mutual TLS between them, 512-bit test keys, a small generated
/// population), each serving its pages on its own HTTPS port, with one account per role; and Debian's Chromium
/// driven by Playwright. Shared by the browser tests: starting nodes and a browser is the expensive part.
/// </summary>
public sealed class WebNodes : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    /// <summary>Debian's Chromium (apt-get install chromium); Playwright's own browser download is not possible here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly Lazy<Nodes.Uwv.UwvKeys> s_smallKeys = new(() => Nodes.Uwv.UwvKeys.From(
        PaillierKeyPair.Generate(512, KeySizePolicy.InsecureForTests, RandomSource.Secure).PrivateKey,
        DgkKeyPair.Generate(512, ComparisonSettings.Default.ComparisonBits, DgkKeyPair.DefaultSubgroupBits(512), KeySizePolicy.InsecureForTests, RandomSource.Secure).PrivateKey));

    private readonly List<WebApplication> _apps = [];
    private IPlaywright? _playwright;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("samenreken-web-").FullName;

    public string SvbFile => Path.Combine(Directory, PopulationGenerator.SvbFileName);

    public string SvbDatabase => Path.Combine(Directory, "svb.db");

    public string SvbUrl { get; private set; } = string.Empty;

    public string UwvUrl { get; private set; } = string.Empty;

    public int UwvPeerPort { get; private set; }

    public WebApplication Svb { get; private set; } = null!;

    public DevelopmentCertificateSet Certificates { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots go (TestResults, which git ignores).</summary>
    public static string ScreenshotDirectory => Environment.GetEnvironmentVariable("SAMENREKEN_SCREENSHOTS")
        ?? Path.Combine(RepositoryRoot(), "TestResults", "web-screenshots");

    public async Task InitializeAsync()
    {
        PopulationGenerator.GenerateToDirectory(new GeneratorOptions(240, 11), Directory);
        Certificates = DevelopmentCertificates.Create(Path.Combine(Directory, "certs"), TimeProvider.System);
        var definition = Path.Combine(RepositoryRoot(), "projects", "aio-demo-fictitious.yaml");

        var uwvDatabase = Path.Combine(Directory, "uwv.db");
        AddAccounts(uwvDatabase, (WebRoles.UwvOperator, "operator"));
        AddAccounts(SvbDatabase, (WebRoles.PilotTeam, "pilot"), (WebRoles.Reviewer, "reviewer"), (WebRoles.Auditor, "auditor"), (WebRoles.PrivacyOfficer, "privacy"));

        UwvPeerPort = FreePort();
        var uwvWeb = FreePort();
        var uwv = NodeHost.BuildUwv(
            [
                $"--Node:Port={UwvPeerPort}", $"--Node:Database={uwvDatabase}", $"--Node:KeyFile={Path.Combine(Directory, "uwv.key")}",
                $"--Uwv:PolisFile={Path.Combine(Directory, PopulationGenerator.UwvFileName)}", $"--Web:Port={uwvWeb}",
                .. Safeguards(DevelopmentCertificates.UwvNode, definition),
                .. Tls(DevelopmentCertificates.UwvNode),
            ],
            services: s => s.AddSingleton(s_smallKeys.Value));
        await StartAsync(uwv);
        UwvUrl = $"https://127.0.0.1:{uwvWeb}";

        (Svb, SvbUrl) = await StartSvbAsync(SvbDatabase, definition);

        _playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout(30_000); // 5 s by default: too short for a page on a busy 2-core machine
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // CI runs as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>An SVB node with its pages (and their address), not starting a run by itself: the pilot team starts it from the page.</summary>
    public async Task<(WebApplication App, string WebUrl)> StartSvbAsync(string database, string definition, Action<IServiceCollection>? services = null)
    {
        var webPort = FreePort();
        var app = NodeHost.BuildSvb(
            [
                $"--Node:Port={FreePort()}", $"--Node:Database={database}", $"--Node:KeyFile={Path.Combine(Directory, "svb.key")}",
                $"--Svb:SvbFile={SvbFile}", $"--Svb:UwvAddress=https://127.0.0.1:{UwvPeerPort}", "--Svb:StartOnLaunch=false",
                "--Svb:BatchSize=48", "--Svb:ChunkSize=100", $"--Web:Port={webPort}",
                $"--Pilot:Store={database}.pilot.db", $"--Pilot:KeyFile={PilotKeyFile()}", $"--Pilot:Template={Path.Combine(RepositoryRoot(), "projects", "letters", "aio-uitnodiging.txt")}",
                .. Safeguards(DevelopmentCertificates.SvbNode, definition),
                .. Tls(DevelopmentCertificates.SvbNode),
            ],
            services: s =>
            {
                s.AddSingleton(KeySizePolicy.InsecureForTests);
                services?.Invoke(s);
            });
        await StartAsync(app);
        return (app, $"https://127.0.0.1:{webPort}");
    }

    /// <summary>The pilot-store key the SVB nodes' letters pages use (base64 of 32 bytes, owner-only, as samenreken pilot-store key writes it).</summary>
    private string PilotKeyFile()
    {
        var file = Path.Combine(Directory, "pilot.key");
        if (!File.Exists(file))
        {
            using var key = Governance.PilotStore.PilotStoreKey.Generate();
            File.WriteAllText(file, Convert.ToBase64String(key.Export()));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return file;
    }

    /// <summary>A fresh browser context (its own cookies) that accepts the development CA's certificate.</summary>
    public async Task<IBrowserContext> NewContextAsync(string baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            BaseURL = baseUrl,
            Locale = "nl-NL",
        });

        // Playwright's 30 s default is short for a page's first render on a 2-core machine busy with other test runs.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    /// <summary>A completed run at the SVB node: the one the run test started from the page, or one started here.</summary>
    public async Task<string> CompletedRunAsync()
    {
        var console = Svb.Services.GetRequiredService<ISvbRunConsole>();
        if (console.Runs().FirstOrDefault(r => r.Completed) is { } done)
        {
            return done.RunId;
        }

        console.Start();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var snapshot = console.Activity.Snapshot();
            if (snapshot.State == RunState.Completed && console.Runs().FirstOrDefault(r => r.Completed) is { } completed)
            {
                return completed.RunId;
            }

            Assert.NotEqual(RunState.Failed, snapshot.State);
            await console.Activity.WaitForChangeAsync(snapshot.Version, timeout.Token).WaitAsync(TimeSpan.FromSeconds(1)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A database file may still be closing; the temporary directory is left for the OS.
        }
    }

    public static void AddAccounts(string database, params (string Role, string Name)[] accounts)
    {
        var store = new WebAccounts(WebAccountStore.Open(database), TimeProvider.System);
        foreach (var (role, name) in accounts)
        {
            store.Add(name, role, Password);
        }
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Samenreken.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Samenreken.slnx) is not above the test's directory.");
    }

    private async Task StartAsync(WebApplication app)
    {
        _apps.Add(app);
        await app.StartAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private IEnumerable<string> Safeguards(string node, string definition) => NodeArguments.Safeguards(node, definition, Path.Combine(Directory, "certs"));

    private IEnumerable<string> Tls(string node) => NodeArguments.Tls(Certificates.OptionsFor(node));
}

/// <summary>One pair of nodes and one browser for every test class of the web tests.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebNodes>
{
    public const string Name = "web";
}
