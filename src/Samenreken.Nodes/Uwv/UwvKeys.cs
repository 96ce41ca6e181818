using System.Buffers.Binary;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Storage;

namespace Samenreken.Nodes.Uwv;

/// <summary>
/// UWV's Paillier and DGK keys: generated on the node's first start, kept encrypted in its database. The node's
/// service container owns them and disposes them at shutdown, which zeroes the secrets.
/// </summary>
public sealed class UwvKeys : IDisposable
{
    private const string KeyId = "comparison-keys";

    private UwvKeys(PaillierPrivateKey paillier, DgkPrivateKey dgk)
    {
        Paillier = paillier;
        Dgk = dgk;

        // Stryker disable Statement : the tables are also built on first use, from the same values; this only moves the work to the start.
        paillier.PublicKey.Precompute();
        dgk.PublicKey.Precompute();
        dgk.Precompute();

        // Stryker restore Statement
    }

    public PaillierPrivateKey Paillier { get; }

    public DgkPrivateKey Dgk { get; }

    public void Dispose()
    {
        Paillier.Dispose();
        Dgk.Dispose();
    }

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
            // The generated keys are sealed and stored, then erased: the node runs on the copies it reads back below.
            using var paillier = PaillierKeyPair.Generate(bits, policy, RandomSource.Secure);
            using var dgk = DgkKeyPair.Generate(bits, ComparisonSettings.Default.ComparisonBits, DgkKeyPair.DefaultSubgroupBits(bits), policy, RandomSource.Secure);
            var p = paillier.PrivateKey.ExportEncrypted(passphrase, RandomSource.Secure);
            var d = dgk.PrivateKey.ExportEncrypted(passphrase, RandomSource.Secure);
            var blob = new byte[4 + p.Length + d.Length];
            BinaryPrimitives.WriteInt32BigEndian(blob, p.Length);
            p.CopyTo(blob, 4);
            d.CopyTo(blob, 4 + p.Length);
            sealedKeys = store.SaveKeys(KeyId, blob);
        }

        // A length prefix, then the two sealed blobs: a prefix that leaves either blob empty is a damaged row, not a key.
        if (!BinaryPrimitives.TryReadInt32BigEndian(sealedKeys, out var length) || length <= 0 || length >= sealedKeys.Length - 4)
        {
            throw new InvalidDataException("The comparison keys stored in the node's database are damaged (their length prefix does not fit).");
        }

        var paillierKey = PaillierPrivateKey.ImportEncrypted(sealedKeys.AsSpan(4, length), passphrase, policy);
        try
        {
            return new UwvKeys(paillierKey, DgkPrivateKey.ImportEncrypted(sealedKeys.AsSpan(4 + length), passphrase, policy));
        }
        catch
        {
            paillierKey.Dispose();
            throw;
        }
    }
}
