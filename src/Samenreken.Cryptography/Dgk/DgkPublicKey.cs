using System.Diagnostics.CodeAnalysis;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Dgk;

/// <summary>
/// A Damgård–Geisler–Krøigaard public key (DGK 2007/2009): n = p·q, the plaintext prime u, g of order u·v_p·v_q and
/// h of order v_p·v_q. Encryption is g^m·h^r mod n with r of 2t bits; the plaintext space Z_u is small, so the key
/// holder can test a ciphertext for zero cheaply but cannot be asked to do more.
/// </summary>
public sealed class DgkPublicKey : IEquatable<DgkPublicKey>
{
    /// <summary>A wide window: a few MB of table buys a quarter fewer multiplications on the hottest path.</summary>
    private const int RandomizerWindowBits = 10;

    private readonly Lazy<FixedBaseExponentiation> _hTable;
    private readonly Lazy<FixedBaseExponentiation> _gTable;
    private readonly Lazy<BigNumber[]> _gPowers;

    /// <summary>g^0 … g^(SmallPowers − 1) are kept: the comparison's terms add plaintexts up to 3l + 2 (l ≤ 64).</summary>
    private const int SmallPowers = 256;

    internal DgkPublicKey(BigNumber n, BigNumber g, BigNumber h, ulong u, int t)
    {
        Backend = n.Backend;
        N = n;
        G = g;
        H = h;
        U = u;
        T = t;
        Bits = n.BitLength;
        CiphertextBytes = (Bits + 7) / 8;
        RandomExponentBits = 2 * t;
        GInverse = Backend.ModInverse(g, n) ?? throw new CryptoValidationException(ValidationFailure.InvalidKeyParameter, "g is not a unit modulo n.");
        _hTable = new(() => Backend.CreateFixedBase(H, N, RandomExponentBits, RandomizerWindowBits), LazyThreadSafetyMode.ExecutionAndPublication);
        _gTable = new(() => Backend.CreateFixedBase(G, N, 64), LazyThreadSafetyMode.ExecutionAndPublication);
        _gPowers = new(SmallPowersOfG, LazyThreadSafetyMode.PublicationOnly);
    }

    public MathBackend Backend { get; }

    public BigNumber N { get; }

    public BigNumber G { get; }

    /// <summary>g⁻¹ mod n, used to encrypt −1 and 1 − b without an inversion per use.</summary>
    public BigNumber GInverse { get; }

    public BigNumber H { get; }

    /// <summary>The plaintext modulus: a small prime (the smallest prime above 2^(l+2) for comparisons of l bits).</summary>
    public ulong U { get; }

    /// <summary>Bit length of the secret subgroup primes v_p, v_q: twice the security level.</summary>
    public int T { get; }

    public int Bits { get; }

    public int CiphertextBytes { get; }

    /// <summary>Length of the randomness exponent r: 2t bits.</summary>
    public int RandomExponentBits { get; }

    /// <summary>
    /// Validates a public key from another party: the modulus rules of <see cref="PaillierPublicKey.Create"/>, u prime
    /// and at least 2^(l+2) for the comparison length, t at least <see cref="DgkKeyPair.DefaultSubgroupBits"/>, and g, h units
    /// of Z_n other than ±1.
    /// </summary>
    public static DgkPublicKey Create(BigNumber n, BigNumber g, BigNumber h, ulong u, int t, KeySizePolicy policy)
        => TryCreate(n, g, h, u, t, policy, out var key, out var failure)
            ? key
            : throw new CryptoValidationException(failure, Describe(failure, n, t, policy));

    /// <summary><see cref="Create"/> without exceptions, for untrusted bytes (the importers).</summary>
    public static bool TryCreate(BigNumber n, BigNumber g, BigNumber h, ulong u, int t, KeySizePolicy policy, [NotNullWhen(true)] out DgkPublicKey? key, out ValidationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(n);
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(policy);
        key = null;
        if (!PaillierPublicKey.TryValidateModulus(n, policy, out failure))
        {
            return false;
        }

        var b = n.Backend;
        var minusOne = b.Subtract(n, b.One);
        var valid = ModMath.IsPrimeSmall(u) && u >= 5
            && t >= MinimumT(n, policy) && t <= n.BitLength / 4
            && IsUnitOtherThanPlusMinusOne(g) && IsUnitOtherThanPlusMinusOne(h);
        if (!valid)
        {
            failure = ValidationFailure.InvalidKeyParameter;
            return false;
        }

        key = new DgkPublicKey(n, g, h, u, t);
        return true;

        bool IsUnitOtherThanPlusMinusOne(BigNumber value) => value > b.One && value < minusOne && b.Gcd(value, n) == b.One;
    }

    private static int MinimumT(BigNumber n, KeySizePolicy policy) => policy.AllowsInsecureSizes ? 40 : DgkKeyPair.DefaultSubgroupBits(n.BitLength);

    private static string Describe(ValidationFailure failure, BigNumber n, int t, KeySizePolicy policy) => failure == ValidationFailure.InvalidKeyParameter
        ? $"A DGK key needs a prime u ≥ 5, t in [{MinimumT(n, policy)}, {n.BitLength / 4}] (t = {t}), and generators g, h that are units of Z_n other than ±1."
        : PaillierPublicKey.DescribeModulusFailure(failure, n.BitLength);

    /// <summary>Validates a ciphertext value: 0 &lt; c &lt; n and gcd(c, n) = 1. The result is plain, not fresh.</summary>
    internal bool TryImportCiphertext(BigNumber value, [NotNullWhen(true)] out DgkCiphertext? ciphertext, out ValidationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(value);
        ciphertext = CiphertextRules.TryValidate(value, N, N, out failure) ? DgkCiphertext.Derived(this, value) : null;
        return ciphertext is not null;
    }

    /// <summary>
    /// Reads a ciphertext from outside (exactly <see cref="CiphertextBytes"/> bytes, 0 &lt; c &lt; n, gcd(c, n) = 1).
    /// The result is plain: it is rerandomized before it is sent on.
    /// </summary>
    public bool TryImportCiphertext(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out DgkCiphertext? ciphertext, out ValidationFailure failure)
    {
        if (bytes.Length != CiphertextBytes)
        {
            ciphertext = null;
            failure = ValidationFailure.MalformedEncoding;
            return false;
        }

        return TryImportCiphertext(Backend.FromBigEndian(bytes), out ciphertext, out failure);
    }

    /// <summary>Encrypts m in [0, u): g^m·h^r mod n with fixed-base tables for both g and h.</summary>
    public FreshDgkCiphertext Encrypt(ulong plaintext, RandomSource random) => Encrypt(plaintext, NewRandomizer(random));

    /// <summary>Encrypts m in [0, u) with a randomizer made ahead of time (offline phase); the randomizer is used up.</summary>
    public FreshDgkCiphertext Encrypt(ulong plaintext, DgkRandomizer randomizer)
    {
        var encoded = EncodeDeterministic(plaintext);
        return FreshDgkCiphertext.Create(this, Backend.ModMultiply(encoded, Own(randomizer).Take(), N));
    }

    /// <summary>Encrypts a bit with a randomizer made ahead of time (offline phase): one multiplication, or none for 0.</summary>
    public FreshDgkCiphertext EncryptBit(bool bit, DgkRandomizer randomizer)
    {
        var r = Own(randomizer).Take();
        return FreshDgkCiphertext.Create(this, bit ? Backend.ModMultiply(G, r, N) : r);
    }

    /// <summary>g^m mod n: an encryption with randomness 0 that anyone can recompute; never leaves this type without randomness.</summary>
    private BigNumber EncodeDeterministic(ulong plaintext)
    {
        if (plaintext >= U)
        {
            throw new ArgumentOutOfRangeException(nameof(plaintext), "A DGK plaintext must be in [0, u).");
        }

        Span<byte> exponent = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(exponent, plaintext);
        return _gTable.Value.Pow(exponent);
    }

    private BigNumber[] SmallPowersOfG()
    {
        var powers = new BigNumber[SmallPowers];
        powers[0] = Backend.One;
        powers[1] = G;
        for (var m = 2; m < SmallPowers; m++)
        {
            powers[m] = Backend.ModMultiply(powers[m - 1], G, N);
        }

        return powers;
    }

    /// <summary>A fresh randomizer h^r mod n with r uniform of 2t bits, for one use.</summary>
    public DgkRandomizer NewRandomizer(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> r = stackalloc byte[(RandomExponentBits + 7) / 8];
        ModMath.FillRandomBits(r, RandomExponentBits, random);
        return new DgkRandomizer(this, _hTable.Value.Pow(r));
    }

    /// <summary>Whether the fixed-base tables of h and g are built (test-only: what <see cref="Precompute"/> does).</summary>
    internal (bool H, bool G) TablesBuilt => (_hTable.IsValueCreated, _gTable.IsValueCreated);

    /// <summary>Builds the fixed-base tables now rather than on first use.</summary>
    public void Precompute()
    {
        _ = _hTable.Value;
        _ = _gTable.Value;
    }

    /// <summary>Multiplies in fresh randomness made ahead of time; the randomizer is used up.</summary>
    public FreshDgkCiphertext Rerandomize(DgkCiphertext ciphertext, DgkRandomizer randomizer)
    {
        var value = Own(ciphertext).Value;
        return FreshDgkCiphertext.Create(this, Backend.ModMultiply(value, Own(randomizer).Take(), N));
    }

    public FreshDgkCiphertext Rerandomize(DgkCiphertext ciphertext, RandomSource random) => Rerandomize(ciphertext, NewRandomizer(random));

    /// <summary>
    /// [[a + m]] for a small signed m with |m| &lt; u: one multiplication by g^m (g, g⁻¹ and g² are kept, so the
    /// comparison's terms cost no exponentiation).
    /// </summary>
    public DgkCiphertext AddPlain(DgkCiphertext ciphertext, long plaintext)
    {
        var value = Own(ciphertext).Value;
        var factor = PlainFactor(plaintext);
        return factor is null ? ciphertext : DgkCiphertext.Derived(this, Backend.ModMultiply(value, factor, N));
    }

    /// <summary>g^m mod n for a small signed m with |m| &lt; u, or null for m = 0; the small powers come from a table.</summary>
    internal BigNumber? PlainFactor(long plaintext, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(plaintext))] string? name = null)
    {
        var magnitude = long.IsNegative(plaintext) ? (ulong)(-(plaintext + 1)) + 1 : (ulong)plaintext;
        if (magnitude >= U)
        {
            throw new ArgumentOutOfRangeException(name, "A DGK plaintext must lie in (−u, u).");
        }

        return plaintext switch
        {
            0 => null,
            -1 => GInverse,
            _ when long.IsNegative(plaintext) => Backend.ModInverse(EncodeDeterministic(magnitude), N)!,
            _ when magnitude < SmallPowers => _gPowers.Value[magnitude],
            _ => EncodeDeterministic(magnitude),
        };
    }

    /// <summary>
    /// [[−a_k]] for every a_k with a single modular inverse (<see cref="ModMath.InvertAll"/>): three multiplications
    /// per item instead of one inversion each.
    /// </summary>
    public DgkCiphertext[] NegateAll(ReadOnlySpan<DgkCiphertext> ciphertexts)
    {
        var values = new BigNumber[ciphertexts.Length];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = Own(ciphertexts[k]).Value;
        }

        var inverses = ModMath.InvertAll(Backend, values, N)
            ?? throw new CryptoValidationException(ValidationFailure.CiphertextNotUnit, "A DGK ciphertext is not invertible.");
        return Array.ConvertAll(inverses, inverse => DgkCiphertext.Derived(this, inverse));
    }

    /// <summary>A running sum [[0]] that its caller adds to in place (see <see cref="DgkAccumulator"/>).</summary>
    public DgkAccumulator NewAccumulator() => new(this, Backend.FromInt64(1));

    /// <summary>[[a + b]] = [[a]]·[[b]] mod n.</summary>
    public DgkCiphertext Add(DgkCiphertext left, DgkCiphertext right)
        => DgkCiphertext.Derived(this, Backend.ModMultiply(Own(left).Value, Own(right).Value, N));

    /// <summary>[[k·a]] = [[a]]^k mod n.</summary>
    public DgkCiphertext MultiplyPlain(DgkCiphertext ciphertext, ulong scalar)
        => DgkCiphertext.Derived(this, Backend.ModPow(Own(ciphertext).Value, Backend.FromBigInteger(scalar), N));

    /// <summary>[[−a]] = [[a]]⁻¹ mod n.</summary>
    public DgkCiphertext Negate(DgkCiphertext ciphertext)
        => DgkCiphertext.Derived(this, Backend.ModInverse(Own(ciphertext).Value, N)
            ?? throw new CryptoValidationException(ValidationFailure.CiphertextNotUnit, "The DGK ciphertext is not invertible."));

    private DgkRandomizer Own(DgkRandomizer randomizer)
    {
        ArgumentNullException.ThrowIfNull(randomizer);
        if (!ReferenceEquals(randomizer.Key, this) && !Equals(randomizer.Key))
        {
            throw new ArgumentException("The randomizer was made for another DGK key.", nameof(randomizer));
        }

        return randomizer;
    }

    /// <summary>A ciphertext of another key is the caller's mistake (ciphertexts from outside are bound to a key on import).</summary>
    internal DgkCiphertext Own(DgkCiphertext ciphertext, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(ciphertext))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(ciphertext, name);
        if (!ReferenceEquals(ciphertext.Key, this) && !Equals(ciphertext.Key))
        {
            throw new ArgumentException("The ciphertext was made under another DGK key.", name);
        }

        return ciphertext;
    }

    public bool Equals(DgkPublicKey? other)
        => other is not null && N == other.N && G == other.G && H == other.H && U == other.U && T == other.T;

    public override bool Equals(object? obj) => Equals(obj as DgkPublicKey);

    public override int GetHashCode() => N.GetHashCode();

    public static bool operator ==(DgkPublicKey? left, DgkPublicKey? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(DgkPublicKey? left, DgkPublicKey? right) => !(left == right);
}
