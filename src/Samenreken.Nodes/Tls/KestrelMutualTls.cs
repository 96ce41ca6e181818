using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Samenreken.Nodes.Tls;

/// <summary>
/// A node's only listener: HTTP/2 over TLS 1.3 with a required client certificate, checked by
/// <see cref="PeerCertificatePolicy"/> inside the handshake, so a refused client never reaches the HTTP layer and no
/// request body of it is read.
/// </summary>
public static class KestrelMutualTls
{
    /// <summary>A peer that opens a connection and stalls the handshake is dropped after this.</summary>
    private static readonly TimeSpan s_handshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Adds the mutual-TLS listener on <paramref name="endpoint"/> (port 0 picks a free port). The clock is the
    /// <see cref="TimeProvider"/> registered in the application's services, else the system clock; refusals are
    /// logged through its <see cref="ILoggerFactory"/>. Throws at once on a missing or malformed certificate, key or pin.
    /// </summary>
    public static void Configure(KestrelServerOptions kestrel, IPEndPoint endpoint, MutualTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);

        var services = kestrel.ApplicationServices;
        var time = services?.GetService<TimeProvider>() ?? TimeProvider.System;
        ILogger logger = services?.GetService<ILoggerFactory>()?.CreateLogger(typeof(KestrelMutualTls).FullName!) ?? NullLogger.Instance;
        var policy = PeerCertificatePolicy.Create(options, PeerRole.Client, time);
        var certificate = NodeCertificate.Load(options);

        kestrel.Listen(endpoint, listen =>
        {
            // gRPC needs HTTP/2; without HTTP/1.1 there is nothing to downgrade to.
            listen.Protocols = HttpProtocols.Http2;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                SslProtocols = SslProtocols.Tls13,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                CheckCertificateRevocation = false,
                ClientCertificateValidation = (presented, _, _) => NodeCertificate.Accept(policy, PeerRole.Client, presented, logger),
                HandshakeTimeout = s_handshakeTimeout,
            });
        });
    }
}
