using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Samenreken.Nodes;
using Samenreken.Nodes.Tls;

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
}
