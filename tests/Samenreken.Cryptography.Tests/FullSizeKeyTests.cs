using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Tests;

/// <summary>One 2048-bit and one 3072-bit key from the real CSPRNG, generated once for the class (about a second on GMP).</summary>
public sealed class FullSizeKeysFixture
{
    public PaillierKeyPair Key2048 { get; } = PaillierKeyPair.Generate(2048, KeySizePolicy.Production, RandomSource.Secure, MathBackend.Gmp);

    public PaillierKeyPair Key3072 { get; } = PaillierKeyPair.Generate(3072, KeySizePolicy.Production, RandomSource.Secure, MathBackend.Gmp);

    public PaillierKeyPair Get(int bits) => bits == 2048 ? Key2048 : Key3072;
}

/// <summary>The production sizes end to end: generation properties, every encryption path, serialization lengths.</summary>
public sealed class FullSizeKeyTests(FullSizeKeysFixture keys) : IClassFixture<FullSizeKeysFixture>
{
    [Theory]
    [InlineData(2048, 112)]
    [InlineData(3072, 128)]
    public void Generate_GivesAModulusOfExactlyTheSize_WithEqualLengthDistantPrimes(int bits, int securityBits)
    {
        var pair = keys.Get(bits);
        var b = pair.PublicKey.Backend;
        Assert.Equal(bits, pair.PublicKey.N.BitLength);
        Assert.Equal(bits / 2, pair.PrivateKey.P.BitLength);
        Assert.Equal(bits / 2, pair.PrivateKey.Q.BitLength);
        Assert.True(b.Subtract(pair.PrivateKey.P, pair.PrivateKey.Q).BitLength > bits / 2 - 100);
        Assert.Equal(2 * securityBits, pair.PublicKey.ShortExponentBits);
        Assert.True(PaillierPublicKey.TryValidateModulus(pair.PublicKey.N, KeySizePolicy.Production, out _));
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(3072)]
    public void EveryEncryptionPath_DecryptsAndComputes_AtFullSize(int bits)
    {
        var pair = keys.Get(bits);
        var key = pair.PublicKey;
        var random = RandomSource.Secure;
        var a = key.Encrypt(1_244_35, random);
        var b = key.EncryptWithFullRandomness(key.Encoding.Encode(-1_703_04), random);
        var c = pair.PrivateKey.EncryptWithCrt(key.Encoding.Encode(5), random);
        var result = key.Rerandomize(key.Subtract(key.MultiplyPlain(key.Add(a, b), -3), c), random);
        Assert.Equal(-3 * (1_244_35 - 1_703_04) - 5, pair.PrivateKey.DecryptSigned(result));
    }

    [Theory]
    [InlineData(2048, 776, 536)]
    [InlineData(3072, 1160, 792)]
    public void Serialization_HasTheDocumentedLengths_AndRoundTripsUnderTheProductionPolicy(int bits, int publicLength, int envelopeLength)
    {
        var pair = keys.Get(bits);
        var publicBytes = pair.PublicKey.Export();
        Assert.Equal(publicLength, publicBytes.Length);
        Assert.Equal(pair.PublicKey, PaillierPublicKey.Import(publicBytes, KeySizePolicy.Production));
        Assert.Equal(8 + bits / 8 + 2 * bits / 8, pair.PrivateKey.UnencryptedExportedLength);
        var privateKey = PaillierPrivateKey.ImportUnencrypted(pair.PrivateKey.ExportUnencrypted(), KeySizePolicy.Production);
        var ciphertext = pair.PublicKey.Encrypt(77, RandomSource.Secure);
        Assert.Equal(envelopeLength, ciphertext.Export().Length);
        Assert.Equal(77, privateKey.DecryptSigned(privateKey.PublicKey.ImportCiphertextEnvelope(ciphertext.Export())));
    }

    [Fact]
    public void EncryptedPrivateKey_RoundTripsAt3072Bits()
    {
        var bytes = keys.Key3072.PrivateKey.ExportEncrypted("pilot passphrase", RandomSource.Secure);
        Assert.Equal(40 + 8 + 2 * 192 + 2 * 384 + 16, bytes.Length);
        var imported = PaillierPrivateKey.ImportEncrypted(bytes, "pilot passphrase", KeySizePolicy.Production);
        Assert.Equal(keys.Key3072.PublicKey, imported.PublicKey);
    }
}
