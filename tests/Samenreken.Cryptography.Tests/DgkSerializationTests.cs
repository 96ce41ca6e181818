using System.Collections.Concurrent;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;

namespace Samenreken.Cryptography.Tests;

public sealed class DgkSerializationTests
{
    private static readonly ConcurrentDictionary<string, DgkKeyPair> s_keys = new();

    private static DgkKeyPair Key(string backend = "gmp")
        => s_keys.GetOrAdd(backend, static b => DgkKeyPair.Generate(512, 8, 80, KeySizePolicy.InsecureForTests, TestKeys.Random(11), MathBackend.FromName(b)));

    [Theory, BothBackends]
    public void PublicKey_RoundTrips(string backend)
    {
        var key = Key(backend).PublicKey;

        var imported = DgkPublicKey.Import(key.Export(), KeySizePolicy.InsecureForTests, MathBackend.FromName(backend));

        Assert.Equal(key, imported);
        Assert.Equal(key.Export(), imported.Export());
    }

    [Theory, BothBackends]
    public void PrivateKey_RoundTrips_AndStillZeroTests(string backend)
    {
        var pair = Key(backend);

        var imported = DgkPrivateKey.ImportUnencrypted(pair.PrivateKey.ExportUnencrypted(), KeySizePolicy.InsecureForTests, MathBackend.FromName(backend));

        Assert.True(imported.IsZero(pair.PublicKey.Encrypt(0, TestKeys.Random())));
        Assert.False(imported.IsZero(pair.PublicKey.Encrypt(3, TestKeys.Random())));
        Assert.Equal(pair.PrivateKey.ExportUnencrypted(), imported.ExportUnencrypted());
    }

    [Fact]
    public void EncryptedPrivateKey_OpensWithItsPassphrase_AndRefusesAnotherOrATamperedByte()
    {
        var pair = Key();
        var sealedKey = pair.PrivateKey.ExportEncrypted("correct horse", TestKeys.Random());

        var opened = DgkPrivateKey.ImportEncrypted(sealedKey, "correct horse", KeySizePolicy.InsecureForTests);
        Assert.Equal(pair.PrivateKey.ExportUnencrypted(), opened.ExportUnencrypted());

        Assert.False(DgkPrivateKey.TryImportEncrypted(sealedKey, "wrong horse", KeySizePolicy.InsecureForTests, null, out _, out var wrong));
        Assert.Equal(ValidationFailure.KeyDecryptionFailed, wrong);

        sealedKey[^20] ^= 1;
        Assert.False(DgkPrivateKey.TryImportEncrypted(sealedKey, "correct horse", KeySizePolicy.InsecureForTests, null, out _, out var tampered));
        Assert.Equal(ValidationFailure.KeyDecryptionFailed, tampered);
    }

    [Fact]
    public void Import_WrongTypeOrLength_FailsWithMalformedEncoding()
    {
        var bytes = Key().PublicKey.Export();

        Assert.False(DgkPublicKey.TryImport(bytes[..^1], KeySizePolicy.InsecureForTests, null, out _, out var truncated));
        Assert.Equal(ValidationFailure.MalformedEncoding, truncated);
        Assert.False(DgkPrivateKey.TryImportUnencrypted(bytes, KeySizePolicy.InsecureForTests, null, out _, out var wrongType));
        Assert.Equal(ValidationFailure.MalformedEncoding, wrongType);
    }

    [Fact]
    public void Import_SmallKeyUnderProductionPolicy_FailsWithKeySizeNotAllowed()
    {
        var error = Assert.Throws<CryptoValidationException>(() => DgkPublicKey.Import(Key().PublicKey.Export(), KeySizePolicy.Production));

        Assert.Equal(ValidationFailure.KeySizeNotAllowed, error.Failure);
    }

    [Fact]
    public void Import_GeneratorOne_FailsWithInvalidKeyParameter()
    {
        var key = Key().PublicKey;
        var bytes = key.Export();
        var gOffset = bytes.Length - 2 * key.CiphertextBytes;
        bytes.AsSpan(gOffset, key.CiphertextBytes).Clear();
        bytes[gOffset + key.CiphertextBytes - 1] = 1;

        Assert.False(DgkPublicKey.TryImport(bytes, KeySizePolicy.InsecureForTests, null, out _, out var failure));
        Assert.Equal(ValidationFailure.InvalidKeyParameter, failure);
    }

    [Fact]
    public void ImportPrivateKey_SecretsThatDoNotMatch_FailWithInvalidKeyParameter()
    {
        var pair = Key();
        var bytes = pair.PrivateKey.ExportUnencrypted();

        // v_p sits after the header, u, t, p and q; flipping its lowest bit breaks v_p | p − 1.
        var vpEnd = 8 + 10 + 2 * (pair.PublicKey.Bits / 16) + (pair.PublicKey.T + 7) / 8;
        bytes[vpEnd - 1] ^= 2;

        Assert.False(DgkPrivateKey.TryImportUnencrypted(bytes, KeySizePolicy.InsecureForTests, null, out _, out var failure));
        Assert.Equal(ValidationFailure.InvalidKeyParameter, failure);
    }
}
