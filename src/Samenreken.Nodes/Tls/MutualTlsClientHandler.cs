using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Samenreken.Nodes.Tls;

/// <summary>The client end: an HTTP handler (for Grpc.Net.Client) that presents this node's certificate and accepts only the configured peer.</summary>
public static class MutualTlsClientHandler
{
    private static readonly TimeSpan s_revalidateAfter = TimeSpan.FromHours(1);

    /// <summary>
    /// A TLS 1.3 handler presenting the certificate in <paramref name="options"/> and validating the server with
    /// <see cref="PeerCertificatePolicy"/> (the host name in the request URI is not what identifies the peer: the pin is).
    /// </summary>
    public static SocketsHttpHandler Create(MutualTlsOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = PeerCertificatePolicy.Create(options, PeerRole.Server, time ?? TimeProvider.System);
        var certificate = NodeCertificate.Load(options);
        var log = logger ?? NullLogger.Instance;
        return new SocketsHttpHandler
        {
            // The peer is validated once per TLS handshake; a bounded connection lifetime makes a new handshake, and
            // so a new check against the clock and pin, at least this often for new requests.
            PooledConnectionLifetime = s_revalidateAfter,
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                ClientCertificateContext = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true),
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = (_, presented, _, _) => NodeCertificate.Accept(policy, PeerRole.Server, presented, log),
            },
        };
    }
}
