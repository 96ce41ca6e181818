using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Samenreken.Nodes.Tls;

/// <summary>One node's files in a development certificate set, and the pin its peer must be configured with.</summary>
/// <param name="Node">The node's name: its certificate's common name and DNS name.</param>
/// <param name="CertificatePath">The node's certificate (PEM).</param>
/// <param name="KeyPath">The node's private key (PKCS#8 PEM, mode 0600).</param>
/// <param name="Pin">SHA-256 of the certificate's SubjectPublicKeyInfo, lowercase hex.</param>
public sealed record NodeCertificateFiles(string Node, string CertificatePath, string KeyPath, string Pin);

/// <summary>The files <see cref="DevelopmentCertificates.Create"/> wrote.</summary>
public sealed record DevelopmentCertificateSet(string CaCertificatePath, NodeCertificateFiles Uwv, NodeCertificateFiles Svb)
{
    /// <summary>The TLS options of <paramref name="node"/> ("uwv" or "svb"): its own files, and the other node as the only peer.</summary>
    public MutualTlsOptions OptionsFor(string node)
    {
        var (own, peer) = node switch
        {
            DevelopmentCertificates.UwvNode => (Uwv, Svb),
            DevelopmentCertificates.SvbNode => (Svb, Uwv),
            _ => throw new ArgumentOutOfRangeException(nameof(node), node, $"Expected '{DevelopmentCertificates.UwvNode}' or '{DevelopmentCertificates.SvbNode}'."),
        };
        return new MutualTlsOptions
        {
            CaCertificatePath = CaCertificatePath,
            CertificatePath = own.CertificatePath,
            KeyPath = own.KeyPath,
            PeerPin = peer.Pin,
            PeerName = peer.Node,
        };
    }
}

/// <summary>
/// Creates a development CA and one certificate per node (UWV, SVB) for loopback and test runs. The CA's private key
/// is never written: nothing more can be signed with it, so the set cannot grow a third party.
/// </summary>
public static class DevelopmentCertificates
{
    public const string UwvNode = "uwv";
    public const string SvbNode = "svb";
    public const string CaFileName = "ca.crt";

    /// <summary>How long the development certificates are valid.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    /// <summary>Tolerates a small clock difference between the two machines at the start of the validity period.</summary>
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Writes ca.crt, uwv.crt, uwv.key, svb.crt and svb.key into <paramref name="directory"/> (created when missing),
    /// each atomically, the keys with mode 0600. Refuses with an <see cref="IOException"/> when any of them exists,
    /// unless <paramref name="overwrite"/>.
    /// </summary>
    public static DevelopmentCertificateSet Create(string directory, TimeProvider time, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(time);

        var notBefore = time.GetUtcNow() - s_clockSkew;
        var notAfter = notBefore + Validity;
        using var authority = CertificateIssuer.CreateAuthority("Samenreken development CA", notBefore, notAfter);
        return Write(directory, authority, notBefore, notAfter, overwrite);
    }

    /// <summary>Writes the set for an <paramref name="authority"/> the caller keeps (tests issue further certificates with it).</summary>
    internal static DevelopmentCertificateSet Write(string directory, X509Certificate2 authority, DateTimeOffset notBefore, DateTimeOffset notAfter, bool overwrite)
    {
        var root = Directory.CreateDirectory(directory).FullName;
        var caPath = Path.Combine(root, CaFileName);
        string[] nodes = [UwvNode, SvbNode];
        string[] allPaths = [caPath, .. nodes.SelectMany(node => new[] { CertificatePath(root, node), KeyPath(root, node) })];
        var existing = allPaths.Where(File.Exists).Select(Path.GetFileName).ToArray();
        if (!overwrite && existing.Length > 0)
        {
            throw new IOException($"{root} already holds a certificate set ({string.Join(", ", existing)}); refusing to overwrite it.");
        }

        var written = nodes.Select(node => WriteNode(root, node, authority, notBefore, notAfter, overwrite)).ToArray();
        PrivateFiles.WriteAtomically(caPath, Encoding.ASCII.GetBytes(authority.ExportCertificatePem() + "\n"), PrivateFiles.WorldReadable, overwrite);
        return new DevelopmentCertificateSet(caPath, written[0], written[1]);
    }

    private static string CertificatePath(string root, string node) => Path.Combine(root, node + ".crt");

    private static string KeyPath(string root, string node) => Path.Combine(root, node + ".key");

    private static NodeCertificateFiles WriteNode(string root, string node, X509Certificate2 authority, DateTimeOffset notBefore, DateTimeOffset notAfter, bool overwrite)
    {
        using var certificate = CertificateIssuer.IssueNode(authority, node, notBefore, notAfter);
        var keyPath = KeyPath(root, node);
        WritePrivateKey(certificate, keyPath, overwrite);
        var certificatePath = CertificatePath(root, node);
        PrivateFiles.WriteAtomically(certificatePath, Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n"), PrivateFiles.WorldReadable, overwrite);
        return new NodeCertificateFiles(node, certificatePath, keyPath, PeerCertificatePolicy.ComputePin(certificate));
    }

    /// <summary>PKCS#8 PEM; the DER, PEM characters and file bytes are zeroed after writing.</summary>
    private static void WritePrivateKey(X509Certificate2 certificate, string path, bool overwrite)
    {
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The issued certificate has no ECDSA private key.");
        var der = key.ExportPkcs8PrivateKey();
        var pem = PemEncoding.Write("PRIVATE KEY", der);
        var bytes = new byte[Encoding.ASCII.GetByteCount(pem) + 1];
        try
        {
            Encoding.ASCII.GetBytes(pem, bytes);
            bytes[^1] = (byte)'\n';
            PrivateFiles.WriteAtomically(path, bytes, PrivateFiles.OwnerOnly, overwrite);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
            Array.Clear(pem);
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
