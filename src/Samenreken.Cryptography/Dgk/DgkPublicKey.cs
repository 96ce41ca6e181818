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
    {
        ArgumentNullException.ThrowIfNull(n);
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(policy);
        PaillierPublicKey.ValidateModulus(n, policy);
        if (!ModMath.IsPrimeSmall(u) || u < 5)
        {
            throw new CryptoValidationException(ValidationFailure.InvalidKeyParameter, "The DGK plaintext modulus u must be a prime.");
        }

        var minimumT = policy.AllowsInsecureSizes ? 40 : DgkKeyPair.DefaultSubgroupBits(n.BitLength);
        if (t < minimumT || t > n.BitLength / 4)
        {
            throw new CryptoValidationException(ValidationFailure.InvalidKeyParameter, $"The DGK subgroup size t = {t} is outside [{minimumT}, {n.BitLength / 4}].");
        }

        var b = n.Backend;
        var minusOne = b.Subtract(n, b.One);
        foreach (var (value, name) in new[] { (g, "g"), (h, "h") })
        {
            if (value.Sign <= 0 || value >= n || value == b.One || value == minusOne || b.Gcd(value, n) != b.One)
            {
                throw new CryptoValidationException(ValidationFailure.InvalidKeyParameter, $"The DGK generator {name} must be a unit of Z_n other than ±1.");
            }
        }

        return new DgkPublicKey(n, g, h, u, t);
    }

    /// <summary>Validates a ciphertext from outside: 0 &lt; c &lt; n and gcd(c, n) = 1.</summary>
    public bool TryImportCiphertext(BigNumber value, [NotNullWhen(true)] out FreshDgkCiphertext? ciphertext, out ValidationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(value);
        ciphertext = CiphertextRules.TryValidate(value, N, N, out failure) ? FreshDgkCiphertext.Create(this, value) : null;
        return ciphertext is not null;
    }

    public bool TryImportCiphertext(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out FreshDgkCiphertext? ciphertext, out ValidationFailure failure)
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
    public FreshDgkCiphertext Encrypt(ulong plaintext, RandomSource random)
        => FreshDgkCiphertext.Create(this, Backend.ModMultiply(UnsafeEncodeDeterministic(plaintext), NewRandomizer(random), N));

    /// <summary>Encrypts a bit using a randomizer h^r computed ahead of time (offline phase); each randomizer once.</summary>
    public FreshDgkCiphertext EncryptBit(bool bit, BigNumber randomizer)
        => FreshDgkCiphertext.Create(this, bit ? Backend.ModMultiply(G, randomizer, N) : randomizer);

    /// <summary>g^m mod n: an encryption with randomness 0 that anyone can recompute; never sent before rerandomization.</summary>
    internal BigNumber UnsafeEncodeDeterministic(ulong plaintext)
    {
        if (plaintext >= U)
        {
            throw new CryptoValidationException(ValidationFailure.PlaintextOutOfRange, "A DGK plaintext must be in [0, u).");
        }

        Span<byte> exponent = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(exponent, plaintext);
        return _gTable.Value.Pow(exponent);
    }

    /// <summary>A fresh randomizer h^r mod n with r uniform of 2t bits.</summary>
    public BigNumber NewRandomizer(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> r = stackalloc byte[(RandomExponentBits + 7) / 8];
        ModMath.FillRandomBits(r, RandomExponentBits, random);
        return _hTable.Value.Pow(r);
    }

    /// <summary>Builds the fixed-base tables now rather than on first use.</summary>
    public void Precompute()
    {
        _ = _hTable.Value;
        _ = _gTable.Value;
    }

    public FreshDgkCiphertext Rerandomize(DgkCiphertext ciphertext, BigNumber randomizer)
        => FreshDgkCiphertext.Create(this, Backend.ModMultiply(Own(ciphertext).Value, randomizer, N));

    public FreshDgkCiphertext Rerandomize(DgkCiphertext ciphertext, RandomSource random) => Rerandomize(ciphertext, NewRandomizer(random));

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

    private DgkCiphertext Own(DgkCiphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        if (!ReferenceEquals(ciphertext.Key, this) && !Equals(ciphertext.Key))
        {
            throw new CryptoValidationException(ValidationFailure.CiphertextWrongKey, "The ciphertext was made under another DGK key.");
        }

        return ciphertext;
    }

    public bool Equals(DgkPublicKey? other)
        => other is not null && N == other.N && G == other.G && H == other.H && U == other.U && T == other.T;

    public override bool Equals(object? obj) => Equals(obj as DgkPublicKey);

    public override int GetHashCode() => N.GetHashCode();
}
