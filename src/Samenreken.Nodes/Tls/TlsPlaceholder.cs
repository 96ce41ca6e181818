// PLACEHOLDER until branch `tls` lands: the same names as its contract, without TLS. Delete at the merge.
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Samenreken.Nodes.Tls;

public sealed class MutualTlsOptions
{
    public const string SectionName = "Tls";

    public string CaCertificatePath { get; set; } = string.Empty;

    public string CertificatePath { get; set; } = string.Empty;

    public string KeyPath { get; set; } = string.Empty;

    public string PeerPin { get; set; } = string.Empty;

    public string PeerName { get; set; } = string.Empty;
}

public sealed record NodeCertificateFiles(string Node, string CertificatePath, string KeyPath, string Pin);

public sealed record DevelopmentCertificateSet(string CaCertificatePath, NodeCertificateFiles Uwv, NodeCertificateFiles Svb)
{
    public MutualTlsOptions OptionsFor(string node)
    {
        var (own, peer) = node == DevelopmentCertificates.UwvNode ? (Uwv, Svb) : (Svb, Uwv);
        return new MutualTlsOptions { CaCertificatePath = CaCertificatePath, CertificatePath = own.CertificatePath, KeyPath = own.KeyPath, PeerPin = peer.Pin, PeerName = peer.Node };
    }
}

public static class DevelopmentCertificates
{
    public const string UwvNode = "uwv";
    public const string SvbNode = "svb";

    public static DevelopmentCertificateSet Create(string directory, TimeProvider time, bool overwrite = false)
    {
        _ = time;
        _ = overwrite;
        return new DevelopmentCertificateSet(
            Path.Combine(directory, "ca.crt"),
            new NodeCertificateFiles(UwvNode, Path.Combine(directory, "uwv.crt"), Path.Combine(directory, "uwv.key"), "00"),
            new NodeCertificateFiles(SvbNode, Path.Combine(directory, "svb.crt"), Path.Combine(directory, "svb.key"), "00"));
    }
}

public static class KestrelMutualTls
{
    public static void Configure(KestrelServerOptions kestrel, IPEndPoint endpoint, MutualTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        _ = options;
        kestrel.Listen(endpoint, listen => listen.Protocols = HttpProtocols.Http2);
    }
}

public static class MutualTlsClientHandler
{
    public static SocketsHttpHandler Create(MutualTlsOptions options, TimeProvider? time = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        _ = options;
        _ = time;
        _ = logger;
        return new SocketsHttpHandler();
    }
}
