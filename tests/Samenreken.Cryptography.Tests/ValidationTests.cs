using System.Numerics;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;

namespace Samenreken.Cryptography.Tests;

/// <summary>
/// Each validation rule rejects its bad value with its own <see cref="ValidationFailure"/>; each safety check has a
/// "broken twin" next to it (the nearest value that must pass), so a check that stopped working would be noticed.
/// </summary>
public sealed class ValidationTests
{
    private static readonly PaillierKeyPair s_pair = TestKeys.Small();
    private static readonly PaillierPublicKey s_key = s_pair.PublicKey;
    private static readonly MathBackend s_b = s_key.Backend;

    private static ValidationFailure FailureOf(Action action) => Assert.Throws<CryptoValidationException>(action).Failure;

    /// <summary>A plaintext out of range is the caller's mistake: the standard exception, naming the parameter.</summary>
    private static void PlaintextOutOfRange(Action action) => Assert.False(string.IsNullOrEmpty(Assert.Throws<ArgumentOutOfRangeException>(action).ParamName));

    private static ValidationFailure CreateFailure(BigNumber n, BigNumber? randomizerBase = null, KeySizePolicy? policy = null)
        => FailureOf(() => PaillierPublicKey.Create(n, randomizerBase ?? s_key.RandomizerBase, policy ?? KeySizePolicy.InsecureForTests));

    private static BigNumber Prime(int bits, int seed) => ModMath.RandomPrime(s_b, bits, TestKeys.Random(seed));

    [Fact]
    public void Create_ModulusOfASizeThePolicyForbids_FailsWithKeySizeNotAllowed()
    {
        Assert.Equal(ValidationFailure.KeySizeNotAllowed, CreateFailure(s_key.N, policy: KeySizePolicy.Production));

        // Generating one of a forbidden size is the caller's mistake, not bytes from outside: the standard exception, naming the parameter.
        Assert.Equal("bits", Assert.Throws<ArgumentOutOfRangeException>(() => PaillierKeyPair.Generate(1024, KeySizePolicy.Production, TestKeys.Random())).ParamName);
        Assert.Equal("bits", Assert.Throws<ArgumentOutOfRangeException>(() => PaillierKeyPair.Generate(200, KeySizePolicy.InsecureForTests, TestKeys.Random())).ParamName);
        Assert.Equal("bits", Assert.Throws<ArgumentOutOfRangeException>(() => DgkKeyPair.Generate(1024, 32, 160, KeySizePolicy.Production, TestKeys.Random())).ParamName);

        // Broken twin: the same key under the test policy is accepted.
        Assert.Equal(s_key, PaillierPublicKey.Create(s_key.N, s_key.RandomizerBase, KeySizePolicy.InsecureForTests));
        Assert.True(KeySizePolicy.Production.IsAllowed(2048) && KeySizePolicy.Production.IsAllowed(3072) && KeySizePolicy.Production.IsAllowed(4096));
        Assert.False(KeySizePolicy.Production.IsAllowed(2056));
    }

    [Fact]
    public void Create_EvenModulus_FailsWithModulusEven()
    {
        Assert.Equal(ValidationFailure.ModulusEven, CreateFailure(s_b.Add(s_key.N, s_b.One)));
    }

    [Fact]
    public void Create_PerfectSquareOfAPrime_FailsWithModulusPerfectPower()
    {
        var p = Prime(256, 21);
        Assert.Equal(ValidationFailure.ModulusPerfectPower, CreateFailure(s_b.Multiply(p, p)));

        // Broken twin: p·q of the same size passes every modulus check.
        Assert.True(PaillierPublicKey.TryValidateModulus(s_b.Multiply(p, Prime(256, 22)), KeySizePolicy.InsecureForTests, out _));
    }

    [Fact]
    public void Create_ModulusWithA16BitPrimeFactor_FailsWithModulusSmallFactor()
    {
        // 65521 is the largest prime below 2^16: the BitForge-style modulus the check exists for.
        var n = s_b.Multiply(s_b.FromInt64(65521), Prime(496, 23));
        Assert.Equal(512, n.BitLength);
        Assert.Equal(ValidationFailure.ModulusSmallFactor, CreateFailure(n));
        Assert.Equal(ValidationFailure.ModulusSmallFactor, CreateFailure(s_b.Multiply(s_b.FromInt64(3), Prime(510, 24))));
    }

    [Fact]
    public void HasSmallFactor_StopsExactlyAt2To16()
    {
        var large = Prime(400, 25);
        Assert.True(ModMath.HasSmallFactor(s_b, s_b.Multiply(s_b.FromInt64(65521), large)));

        // Broken twin: 65537 = 2^16 + 1 is above the bound, and the key's own modulus has no small factor.
        Assert.False(ModMath.HasSmallFactor(s_b, s_b.Multiply(s_b.FromInt64(65537), large)));
        Assert.False(ModMath.HasSmallFactor(s_b, s_key.N));
    }

    [Theory]
    [InlineData("zero")]
    [InlineData("one")]
    [InlineData("minus one")]
    [InlineData("n squared")]
    [InlineData("multiple of n")]
    public void Create_RandomizerBaseNotAUsefulUnit_FailsWithInvalidKeyParameter(string which)
    {
        var nSquared = s_key.NSquared;
        var h = which switch
        {
            "zero" => s_b.Zero,
            "one" => s_b.One,
            "minus one" => s_b.Subtract(nSquared, s_b.One),
            "n squared" => nSquared,
            _ => s_b.Multiply(s_key.N, s_b.FromInt64(3)),
        };
        Assert.Equal(ValidationFailure.InvalidKeyParameter, CreateFailure(s_key.N, h));
    }

    [Theory]
    [InlineData("zero", ValidationFailure.CiphertextOutOfRange)]
    [InlineData("n squared", ValidationFailure.CiphertextOutOfRange)]
    [InlineData("n squared plus one", ValidationFailure.CiphertextOutOfRange)]
    [InlineData("n", ValidationFailure.CiphertextNotUnit)]
    [InlineData("p", ValidationFailure.CiphertextNotUnit)]
    public void ImportCiphertext_OutsideTheUnitGroup_FailsWithItsRule(string which, ValidationFailure expected)
    {
        var value = which switch
        {
            "zero" => s_b.Zero,
            "n squared" => s_key.NSquared,
            "n squared plus one" => s_b.Add(s_key.NSquared, s_b.One),
            "n" => s_key.N,
            _ => s_pair.PrivateKey.P,
        };
        Assert.Equal(expected, FailureOf(() => s_key.ImportCiphertext(value)));
        Assert.False(s_key.TryImportCiphertext(value, out _, out var failure));
        Assert.Equal(expected, failure);
    }

    [Fact]
    public void ImportCiphertext_EdgesOfTheRange_AreAccepted()
    {
        // Broken twins of the range rule: 1 (an encryption of 0 with r = 1) and n² − 1 are units.
        Assert.Equal(s_b.One, s_key.ImportCiphertext(s_b.One).Value);
        Assert.True(s_key.TryImportCiphertext(s_b.Subtract(s_key.NSquared, s_b.One), out _, out _));
    }

    [Fact]
    public void TryImportCiphertext_BareBytesOfTheWrongLength_FailsWithMalformedEncoding()
    {
        var bytes = s_key.Encrypt(s_b.One, TestKeys.Random()).ToBytes();
        Assert.False(s_key.TryImportCiphertext(bytes.AsSpan(1), out _, out var shortFailure));
        Assert.False(s_key.TryImportCiphertext([.. bytes, 0], out _, out var longFailure));
        Assert.Equal(ValidationFailure.MalformedEncoding, shortFailure);
        Assert.Equal(ValidationFailure.MalformedEncoding, longFailure);
        Assert.True(s_key.TryImportCiphertext(bytes, out _, out _));
    }

    [Fact]
    public void CiphertextUnderAnotherKey_IsAnArgumentError_AndAForeignEnvelopeFailsWithCiphertextWrongKey()
    {
        var other = TestKeys.Small(seed: 2);
        var foreign = other.PublicKey.Encrypt(s_b.One, TestKeys.Random());
        var own = s_key.Encrypt(s_b.One, TestKeys.Random());
        Assert.Equal("ciphertext", Assert.Throws<ArgumentException>(() => s_pair.PrivateKey.Decrypt(foreign)).ParamName);
        Assert.Equal("right", Assert.Throws<ArgumentException>(() => s_key.Add(own, foreign)).ParamName);
        Assert.Equal("ciphertext", Assert.Throws<ArgumentException>(() => s_key.Rerandomize(foreign, TestKeys.Random())).ParamName);
        Assert.Equal(ValidationFailure.CiphertextWrongKey, FailureOf(() => s_key.ImportCiphertextEnvelope(foreign.Export())));
    }

    [Fact]
    public void PlaintextOrScalarOutsideZn_ThrowsArgumentOutOfRange()
    {
        var random = TestKeys.Random();
        var own = s_key.Encrypt(s_b.One, random);
        PlaintextOutOfRange(() => s_key.Encrypt(s_key.N, random));
        PlaintextOutOfRange(() => s_key.Encrypt(s_b.FromInt64(-1), random));
        PlaintextOutOfRange(() => s_key.EncryptWithFullRandomness(s_key.N, random));
        PlaintextOutOfRange(() => s_key.AddPlain(own, s_key.N));
        PlaintextOutOfRange(() => s_key.MultiplyPlain(own, s_key.N));
        PlaintextOutOfRange(() => s_key.MultiplyPlain(own, -s_key.N.ToBigInteger()));
        PlaintextOutOfRange(() => s_key.Encrypt(s_key.Encoding.MaxMagnitude + 1, random));

        // Broken twin: n − 1 is the largest residue and encrypts.
        Assert.Equal(s_b.Subtract(s_key.N, s_b.One), s_pair.PrivateKey.Decrypt(s_key.Encrypt(s_b.Subtract(s_key.N, s_b.One), random)));
    }

    [Fact]
    public void PrivateKeyCreate_PrimesThatDoNotMatch_FailsWithInvalidKeyParameter()
    {
        var p = s_pair.PrivateKey.P;
        var q = s_pair.PrivateKey.Q;
        Assert.Equal(ValidationFailure.InvalidKeyParameter, FailureOf(() => PaillierPrivateKey.Create(s_key, p, s_b.Add(q, s_b.FromInt64(2)))));
        Assert.Equal(ValidationFailure.InvalidKeyParameter, FailureOf(() => PaillierPrivateKey.Create(s_key, s_key.N, s_b.One)));
        Assert.NotNull(PaillierPrivateKey.Create(s_key, q, p));
    }

    [Fact]
    public void ExceptionMessages_NameTheRule_WithoutSecrets()
    {
        var error = Assert.Throws<CryptoValidationException>(() => PaillierPublicKey.Create(s_b.Multiply(s_b.FromInt64(65521), Prime(496, 23)), s_key.RandomizerBase, KeySizePolicy.InsecureForTests));
        Assert.Contains("2^16", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(s_key.N.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(new BigInteger(512).ToString(System.Globalization.CultureInfo.InvariantCulture), FailureMessage(KeySizePolicy.Production), StringComparison.Ordinal);
    }

    private static string FailureMessage(KeySizePolicy policy)
        => Assert.Throws<CryptoValidationException>(() => PaillierPublicKey.Create(s_key.N, s_key.RandomizerBase, policy)).Message;
}
