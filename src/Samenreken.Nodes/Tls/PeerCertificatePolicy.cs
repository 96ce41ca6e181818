using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Samenreken.Nodes.Tls;

/// <summary>
/// Decides whether a certificate a peer presents is the one peer this node accepts: a chain to the configured CA alone
/// (custom root trust, never the system store), inside its validity period at the policy's clock, with the usage of
/// the peer's TLS role, the configured SubjectPublicKeyInfo pin (compared in constant time) and the configured name.
/// </summary>
public sealed class PeerCertificatePolicy
{
    private const int PinBytes = 32;

    private readonly X509Certificate2 _authority;
    private readonly byte[] _pin;
    private readonly string _peerName;
    private readonly PeerRole _peerRole;
    private readonly TimeProvider _time;

    private PeerCertificatePolicy(X509Certificate2 authority, byte[] pin, string peerName, PeerRole peerRole, TimeProvider time)
    {
        _authority = authority;
        _pin = pin;
        _peerName = peerName;
        _peerRole = peerRole;
        _time = time;
    }

    /// <summary>Reads the CA file named in <paramref name="options"/> and parses the pin; throws on a malformed configuration.</summary>
    public static PeerCertificatePolicy Create(MutualTlsOptions options, PeerRole peerRole, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrWhiteSpace(options.PeerName))
        {
            throw new ArgumentException($"{MutualTlsOptions.SectionName}:{nameof(MutualTlsOptions.PeerName)} is not set.", nameof(options));
        }

        var pin = ParsePin(options.PeerPin);
        var authority = X509Certificate2.CreateFromPem(File.ReadAllText(RequiredPath(options.CaCertificatePath, nameof(MutualTlsOptions.CaCertificatePath))));
        if (authority.Extensions[Oids.BasicConstraints] is not X509BasicConstraintsExtension { CertificateAuthority: true })
        {
            authority.Dispose();
            throw new ArgumentException($"{options.CaCertificatePath} is not a CA certificate.", nameof(options));
        }

        return new PeerCertificatePolicy(authority, pin, options.PeerName, peerRole, time);
    }

    /// <summary>SHA-256 of the certificate's SubjectPublicKeyInfo, lowercase hex: the value for <see cref="MutualTlsOptions.PeerPin"/>.</summary>
    public static string ComputePin(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexStringLower(SpkiHash(certificate));
    }

    /// <summary>Validates what the peer presented in the TLS handshake; only <see cref="PeerCertificateVerdict.Accepted"/> lets it in.</summary>
    public PeerCertificateVerdict Validate(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return PeerCertificateVerdict.Missing;
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            return ValidateLeaf(leaf);
        }
        finally
        {
            if (!ReferenceEquals(leaf, certificate))
            {
                leaf.Dispose();
            }
        }
    }

    private PeerCertificateVerdict ValidateLeaf(X509Certificate2 leaf)
    {
        var now = _time.GetUtcNow();
        if (now < leaf.NotBefore.ToUniversalTime())
        {
            return PeerCertificateVerdict.NotYetValid;
        }

        if (now > leaf.NotAfter.ToUniversalTime())
        {
            return PeerCertificateVerdict.Expired;
        }

        var chainVerdict = ValidateChain(leaf, now);
        if (chainVerdict != PeerCertificateVerdict.Accepted)
        {
            return chainVerdict;
        }

        // Constant time: how much of the pin matched must not show in the time a refusal takes.
        if (!CryptographicOperations.FixedTimeEquals(SpkiHash(leaf), _pin))
        {
            return PeerCertificateVerdict.PinMismatch;
        }

        return leaf.MatchesHostname(_peerName, allowWildcards: false) ? PeerCertificateVerdict.Accepted : PeerCertificateVerdict.NameMismatch;
    }

    private PeerCertificateVerdict ValidateChain(X509Certificate2 leaf, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_authority);
        chain.ChainPolicy.DisableCertificateDownloads = true;

        // The development CA publishes no revocation list; a production PKI would set this from configuration.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(PeerUsage.For(_peerRole));
        try
        {
            if (chain.Build(leaf) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(_authority.RawDataMemory.Span))
            {
                return PeerCertificateVerdict.Accepted;
            }

            return chain.ChainStatus.Any(status => status.Status.HasFlag(X509ChainStatusFlags.NotValidForUsage))
                ? PeerCertificateVerdict.WrongUsage
                : PeerCertificateVerdict.UntrustedChain;
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    private static byte[] SpkiHash(X509Certificate2 certificate) => SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo());

    private static byte[] ParsePin(string pin)
    {
        var trimmed = pin.Trim();
        if (trimmed.Length != 2 * PinBytes || !trimmed.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"{MutualTlsOptions.SectionName}:{nameof(MutualTlsOptions.PeerPin)} must be {2 * PinBytes} hex digits (SHA-256 of the peer's SubjectPublicKeyInfo).", "options");
        }

        return Convert.FromHexString(trimmed);
    }

    internal static string RequiredPath(string path, string name)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"{MutualTlsOptions.SectionName}:{name} is not set.", "options");
        }

        return path;
    }

    private static class Oids
    {
        public const string BasicConstraints = "2.5.29.19";
    }
}
