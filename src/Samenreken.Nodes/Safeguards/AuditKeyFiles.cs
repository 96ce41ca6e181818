using System.Security.Cryptography;
using System.Text;
using Samenreken.Governance.Audit;
using Samenreken.Nodes.Tls;

namespace Samenreken.Nodes.Safeguards;

/// <summary>
/// A node's audit signing key on disk: the private key as PKCS#8 PEM (mode 0600, like the node and TLS keys; never in
/// the database, never committed) and its public key as a PEM file next to it (<c>.pub</c>), which the peer node and
/// <c>samenreken audit verify</c> are given.
/// </summary>
public static class AuditKeyFiles
{
    private const string PrivateLabel = "PRIVATE KEY";
    private const string PublicLabel = "PUBLIC KEY";

    /// <summary>Where the public half of the key in <paramref name="privateKeyPath"/> is written.</summary>
    public static string PublicKeyPath(string privateKeyPath) => Path.ChangeExtension(privateKeyPath, ".pub");

    /// <summary>Creates a fresh key pair at <paramref name="privateKeyPath"/> (0600) and its <c>.pub</c>, unless the private key exists.</summary>
    public static void CreateIfMissing(string privateKeyPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyPath);
        if (File.Exists(privateKeyPath))
        {
            return;
        }

        using var key = AuditSigningKey.Generate();
        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            // The public file first: a crash in between leaves no private key without its public half.
            PrivateFiles.WriteAtomically(PublicKeyPath(privateKeyPath), Encoding.ASCII.GetBytes(PemEncoding.WriteString(PublicLabel, key.VerificationKey.Export())), PrivateFiles.WorldReadable, overwrite: true);
            PrivateFiles.WriteAtomically(privateKeyPath, Encoding.ASCII.GetBytes(PemEncoding.WriteString(PrivateLabel, pkcs8)), PrivateFiles.OwnerOnly, overwrite: false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>The signing key at <paramref name="privateKeyPath"/>, created when missing; refused when others can read it.</summary>
    public static AuditSigningKey LoadOrCreate(string privateKeyPath)
    {
        CreateIfMissing(privateKeyPath);
        PrivateFiles.EnsureOwnerOnly(privateKeyPath);
        var pkcs8 = Decode(privateKeyPath, PrivateLabel);
        try
        {
            return AuditSigningKey.ImportPkcs8(pkcs8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>A node's audit public key from its PEM file.</summary>
    public static AuditVerificationKey ReadPublicKey(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return AuditVerificationKey.Import(Decode(path, PublicLabel));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path} holds no ECDSA P-256 audit public key: {e.Message}", e);
        }
    }

    private static byte[] Decode(string path, string label)
    {
        var text = File.ReadAllText(path);
        if (!PemEncoding.TryFind(text, out var fields) || text[fields.Label] != label)
        {
            throw new InvalidDataException($"{path} is not a PEM file with a {label}.");
        }

        return Convert.FromBase64String(text[fields.Base64Data]);
    }
}
