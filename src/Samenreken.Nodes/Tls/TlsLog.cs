using Microsoft.Extensions.Logging;

namespace Samenreken.Nodes.Tls;

/// <summary>Mutual-TLS diagnostics with stable event ids. A refused peer is logged by verdict and thumbprint only.</summary>
internal static partial class TlsLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Refused the {Role} certificate in the TLS handshake: {Verdict} (subject {Subject}, thumbprint {Thumbprint})")]
    public static partial void PeerRefused(ILogger logger, PeerRole role, PeerCertificateVerdict verdict, string subject, string thumbprint);
}
