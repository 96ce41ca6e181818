using System.Buffers.Binary;
using System.Security.Cryptography;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Storage;

namespace Samenreken.Nodes.Uwv;

/// <summary>UWV's Paillier and DGK keys: generated on the node's first start, kept sealed in its database.</summary>
public sealed class UwvKeys
{
    private const string KeyId = "comparison-keys";

    private UwvKeys(PaillierPrivateKey paillier, DgkPrivateKey dgk)
    {
        Paillier = paillier;
        Dgk = dgk;
        paillier.PublicKey.Precompute();
        dgk.PublicKey.Precompute();
        dgk.Precompute();
    }

    public PaillierPrivateKey Paillier { get; }

    public DgkPrivateKey Dgk { get; }

    public static KeySizePolicy Policy(bool insecureTestKeys) => insecureTestKeys ? KeySizePolicy.InsecureForTests : KeySizePolicy.Production;

    /// <summary>Loads the sealed keys, or generates, seals and stores them (first writer wins).</summary>
    public static UwvKeys LoadOrCreate(UwvStore store, NodeSeal seal, int bits, bool insecureTestKeys)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(seal);
        var policy = Policy(insecureTestKeys);
        var sealedKeys = store.LoadKeys(KeyId);
        if (sealedKeys is null)
        {
            var paillier = PaillierKeyPair.Generate(bits, policy, RandomSource.Secure).PrivateKey;
            var dgk = DgkKeyPair.Generate(bits, ComparisonSettings.Default.ComparisonBits, DgkKeyPair.DefaultSubgroupBits(bits), policy, RandomSource.Secure).PrivateKey;
            var p = paillier.ExportUnencrypted();
            var d = dgk.ExportUnencrypted();
            var plain = new byte[4 + p.Length + d.Length];
            BinaryPrimitives.WriteInt32BigEndian(plain, p.Length);
            p.CopyTo(plain, 4);
            d.CopyTo(plain, 4 + p.Length);
            sealedKeys = store.SaveKeys(KeyId, seal.Seal(plain, KeyId));
            CryptographicOperations.ZeroMemory(plain);
            CryptographicOperations.ZeroMemory(p);
            CryptographicOperations.ZeroMemory(d);
        }

        var opened = seal.Open(sealedKeys, KeyId);
        try
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(opened);
            return new UwvKeys(
                PaillierPrivateKey.ImportUnencrypted(opened.AsSpan(4, length), policy),
                DgkPrivateKey.ImportUnencrypted(opened.AsSpan(4 + length), policy));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(opened);
        }
    }
}
