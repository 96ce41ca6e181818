using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Samenreken.Nodes.Tls;

namespace Samenreken.Nodes.Tests.Tls;

/// <summary>
/// A real Kestrel server configured by <see cref="KestrelMutualTls"/> as UWV (accepting only SVB), and real HTTP/2
/// clients over loopback. Refusals happen in the handshake: the server never reads the refused client's body.
/// </summary>
public sealed class MutualTlsHandshakeTests : IAsyncLifetime
{
    private readonly TestPki _pki = new();
    private TlsTestServer _uwv = null!;

    public async Task InitializeAsync() => _uwv = await TlsTestServer.StartAsync(_pki.Uwv, _pki.Clock);

    public async Task DisposeAsync()
    {
        await _uwv.DisposeAsync();
        _pki.Dispose();
    }

    /// <summary>
    /// A client that trusts any server and presents whatever certificate it is given: the attacker's side, so a
    /// refusal can only come from the server.
    /// </summary>
    private static SocketsHttpHandler RogueClient(X509Certificate2? certificate, SslProtocols protocols = SslProtocols.Tls13) => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = protocols,
            ClientCertificateContext = certificate is null ? null : SslStreamCertificateContext.Create(certificate, null, offline: true),
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        },
    };

    private async Task AssertRefusedAsync(HttpMessageHandler client, PeerCertificateVerdict? loggedVerdict)
    {
        await Assert.ThrowsAsync<HttpRequestException>(() => _uwv.EchoAsync(client, "compare batch 1"));
        Assert.Equal(0, _uwv.BodiesRead);
        if (loggedVerdict is { } verdict)
        {
            Assert.Contains(_uwv.Log.Messages, message => message.StartsWith("2001 ", StringComparison.Ordinal) && message.Contains($": {verdict} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task TheConfiguredPeer_ThroughMutualTlsClientHandler_IsAccepted_AndIdentifiedByItsCertificate()
    {
        using var svb = MutualTlsClientHandler.Create(_pki.Svb, _pki.Clock);

        Assert.Equal("svb:compare batch 1", await _uwv.EchoAsync(svb, "compare batch 1"));
        Assert.Equal(1, _uwv.BodiesRead);
    }

    [Fact]
    public async Task TheRogueClient_WithSvbsCertificate_IsAccepted()
    {
        // The control for every refusal below: the rogue client itself works when it holds the right certificate.
        using var certificate = TestPki.Load(_pki.Set.Svb);
        using var client = RogueClient(certificate);

        Assert.Equal("svb:hello", await _uwv.EchoAsync(client, "hello"));
    }

    [Fact]
    public async Task NoClientCertificate_IsRefusedInTheHandshake()
    {
        using var client = RogueClient(null);
        await AssertRefusedAsync(client, loggedVerdict: null);
    }

    [Fact]
    public async Task ACertificateFromAnotherCa_IsRefusedInTheHandshake()
    {
        using var impostor = _pki.IssueByOtherCa(DevelopmentCertificates.SvbNode);
        using var client = RogueClient(impostor);
        await AssertRefusedAsync(client, PeerCertificateVerdict.UntrustedChain);
    }

    [Fact]
    public async Task AnExpiredCertificateOfTheRightCa_IsRefusedInTheHandshake()
    {
        using var expired = _pki.Issue(DevelopmentCertificates.SvbNode, _pki.Now.AddDays(-30), _pki.Now.AddDays(-1));
        using var client = RogueClient(expired);
        await AssertRefusedAsync(client, PeerCertificateVerdict.Expired);
    }

    [Fact]
    public async Task SvbsOwnCertificate_OnceTheServersClockIsPastItsValidity_IsRefused()
    {
        _pki.Clock.SetUtcNow(_pki.Now.AddYears(2));
        using var svb = TestPki.Load(_pki.Set.Svb);
        using var client = RogueClient(svb);
        await AssertRefusedAsync(client, PeerCertificateVerdict.Expired);
    }

    [Fact]
    public async Task AValidCertificateOfTheWrongParty_IsRefusedInTheHandshake()
    {
        using var uwv = TestPki.Load(_pki.Set.Uwv);
        using var client = RogueClient(uwv);
        await AssertRefusedAsync(client, PeerCertificateVerdict.PinMismatch);
    }

    [Fact]
    public async Task Tls12_IsRefused_EvenWithTheRightCertificate()
    {
        using var svb = TestPki.Load(_pki.Set.Svb);
        using var client = RogueClient(svb, SslProtocols.Tls12);
        await AssertRefusedAsync(client, loggedVerdict: null);
    }

    [Fact]
    public async Task MutualTlsClientHandler_RefusesAServerOfTheWrongParty()
    {
        // SVB's handler expects UWV's key; a server presenting SVB's own certificate is not UWV.
        await using var impostor = await TlsTestServer.StartAsync(_pki.Svb, _pki.Clock);
        var log = new CapturingLoggerProvider();
        using var svb = MutualTlsClientHandler.Create(_pki.Svb, _pki.Clock, log.CreateLogger("client"));

        await Assert.ThrowsAsync<HttpRequestException>(() => impostor.EchoAsync(svb, "compare batch 1"));
        Assert.Equal(0, impostor.BodiesRead);
        Assert.Contains(log.Messages, message => message.Contains(": PinMismatch ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MutualTlsClientHandler_RefusesAServerOfAnotherCa()
    {
        var otherDirectory = Directory.CreateTempSubdirectory("samenreken-tls-other-");
        try
        {
            var otherSet = DevelopmentCertificates.Create(otherDirectory.FullName, _pki.Clock);
            await using var impostor = await TlsTestServer.StartAsync(otherSet.OptionsFor(DevelopmentCertificates.UwvNode), _pki.Clock);
            var log = new CapturingLoggerProvider();
            using var svb = MutualTlsClientHandler.Create(_pki.Svb, _pki.Clock, log.CreateLogger("client"));

            await Assert.ThrowsAsync<HttpRequestException>(() => impostor.EchoAsync(svb, "compare batch 1"));
            Assert.Contains(log.Messages, message => message.Contains(": UntrustedChain ", StringComparison.Ordinal));
        }
        finally
        {
            otherDirectory.Delete(recursive: true);
        }
    }
}
