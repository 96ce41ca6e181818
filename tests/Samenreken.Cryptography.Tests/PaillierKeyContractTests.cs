using System.Numerics;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;

namespace Samenreken.Cryptography.Tests;

/// <summary>
/// The Paillier keys' caller contract: every argument check names its argument, every refusal says why, a ciphertext
/// or randomizer of another key is refused but one of an equal key (an imported copy) is not, and packing and the DJN
/// randomizer compute what their documentation says (independent oracles, not the code under test).
/// </summary>
public sealed class PaillierKeyContractTests
{
    private static readonly PaillierKeyPair s_pair = TestKeys.Small();
    private static readonly PaillierPublicKey s_key = s_pair.PublicKey;
    private static readonly PaillierKeyPair s_other = TestKeys.Small("gmp", 2);
    private static readonly MathBackend s_b = s_key.Backend;

    private static string? ParamOf(Action action) => Assert.ThrowsAny<ArgumentException>(action).ParamName;

    private static PaillierCiphertext Enc(long value) => s_key.Encrypt(s_b.FromInt64(value), TestKeys.Random());

    [Fact]
    public void PublicKey_ArgumentChecks_NameTheArgument()
    {
        var c = Enc(1);
        Assert.Equal("n", ParamOf(() => PaillierPublicKey.Create(null!, s_key.RandomizerBase, KeySizePolicy.InsecureForTests)));
        Assert.Equal("randomizerBase", ParamOf(() => PaillierPublicKey.Create(s_key.N, null!, KeySizePolicy.InsecureForTests)));
        Assert.Equal("policy", ParamOf(() => PaillierPublicKey.Create(s_key.N, s_key.RandomizerBase, null!)));
        Assert.Equal("value", ParamOf(() => s_key.ImportCiphertext(null!)));
        Assert.Equal("value", ParamOf(() => s_key.TryImportCiphertext((BigNumber)null!, out _, out _)));
        Assert.Equal("plaintext", ParamOf(() => s_key.Encrypt((BigNumber)null!, TestKeys.Random())));
        Assert.Equal("plaintext", ParamOf(() => s_key.Encrypt((BigNumber)null!, s_key.NewRandomizer(TestKeys.Random()))));
        Assert.Equal("plaintext", ParamOf(() => s_key.EncryptWithFullRandomness(null!, TestKeys.Random())));
        Assert.Equal("random", ParamOf(() => s_key.EncryptWithFullRandomness(s_b.One, null!)));
        Assert.Equal("random", ParamOf(() => s_key.NewRandomizer(null!)));
        Assert.Equal("random", ParamOf(() => s_key.Rerandomize(c, (Randomness.RandomSource)null!)));
        Assert.Equal("randomizer", ParamOf(() => s_key.Rerandomize(c, (PaillierRandomizer)null!)));
        Assert.Equal("plaintext", ParamOf(() => s_key.AddPlain(c, (BigNumber)null!)));
        Assert.Equal("scalar", ParamOf(() => s_key.MultiplyPlain(c, (BigNumber)null!)));
        Assert.Equal("left", ParamOf(() => s_key.Add(null!, c)));
        Assert.Equal("right", ParamOf(() => s_key.Add(c, null!)));
    }

    [Fact]
    public void PublicKey_RangeRefusals_SayWhatTheRangeIs()
    {
        var c = Enc(1);
        var plaintext = Assert.Throws<ArgumentOutOfRangeException>(() => s_key.Encrypt(s_key.N, TestKeys.Random()));
        Assert.Equal("plaintext", plaintext.ParamName);
        Assert.StartsWith("A Paillier plaintext residue must be in [0, n).", plaintext.Message, StringComparison.Ordinal);
        var scalar = Assert.Throws<ArgumentOutOfRangeException>(() => s_key.MultiplyPlain(c, s_key.N));
        Assert.Equal("scalar", scalar.ParamName);
        Assert.StartsWith("A scalar residue must be in [0, n).", scalar.Message, StringComparison.Ordinal);

        var outOfRange = Assert.Throws<CryptoValidationException>(() => s_key.ImportCiphertext(s_b.FromInt64(0)));
        Assert.Equal(ValidationFailure.CiphertextOutOfRange, outOfRange.Failure);
        Assert.Equal("The ciphertext is not in the range 0 < c < n².", outOfRange.Message);
        var notUnit = Assert.Throws<CryptoValidationException>(() => s_key.ImportCiphertext(s_key.N));
        Assert.Equal(ValidationFailure.CiphertextNotUnit, notUnit.Failure);
        Assert.Equal("The ciphertext is not a unit modulo n (gcd(c, n) ≠ 1).", notUnit.Message);
        Assert.Equal(c.Value, s_key.ImportCiphertext(c.Value).Value); // the twin
    }

    [Fact]
    public void ModulusRefusals_SayWhichRuleTheModulusBreaks()
    {
        var prime = ModMath.RandomPrime(s_b, 384, TestKeys.Random(5));
        Assert.Equal("The modulus is even.", Message(s_b.Add(s_key.N, s_b.One)));
        Assert.Equal("The modulus is a perfect power.", Message(s_b.Multiply(prime, prime)));
        Assert.Equal("The modulus has a prime factor below 2^16; such a key lets its owner extract the other party's secrets.", Message(s_b.Multiply(s_b.FromInt64(65521), ModMath.RandomPrime(s_b, 496, TestKeys.Random(23)))));
        Assert.Equal("The modulus is prime; a Paillier or DGK modulus is a product of two primes.", Message(ModMath.RandomPrime(s_b, 512, TestKeys.Random(6))));
        Assert.Equal("The DJN randomizer base must be a unit of Z_{n²} other than ±1.", Message(s_key.N, s_b.One));

        // The shared modulus check (DGK keys use it too) throws the same, and lets a good modulus through.
        var even = Assert.Throws<CryptoValidationException>(() => PaillierPublicKey.ValidateModulus(s_b.Add(s_key.N, s_b.One), KeySizePolicy.InsecureForTests));
        Assert.Equal(ValidationFailure.ModulusEven, even.Failure);
        Assert.Equal("The modulus is even.", even.Message);
        PaillierPublicKey.ValidateModulus(s_key.N, KeySizePolicy.InsecureForTests);

        static string Message(BigNumber n, BigNumber? h = null)
            => Assert.Throws<CryptoValidationException>(() => PaillierPublicKey.Create(n, h ?? s_b.FromInt64(4), KeySizePolicy.InsecureForTests)).Message;
    }

    [Fact]
    public void ForeignCiphertextsAndRandomizers_AreRefused_ButThoseOfAnEqualKeyAreNot()
    {
        var copy = PaillierPublicKey.Import(s_key.Export(), KeySizePolicy.InsecureForTests);
        Assert.NotSame(s_key, copy);

        var foreign = s_other.PublicKey.Encrypt(s_other.PublicKey.Backend.One, TestKeys.Random());
        var refused = Assert.Throws<ArgumentException>(() => s_key.Add(Enc(1), foreign));
        Assert.Equal("right", refused.ParamName);
        Assert.StartsWith("The ciphertext was made under another public key.", refused.Message, StringComparison.Ordinal);
        var randomizer = Assert.Throws<ArgumentException>(() => s_key.Encrypt(s_b.One, s_other.PublicKey.NewRandomizer(TestKeys.Random())));
        Assert.Equal("randomizer", randomizer.ParamName);
        Assert.StartsWith("The randomizer was made for another public key.", randomizer.Message, StringComparison.Ordinal);

        var sum = s_key.Add(Enc(2), copy.Encrypt(copy.Backend.FromInt64(3), TestKeys.Random()));
        Assert.Equal(5, s_pair.PrivateKey.DecryptSigned(sum));
        Assert.Equal(7, s_pair.PrivateKey.DecryptSigned(s_key.Encrypt(s_b.FromInt64(7), copy.NewRandomizer(TestKeys.Random()))));
    }

    [Fact]
    public void Equality_NeedsTheSameModulusAndTheSameRandomizerBase()
    {
        var four = s_b.FromInt64(4);
        var a = PaillierPublicKey.Create(s_key.N, four, KeySizePolicy.InsecureForTests);
        var sameAsA = PaillierPublicKey.Create(s_key.N, four, KeySizePolicy.InsecureForTests);
        var otherBase = PaillierPublicKey.Create(s_key.N, s_b.FromInt64(9), KeySizePolicy.InsecureForTests);
        var otherModulus = PaillierPublicKey.Create(s_other.PublicKey.N, four, KeySizePolicy.InsecureForTests);

        Assert.True(a.Equals(sameAsA));
        Assert.True(a == sameAsA);
        Assert.False(a != sameAsA);
        Assert.False(a.Equals(otherBase));
        Assert.False(a.Equals(otherModulus));
        Assert.True(a != otherModulus);
        Assert.False(a.Equals((PaillierPublicKey?)null));
        Assert.False(a == null);
        Assert.False(null == a);
        Assert.True((PaillierPublicKey?)null == null);
        Assert.True(a != null);
        Assert.False(a.Equals((object)"not a key"));
        Assert.Equal(a.GetHashCode(), sameAsA.GetHashCode());
    }

    [Fact]
    public void Pack_PutsEachPlaintextInItsSlot_AndRefusesWhatDoesNotFit()
    {
        PaillierCiphertext[] items = [Enc(1), Enc(2), Enc(3)];
        Assert.Equal(1 + (2 << 8) + (3 << 16), s_pair.PrivateKey.DecryptSigned(s_key.Pack(items, 8)));
        Assert.Equal(5, s_pair.PrivateKey.DecryptSigned(s_key.Pack([Enc(5)], 8)));

        // As many slot bits as the plaintext holds (Bits − 1) fit; one more does not.
        var widest = (s_key.Bits - 1) / 3;
        Assert.Equal(1 + (2 * BigInteger.Pow(2, widest)) + (3 * BigInteger.Pow(2, 2 * widest)), s_pair.PrivateKey.Decrypt(s_key.Pack(items, widest)).ToBigInteger());

        var empty = Assert.Throws<ArgumentException>(() => s_key.Pack([], 8));
        Assert.Equal("items", empty.ParamName);
        Assert.StartsWith("Nothing to pack.", empty.Message, StringComparison.Ordinal);
        Assert.Equal("slotBits", ParamOf(() => s_key.Pack(items, 0)));
        Assert.Equal("slotBits", ParamOf(() => s_key.Pack(items, widest + 1))); // three slots of widest + 1 bits exceed Bits − 1
        Assert.Equal("slotBits", ParamOf(() => s_key.Pack([Enc(1)], s_key.Bits)));
        Assert.NotNull(s_key.Pack([Enc(1)], s_key.Bits - 1));
    }

    [Fact]
    public void NewRandomizer_IsTheBaseToTheFirstShortExponentBitsDrawn()
    {
        // Independent oracle: α = the first ShortExponentBits / 8 bytes of the stream, big-endian; r = h_s^α mod n².
        Assert.Equal(0, s_key.ShortExponentBits % 8);
        var alphaBytes = new byte[s_key.ShortExponentBits / 8];
        TestKeys.Random(11).Fill(alphaBytes);
        var alpha = new BigInteger(alphaBytes, isUnsigned: true, isBigEndian: true);
        var expected = BigInteger.ModPow(s_key.RandomizerBase.ToBigInteger(), alpha, s_key.NSquared.ToBigInteger());

        var zero = s_key.Encrypt(s_b.FromInt64(0), s_key.NewRandomizer(TestKeys.Random(11)));

        Assert.Equal(expected, zero.Value.ToBigInteger()); // (1 + 0·n)·r = r
    }

    [Fact]
    public void MultiplyPlain_ByANegativeScalar_NegatesAndByZeroGivesZero()
    {
        Assert.Equal(-21, s_pair.PrivateKey.DecryptSigned(s_key.MultiplyPlain(Enc(7), new BigInteger(-3))));
        Assert.Equal(0, s_pair.PrivateKey.DecryptSigned(s_key.MultiplyPlain(Enc(7), BigInteger.Zero)));
    }

    [Fact]
    public void PrivateKey_ArgumentChecks_NameTheArgument_AndRefusalsSayWhy()
    {
        var p = s_pair.PrivateKey.P;
        var q = s_pair.PrivateKey.Q;
        Assert.Equal("publicKey", ParamOf(() => PaillierPrivateKey.Create(null!, p, q)));
        Assert.Equal("p", ParamOf(() => PaillierPrivateKey.Create(s_key, null!, q)));
        Assert.Equal("q", ParamOf(() => PaillierPrivateKey.Create(s_key, p, null!)));
        var mismatch = Assert.Throws<CryptoValidationException>(() => PaillierPrivateKey.Create(s_key, p, s_other.PrivateKey.Q));
        Assert.Equal("The primes do not match the public key.", mismatch.Message);

        Assert.Equal("ciphertext", ParamOf(() => s_pair.PrivateKey.Decrypt(null!)));
        var foreign = Assert.Throws<ArgumentException>(() => s_pair.PrivateKey.Decrypt(s_other.PublicKey.Encrypt(s_other.PublicKey.Backend.One, TestKeys.Random())));
        Assert.Equal("ciphertext", foreign.ParamName);
        Assert.StartsWith("The ciphertext was made under another public key.", foreign.Message, StringComparison.Ordinal);
        Assert.Equal("plaintext", ParamOf(() => s_pair.PrivateKey.EncryptWithCrt(null!, Randomness.RandomSource.Secure)));
        Assert.Equal("random", ParamOf(() => s_pair.PrivateKey.EncryptWithCrt(s_b.One, null!)));
        Assert.Equal(9, s_pair.PrivateKey.DecryptSigned(s_pair.PrivateKey.EncryptWithCrt(s_b.FromInt64(9), Randomness.RandomSource.Secure)));

        // The constructor's own check behind Create's (an importer or a generator that let p = q through).
        var prime = s_b.FromBigInteger(p.ToBigInteger());
        var same = Assert.Throws<ArgumentException>(() => new PaillierPrivateKey(s_key, prime, prime, KeySizePolicy.InsecureForTests));
        Assert.Equal("q", same.ParamName);
        Assert.StartsWith("p and q must be distinct primes.", same.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullPlaintext_IsRefusedBeforeAnyRandomnessIsDrawn()
    {
        Action<Randomness.RandomSource>[] encryptions =
        [
            random => s_key.Encrypt((BigNumber)null!, random),
            random => s_key.EncryptWithFullRandomness(null!, random),
            random => s_pair.PrivateKey.EncryptWithCrt(null!, random),
        ];
        foreach (var encrypt in encryptions)
        {
            var random = TestKeys.Random(3);
            Assert.Equal("plaintext", ParamOf(() => encrypt(random)));
            Assert.Equal(FirstBytes(TestKeys.Random(3)), FirstBytes(random));
        }

        // The twin: an encryption that goes ahead does draw from the source.
        var used = TestKeys.Random(3);
        _ = s_key.Encrypt(s_b.One, used);
        Assert.NotEqual(FirstBytes(TestKeys.Random(3)), FirstBytes(used));

        static byte[] FirstBytes(Randomness.RandomSource random)
        {
            var bytes = new byte[32];
            random.Fill(bytes);
            return bytes;
        }
    }

    [Fact]
    public void PrivateKey_FromItsPrimesInEitherOrder_IsTheSameKey_AndExportsTheSameBytes()
    {
        var p = s_pair.PrivateKey.P;
        var q = s_pair.PrivateKey.Q;
        var forward = PaillierPrivateKey.Create(s_key, p, q);
        var backward = PaillierPrivateKey.Create(s_key, q, p);

        Assert.True(forward.P > forward.Q);
        Assert.Equal(forward.P, backward.P);
        Assert.Equal(s_pair.PrivateKey.ExportUnencrypted(), backward.ExportUnencrypted());
        Assert.Equal(forward.ExportUnencrypted(), backward.ExportUnencrypted());
    }

    [Fact]
    public void PrivateKey_UnderProduction_RefusesAVariableTimeBackend()
    {
        var managed = TestKeys.Small("managed");
        var error = Assert.Throws<ArgumentException>(() => PaillierPrivateKey.Create(managed.PublicKey, managed.PrivateKey.P, managed.PrivateKey.Q, KeySizePolicy.Production));

        Assert.Equal("publicKey.Backend", error.ParamName);
        Assert.NotNull(PaillierPrivateKey.Create(managed.PublicKey, managed.PrivateKey.P, managed.PrivateKey.Q, KeySizePolicy.InsecureForTests));
    }

    [Fact]
    public void PrivateKey_Disposed_HidesItsPrimes_AndSaysSoWhenPrinted()
    {
        var pair = TestKeys.Generate("gmp", 43);
        Assert.Equal($"PaillierPrivateKey ({pair.PublicKey.Bits} bits)", pair.PrivateKey.ToString());
        Assert.Equal(pair.PublicKey.N, pair.PublicKey.Backend.Multiply(pair.PrivateKey.P, pair.PrivateKey.Q));

        pair.Dispose();

        Assert.Throws<ObjectDisposedException>(() => pair.PrivateKey.P);
        Assert.Throws<ObjectDisposedException>(() => pair.PrivateKey.Q);
        Assert.Equal($"PaillierPrivateKey ({pair.PublicKey.Bits} bits, disposed)", pair.PrivateKey.ToString());
    }
}
