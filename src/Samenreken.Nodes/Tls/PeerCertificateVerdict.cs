namespace Samenreken.Nodes.Tls;

/// <summary>What <see cref="PeerCertificatePolicy.Validate"/> concluded about a presented certificate.</summary>
public enum PeerCertificateVerdict
{
    Accepted,

    /// <summary>The peer presented no certificate.</summary>
    Missing,

    /// <summary>The validity period has not started at the policy's clock.</summary>
    NotYetValid,

    /// <summary>The validity period has ended at the policy's clock.</summary>
    Expired,

    /// <summary>No chain to the configured CA (another CA, self-signed, or a broken signature).</summary>
    UntrustedChain,

    /// <summary>The certificate does not allow the TLS role the peer plays (client or server authentication).</summary>
    WrongUsage,

    /// <summary>A valid certificate of the configured CA, but not the configured peer's key.</summary>
    PinMismatch,

    /// <summary>The pinned key, but the certificate does not name the configured peer.</summary>
    NameMismatch,
}
