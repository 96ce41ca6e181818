using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;

namespace Samenreken.Cryptography.Tests;

/// <summary>A prime modulus is never a key, and an importer that pinned a fingerprint refuses any altered byte.</summary>
public sealed class PublicKeyIntegrityTests
{
    [Fact]
    public void PrimeModulus_IsRefused()
    {
        var b = MathBackend.Gmp!;
        var prime = ModMath.RandomPrime(b, 512, TestKeys.Random(5));

        var failure = Assert.Throws<CryptoValidationException>(() => PaillierPublicKey.Create(prime, b.FromInt64(4), KeySizePolicy.InsecureForTests)).Failure;

        Assert.Equal(ValidationFailure.ModulusPrime, failure);
    }

    [Fact]
    public void PinnedPaillierKey_AFlippedByteAnywhere_IsRefused()
    {
        var key = TestKeys.Small().PublicKey;
        var bytes = key.Export();
        var pin = key.Fingerprint;

        Assert.True(PaillierPublicKey.TryImport(bytes, pin, KeySizePolicy.InsecureForTests, key.Backend, out var imported, out _));
        Assert.Equal(key, imported);
        foreach (var position in new[] { 0, 7, 8, bytes.Length / 2, bytes.Length - 1 }) // header, n, and the DJN base
        {
            var altered = (byte[])bytes.Clone();
            altered[position] ^= 0x01;
            Assert.False(PaillierPublicKey.TryImport(altered, pin, KeySizePolicy.InsecureForTests, key.Backend, out _, out var failure));
            Assert.Equal(ValidationFailure.FingerprintMismatch, failure);
        }
    }

    [Fact]
    public void PinnedDgkKey_AFlippedByte_IsRefused()
    {
        var key = DgkKeyPair.Generate(512, 8, 80, KeySizePolicy.InsecureForTests, TestKeys.Random(9), MathBackend.Gmp!).PublicKey;
        var bytes = key.Export();
        var pin = key.Fingerprint;
        Assert.True(DgkPublicKey.TryImport(bytes, pin, KeySizePolicy.InsecureForTests, key.Backend, out _, out _));

        bytes[^1] ^= 0x80;

        Assert.False(DgkPublicKey.TryImport(bytes, pin, KeySizePolicy.InsecureForTests, key.Backend, out _, out var failure));
        Assert.Equal(ValidationFailure.FingerprintMismatch, failure);
    }
}

/// <summary>The public key file form: blob ‖ SHA-256(blob), old bare blobs still read.</summary>
public sealed class PublicKeyFileTests
{
    [Fact]
    public void SealedFile_OpensToTheBlob_AndAnAlteredOrTruncatedOneIsAChecksumRefusal()
    {
        var key = TestKeys.Small().PublicKey;
        var blob = key.Export();
        var file = Encoding.PublicKeyFile.Seal(blob);

        Assert.Equal(blob, Encoding.PublicKeyFile.Open(file, out var hasChecksum).ToArray());
        Assert.True(hasChecksum);

        foreach (var damaged in new[] { Flip(file, blob.Length - 1), Flip(file, file.Length - 1), file[..^1], file[..(file.Length / 2)] })
        {
            var opened = Encoding.PublicKeyFile.Open(damaged, out hasChecksum);
            Assert.False(hasChecksum);
            Assert.False(PaillierPublicKey.TryImport(opened, KeySizePolicy.InsecureForTests, key.Backend, out _, out var failure));
            Assert.Equal(ValidationFailure.ChecksumMismatch, Encoding.PublicKeyFile.Refusal(failure, hasChecksum));
        }
    }

    [Fact]
    public void BareBlobFromBeforeTheChecksum_StillImports()
    {
        var key = TestKeys.Small().PublicKey;

        var opened = Encoding.PublicKeyFile.Open(key.Export(), out var hasChecksum);

        Assert.False(hasChecksum);
        Assert.True(PaillierPublicKey.TryImport(opened, KeySizePolicy.InsecureForTests, key.Backend, out var imported, out _));
        Assert.Equal(key, imported);
    }

    [Fact]
    public void Refusal_KeepsEveryReasonButAMalformedUnchecksummedFile()
    {
        Assert.Equal(ValidationFailure.MalformedEncoding, Encoding.PublicKeyFile.Refusal(ValidationFailure.MalformedEncoding, hasChecksum: true));
        Assert.Equal(ValidationFailure.KeySizeNotAllowed, Encoding.PublicKeyFile.Refusal(ValidationFailure.KeySizeNotAllowed, hasChecksum: false));
    }

    private static byte[] Flip(byte[] bytes, int position)
    {
        var altered = (byte[])bytes.Clone();
        altered[position] ^= 0x01;
        return altered;
    }
}
