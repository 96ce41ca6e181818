using CsCheck;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Protocols.Tests;

/// <summary>
/// The DGK cryptosystem: zero test, homomorphic laws, <see cref="DgkPrivateKey.DecryptSmall"/>, rerandomization, key
/// generation facts and public-key validation, over both math backends. Keys are the shared 768-bit test keys
/// (<see cref="ComparisonKeys"/>) with l = 4, so u = 67 and every plaintext can be checked.
/// </summary>
public sealed class DgkTests
{
    private const int L = 4;

    public static TheoryData<string> Backends => new() { "gmp", "managed" };

    private static DgkKeyPair Keys(string backend) => ComparisonKeys.Small(backend, L).Dgk;

    // ---- encryption, zero test, decryption ----

    [Theory]
    [MemberData(nameof(Backends))]
    public void IsZero_IsTrueExactlyForAnEncryptionOfZero(string backend)
    {
        var keys = Keys(backend);
        var key = keys.PublicKey;

        Assert.True(keys.PrivateKey.IsZero(key.Encrypt(0, RandomSource.Secure)));
        foreach (var m in new ulong[] { 1, 2, key.U / 2, key.U - 1 })
        {
            Assert.False(keys.PrivateKey.IsZero(key.Encrypt(m, RandomSource.Secure)), $"m = {m}");
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void DecryptSmall_RecoversEveryPlaintextOfZu(string backend)
    {
        var keys = Keys(backend);
        var key = keys.PublicKey;

        for (ulong m = 0; m < key.U; m++)
        {
            Assert.Equal(m, keys.PrivateKey.DecryptSmall(key.Encrypt(m, RandomSource.Secure), key.U - 1));
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void DecryptSmall_PlaintextAboveTheBound_ReturnsNull(string backend)
    {
        var keys = Keys(backend);

        Assert.Null(keys.PrivateKey.DecryptSmall(keys.PublicKey.Encrypt(10, RandomSource.Secure), 9));
        Assert.Equal(10UL, keys.PrivateKey.DecryptSmall(keys.PublicKey.Encrypt(10, RandomSource.Secure), 10));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void EncryptBit_WithPrecomputedRandomizer_EncryptsTheBit(string backend)
    {
        var keys = Keys(backend);
        var key = keys.PublicKey;

        Assert.Equal(1UL, keys.PrivateKey.DecryptSmall(key.EncryptBit(true, key.NewRandomizer(RandomSource.Secure)), 1));
        Assert.Equal(0UL, keys.PrivateKey.DecryptSmall(key.EncryptBit(false, key.NewRandomizer(RandomSource.Secure)), 1));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Encrypt_PlaintextOutsideZu_IsRefused(string backend)
    {
        var key = Keys(backend).PublicKey;

        var failure = Assert.Throws<ArgumentOutOfRangeException>(() => key.Encrypt(key.U, RandomSource.Secure));
        Assert.Equal("plaintext", failure.ParamName);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Encrypt_SamePlaintextTwice_GivesDifferentCiphertexts(string backend)
    {
        var key = Keys(backend).PublicKey;

        Assert.NotEqual(key.Encrypt(5, RandomSource.Secure).Value, key.Encrypt(5, RandomSource.Secure).Value);
    }

    // ---- homomorphic laws (properties) ----

    [Theory]
    [MemberData(nameof(Backends))]
    public void Add_OfTwoCiphertexts_EncryptsTheSumModU(string backend)
    {
        var keys = Keys(backend);
        var key = keys.PublicKey;
        var plaintext = Gen.ULong[0, key.U - 1];

        Gen.Select(plaintext, plaintext).Sample(
            (a, b) => Assert.Equal((a + b) % key.U, Decrypt(keys, key.Add(key.Encrypt(a, RandomSource.Secure), key.Encrypt(b, RandomSource.Secure)))),
            iter: 40);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void MultiplyPlain_EncryptsTheProductModU(string backend)
    {
        var keys = Keys(backend);
        var key = keys.PublicKey;

        Gen.Select(Gen.ULong[0, key.U - 1], Gen.ULong[0, 1000]).Sample(
            (a, k) => Assert.Equal(a * k % key.U, Decrypt(keys, key.MultiplyPlain(key.Encrypt(a, RandomSource.Secure), k))),
            iter: 40);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Negate_EncryptsTheAdditiveInverseModU(string backend)
    {
        var keys = Keys(backend);
        var key = keys.PublicKey;

        Gen.ULong[0, key.U - 1].Sample(
            a => Assert.Equal((key.U - a) % key.U, Decrypt(keys, key.Negate(key.Encrypt(a, RandomSource.Secure)))),
            iter: 40);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void NegateAll_GivesTheSameCiphertextsAsNegatingEachOne(string backend)
    {
        var keys = Keys(backend);
        var key = keys.PublicKey;

        Gen.ULong[0, key.U - 1].Array[0, 40].Sample(
            plaintexts =>
            {
                var ciphertexts = plaintexts.Select(a => (DgkCiphertext)key.Encrypt(a, RandomSource.Secure)).ToArray();
                var negated = key.NegateAll(ciphertexts);

                Assert.Equal(ciphertexts.Length, negated.Length);
                for (var k = 0; k < ciphertexts.Length; k++)
                {
                    Assert.Equal(key.Negate(ciphertexts[k]).Value, negated[k].Value);
                    Assert.Equal(ciphertexts[k].Value, key.Negate(negated[k]).Value); // the inputs are left as they were
                }
            },
            iter: 20);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void NegateAll_WithANonUnit_IsRefusedLikeNegate(string backend)
    {
        var keys = Keys(backend);
        var key = keys.PublicKey;
        var b = key.Backend;

        // p is not a unit mod n; no import accepts it, so it is made as the key's own arithmetic would.
        var nonUnit = DgkCiphertext.Derived(key, keys.PrivateKey.P);
        var refusal = Assert.Throws<CryptoValidationException>(() => key.NegateAll([key.Encrypt(1, RandomSource.Secure), nonUnit]));
        Assert.Equal(ValidationFailure.CiphertextNotUnit, refusal.Failure);
        Assert.Contains("not invertible", refusal.Message, StringComparison.Ordinal);
        var negateRefusal = Assert.Throws<CryptoValidationException>(() => key.Negate(nonUnit));
        Assert.Equal(ValidationFailure.CiphertextNotUnit, negateRefusal.Failure);
        Assert.Equal("The DGK ciphertext is not invertible.", negateRefusal.Message);
        Assert.Empty(key.NegateAll([])); // broken twin of the refusal: nothing to invert, nothing refused
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Accumulator_SumsInPlace_AndItsResultsAreNewCiphertexts(string backend)
    {
        var keys = Keys(backend);
        var key = keys.PublicKey;

        Gen.Select(Gen.ULong[0, key.U - 1].Array[1, 10], Gen.Int[1, 4], Gen.Long[-5, 60]).Sample(
            (plaintexts, times, plain) =>
            {
                using var sum = key.NewAccumulator();
                var expected = 0UL;
                foreach (var a in plaintexts)
                {
                    sum.Add(key.Encrypt(a, RandomSource.Secure), times);
                    expected = (expected + ((ulong)times * a)) % key.U;
                }

                var extra = key.Encrypt(3, RandomSource.Secure);
                var withExtra = sum.Plus(extra, plain);
                var alone = sum.ToCiphertext(plain);
                var zero = sum.ToCiphertext(0);
                Assert.Equal(Mod((long)expected + 3 + plain, key.U), Decrypt(keys, withExtra));
                Assert.Equal(Mod((long)expected + plain, key.U), Decrypt(keys, alone));
                Assert.Equal(expected, Decrypt(keys, zero));
                Assert.Equal((expected + 3) % key.U, Decrypt(keys, sum.Plus(extra, 0))); // m = 0 every time, not only when drawn

                // The results are copies: adding on changes the sum, not what was handed out.
                sum.Add(key.Encrypt(1, RandomSource.Secure));
                Assert.Equal(expected, Decrypt(keys, zero));
                Assert.Equal((expected + 1) % key.U, Decrypt(keys, sum.ToCiphertext(0)));
            },
            iter: 20);

        static ulong Mod(long value, ulong u) => (ulong)(((value % (long)u) + (long)u) % (long)u);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void AddPlain_AtTheEdgeOfTheTableOfSmallPowers_AddsTheRightValue(string backend)
    {
        // l = 32, so u > 2^34: plaintexts past the 256 kept powers of g come from the fixed-base table instead.
        var keys = ComparisonKeys.Small(backend, 32).Dgk;
        var key = keys.PublicKey;
        var zero = key.Encrypt(0, RandomSource.Secure);
        using var sum = key.NewAccumulator();

        foreach (var m in new long[] { 1, 2, 254, 255, 256, 257, 1000 })
        {
            Assert.Equal((ulong)m, keys.PrivateKey.DecryptSmall(key.AddPlain(zero, m), 1000));
            Assert.Equal((ulong)m, keys.PrivateKey.DecryptSmall(sum.ToCiphertext(m), 1000));
            Assert.Equal(0UL, keys.PrivateKey.DecryptSmall(key.AddPlain(key.AddPlain(zero, m), -m), 1000));
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Accumulator_RefusesAnotherKeysCiphertext_ABadCount_AndUseAfterDispose(string backend)
    {
        var keys = Keys(backend);
        var key = keys.PublicKey;
        var other = DgkPublicKey.Create(key.N, key.H, key.G, key.U, key.T, KeySizePolicy.InsecureForTests);
        var own = key.Encrypt(1, RandomSource.Secure);
        var sum = key.NewAccumulator();

        Assert.Equal("ciphertext", Assert.Throws<ArgumentException>(() => sum.Add(other.Encrypt(1, RandomSource.Secure))).ParamName);
        Assert.Equal("times", Assert.Throws<ArgumentOutOfRangeException>(() => sum.Add(own, 0)).ParamName);
        Assert.Equal("plaintext", Assert.Throws<ArgumentOutOfRangeException>(() => sum.ToCiphertext((long)key.U)).ParamName);
        sum.Add(own);
        Assert.Equal(1UL, Decrypt(keys, sum.ToCiphertext(0))); // the refused calls left the sum as it was

        sum.Dispose();
        sum.Dispose(); // twice is harmless
        Assert.Throws<ObjectDisposedException>(() => sum.Add(own));
        Assert.Throws<ObjectDisposedException>(() => sum.ToCiphertext(0));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Rerandomize_ChangesTheCiphertextAndKeepsThePlaintext(string backend)
    {
        var keys = Keys(backend);
        var key = keys.PublicKey;

        Gen.ULong[0, key.U - 1].Sample(
            a =>
            {
                var original = key.Encrypt(a, RandomSource.Secure);
                var fresh = key.Rerandomize(original, RandomSource.Secure);
                var withPrecomputed = key.Rerandomize(original, key.NewRandomizer(RandomSource.Secure));
                Assert.NotEqual(original.Value, fresh.Value);
                Assert.NotEqual(fresh.Value, withPrecomputed.Value);
                Assert.Equal(a, Decrypt(keys, fresh));
                Assert.Equal(a, Decrypt(keys, withPrecomputed));
            },
            iter: 20);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Operations_OnACiphertextOfAnotherKey_AreRefused(string backend)
    {
        var keys = Keys(backend);
        var key = keys.PublicKey;
        var other = DgkPublicKey.Create(key.N, key.H, key.G, key.U, key.T, KeySizePolicy.InsecureForTests);
        var foreign = other.Encrypt(1, RandomSource.Secure);
        var own = key.Encrypt(1, RandomSource.Secure);

        Assert.Equal("ciphertext", Assert.Throws<ArgumentException>(() => keys.PrivateKey.IsZero(foreign)).ParamName);
        Assert.Equal("right", Assert.Throws<ArgumentException>(() => key.Add(own, foreign)).ParamName);
        Assert.Equal("ciphertext", Assert.Throws<ArgumentException>(() => key.Rerandomize(foreign, RandomSource.Secure)).ParamName);
    }

    // ---- ciphertext import ----

    [Theory]
    [MemberData(nameof(Backends))]
    public void TryImportCiphertext_RefusesZeroTheModulusNonUnitsAndWrongLengths(string backend)
    {
        var keys = Keys(backend);
        var key = keys.PublicKey;
        var b = key.Backend;

        AssertImportFails(key, b.Zero, ValidationFailure.CiphertextOutOfRange);
        AssertImportFails(key, key.N, ValidationFailure.CiphertextOutOfRange);
        AssertImportFails(key, b.Add(key.N, b.One), ValidationFailure.CiphertextOutOfRange);
        AssertImportFails(key, keys.PrivateKey.P, ValidationFailure.CiphertextNotUnit);
        Assert.False(key.TryImportCiphertext(new byte[key.CiphertextBytes - 1], out _, out var failure));
        Assert.Equal(ValidationFailure.MalformedEncoding, failure);

        var valid = key.Encrypt(3, RandomSource.Secure);
        Assert.True(key.TryImportCiphertext(valid.ToBytes(), out var imported, out _));
        Assert.Equal(3UL, Decrypt(keys, imported));
    }

    // ---- key generation ----

    [Theory]
    [InlineData("gmp", 4)]
    [InlineData("managed", 4)]
    [InlineData("gmp", 32)]
    [InlineData("managed", 32)]
    public void GeneratedKey_HasTheDocumentedStructure(string backend, int comparisonBits)
    {
        var keys = ComparisonKeys.Small(backend, comparisonBits).Dgk;
        var key = keys.PublicKey;
        var secret = keys.PrivateKey;
        var b = key.Backend;
        var one = b.One;
        var u = b.FromBigInteger(key.U);

        // u is the smallest prime above 2^(l+2), checked here by trial division, independently of ModMath.
        var floor = 1UL << (comparisonBits + 2);
        Assert.True(key.U > floor && IsPrimeByTrialDivision(key.U), $"u = {key.U}");
        for (var candidate = floor + 1; candidate < key.U; candidate++)
        {
            Assert.False(IsPrimeByTrialDivision(candidate), $"{candidate} is a smaller prime above 2^(l+2)");
        }

        Assert.Equal(768, key.Bits);
        Assert.Equal(768, key.N.BitLength);
        Assert.Equal(key.N, b.Multiply(secret.P, secret.Q));
        Assert.Equal(384, secret.P.BitLength);
        Assert.Equal(DgkKeyPair.DefaultSubgroupBits(768), key.T);
        foreach (var (prime, v) in new[] { (secret.P, secret.Vp), (secret.Q, secret.Vq) })
        {
            Assert.Equal(key.T, v.BitLength);
            var pMinusOne = b.Subtract(prime, one);
            Assert.True(b.Mod(pMinusOne, v).IsZero, "v_p divides p − 1");
            Assert.True(b.Mod(pMinusOne, u).IsZero, "u divides p − 1");

            // h has order v_p and g order u·v_p modulo p.
            var h = b.Mod(key.H, prime);
            var g = b.Mod(key.G, prime);
            Assert.Equal(one, b.ModPow(h, v, prime));
            Assert.NotEqual(one, h);
            Assert.Equal(one, b.ModPow(g, b.Multiply(u, v), prime));
            Assert.NotEqual(one, b.ModPow(g, u, prime));
            Assert.NotEqual(one, b.ModPow(g, v, prime));
        }

        Assert.NotEqual(secret.Vp, secret.Vq);
        Assert.Equal(key, DgkPrivateKey.Create(key, secret.P, secret.Q, secret.Vp, secret.Vq).PublicKey);
    }

    [Fact]
    public void PrivateKeyCreate_SecretsThatDoNotMatch_AreRefused()
    {
        var keys = Keys("gmp");
        var s = keys.PrivateKey;

        var failure = Assert.Throws<CryptoValidationException>(() => DgkPrivateKey.Create(keys.PublicKey, s.P, s.Q, s.Vq, s.Vp));
        Assert.Equal(ValidationFailure.InvalidKeyParameter, failure.Failure);
    }

    [Fact]
    public void Generate_SameSeed_GivesTheSameKeyAndCiphertextsOnBothBackends()
    {
        var fromGmp = DgkKeyPair.Generate(512, L, 80, KeySizePolicy.InsecureForTests, new InsecureSeededRandomSource(4), MathBackend.FromName("gmp"));
        var fromManaged = DgkKeyPair.Generate(512, L, 80, KeySizePolicy.InsecureForTests, new InsecureSeededRandomSource(4), MathBackend.Managed);

        Assert.Equal(fromGmp.PublicKey.N.ToBigInteger(), fromManaged.PublicKey.N.ToBigInteger());
        Assert.Equal(fromGmp.PublicKey.G.ToBigInteger(), fromManaged.PublicKey.G.ToBigInteger());
        Assert.Equal(fromGmp.PublicKey.H.ToBigInteger(), fromManaged.PublicKey.H.ToBigInteger());
        Assert.Equal(
            fromGmp.PublicKey.Encrypt(7, new InsecureSeededRandomSource(5)).ToBytes(),
            fromManaged.PublicKey.Encrypt(7, new InsecureSeededRandomSource(5)).ToBytes());
    }

    [Fact]
    public void Generate_TooLargeSubgroupForTheModulus_IsRefused()
        => Assert.Throws<ArgumentOutOfRangeException>("t", () => DgkKeyPair.Generate(512, L, 250, KeySizePolicy.InsecureForTests, RandomSource.Secure));

    // ---- public key validation ----

    [Theory]
    [MemberData(nameof(Backends))]
    public void Create_FromAValidKeysValues_GivesAnEqualKey(string backend)
    {
        var key = Keys(backend).PublicKey;

        Assert.Equal(key, DgkPublicKey.Create(key.N, key.G, key.H, key.U, key.T, KeySizePolicy.InsecureForTests));
    }

    public enum BadPublicKey
    {
        SizeNotAllowedByProductionPolicy,
        EvenModulus,
        PerfectPowerModulus,
        SmallFactorModulus,
        CompositeU,
        TinyU,
        SubgroupTooSmall,
        SubgroupTooLarge,
        GeneratorZero,
        GeneratorOne,
        GeneratorMinusOne,
        GeneratorAtLeastModulus,
        GeneratorNotUnit,
        RandomizerBaseOne,
        RandomizerBaseNotUnit,
    }

    public static TheoryData<string, BadPublicKey, ValidationFailure> BadPublicKeys()
    {
        var data = new TheoryData<string, BadPublicKey, ValidationFailure>();
        foreach (var backend in new[] { "gmp", "managed" })
        {
            foreach (var bad in Enum.GetValues<BadPublicKey>())
            {
                var expected = bad switch
                {
                    BadPublicKey.SizeNotAllowedByProductionPolicy => ValidationFailure.KeySizeNotAllowed,
                    BadPublicKey.EvenModulus => ValidationFailure.ModulusEven,
                    BadPublicKey.PerfectPowerModulus => ValidationFailure.ModulusPerfectPower,
                    BadPublicKey.SmallFactorModulus => ValidationFailure.ModulusSmallFactor,
                    _ => ValidationFailure.InvalidKeyParameter,
                };
                data.Add(backend, bad, expected);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadPublicKeys))]
    public void Create_InvalidPublicValues_AreRefusedWithTheirReason(string backend, BadPublicKey bad, ValidationFailure expected)
    {
        var keys = Keys(backend);
        var key = keys.PublicKey;
        var b = key.Backend;
        var (n, g, h, u, t, policy) = (key.N, key.G, key.H, key.U, key.T, KeySizePolicy.InsecureForTests);
        switch (bad)
        {
            case BadPublicKey.SizeNotAllowedByProductionPolicy:
                policy = KeySizePolicy.Production;
                break;
            case BadPublicKey.EvenModulus:
                n = b.Add(n, b.One);
                break;
            case BadPublicKey.PerfectPowerModulus:
                n = b.Multiply(keys.PrivateKey.P, keys.PrivateKey.P);
                break;
            case BadPublicKey.SmallFactorModulus:
                // An odd multiple of 3 of the same size.
                var multiple = n.ToBigInteger() / 6 * 6 + 3;
                n = b.FromBigInteger(multiple);
                break;
            case BadPublicKey.CompositeU:
                u = 65 * 67;
                break;
            case BadPublicKey.TinyU:
                u = 3;
                break;
            case BadPublicKey.SubgroupTooSmall:
                t = 39;
                break;
            case BadPublicKey.SubgroupTooLarge:
                t = (n.BitLength / 4) + 1;
                break;
            case BadPublicKey.GeneratorZero:
                g = b.Zero;
                break;
            case BadPublicKey.GeneratorOne:
                g = b.One;
                break;
            case BadPublicKey.GeneratorMinusOne:
                g = b.Subtract(n, b.One);
                break;
            case BadPublicKey.GeneratorAtLeastModulus:
                g = b.Add(n, key.G);
                break;
            case BadPublicKey.GeneratorNotUnit:
                g = keys.PrivateKey.Q;
                break;
            case BadPublicKey.RandomizerBaseOne:
                h = b.One;
                break;
            default:
                h = keys.PrivateKey.P;
                break;
        }

        var failure = Assert.Throws<CryptoValidationException>(() => DgkPublicKey.Create(n, g, h, u, t, policy));
        Assert.Equal(expected, failure.Failure);
    }

    private static ulong? Decrypt(DgkKeyPair keys, DgkCiphertext ciphertext) => keys.PrivateKey.DecryptSmall(ciphertext, keys.PublicKey.U - 1);

    private static void AssertImportFails(DgkPublicKey key, BigNumber value, ValidationFailure expected)
    {
        Assert.False(key.TryImportCiphertext(value, out var ciphertext, out var failure));
        Assert.Null(ciphertext);
        Assert.Equal(expected, failure);
    }

    private static bool IsPrimeByTrialDivision(ulong value)
    {
        if (value < 2)
        {
            return false;
        }

        for (ulong d = 2; d * d <= value; d++)
        {
            if (value % d == 0)
            {
                return false;
            }
        }

        return true;
    }
}
