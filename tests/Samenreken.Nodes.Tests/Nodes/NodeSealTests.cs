using System.Security.Cryptography;
using System.Text;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>
/// The node key seals what a node keeps across a crash (UWV's private keys, the engine sessions, SVB's blinding
/// values). Sealed values already in databases must keep opening: the format and the passphrase derivation are
/// pinned by vectors computed outside .NET (Python's `cryptography` and `hmac`). Every seal draws its own nonce, every
/// key file its own key, and a key source that is missing or malformed is refused with its reason.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NodeSealTests : IDisposable
{
    // Node key 00 01 … 1f.
    private const string KnownKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    // AES-256-GCM, nonce 64 65 … 6f, associated data "run 0123/batch 3", laid out nonce | tag | ciphertext.
    private const string KnownSeal = "ZGVmZ2hpamtsbW5vlc6NRrU+uS2VAcvRd7qdEyp3twgdgDj5HhQ+hK8AGd0tpCZo6hiQGofi";

    // HMAC-SHA256 of "comparison-keys" under HKDF-SHA256(node key, no salt, info "samenreken-node-passphrase"), base64.
    private const string KnownPassphrase = "BOul+DSRBQKVtBDKEY7CK7F3n/rJxsfAfiYAxrNue/8=";

    private readonly string _directory = Directory.CreateTempSubdirectory("samenreken-seal-").FullName;
    private readonly string _variable = "SAMENREKEN_TEST_NODE_KEY_" + Guid.NewGuid().ToString("N");

    [Fact]
    public void ASealMadeBefore_StillOpens_UnderItsPlaceOnly_AndThePassphraseIsTheSame()
    {
        using var seal = FromVariable(KnownKey);

        Assert.Equal("blinding values of batch 3", Encoding.UTF8.GetString(seal.Open(Convert.FromBase64String(KnownSeal), "run 0123/batch 3")));
        Assert.ThrowsAny<CryptographicException>(() => seal.Open(Convert.FromBase64String(KnownSeal), "run 0123/batch 4"));
        Assert.Equal(KnownPassphrase, seal.DerivePassphrase("comparison-keys"));
        Assert.NotEqual(KnownPassphrase, seal.DerivePassphrase("comparison-keys-2"));
    }

    [Fact]
    public void SealingTheSameValueTwice_DrawsTwoNonces()
    {
        using var seal = FromVariable(KnownKey);
        var value = "the same value"u8.ToArray();

        var first = seal.Seal(value, "place");
        var second = seal.Seal(value, "place");

        Assert.NotEqual(first[..12], second[..12]);
        Assert.NotEqual(first, second);
        Assert.Equal(value, seal.Open(first, "place"));
        Assert.Equal(value, seal.Open(second, "place"));
    }

    [Fact]
    public void ASealShorterThanNonceAndTag_IsRefused_AnEmptyValueSealedOpens()
    {
        using var seal = FromVariable(KnownKey);
        var empty = seal.Seal([], "place");
        Assert.Equal(28, empty.Length);

        var error = Assert.Throws<CryptographicException>(() => seal.Open(empty[..27], "place"));

        Assert.Equal("A sealed value is too short.", error.Message);
        Assert.Empty(seal.Open(empty, "place"));
    }

    [Fact]
    public void AKeyFile_HoldsAFreshRandomKey_ReadableAndWritableByItsOwnerOnly()
    {
        var first = Path.Combine(_directory, "first.key");
        var second = Path.Combine(_directory, "second.key");

        NodeSeal.CreateKeyFile(first);
        NodeSeal.CreateKeyFile(second);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first));
        var key = Convert.FromBase64String(File.ReadAllText(first));
        Assert.Equal(32, key.Length);
        Assert.NotEqual(key, Convert.FromBase64String(File.ReadAllText(second)));
        Assert.Contains(key, b => b != 0);
        Assert.Throws<IOException>(() => NodeSeal.CreateKeyFile(first));
    }

    [Fact]
    public void TheKeyFile_IsUsedWhenNoVariableIsNamed_AndCreatedWhenMissing()
    {
        var path = Path.Combine(_directory, "node.key");
        byte[] sealedValue;
        using (var created = NodeSeal.Open(new NodeOptions { KeyFile = path, KeyEnvironmentVariable = null }))
        {
            sealedValue = created.Seal("kept"u8, "place");
        }

        using var reopened = NodeSeal.Open(new NodeOptions { KeyFile = path, KeyEnvironmentVariable = string.Empty });
        Assert.Equal("kept"u8.ToArray(), reopened.Open(sealedValue, "place"));
    }

    [Fact]
    public void AKeySourceMissingOrMalformed_IsRefusedWithItsReason()
    {
        Assert.Throws<ArgumentNullException>("options", () => NodeSeal.Open(null!));

        var unset = Assert.Throws<InvalidOperationException>(() => NodeSeal.Open(new NodeOptions { KeyEnvironmentVariable = _variable }));
        Assert.Equal($"The environment variable {_variable} holds no node key.", unset.Message);

        var unnamed = Assert.Throws<InvalidOperationException>(() => NodeSeal.Open(new NodeOptions()));
        Assert.Equal("Node:KeyFile or Node:KeyEnvironmentVariable must name the node key.", unnamed.Message);

        var shortKey = Assert.Throws<InvalidOperationException>(() => FromVariable(Convert.ToBase64String(new byte[31])));
        Assert.Equal("A node key has 32 bytes (base64).", shortKey.Message);
    }

    [Fact]
    public void ADisposedSeal_NeitherSealsNorDerives()
    {
        var seal = FromVariable(KnownKey);
        seal.Dispose();

        Assert.Throws<ObjectDisposedException>(() => seal.Seal("x"u8, "place"));
        Assert.Throws<ObjectDisposedException>(() => seal.Open(Convert.FromBase64String(KnownSeal), "run 0123/batch 3"));
        Assert.Throws<ObjectDisposedException>(() => seal.DerivePassphrase("comparison-keys"));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        Directory.Delete(_directory, recursive: true);
    }

    private NodeSeal FromVariable(string base64)
    {
        Environment.SetEnvironmentVariable(_variable, base64);
        return NodeSeal.Open(new NodeOptions { KeyEnvironmentVariable = _variable });
    }
}
