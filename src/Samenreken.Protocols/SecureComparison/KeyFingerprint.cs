using System.Security.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;

namespace Samenreken.Protocols.SecureComparison;

/// <summary>SHA-256 over a key's public values: both parties compare these before a run, and logs may show them.</summary>
public static class KeyFingerprint
{
    public static byte[] Of(PaillierPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Hash("paillier", key.N, key.RandomizerBase);
    }

    public static byte[] Of(DgkPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Hash($"dgk u={key.U} t={key.T}", key.N, key.G, key.H);
    }

    private static byte[] Hash(string label, params BigNumber[] values)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(label));
        Span<byte> length = stackalloc byte[4];
        foreach (var value in values)
        {
            var bytes = value.ToBigEndian(value.ByteLength);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        return hash.GetHashAndReset();
    }
}
