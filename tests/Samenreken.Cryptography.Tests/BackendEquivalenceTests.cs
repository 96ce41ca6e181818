using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Tests;

/// <summary>GMP and the managed backend turn the same random bytes into the same keys and ciphertexts.</summary>
public sealed class BackendEquivalenceTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Generate_WithTheSameSeed_GivesIdenticalKeysOnBothBackends(int seed)
    {
        var gmp = TestKeys.Generate("gmp", seed);
        var managed = TestKeys.Generate("managed", seed);
        Assert.Equal("gmp", gmp.PublicKey.Backend.Name);
        Assert.Equal("managed", managed.PublicKey.Backend.Name);
        Assert.Equal(gmp.PublicKey.N.ToBigInteger(), managed.PublicKey.N.ToBigInteger());
        Assert.Equal(gmp.PublicKey.RandomizerBase.ToBigInteger(), managed.PublicKey.RandomizerBase.ToBigInteger());
        Assert.Equal(gmp.PrivateKey.ExportUnencrypted(), managed.PrivateKey.ExportUnencrypted());
    }

    [Fact]
    public void Encrypt_WithTheSameSeed_GivesIdenticalCiphertextsOnBothBackends()
    {
        var gmp = TestKeys.Small("gmp", 11);
        var managed = TestKeys.Small("managed", 11);
        foreach (var value in new long[] { 0, 1, -1, 123_456_789, long.MinValue })
        {
            Assert.Equal(Encrypt(gmp, value), Encrypt(managed, value));
        }
    }

    [Fact]
    public void Ciphertext_FromOneBackend_DecryptsOnTheOther()
    {
        var gmp = TestKeys.Small("gmp", 11);
        var managed = TestKeys.Small("managed", 11);
        var bytes = gmp.PublicKey.Encrypt(-42, RandomSource.Secure).ToBytes();
        Assert.True(managed.PublicKey.TryImportCiphertext(bytes, out var imported, out _));
        Assert.Equal(-42, managed.PrivateKey.DecryptSigned(imported));
    }

    private static byte[][] Encrypt(PaillierKeyPair pair, long value)
    {
        var key = pair.PublicKey;
        var encoded = key.Encoding.Encode(value);
        var fast = key.Encrypt(encoded, new InsecureSeededRandomSource(99)).ToBytes();
        var full = key.EncryptWithFullRandomness(encoded, new InsecureSeededRandomSource(99)).ToBytes();
        var crt = pair.PrivateKey.EncryptWithCrt(encoded, new InsecureSeededRandomSource(99)).ToBytes();
        var scaled = key.Rerandomize(key.MultiplyPlain(key.Encrypt(encoded, new InsecureSeededRandomSource(5)), -3), new InsecureSeededRandomSource(6)).ToBytes();
        return [fast, full, crt, scaled];
    }
}
