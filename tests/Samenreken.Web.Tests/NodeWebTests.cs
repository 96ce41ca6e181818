using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samenreken.Governance.Audit;
using Samenreken.Nodes;
using Samenreken.Nodes.Svb;
using Samenreken.Nodes.Tls;
using Samenreken.Nodes.Wire;
using Samenreken.Storage;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Tests;

/// <summary>The two ports of a node keep apart, and a run the project definition forbids is refused on the page in plain words.</summary>
[Collection(WebCollection.Name)]
public sealed class NodeWebTests(WebNodes nodes)
{
    [Fact]
    public async Task TheBrowserPortServesNoGrpc_AndThePeerPortServesNoPages()
    {
        // The browser port asks no client certificate: UWV's gRPC service must not answer there.
        using var browserPort = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });
        using var grpc = new HttpRequestMessage(HttpMethod.Post, nodes.UwvUrl + "/samenreken.nodes.v1.UwvNode/GetPublicKeys")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        grpc.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var refused = await browserPort.SendAsync(grpc);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browserPort.GetAsync(nodes.UwvUrl + "/inloggen")).StatusCode);

        // The peer port, with SVB's own client certificate: no pages there.
        using var peerPort = new HttpClient(MutualTlsClientHandler.Create(nodes.Certificates.OptionsFor(DevelopmentCertificates.SvbNode)));
        using var page = new HttpRequestMessage(HttpMethod.Get, $"{NodeHost.Scheme}://127.0.0.1:{nodes.UwvPeerPort}/inloggen")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        Assert.Equal(HttpStatusCode.NotFound, (await peerPort.SendAsync(page)).StatusCode);
    }

    [Fact]
    public async Task ARunAfterTheProjectHorizon_IsRefusedOnThePage_InPlainWords()
    {
        // The 2022 pilot's definition lapsed at its horizon (21 September 2025).
        var database = Path.Combine(nodes.Directory, "svb-expired.db");
        WebNodes.AddAccounts(database, ("pilot-team", "pilot"));
        var (svb, url) = await nodes.StartSvbAsync(database, Path.Combine(WebNodes.RepositoryRoot(), "projects", "aio-pilot-2022.yaml"));
        await using var context = await nodes.NewContextAsync(url);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "pilot");

        await page.GetByRole(AriaRole.Button, new() { Name = "Nieuwe run starten" }).ClickAsync();

        await Assertions.Expect(page.Locator("#refusal")).ToHaveTextAsync("Het project is afgelopen op 2025-09-21. Na die datum mag geen nieuwe run meer starten.");
        Assert.Empty(((Samenreken.Web.Runs.ISvbRunConsole)svb.Services.GetService(typeof(Samenreken.Web.Runs.ISvbRunConsole))!).Runs());
        await Pages.ScreenshotAsync(page, "svb-refusal");
    }

    [Fact]
    public async Task TheLettersOfARunWithAFairnessAlert_AreHeldOnThePage_AndAreNotMade()
    {
        // A completed run whose monitor raised an alert, as the SVB node records it; the demo project holds letters on alert.
        const string runId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
        var database = Path.Combine(nodes.Directory, "svb-alert.db");
        WebNodes.AddAccounts(database, (WebRoles.PilotTeam, "pilot"));
        CompletedRun(nodes.SvbFile, database, runId);
        using (var log = new AuditLog(DatabaseAuditStore.Open(database, "svb"), "svb", TimeProvider.System))
        {
            await log.AppendAsync(AuditRecord.Create(AuditKind.MonitorAlert, "svb", runId, "fairness-alert kind=Conditional direction=Under group=sex:F",
                counts: [new("look", 2)], hashes: [new(SvbFairnessWatch.PlanHashName, new string('a', 64))]));
        }

        var (svb, url) = await nodes.StartSvbAsync(database, Path.Combine(WebNodes.RepositoryRoot(), "projects", "aio-demo-fictitious.yaml"));
        await using var context = await nodes.NewContextAsync(url);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "pilot");
        await page.GotoAsync($"/runs/{runId}/brieven");

        await Assertions.Expect(page.Locator("#held")).ToContainTextAsync("a reviewer must decide first");
        Assert.Equal(0, await page.Locator("#make-letters").CountAsync());
        await Pages.AssertAccessibleAsync(page);

        // Nor does a request to make them get past the hold: no mailing list in the pilot store.
        var desk = svb.Services.GetRequiredService<ISvbPilotDesk>();
        Assert.NotNull(await desk.MakeLettersAsync(runId, "pilot", CancellationToken.None));
        Assert.Equal(0, (await desk.RunAsync(runId, "pilot", CancellationToken.None))!.Letters);

        // The twin: the same run in the shared node's database has no alert, and its letters may be made.
        var free = await nodes.CompletedRunAsync();
        Assert.Null((await nodes.Svb.Services.GetRequiredService<ISvbPilotDesk>().RunAsync(free, "pilot", CancellationToken.None))!.Held);
    }

    /// <summary>A completed run as the SVB node stores it: the plan, and one result bit per household (every third one selected).</summary>
    private static void CompletedRun(string svbFile, string database, string runId)
    {
        var population = SvbPopulation.Load(svbFile);
        var store = SvbStore.Open(database);
        const int batchSize = 64;
        var plan = new RunAnnouncement { RunId = runId, Persons = (uint)population.PersonIds.Count, Comparisons = (uint)population.ComparisonCount, ChunkSize = 2048, BatchSize = batchSize };
        store.CreateRun(runId, plan.ToByteArray(), DateTimeOffset.UtcNow);
        for (var batch = 0; batch * batchSize < population.ComparisonCount; batch++)
        {
            var bits = new byte[batchSize / 8];
            for (var k = 0; k < batchSize; k++)
            {
                bits[k >> 3] |= (byte)(((batch * batchSize) + k) % 3 == 0 ? 1 << (k & 7) : 0);
            }

            store.CompleteBatch(runId, batch, bits);
        }

        store.Complete(runId);
    }
}
