using System.Reflection;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Tests;

/// <summary>Freshness is a type that cannot be faked, and the production policy refuses what would weaken a key.</summary>
public sealed class FreshnessAndPolicyTests
{
    private static readonly PaillierKeyPair s_pair = TestKeys.Small();
    private static readonly PaillierPublicKey s_key = s_pair.PublicKey;

    [Fact]
    public void PaillierRandomizer_UsedTwice_Throws()
    {
        var randomizer = s_key.NewRandomizer(RandomSource.Secure);
        var ciphertext = s_key.Encrypt(s_key.Backend.One, RandomSource.Secure);

        s_key.Rerandomize(ciphertext, randomizer);

        Assert.True(randomizer.IsUsed);
        Assert.Throws<InvalidOperationException>(() => s_key.Rerandomize(ciphertext, randomizer));
        Assert.Throws<InvalidOperationException>(() => s_key.Encrypt(s_key.Backend.One, randomizer));
    }

    [Fact]
    public void DgkRandomizer_UsedTwice_Throws_FromThePublicAndTheCrtPath()
    {
        var pair = DgkKeyPair.Generate(512, 8, 80, KeySizePolicy.InsecureForTests, TestKeys.Random(3), MathBackend.Gmp!);
        foreach (var randomizer in new[] { pair.PublicKey.NewRandomizer(RandomSource.Secure), pair.PrivateKey.NewRandomizer(RandomSource.Secure) })
        {
            pair.PublicKey.EncryptBit(true, randomizer);
            Assert.Throws<InvalidOperationException>(() => pair.PublicKey.EncryptBit(false, randomizer));
        }
    }

    [Fact]
    public void Randomizer_OfAnotherKey_IsAnArgumentError()
    {
        var other = TestKeys.Small(seed: 2).PublicKey;
        var ciphertext = s_key.Encrypt(s_key.Backend.One, RandomSource.Secure);

        var failure = Assert.Throws<ArgumentException>(() => s_key.Rerandomize(ciphertext, other.NewRandomizer(RandomSource.Secure)));

        Assert.Equal("randomizer", failure.ParamName);
    }

    [Fact]
    public void ImportedCiphertext_IsPlain_AndOnlyARerandomizedOneCanBeWritten()
    {
        var sent = s_key.Encrypt(s_key.Backend.FromInt64(5), RandomSource.Secure);

        Assert.True(s_key.TryImportCiphertext(sent.ToBytes(), out var imported, out _));
        Assert.IsNotType<FreshPaillierCiphertext>(imported);
        Assert.IsNotType<FreshPaillierCiphertext>(s_key.ImportCiphertextEnvelope(sent.Export()));

        // Nothing on the plain type writes bytes: serializing needs a FreshPaillierCiphertext.
        var writers = typeof(PaillierCiphertext).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name is "WriteTo" or "ToBytes" or "TryWriteTo" or "Export" or "TryExport");
        Assert.Empty(writers);
        var extensionReceivers = typeof(PaillierSerialization).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name is "Export" or "TryExport" or "TryWriteTo")
            .Select(m => m.GetParameters()[0].ParameterType);
        Assert.DoesNotContain(typeof(PaillierCiphertext), extensionReceivers);

        var fresh = s_key.Rerandomize(imported, RandomSource.Secure);
        Assert.Equal(5, (int)s_pair.PrivateKey.DecryptSigned(fresh));
        Assert.NotEqual(sent.ToBytes(), fresh.ToBytes());
    }

    [Fact]
    public void ProductionPolicy_RefusesTheSeededSource_ForKeysAndPrivateKeyOperations()
    {
        var seeded = TestKeys.Random();

        Assert.Equal("random", Assert.Throws<ArgumentException>(() => PaillierKeyPair.Generate(2048, KeySizePolicy.Production, seeded)).ParamName);
        Assert.Equal("random", Assert.Throws<ArgumentException>(() => DgkKeyPair.Generate(2048, 16, 160, KeySizePolicy.Production, seeded)).ParamName);

        // A key imported under the production policy refuses the seeded source in its own operations.
        var production = PaillierPrivateKey.Create(s_key, s_pair.PrivateKey.P, s_pair.PrivateKey.Q, KeySizePolicy.Production);
        Assert.Throws<ArgumentException>(() => production.EncryptWithCrt(s_key.Backend.One, seeded));
        Assert.Throws<ArgumentException>(() => production.ExportEncrypted("correct horse battery staple", seeded));
    }

    [Fact]
    public void ProductionPolicy_RefusesABackendWithoutConstantTimeExponentiation()
    {
        var failure = Assert.Throws<ArgumentException>(() => PaillierKeyPair.Generate(2048, KeySizePolicy.Production, RandomSource.Secure, MathBackend.Managed));

        Assert.Equal("backend", failure.ParamName);
    }

    [Fact]
    public void BigNumber_ToString_ShowsNoValue()
    {
        var secret = s_key.Backend.FromInt64(123456789);

        Assert.DoesNotContain("123456789", secret.ToString(), StringComparison.Ordinal);
    }
}
