using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Tests;

/// <summary>
/// The DGK importers' and exporters' refusals, one branch each, with the failure they report and the text that names
/// what was refused; and the documented blob lengths (docs/wire-format.md), computed here independently.
/// </summary>
public sealed class DgkSerializationRefusalTests
{
    private const string Passphrase = "correct horse battery staple";
    private static readonly DgkKeyPair s_pair = DgkKeyPair.Generate(512, 8, 80, KeySizePolicy.InsecureForTests, TestKeys.Random(71), MathBackend.Gmp!);
    private static readonly Lazy<byte[]> s_sealed = new(() => s_pair.PrivateKey.ExportEncrypted(Passphrase, RandomSource.Secure));

    private static ValidationFailure PublicFailure(byte[] bytes)
    {
        Assert.False(DgkPublicKey.TryImport(bytes, KeySizePolicy.InsecureForTests, null, out var key, out var failure));
        Assert.Null(key);
        return failure;
    }

    private static ValidationFailure PrivateFailure(byte[] bytes)
    {
        Assert.False(DgkPrivateKey.TryImportUnencrypted(bytes, KeySizePolicy.InsecureForTests, null, out var key, out var failure));
        Assert.Null(key);
        return failure;
    }

    private static ValidationFailure SealedFailure(byte[] bytes)
    {
        Assert.False(DgkPrivateKey.TryImportEncrypted(bytes, Passphrase, KeySizePolicy.InsecureForTests, null, out var key, out var failure));
        Assert.Null(key);
        return failure;
    }

    [Fact]
    public void Blobs_HaveTheDocumentedLengths()
    {
        var key = s_pair.PublicKey;
        var (bytes, primeBytes, subgroupBytes) = (key.Bits / 8, key.Bits / 16, (key.T + 7) / 8);

        Assert.Equal(8 + 8 + 2 + (3 * bytes), key.Export().Length);
        Assert.Equal(8 + 8 + 2 + (2 * primeBytes) + (2 * subgroupBytes) + (2 * bytes), s_pair.PrivateKey.ExportUnencrypted().Length);
    }

    [Fact]
    public void PublicImport_RefusesABadHeaderOfTheRightLength_AShortPrefix_AndAModulusShorterThanItsHeaderSays()
    {
        var good = s_pair.PublicKey.Export();
        Assert.Equal(s_pair.PublicKey, DgkPublicKey.Import(good, KeySizePolicy.InsecureForTests)); // the twin

        var magic = (byte[])good.Clone();
        magic[0] ^= 1;
        Assert.Equal(ValidationFailure.MalformedEncoding, PublicFailure(magic));
        Assert.Equal(ValidationFailure.MalformedEncoding, PublicFailure(good[..12]));

        var shortModulus = (byte[])good.Clone();
        shortModulus[18] = 0; // n's top byte: a 504-bit n under a header that says 512
        Assert.Equal(ValidationFailure.MalformedEncoding, PublicFailure(shortModulus));

        var error = Assert.Throws<CryptoValidationException>(() => DgkPublicKey.Import(magic, KeySizePolicy.InsecureForTests));
        Assert.Contains("DGK public key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PrivateImport_RefusesAWrongLength_AndABadPublicPart_NamingWhatItRefused()
    {
        var good = s_pair.PrivateKey.ExportUnencrypted();
        Assert.Equal(ValidationFailure.MalformedEncoding, PrivateFailure(good[..^1]));

        var generatorOne = (byte[])good.Clone();
        var gOffset = good.Length - (2 * s_pair.PublicKey.CiphertextBytes);
        generatorOne.AsSpan(gOffset, s_pair.PublicKey.CiphertextBytes).Clear();
        generatorOne[gOffset + s_pair.PublicKey.CiphertextBytes - 1] = 1;
        Assert.Equal(ValidationFailure.InvalidKeyParameter, PrivateFailure(generatorOne));

        var error = Assert.Throws<CryptoValidationException>(() => DgkPrivateKey.ImportUnencrypted(good[..^1], KeySizePolicy.InsecureForTests));
        Assert.Contains("DGK private key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SealedImport_RefusesAnotherBlobType_AndABlobWithNoRoomForAKey()
    {
        Assert.Equal(ValidationFailure.MalformedEncoding, SealedFailure(s_pair.PublicKey.Export()));
        var overhead = s_sealed.Value.Length - s_pair.PrivateKey.ExportUnencrypted().Length; // header, iterations, salt, nonce, tag
        Assert.Equal(ValidationFailure.MalformedEncoding, SealedFailure(s_sealed.Value[..(overhead + 18)])); // room for the key's 18-byte prefix only
        Assert.Equal(ValidationFailure.KeyDecryptionFailed, SealedFailure(s_sealed.Value[..(overhead + 19)])); // one more byte: opened, and refused

        var wrong = Assert.Throws<CryptoValidationException>(() => DgkPrivateKey.ImportEncrypted(s_sealed.Value, "another passphrase", KeySizePolicy.InsecureForTests));
        Assert.Contains("encrypted DGK private key", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Importers_RefuseANullPolicy_EvenForAWellFormedBlob()
    {
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => DgkPublicKey.TryImport(s_pair.PublicKey.Export(), null!, null, out _, out _)).ParamName);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => DgkPrivateKey.TryImportUnencrypted(s_pair.PrivateKey.ExportUnencrypted(), null!, null, out _, out _)).ParamName);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => DgkPrivateKey.TryImportEncrypted(s_sealed.Value, Passphrase, null!, null, out _, out _)).ParamName);
    }

    [Fact]
    public void PublicImport_ComputesOnTheBackendItIsGiven()
    {
        Assert.Same(MathBackend.Managed, DgkPublicKey.Import(s_pair.PublicKey.Export(), KeySizePolicy.InsecureForTests, MathBackend.Managed).Backend);
        Assert.Same(MathBackend.Default, DgkPublicKey.Import(s_pair.PublicKey.Export(), KeySizePolicy.InsecureForTests).Backend);
    }

    [Fact]
    public void ExportEncrypted_RefusesAnEmptyPassphrase_AMissingSource_AndUnderProductionASeededOne()
    {
        var empty = Assert.Throws<ArgumentException>(() => s_pair.PrivateKey.ExportEncrypted("", RandomSource.Secure));
        Assert.Equal("passphrase", empty.ParamName);
        Assert.StartsWith("A key file needs a non-empty passphrase.", empty.Message, StringComparison.Ordinal);
        Assert.Equal("random", Assert.Throws<ArgumentNullException>(() => s_pair.PrivateKey.ExportEncrypted(Passphrase, null!)).ParamName);

        var k = s_pair.PrivateKey;
        var production = DgkPrivateKey.Create(s_pair.PublicKey, k.P, k.Q, k.Vp, k.Vq, KeySizePolicy.Production);
        Assert.Equal("random", Assert.Throws<ArgumentException>(() => production.ExportEncrypted(Passphrase, TestKeys.Random())).ParamName);
        Assert.NotEmpty(DgkPrivateKey.Create(s_pair.PublicKey, k.P, k.Q, k.Vp, k.Vq).ExportEncrypted(Passphrase, TestKeys.Random())); // the test policy lets it through
    }
}
