using System.Buffers.Binary;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Storage;

namespace Samenreken.Nodes.Uwv;

/// <summary>UWV's Paillier and DGK keys: generated on the node's first start, kept encrypted in its database.</summary>
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

    /// <summary>Keys given by the caller (tests: small keys under the test-only policy).</summary>
    internal static UwvKeys From(PaillierPrivateKey paillier, DgkPrivateKey dgk) => new(paillier, dgk);

    /// <summary>
    /// Loads the keys from the node's database, or generates and stores them (first writer wins). They are stored as
    /// the Cryptography library's passphrase-sealed private key blobs, under a passphrase derived from the node key,
    /// which never enters the database.
    /// </summary>
    public static UwvKeys LoadOrCreate(UwvStore store, NodeSeal seal, int bits)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(seal);
        var policy = KeySizePolicy.Production;
        var passphrase = seal.DerivePassphrase(KeyId);
        var sealedKeys = store.LoadKeys(KeyId);
        if (sealedKeys is null)
        {
            var paillier = PaillierKeyPair.Generate(bits, policy, RandomSource.Secure).PrivateKey;
            var dgk = DgkKeyPair.Generate(bits, ComparisonSettings.Default.ComparisonBits, DgkKeyPair.DefaultSubgroupBits(bits), policy, RandomSource.Secure).PrivateKey;
            var p = paillier.ExportEncrypted(passphrase, RandomSource.Secure);
            var d = dgk.ExportEncrypted(passphrase, RandomSource.Secure);
            var blob = new byte[4 + p.Length + d.Length];
            BinaryPrimitives.WriteInt32BigEndian(blob, p.Length);
            p.CopyTo(blob, 4);
            d.CopyTo(blob, 4 + p.Length);
            sealedKeys = store.SaveKeys(KeyId, blob);
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(sealedKeys);
        return new UwvKeys(
            PaillierPrivateKey.ImportEncrypted(sealedKeys.AsSpan(4, length), passphrase, policy),
            DgkPrivateKey.ImportEncrypted(sealedKeys.AsSpan(4 + length), passphrase, policy));
    }
}
