namespace Samenreken.Nodes.Tls;

/// <summary>
/// A node's mutual-TLS configuration, bound from the configuration section <see cref="SectionName"/>: its own
/// certificate and key, the one CA it trusts, and the one peer it accepts.
/// </summary>
public sealed class MutualTlsOptions
{
    public const string SectionName = "Tls";

    /// <summary>The CA that issued the peer's certificate (PEM). The only trust anchor: the system store is never used.</summary>
    public string CaCertificatePath { get; set; } = string.Empty;

    /// <summary>This node's certificate (PEM).</summary>
    public string CertificatePath { get; set; } = string.Empty;

    /// <summary>This node's private key (PEM, mode 0600).</summary>
    public string KeyPath { get; set; } = string.Empty;

    /// <summary>SHA-256 of the peer certificate's SubjectPublicKeyInfo, 64 hex digits.</summary>
    public string PeerPin { get; set; } = string.Empty;

    /// <summary>The peer's DNS name in its certificate ("uwv" or "svb" for the development set).</summary>
    public string PeerName { get; set; } = string.Empty;
}
