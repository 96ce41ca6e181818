using System.Numerics;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Tests;

/// <summary>
/// The DGK keys' caller contract, as <see cref="PaillierKeyContractTests"/> for Paillier: argument names, refusal texts,
/// each bound of the public-key rules with the value just inside it, foreign versus equal-key inputs, equality on
/// every field, small plaintext additions, and each consistency rule of the private key broken on its own.
/// </summary>
public sealed class DgkKeyContractTests
{
    private static readonly DgkKeyPair s_pair = DgkKeyPair.Generate(512, 4, 80, KeySizePolicy.InsecureForTests, TestKeys.Random(61), MathBackend.Gmp!);
    private static readonly DgkPublicKey s_key = s_pair.PublicKey;
    private static readonly MathBackend s_b = s_key.Backend;

    private static string? ParamOf(Action action) => Assert.ThrowsAny<ArgumentException>(action).ParamName;

    private static DgkCiphertext Enc(ulong value) => s_key.Encrypt(value, TestKeys.Random());

    private static ulong? Dec(DgkCiphertext c) => s_pair.PrivateKey.DecryptSmall(c, ulong.MaxValue);

    private static DgkPublicKey With(BigNumber? g = null, BigNumber? h = null, ulong? u = null, int? t = null, KeySizePolicy? policy = null)
        => DgkPublicKey.Create(s_key.N, g ?? s_key.G, h ?? s_key.H, u ?? s_key.U, t ?? s_key.T, policy ?? KeySizePolicy.InsecureForTests);

    [Fact]
    public void PublicKey_ArgumentChecks_NameTheArgument()
    {
        var c = Enc(1);
        var p = KeySizePolicy.InsecureForTests;
        Assert.Equal("n", ParamOf(() => DgkPublicKey.TryCreate(null!, s_key.G, s_key.H, s_key.U, s_key.T, p, out _, out _)));
        Assert.Equal("g", ParamOf(() => DgkPublicKey.TryCreate(s_key.N, null!, s_key.H, s_key.U, s_key.T, p, out _, out _)));
        Assert.Equal("h", ParamOf(() => DgkPublicKey.TryCreate(s_key.N, s_key.G, null!, s_key.U, s_key.T, p, out _, out _)));
        Assert.Equal("policy", ParamOf(() => DgkPublicKey.TryCreate(s_key.N, s_key.G, s_key.H, s_key.U, s_key.T, null!, out _, out _)));
        Assert.Equal("value", ParamOf(() => s_key.TryImportCiphertext((BigNumber)null!, out _, out _)));
        Assert.Equal("random", ParamOf(() => s_key.NewRandomizer(null!)));
        Assert.Equal("random", ParamOf(() => s_key.Rerandomize(c, (RandomSource)null!)));
        Assert.Equal("randomizer", ParamOf(() => s_key.Encrypt(1, (DgkRandomizer)null!)));
        Assert.Equal("left", ParamOf(() => s_key.Add(null!, c)));
        Assert.Equal("ciphertext", ParamOf(() => s_pair.PrivateKey.IsZero(null!)));
        Assert.Equal("ciphertext", ParamOf(() => s_pair.PrivateKey.DecryptSmall(null!, 1)));
        Assert.Equal("random", ParamOf(() => s_pair.PrivateKey.NewRandomizer(null!)));
    }

    [Fact]
    public void PublicKeyRules_AcceptTheValueJustInsideEachBound()
    {
        Assert.Equal(5UL, With(u: 5).U);
        Assert.Equal(40, With(t: 40).T);
        Assert.Equal(s_key.Bits / 4, With(t: s_key.Bits / 4).T);

        Assert.Equal(ValidationFailure.InvalidKeyParameter, Assert.Throws<CryptoValidationException>(() => With(u: 3)).Failure);
        Assert.Equal(ValidationFailure.InvalidKeyParameter, Assert.Throws<CryptoValidationException>(() => With(t: 39)).Failure);
        var tooLarge = Assert.Throws<CryptoValidationException>(() => With(t: (s_key.Bits / 4) + 1));
        Assert.Equal($"A DGK key needs a prime u ≥ 5, t in [40, {s_key.Bits / 4}] (t = {(s_key.Bits / 4) + 1}), and generators g, h that are units of Z_n other than ±1.", tooLarge.Message);
        Assert.Equal("The modulus is even.", Assert.Throws<CryptoValidationException>(() => DgkPublicKey.Create(s_b.Add(s_key.N, s_b.One), s_key.G, s_key.H, s_key.U, s_key.T, KeySizePolicy.InsecureForTests)).Message);
    }

    [Fact]
    public void ProductionPolicy_AsksForTheDefaultSubgroupSize_TheTestPolicyFor40Bits()
    {
        var random = TestKeys.Random(62);
        var n = s_b.Multiply(ModMath.RandomPrime(s_b, 1024, random), ModMath.RandomPrime(s_b, 1024, random));
        var (g, h) = (s_b.FromInt64(4), s_b.FromInt64(9));
        var minimum = DgkKeyPair.DefaultSubgroupBits(2048);

        Assert.Equal(minimum, DgkPublicKey.Create(n, g, h, 67, minimum, KeySizePolicy.Production).T);
        var refused = Assert.Throws<CryptoValidationException>(() => DgkPublicKey.Create(n, g, h, 67, minimum - 1, KeySizePolicy.Production));
        Assert.Contains($"t in [{minimum}, 512]", refused.Message, StringComparison.Ordinal);
        Assert.Equal(40, DgkPublicKey.Create(n, g, h, 67, 40, KeySizePolicy.InsecureForTests).T);
    }

    [Fact]
    public void Equality_NeedsEveryField()
    {
        var four = s_b.FromInt64(4);
        var same = With();
        Assert.True(s_key.Equals(same));
        Assert.True(s_key == same);
        Assert.False(s_key != same);
        Assert.False(s_key.Equals(With(g: four)));
        Assert.False(s_key.Equals(With(h: four)));
        Assert.False(s_key.Equals(With(u: 71)));
        Assert.False(s_key.Equals(With(t: s_key.T + 1)));
        Assert.False(s_key.Equals((DgkPublicKey?)null));
        Assert.False(s_key == null);
        Assert.False(null == s_key);
        Assert.True((DgkPublicKey?)null == null);
        Assert.True(s_key != null);
        Assert.False(s_key.Equals((object)"not a key"));
        Assert.Equal(s_key.GetHashCode(), same.GetHashCode());
    }

    [Fact]
    public void ForeignCiphertextsAndRandomizers_AreRefused_ButThoseOfAnEqualKeyAreNot()
    {
        var copy = With();
        var other = With(g: s_key.H, h: s_key.G);

        var randomizer = Assert.Throws<ArgumentException>(() => s_key.Encrypt(1, other.NewRandomizer(TestKeys.Random())));
        Assert.Equal("randomizer", randomizer.ParamName);
        Assert.StartsWith("The randomizer was made for another DGK key.", randomizer.Message, StringComparison.Ordinal);
        var ciphertext = Assert.Throws<ArgumentException>(() => s_key.Add(Enc(1), other.Encrypt(1, TestKeys.Random())));
        Assert.StartsWith("The ciphertext was made under another DGK key.", ciphertext.Message, StringComparison.Ordinal);
        var zeroTest = Assert.Throws<ArgumentException>(() => s_pair.PrivateKey.IsZero(other.Encrypt(0, TestKeys.Random())));
        Assert.StartsWith("The ciphertext was made under another DGK key.", zeroTest.Message, StringComparison.Ordinal);

        Assert.Equal(3UL, Dec(s_key.Encrypt(3, copy.NewRandomizer(TestKeys.Random()))));
        Assert.Equal(5UL, Dec(s_key.Add(Enc(2), copy.Encrypt(3, TestKeys.Random()))));
        Assert.True(s_pair.PrivateKey.IsZero(copy.Encrypt(0, TestKeys.Random())));
    }

    [Fact]
    public void AddPlain_AddsEverySmallSignedValueModU_AndRefusesOneOfMagnitudeU()
    {
        var u = (long)s_key.U;
        var a = Enc(10);
        foreach (var m in new[] { 1L, -1, 2, -2, 3, -3, u - 1, -(u - 1), 40, -40 })
        {
            Assert.Equal((ulong)((((10 + m) % u) + u) % u), Dec(s_key.AddPlain(a, m)));
        }

        Assert.Same(a, s_key.AddPlain(a, 0));
        foreach (var m in new[] { u, -u, long.MinValue, long.MaxValue })
        {
            var refused = Assert.Throws<ArgumentOutOfRangeException>(() => s_key.AddPlain(a, m));
            Assert.Equal("plaintext", refused.ParamName);
            Assert.StartsWith("A DGK plaintext must lie in (−u, u).", refused.Message, StringComparison.Ordinal);
        }

        var encrypt = Assert.Throws<ArgumentOutOfRangeException>(() => s_key.Encrypt(s_key.U, TestKeys.Random()));
        Assert.StartsWith("A DGK plaintext must be in [0, u).", encrypt.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustedConstructor_RefusesAGThatIsNoUnit_BehindTheRulesOfCreate()
    {
        var refused = Assert.Throws<CryptoValidationException>(() => new DgkPublicKey(s_key.N, s_pair.PrivateKey.P, s_key.H, s_key.U, s_key.T));
        Assert.Equal(ValidationFailure.InvalidKeyParameter, refused.Failure);
        Assert.Equal("g is not a unit modulo n.", refused.Message);
        Assert.Equal(s_key, new DgkPublicKey(s_key.N, s_key.G, s_key.H, s_key.U, s_key.T)); // the twin: a unit g passes
    }

    [Fact]
    public void Precompute_BuildsTheTablesOfHAndGNow()
    {
        var key = With(); // a copy of its own: other tests build s_key's tables
        Assert.Equal((false, false), key.TablesBuilt);

        key.Precompute();

        Assert.Equal((true, true), key.TablesBuilt);
    }

    [Fact]
    public void NewRandomizer_IsHToTheFirstTwoTBitsDrawn()
    {
        Assert.Equal(0, s_key.RandomExponentBits % 8);
        var rBytes = new byte[s_key.RandomExponentBits / 8];
        TestKeys.Random(12).Fill(rBytes);
        var r = new BigInteger(rBytes, isUnsigned: true, isBigEndian: true);

        var zero = s_key.Encrypt(0, s_key.NewRandomizer(TestKeys.Random(12)));

        Assert.Equal(BigInteger.ModPow(s_key.H.ToBigInteger(), r, s_key.N.ToBigInteger()), new BigInteger(zero.ToBytes(), isUnsigned: true, isBigEndian: true)); // g^0·h^r
    }

    [Fact]
    public void PrivateKey_EachConsistencyRule_RefusesOnItsOwn()
    {
        var k = s_pair.PrivateKey;
        var (p, q, vp, vq) = (k.P, k.Q, k.Vp, k.Vq);
        var two = s_b.FromInt64(2);

        // v_p = 0 or negative: refused as inconsistent, not a division by zero.
        Assert.False(DgkPrivateKey.TryCreate(s_key, p, q, s_b.FromInt64(0), vq, KeySizePolicy.InsecureForTests, out var none));
        Assert.Null(none);
        Assert.False(DgkPrivateKey.TryCreate(s_key, p, q, vp, s_b.FromInt64(0), KeySizePolicy.InsecureForTests, out _));
        Assert.False(DgkPrivateKey.TryCreate(s_key, p, q, s_b.Subtract(s_b.FromInt64(0), vp), vq, KeySizePolicy.InsecureForTests, out _));

        // u·2 divides p − 1 but h has no order 2: only the order rule catches it, on either side.
        Assert.False(DgkPrivateKey.TryCreate(s_key, p, q, two, vq, KeySizePolicy.InsecureForTests, out _));
        Assert.False(DgkPrivateKey.TryCreate(s_key, p, q, vp, two, KeySizePolicy.InsecureForTests, out _));

        // m·v_p with m not dividing (p − 1)/(u·v_p): h^(m·v_p) = 1 still, only the divisibility rule catches it.
        Assert.False(DgkPrivateKey.TryCreate(s_key, p, q, Multiple(p, vp), vq, KeySizePolicy.InsecureForTests, out _));
        Assert.False(DgkPrivateKey.TryCreate(s_key, p, q, vp, Multiple(q, vq), KeySizePolicy.InsecureForTests, out _));

        Assert.True(DgkPrivateKey.TryCreate(s_key, p, q, vp, vq, KeySizePolicy.InsecureForTests, out var twin));
        Assert.NotNull(twin);
        Assert.Equal("The DGK secrets do not match the public key.", Assert.Throws<CryptoValidationException>(() => DgkPrivateKey.Create(s_key, p, q, vq, vp)).Message);

        BigNumber Multiple(BigNumber prime, BigNumber v)
        {
            var quotient = (prime.ToBigInteger() - 1) / (s_key.U * v.ToBigInteger());
            var m = Enumerable.Range(3, 100).First(m => m % 2 == 1 && quotient % m != 0);
            return s_b.Multiply(v, s_b.FromInt64(m));
        }
    }

    [Fact]
    public void PrivateKey_ArgumentChecks_NameTheArgument()
    {
        var k = s_pair.PrivateKey;
        var p = KeySizePolicy.InsecureForTests;
        Assert.Equal("publicKey", ParamOf(() => DgkPrivateKey.TryCreate(null!, k.P, k.Q, k.Vp, k.Vq, p, out _)));
        Assert.Equal("p", ParamOf(() => DgkPrivateKey.TryCreate(s_key, null!, k.Q, k.Vp, k.Vq, p, out _)));
        Assert.Equal("q", ParamOf(() => DgkPrivateKey.TryCreate(s_key, k.P, null!, k.Vp, k.Vq, p, out _)));
        Assert.Equal("vp", ParamOf(() => DgkPrivateKey.TryCreate(s_key, k.P, k.Q, null!, k.Vq, p, out _)));
        Assert.Equal("vq", ParamOf(() => DgkPrivateKey.TryCreate(s_key, k.P, k.Q, k.Vp, null!, p, out _)));
    }

    [Fact]
    public void PrivateKey_UnderProduction_RefusesAVariableTimeBackendAndASeededSource()
    {
        var k = s_pair.PrivateKey;
        var production = DgkPrivateKey.Create(s_key, k.P, k.Q, k.Vp, k.Vq, KeySizePolicy.Production);
        Assert.Equal("random", ParamOf(() => production.NewRandomizer(TestKeys.Random())));
        Assert.NotNull(production.NewRandomizer(RandomSource.Secure));
        Assert.NotNull(DgkPrivateKey.Create(s_key, k.P, k.Q, k.Vp, k.Vq).NewRandomizer(TestKeys.Random())); // the test policy lets it through

        var managed = DgkKeyPair.Generate(512, 4, 80, KeySizePolicy.InsecureForTests, TestKeys.Random(63), MathBackend.Managed);
        var m = managed.PrivateKey;
        Assert.Equal("publicKey.Backend", ParamOf(() => DgkPrivateKey.Create(managed.PublicKey, m.P, m.Q, m.Vp, m.Vq, KeySizePolicy.Production)));
    }

    [Fact]
    public void PrivateKey_BuildsItsTablesOnPrecompute_AndSaysWhenItIsDisposed()
    {
        var pair = DgkKeyPair.Generate(512, 4, 80, KeySizePolicy.InsecureForTests, TestKeys.Random(64), MathBackend.Gmp!);
        Assert.Equal((null, null), pair.PrivateKey.BuiltTables);
        Assert.Equal($"DgkPrivateKey ({pair.PublicKey.Bits} bits)", pair.PrivateKey.ToString());

        pair.PrivateKey.Precompute();
        Assert.NotNull(pair.PrivateKey.BuiltTables.ModP);
        Assert.NotNull(pair.PrivateKey.BuiltTables.ModQ);

        pair.Dispose();
        Assert.Equal($"DgkPrivateKey ({pair.PublicKey.Bits} bits, disposed)", pair.PrivateKey.ToString());
        Assert.Throws<ObjectDisposedException>(() => pair.PrivateKey.Vq);
    }
}
