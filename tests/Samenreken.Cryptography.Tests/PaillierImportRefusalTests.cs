using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;

namespace Samenreken.Cryptography.Tests;

/// <summary>
/// Issue 19: the Paillier import rules that no other test reached on their own, each with a blob or value that breaks
/// only that rule, so removing the rule changes the outcome or the reported failure.
/// </summary>
public sealed class PaillierImportRefusalTests
{
    private const int HeaderBytes = 8;

    private static readonly PaillierKeyPair s_pair = TestKeys.Small();
    private static readonly PaillierPublicKey s_key = s_pair.PublicKey;
    private static readonly MathBackend s_b = s_key.Backend;

    /// <summary>A 264-bit and a 256-bit prime (top two bits set): n = p·q has exactly 520 bits, a size the test policy allows.</summary>
    private static readonly Lazy<(BigNumber P, BigNumber Q, BigNumber N)> s_unequalPrimes = new(() =>
    {
        var p = ModMath.RandomPrime(s_b, 264, TestKeys.Random(41));
        var q = ModMath.RandomPrime(s_b, 256, TestKeys.Random(42));
        return (p, q, s_b.Multiply(p, q));
    });

    [Theory]
    [InlineData("n squared plus one")] // ≡ 1 mod n²: every DJN randomizer would be 1
    [InlineData("n squared plus the key's own base")]
    [InlineData("two n squared minus one")]
    public void RandomizerBaseAtOrAboveNSquared_IsRefused_ThoughItIsAUnitModN(string which)
    {
        var nSquared = s_key.NSquared;
        var h = which switch
        {
            "n squared plus one" => s_b.Add(nSquared, s_b.One),
            "n squared plus the key's own base" => s_b.Add(nSquared, s_key.RandomizerBase),
            _ => s_b.Subtract(s_b.Add(nSquared, nSquared), s_b.One),
        };
        Assert.Equal(s_b.One, s_b.Gcd(h, s_key.N));

        var error = Assert.Throws<CryptoValidationException>(() => PaillierPublicKey.Create(s_key.N, h, KeySizePolicy.InsecureForTests));
        Assert.Equal(ValidationFailure.InvalidKeyParameter, error.Failure);
    }

    [Fact]
    public void PublicKeyBlob_WithRandomizerBaseNSquaredPlusOne_IsRefused()
    {
        var bytes = s_key.Export();
        s_b.Add(s_key.NSquared, s_b.One).WriteBigEndian(bytes.AsSpan(HeaderBytes + s_key.ModulusBytes, s_key.CiphertextBytes));

        Assert.False(PaillierPublicKey.TryImport(bytes, KeySizePolicy.InsecureForTests, null, out var imported, out var failure));
        Assert.Null(imported);
        Assert.Equal(ValidationFailure.InvalidKeyParameter, failure);
    }

    [Fact]
    public void PublicKeyBlob_WhoseModulusIsShorterThanItsHeaderSays_IsMalformed()
    {
        // Clearing the top byte leaves an odd 504-bit number in a blob that announces 512 bits.
        var bytes = s_key.Export();
        bytes[HeaderBytes] = 0;

        Assert.False(PaillierPublicKey.TryImport(bytes, KeySizePolicy.InsecureForTests, null, out _, out var failure));
        Assert.Equal(ValidationFailure.MalformedEncoding, failure);
    }

    [Fact]
    public void PrivateKeyCreate_PrimesOfUnequalLength_AreRefused()
    {
        var (p, q, n) = s_unequalPrimes.Value;
        Assert.Equal(520, n.BitLength);
        var publicKey = PaillierPublicKey.Create(n, s_b.FromInt64(4), KeySizePolicy.InsecureForTests);

        var error = Assert.Throws<CryptoValidationException>(() => PaillierPrivateKey.Create(publicKey, p, q));

        Assert.Equal(ValidationFailure.InvalidKeyParameter, error.Failure);
    }

    [Fact]
    public void PrivateKeyCreate_SamePrimeTwice_IsRefused()
    {
        var p = s_pair.PrivateKey.P;
        var square = new PaillierPublicKey(s_b.Multiply(p, p), s_key.RandomizerBase); // trusted constructor: Create refuses a perfect power

        var error = Assert.Throws<CryptoValidationException>(() => PaillierPrivateKey.Create(square, p, p));

        Assert.Equal(ValidationFailure.InvalidKeyParameter, error.Failure);
    }

    [Fact]
    public void PrivateKeyBlob_WithPrimesOfUnequalLength_IsRefused()
    {
        // Both primes fit the 33-byte fields of a 520-bit blob and n passes every public-key rule: only the
        // equal-length rule refuses it.
        var (p, q, _) = s_unequalPrimes.Value;

        Assert.False(PaillierPrivateKey.TryImportUnencrypted(PrivateBlob(520, p, q, s_b.FromInt64(4)), KeySizePolicy.InsecureForTests, null, out var imported, out var failure));
        Assert.Null(imported);
        Assert.Equal(ValidationFailure.InvalidKeyParameter, failure);
    }

    [Fact]
    public void PrivateKeyBlob_WhosePrimesGiveAShorterModulus_IsRefusedAsInvalidParameter()
    {
        // q = 3: n = 3p has 258 bits, not the 512 the header announces (the public-key rules would call it a size or a small factor).
        var bytes = s_pair.PrivateKey.ExportUnencrypted();
        var primeBytes = (TestKeys.SmallBits / 2) / 8;
        bytes.AsSpan(HeaderBytes + primeBytes, primeBytes).Clear();
        bytes[HeaderBytes + (2 * primeBytes) - 1] = 3;

        Assert.False(PaillierPrivateKey.TryImportUnencrypted(bytes, KeySizePolicy.InsecureForTests, null, out _, out var failure));
        Assert.Equal(ValidationFailure.InvalidKeyParameter, failure);
    }

    [Fact]
    public void PrivateKeyBlob_WithCompositeSecondPrime_IsRefused()
    {
        // q' = a·b of two 128-bit primes has q's length and no small factor: only q's primality test catches it.
        var compositeQ = s_b.Multiply(ModMath.RandomPrime(s_b, 128, TestKeys.Random(33)), ModMath.RandomPrime(s_b, 128, TestKeys.Random(34)));
        var p = s_pair.PrivateKey.P;
        Assert.Equal(512, s_b.Multiply(p, compositeQ).BitLength);

        Assert.False(PaillierPrivateKey.TryImportUnencrypted(PrivateBlob(512, p, compositeQ, s_key.RandomizerBase), KeySizePolicy.InsecureForTests, null, out _, out var failure));
        Assert.Equal(ValidationFailure.InvalidKeyParameter, failure);
    }

    [Fact]
    public void PrivateKeyBlob_WithRandomizerBaseNSquaredPlusOne_IsRefused()
    {
        var bytes = s_pair.PrivateKey.ExportUnencrypted();
        s_b.Add(s_key.NSquared, s_b.One).WriteBigEndian(bytes.AsSpan(bytes.Length - s_key.CiphertextBytes));

        Assert.False(PaillierPrivateKey.TryImportUnencrypted(bytes, KeySizePolicy.InsecureForTests, null, out _, out var failure));
        Assert.Equal(ValidationFailure.InvalidKeyParameter, failure);
    }

    [Fact]
    public void PrivateKeyBlob_BuiltByHandFromTheKeysOwnValues_IsAccepted()
    {
        // The twin of the refusals above: the same hand-made layout with the real primes imports and decrypts.
        var blob = PrivateBlob(512, s_pair.PrivateKey.P, s_pair.PrivateKey.Q, s_key.RandomizerBase);
        Assert.Equal(s_pair.PrivateKey.ExportUnencrypted(), blob);

        Assert.True(PaillierPrivateKey.TryImportUnencrypted(blob, KeySizePolicy.InsecureForTests, null, out var imported, out _));
        Assert.Equal(-5, imported.DecryptSigned(s_key.Encrypt(-5, TestKeys.Random())));
    }

    /// <summary>header ‖ p ‖ q ‖ h_s with the field widths of the format (docs/wire-format.md), header taken from a real blob.</summary>
    private static byte[] PrivateBlob(int bits, BigNumber p, BigNumber q, BigNumber randomizerBase)
    {
        var primeBytes = ((bits / 2) + 7) / 8;
        var modulusBytes = (bits + 7) / 8;
        var bytes = new byte[HeaderBytes + (2 * primeBytes) + (2 * modulusBytes)];
        s_pair.PrivateKey.ExportUnencrypted().AsSpan(0, 6).CopyTo(bytes);
        bytes[6] = (byte)(bits >> 8);
        bytes[7] = (byte)bits;
        p.WriteBigEndian(bytes.AsSpan(HeaderBytes, primeBytes));
        q.WriteBigEndian(bytes.AsSpan(HeaderBytes + primeBytes, primeBytes));
        randomizerBase.WriteBigEndian(bytes.AsSpan(HeaderBytes + (2 * primeBytes), 2 * modulusBytes));
        return bytes;
    }
}
