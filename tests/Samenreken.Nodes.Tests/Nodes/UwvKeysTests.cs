using Samenreken.Cryptography;
using Samenreken.Cryptography.Randomness;
using Samenreken.Nodes.Uwv;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Storage;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>
/// UWV's comparison keys (2048 bits, the production policy): generated on the node's first start and sealed in its
/// database under a passphrase derived from the node key; read back on every later start. Another node key, or a
/// damaged row, is refused; nothing is generated over keys that are there.
/// </summary>
public sealed class UwvKeysTests : IDisposable
{
    private const string KeyId = "comparison-keys";

    private readonly string _directory = Directory.CreateTempSubdirectory("samenreken-uwv-keys-").FullName;

    [Fact]
    public void TheKeys_AreGeneratedOnce_AndReadBackUnderTheSameNodeKeyOnly()
    {
        var store = UwvStore.Open(Path.Combine(_directory, "uwv.db"));
        using var seal = Seal("node.key");
        byte[] paillierId, dgkId;
        using (var created = UwvKeys.LoadOrCreate(store, seal, 2048))
        {
            Assert.Equal(2048, created.Paillier.PublicKey.Bits);
            (paillierId, dgkId) = (KeyFingerprint.Of(created.Paillier.PublicKey), KeyFingerprint.Of(created.Dgk.PublicKey));
        }

        var stored = store.LoadKeys(KeyId)!;
        using (var loaded = UwvKeys.LoadOrCreate(store, seal, 2048))
        {
            Assert.Equal(paillierId, KeyFingerprint.Of(loaded.Paillier.PublicKey));
            Assert.Equal(dgkId, KeyFingerprint.Of(loaded.Dgk.PublicKey));
            Assert.Equal(stored, store.LoadKeys(KeyId));

            // The node runs on them: a value encrypted under the public key decrypts.
            var ciphertext = loaded.Paillier.PublicKey.Encrypt(new System.Numerics.BigInteger(42), RandomSource.Secure);
            Assert.Equal(42, loaded.Paillier.DecryptSigned(ciphertext));

            loaded.Dispose();
            Assert.Throws<ObjectDisposedException>(() => loaded.Paillier.Decrypt(ciphertext));
            Assert.Throws<ObjectDisposedException>(() => loaded.Dgk.IsZero(loaded.Dgk.PublicKey.Encrypt(0, RandomSource.Secure)));
        }

        using var other = Seal("other.key");
        Assert.Throws<CryptoValidationException>(() => UwvKeys.LoadOrCreate(store, other, 2048));
        Assert.Equal(stored, store.LoadKeys(KeyId));
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 1 })] // no room for the prefix
    [InlineData(new byte[] { 0, 0, 0, 0, 1, 2, 3 })] // an empty Paillier blob
    [InlineData(new byte[] { 0, 0, 0, 3, 1, 2, 3 })] // an empty DGK blob
    [InlineData(new byte[] { 0, 0, 0, 9, 1, 2, 3 })] // past the end
    [InlineData(new byte[] { 0x80, 0, 0, 0, 1 })] // negative
    public void ARowWhosePrefixDoesNotFit_IsRefused_NotReplacedByNewKeys(byte[] damaged)
    {
        var store = UwvStore.Open(Path.Combine(_directory, "uwv.db"));
        store.SaveKeys(KeyId, damaged);
        using var seal = Seal("node.key");

        var error = Assert.Throws<InvalidDataException>(() => UwvKeys.LoadOrCreate(store, seal, 2048));

        Assert.Equal("The comparison keys stored in the node's database are damaged (their length prefix does not fit).", error.Message);
        Assert.Equal(damaged, store.LoadKeys(KeyId));
    }

    [Fact]
    public void ARowWhoseBlobsAreDamaged_IsRefusedByTheKeyImport()
    {
        var store = UwvStore.Open(Path.Combine(_directory, "uwv.db"));
        using var seal = Seal("node.key");
        UwvKeys.LoadOrCreate(store, seal, 2048).Dispose();
        var stored = store.LoadKeys(KeyId)!;

        // The prefix fits, the blobs do not open: the smallest blobs past the prefix check, then the DGK blob's last byte.
        var other = UwvStore.Open(Path.Combine(_directory, "other.db"));
        other.SaveKeys(KeyId, [0, 0, 0, 1, 1, 2]);
        Assert.Throws<CryptoValidationException>(() => UwvKeys.LoadOrCreate(other, seal, 2048));
        var damagedDgk = UwvStore.Open(Path.Combine(_directory, "damaged.db"));
        var damaged = stored.ToArray();
        damaged[^1] ^= 1;
        damagedDgk.SaveKeys(KeyId, damaged);
        Assert.Throws<CryptoValidationException>(() => UwvKeys.LoadOrCreate(damagedDgk, seal, 2048));
    }

    [Fact]
    public void NullArguments_AreRefused()
    {
        var store = UwvStore.Open(Path.Combine(_directory, "uwv.db"));
        using var seal = Seal("node.key");
        Assert.Throws<ArgumentNullException>("store", () => UwvKeys.LoadOrCreate(null!, seal, 2048));
        Assert.Throws<ArgumentNullException>("seal", () => UwvKeys.LoadOrCreate(store, null!, 2048));
        Assert.Null(store.LoadKeys(KeyId));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private NodeSeal Seal(string file) => NodeSeal.Open(new NodeOptions { KeyFile = Path.Combine(_directory, file) });
}
