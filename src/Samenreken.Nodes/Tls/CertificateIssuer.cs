using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Samenreken.Nodes.Tls;

/// <summary>
/// Issues the development CA and node certificates (ECDSA P-256, SHA-256). Internal: production certificates come from
/// the agencies' own PKI; tests use this to make the wrong certificates a peer must refuse.
/// </summary>
internal static class CertificateIssuer
{
    /// <summary>Both usages, because each node is a TLS server to its peer and a TLS client of it.</summary>
    private static readonly OidCollection s_nodeUsages = [PeerUsage.ServerAuthentication, PeerUsage.ClientAuthentication];

    /// <summary>A self-signed CA that may sign end-entity certificates only (path length 0).</summary>
    public static X509Certificate2 CreateAuthority(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name(commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>
    /// A node certificate signed by <paramref name="authority"/>, with the node's name as common name and DNS name (what
    /// <see cref="MutualTlsOptions.PeerName"/> is checked against) plus localhost and 127.0.0.1 for loopback runs.
    /// </summary>
    public static X509Certificate2 IssueNode(X509Certificate2 authority, string nodeName, DateTimeOffset notBefore, DateTimeOffset notAfter, OidCollection? usages = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name(nodeName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages ?? s_nodeUsages, critical: false));
        var alternativeNames = new SubjectAlternativeNameBuilder();
        alternativeNames.AddDnsName(nodeName);
        alternativeNames.AddDnsName("localhost");
        alternativeNames.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(alternativeNames.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        using var issued = request.Create(authority, notBefore, notAfter, SerialNumberFor(request.PublicKey));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// Derived from the public key, so serials are unique per key without a random source here; the top bit is cleared
    /// because RFC 5280 serials are positive integers.
    /// </summary>
    private static byte[] SerialNumberFor(PublicKey publicKey)
    {
        var serial = SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo())[..16];
        serial[0] &= 0x7F;
        return serial;
    }

    private static X500DistinguishedName Name(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddOrganizationName("Samenreken development");
        builder.AddCommonName(commonName);
        return builder.Build();
    }
}
