using Samenreken.Nodes.Safeguards;
using Samenreken.Nodes.Tls;

namespace Samenreken.Nodes;

/// <summary>A node's settings as command-line configuration: how the demo (and the tests) start a pair of nodes.</summary>
public static class NodeArguments
{
    /// <summary>The TLS section.</summary>
    public static IEnumerable<string> Tls(MutualTlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        yield return $"--Tls:CaCertificatePath={tls.CaCertificatePath}";
        yield return $"--Tls:CertificatePath={tls.CertificatePath}";
        yield return $"--Tls:KeyPath={tls.KeyPath}";
        yield return $"--Tls:PeerPin={tls.PeerPin}";
        yield return $"--Tls:PeerName={tls.PeerName}";
    }

    /// <summary>A node's audit signing key in <paramref name="keyDirectory"/> (its public key is next to it).</summary>
    public static string AuditKeyFile(string keyDirectory, string node) => Path.Combine(keyDirectory, node + "-audit.key");

    /// <summary>
    /// The project definition and the audit keys: this node's signing key and the peer's public key, both created in
    /// <paramref name="keyDirectory"/> when missing, so that each node can check the checkpoints the other sends.
    /// </summary>
    public static IEnumerable<string> Safeguards(string node, string projectFile, string keyDirectory)
    {
        var peer = node == DevelopmentCertificates.UwvNode ? DevelopmentCertificates.SvbNode : DevelopmentCertificates.UwvNode;
        AuditKeyFiles.CreateIfMissing(AuditKeyFile(keyDirectory, node));
        AuditKeyFiles.CreateIfMissing(AuditKeyFile(keyDirectory, peer));
        yield return $"--Node:Project={projectFile}";
        yield return $"--Node:AuditKeyFile={AuditKeyFile(keyDirectory, node)}";
        yield return $"--Node:PeerAuditKeyFile={AuditKeyFiles.PublicKeyPath(AuditKeyFile(keyDirectory, peer))}";
    }
}
