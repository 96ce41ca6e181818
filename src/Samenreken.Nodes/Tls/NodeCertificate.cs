using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Samenreken.Nodes.Tls;

/// <summary>What both ends share: loading this node's own certificate, and one handshake callback over the policy.</summary>
internal static class NodeCertificate
{
    /// <summary>This node's certificate with its private key, from the PEM files in <paramref name="options"/>; the key file must be owner-only.</summary>
    public static X509Certificate2 Load(MutualTlsOptions options)
    {
        var certificatePath = PeerCertificatePolicy.RequiredPath(options.CertificatePath, nameof(MutualTlsOptions.CertificatePath));
        var keyPath = PeerCertificatePolicy.RequiredPath(options.KeyPath, nameof(MutualTlsOptions.KeyPath));
        PrivateFiles.EnsureOwnerOnly(keyPath);
        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException($"The node certificate {certificatePath} or its key {keyPath} is unreadable or not a PEM certificate and matching private key: {e.Message}", e);
        }
    }

    /// <summary>The policy's verdict as the handshake's yes or no, logging each refusal.</summary>
    public static bool Accept(PeerCertificatePolicy policy, PeerRole role, X509Certificate? presented, ILogger logger)
    {
        var verdict = policy.Validate(presented);
        if (verdict != PeerCertificateVerdict.Accepted)
        {
            TlsLog.PeerRefused(logger, role, verdict, presented?.Subject ?? "none", presented?.GetCertHashString() ?? "none");
        }

        return verdict == PeerCertificateVerdict.Accepted;
    }
}
