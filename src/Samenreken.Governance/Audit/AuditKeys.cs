using System.Security.Cryptography;

namespace Samenreken.Governance.Audit;

/// <summary>
/// A node's ECDSA P-256 key for signing its audit chain head. The private key leaves only through
/// <see cref="ExportPkcs8PrivateKey"/>, by name; <see cref="ToString"/> prints the public fingerprint only.
/// </summary>
public sealed class AuditSigningKey : IDisposable
{
    private readonly ECDsa _key;

    private AuditSigningKey(ECDsa key)
    {
        _key = key;
        VerificationKey = AuditVerificationKey.Import(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The public half, to give to the peer node.</summary>
    public AuditVerificationKey VerificationKey { get; }

    /// <summary>A fresh key from the operating system's CSPRNG.</summary>
    public static AuditSigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Imports a PKCS#8 P-256 private key (as written by <see cref="ExportPkcs8PrivateKey"/>).</summary>
    public static AuditSigningKey ImportPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new ArgumentException("Audit signing keys are ECDSA P-256.", nameof(pkcs8));
            }

            return new AuditSigningKey(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The private key, explicitly: store it where the node's secrets live, never in its database.</summary>
    public byte[] ExportPkcs8PrivateKey() => _key.ExportPkcs8PrivateKey();

    internal byte[] Sign(ReadOnlySpan<byte> payload) => _key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => _key.Dispose();

    public override string ToString() => $"AuditSigningKey({VerificationKey.Fingerprint})";
}

/// <summary>A node's public audit key (SubjectPublicKeyInfo), held by the peer to check checkpoints.</summary>
public sealed class AuditVerificationKey
{
    private readonly byte[] _subjectPublicKeyInfo;

    private AuditVerificationKey(byte[] subjectPublicKeyInfo)
    {
        _subjectPublicKeyInfo = subjectPublicKeyInfo;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));
    }

    /// <summary>Hex SHA-256 of the encoded public key.</summary>
    public string Fingerprint { get; }

    /// <summary>Imports a P-256 SubjectPublicKeyInfo; throws <see cref="ArgumentException"/> for anything else.</summary>
    public static AuditVerificationKey Import(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out var read);
            if (read != subjectPublicKeyInfo.Length || key.KeySize != 256)
            {
                throw new ArgumentException("Audit verification keys are ECDSA P-256 SubjectPublicKeyInfo.", nameof(subjectPublicKeyInfo));
            }
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("Not an ECDSA P-256 public key.", nameof(subjectPublicKeyInfo), e);
        }

        return new AuditVerificationKey(subjectPublicKeyInfo.ToArray());
    }

    public byte[] Export() => (byte[])_subjectPublicKeyInfo.Clone();

    internal bool Verify(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
        return key.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public override string ToString() => $"AuditVerificationKey({Fingerprint})";
}
