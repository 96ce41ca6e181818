using System.Numerics;
using Samenreken.Cryptography.Encoding;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Paillier;

/// <summary>
/// A Paillier public key n (g = n + 1) with the Damgård–Jurik–Nielsen randomizer base h_s = (−y²)^n mod n².
/// Everyone who holds it can encrypt, compute on ciphertexts and rerandomize; nothing here decrypts.
/// </summary>
/// <remarks>
/// Fast encryption (DJN 2010, §4.1 "a faster variant"): the randomness r^n mod n² is replaced by h_s^α with α of
/// 2·k bits for security level k. h_s generates (a large subgroup of) the n-th residues, and under the DCR assumption
/// plus the assumption that h_s^α with a short α is indistinguishable from a uniform n-th residue (the "small
/// exponent" assumption DJN state, also used by TNO MPC Lab and python-paillier variants), ciphertexts are
/// semantically secure. A fixed-base table for h_s makes it about 40 multiplications mod n².
/// </remarks>
public sealed class PaillierPublicKey : IEquatable<PaillierPublicKey>
{
    /// <summary>A wide window: a few MB of table buys a quarter fewer multiplications on the hottest path.</summary>
    private const int RandomizerWindowBits = 8;

    private readonly Lazy<FixedBaseExponentiation> _randomizerTable;

    internal PaillierPublicKey(BigNumber n, BigNumber randomizerBase)
    {
        Backend = n.Backend;
        N = n;
        NSquared = Backend.Multiply(n, n);
        RandomizerBase = randomizerBase;
        Bits = n.BitLength;
        ModulusBytes = (Bits + 7) / 8;
        CiphertextBytes = 2 * ModulusBytes;
        ShortExponentBits = 2 * KeySizePolicy.SecurityBits(Bits);
        Encoding = new SignedEncoding(n);
        _randomizerTable = new(() => Backend.CreateFixedBase(RandomizerBase, NSquared, ShortExponentBits, RandomizerWindowBits), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public MathBackend Backend { get; }

    public BigNumber N { get; }

    public BigNumber NSquared { get; }

    /// <summary>h_s = (−y²)^n mod n², the DJN base for short-exponent randomness.</summary>
    public BigNumber RandomizerBase { get; }

    public int Bits { get; }

    public int ModulusBytes { get; }

    public int CiphertextBytes { get; }

    /// <summary>Length of the DJN exponent α: twice the security level.</summary>
    public int ShortExponentBits { get; }

    public SignedEncoding Encoding { get; }

    /// <summary>
    /// Validates a public key received from another party: allowed size, odd, not a perfect power, no prime factor
    /// below 2^16, and a randomizer base in Z*_{n²} other than ±1.
    /// </summary>
    public static PaillierPublicKey Create(BigNumber n, BigNumber randomizerBase, KeySizePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(n);
        ArgumentNullException.ThrowIfNull(randomizerBase);
        ArgumentNullException.ThrowIfNull(policy);
        return TryCreate(n, randomizerBase, policy, out var key, out var failure)
            ? key
            : throw new CryptoValidationException(failure, Describe(failure, n.BitLength));
    }

    /// <summary><see cref="Create"/> without exceptions, for untrusted bytes (the importers).</summary>
    internal static bool TryCreate(
        BigNumber n,
        BigNumber randomizerBase,
        KeySizePolicy policy,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PaillierPublicKey? key,
        out ValidationFailure failure)
    {
        key = null;
        if (!TryValidateModulus(n, policy, out failure))
        {
            return false;
        }

        // A unit strictly between 1 and n² − 1: h_s = ±1 would make every DJN randomizer ±1, and rerandomization would
        // hide nothing from the key's owner.
        var b = n.Backend;
        var nSquared = b.Multiply(n, n);
        if (randomizerBase <= b.One || randomizerBase >= b.Subtract(nSquared, b.One) || b.Gcd(randomizerBase, n) != b.One)
        {
            failure = ValidationFailure.InvalidKeyParameter;
            return false;
        }

        key = new PaillierPublicKey(n, randomizerBase);
        return true;
    }

    /// <summary>The modulus checks shared by Paillier and DGK public keys.</summary>
    internal static void ValidateModulus(BigNumber n, KeySizePolicy policy)
    {
        if (!TryValidateModulus(n, policy, out var failure))
        {
            throw new CryptoValidationException(failure, Describe(failure, n.BitLength));
        }
    }

    internal static bool TryValidateModulus(BigNumber n, KeySizePolicy policy, out ValidationFailure failure)
    {
        var reason = !policy.IsAllowed(n.BitLength) ? ValidationFailure.KeySizeNotAllowed
            : !n.IsOdd ? ValidationFailure.ModulusEven
            : n.Backend.IsPerfectPower(n) ? ValidationFailure.ModulusPerfectPower
            : ModMath.HasSmallFactor(n.Backend, n) ? ValidationFailure.ModulusSmallFactor
            : ModMath.IsProbablePrime(n.Backend, n, RandomSource.Secure) ? ValidationFailure.ModulusPrime // one round for a composite
            : (ValidationFailure?)null;

        // ValidationFailure's default is KeySizeNotAllowed: success is the return value, never failure == default.
        failure = reason.GetValueOrDefault();
        return reason is null;
    }

    internal static string DescribeModulusFailure(ValidationFailure failure, int bits) => Describe(failure, bits);

    private static string Describe(ValidationFailure failure, int bits) => failure switch
    {
        ValidationFailure.KeySizeNotAllowed => $"A {bits}-bit modulus is not allowed; use 3072 (default), 2048 or 4096 bits.",
        ValidationFailure.ModulusEven => "The modulus is even.",
        ValidationFailure.ModulusPerfectPower => "The modulus is a perfect power.",
        ValidationFailure.ModulusSmallFactor => "The modulus has a prime factor below 2^16; such a key lets its owner extract the other party's secrets.",
        ValidationFailure.ModulusPrime => "The modulus is prime; a Paillier or DGK modulus is a product of two primes.",
        _ => "The DJN randomizer base must be a unit of Z_{n²} other than ±1.",
    };

    /// <summary>Validates a ciphertext value: 0 &lt; c &lt; n² and gcd(c, n) = 1. The result is plain, not fresh.</summary>
    internal PaillierCiphertext ImportCiphertext(BigNumber value)
    {
        if (!TryImportCiphertext(value, out var ciphertext, out var failure))
        {
            throw new CryptoValidationException(failure, failure == ValidationFailure.CiphertextOutOfRange
                ? "The ciphertext is not in the range 0 < c < n²."
                : "The ciphertext is not a unit modulo n (gcd(c, n) ≠ 1).");
        }

        return ciphertext;
    }

    internal bool TryImportCiphertext(BigNumber value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PaillierCiphertext? ciphertext, out ValidationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(value);
        ciphertext = CiphertextRules.TryValidate(value, NSquared, N, out failure) ? PaillierCiphertext.Derived(this, value) : null;
        return ciphertext is not null;
    }

    /// <summary>
    /// Reads a ciphertext from outside: exactly <see cref="CiphertextBytes"/> big-endian bytes, 0 &lt; c &lt; n² and
    /// gcd(c, n) = 1. The result is a plain <see cref="PaillierCiphertext"/>: someone else chose its randomness, so it
    /// is rerandomized before it is sent on.
    /// </summary>
    public bool TryImportCiphertext(ReadOnlySpan<byte> bytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PaillierCiphertext? ciphertext, out ValidationFailure failure)
    {
        if (bytes.Length != CiphertextBytes)
        {
            ciphertext = null;
            failure = ValidationFailure.MalformedEncoding;
            return false;
        }

        return TryImportCiphertext(Backend.FromBigEndian(bytes), out ciphertext, out failure);
    }

    /// <summary>Encrypts a residue m in [0, n) with DJN short-exponent randomness (the fast path).</summary>
    public FreshPaillierCiphertext Encrypt(BigNumber plaintext, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return Encrypt(plaintext, NewRandomizer(random));
    }

    /// <summary>Encrypts a signed integer through <see cref="Encoding"/> (fast path).</summary>
    public FreshPaillierCiphertext Encrypt(BigInteger value, RandomSource random) => Encrypt(Encoding.Encode(value), random);

    /// <summary>Encrypts a residue m in [0, n) with a randomizer made ahead of time (offline phase); the randomizer is used up.</summary>
    public FreshPaillierCiphertext Encrypt(BigNumber plaintext, PaillierRandomizer randomizer)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return FreshPaillierCiphertext.Create(this, Backend.ModMultiply(EncryptDeterministic(plaintext), Own(randomizer).Take(), NSquared));
    }

    /// <summary>Encrypts a signed integer through <see cref="Encoding"/> with a randomizer made ahead of time.</summary>
    public FreshPaillierCiphertext Encrypt(BigInteger value, PaillierRandomizer randomizer) => Encrypt(Encoding.Encode(value), randomizer);

    /// <summary>Textbook encryption (1 + m·n)·r^n mod n² with r uniform in Z*_n: one full exponentiation.</summary>
    public FreshPaillierCiphertext EncryptWithFullRandomness(BigNumber plaintext, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(random);
        var r = ModMath.RandomUnit(Backend, N, random);
        return Encrypt(plaintext, new PaillierRandomizer(this, Backend.ModPow(r, N, NSquared)));
    }

    /// <summary>
    /// (1 + m·n) mod n²: an encryption with randomness 1. Anyone can recompute it from m, so it never leaves this
    /// type except multiplied by a randomizer or folded into a homomorphic result.
    /// </summary>
    private BigNumber EncryptDeterministic(BigNumber plaintext)
    {
        if (plaintext.Sign < 0 || plaintext >= N)
        {
            throw new ArgumentOutOfRangeException(nameof(plaintext), "A Paillier plaintext residue must be in [0, n).");
        }

        return Backend.Add(Backend.Multiply(plaintext, N), Backend.One);
    }

    /// <summary>A fresh randomizer h_s^α mod n² (α uniform of <see cref="ShortExponentBits"/> bits), for one use.</summary>
    public PaillierRandomizer NewRandomizer(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> alpha = stackalloc byte[(ShortExponentBits + 7) / 8];
        ModMath.FillRandomBits(alpha, ShortExponentBits, random);
        return new PaillierRandomizer(this, _randomizerTable.Value.Pow(alpha));
    }

    /// <summary>Builds the fixed-base table now rather than on the first encryption.</summary>
    public void Precompute() => _ = _randomizerTable.Value;

    /// <summary>Multiplies in fresh randomness: same plaintext, unlinkable ciphertext.</summary>
    public FreshPaillierCiphertext Rerandomize(PaillierCiphertext ciphertext, RandomSource random) => Rerandomize(ciphertext, NewRandomizer(random));

    /// <summary>Rerandomizes with a randomizer computed ahead of time (an offline phase); the randomizer is used up.</summary>
    public FreshPaillierCiphertext Rerandomize(PaillierCiphertext ciphertext, PaillierRandomizer randomizer)
    {
        var value = Own(ciphertext).Value;
        return FreshPaillierCiphertext.Create(this, Backend.ModMultiply(value, Own(randomizer).Take(), NSquared));
    }

    /// <summary>
    /// [Σ_k m_k·2^(w·k)] for the ciphertexts [m_0], [m_1], … by Horner's rule (w squarings per item): packs several
    /// small plaintexts into one, so the key holder decrypts once for all of them.
    /// </summary>
    public PaillierCiphertext Pack(ReadOnlySpan<PaillierCiphertext> items, int slotBits)
    {
        if (items.IsEmpty)
        {
            throw new ArgumentException("Nothing to pack.", nameof(items));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(slotBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)slotBits * items.Length, Bits - 1, nameof(slotBits));
        var shift = Backend.ShiftLeft(Backend.One, slotBits);

        // A copy of its own (c mod n² = c) that Horner's rule then overwrites step by step: nothing allocated per item.
        var accumulator = Backend.Mod(Own(items[^1]).Value, NSquared);
        for (var k = items.Length - 2; k >= 0; k--)
        {
            accumulator = Backend.ModPowInPlace(accumulator, shift, NSquared);
            accumulator = Backend.ModMultiplyInPlace(accumulator, Own(items[k]).Value, NSquared);
        }

        return PaillierCiphertext.Derived(this, accumulator);
    }

    /// <summary>
    /// [Σ_k (a_k − b_k)·2^(w·k)]: <see cref="Pack"/> of the differences without making them as ciphertexts first. The
    /// b_k are negated with a single modular inverse (<see cref="ModMath.InvertAll"/>), and each difference is folded
    /// into Horner's accumulator and freed at once: w squarings and four multiplications per item, and nothing left for
    /// the finalizer.
    /// </summary>
    public PaillierCiphertext PackDifferences(ReadOnlySpan<PaillierCiphertext> minuends, ReadOnlySpan<PaillierCiphertext> subtrahends, int slotBits)
    {
        if (minuends.IsEmpty)
        {
            throw new ArgumentException("Nothing to pack.", nameof(minuends));
        }

        ArgumentOutOfRangeException.ThrowIfNotEqual(subtrahends.Length, minuends.Length, nameof(subtrahends));
        ArgumentOutOfRangeException.ThrowIfLessThan(slotBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)slotBits * minuends.Length, Bits - 1, nameof(slotBits));
        var subtracted = new BigNumber[subtrahends.Length];
        for (var k = 0; k < subtracted.Length; k++)
        {
            Own(minuends[k], nameof(minuends));
            subtracted[k] = Own(subtrahends[k], nameof(subtrahends)).Value;
        }

        var negated = ModMath.InvertAll(Backend, subtracted, NSquared)
            ?? throw new CryptoValidationException(ValidationFailure.CiphertextNotUnit, "A ciphertext is not invertible modulo n².");
        var shift = Backend.ShiftLeft(Backend.One, slotBits);

        // The differences [a_k − b_k] overwrite the inverses, which are ours.
        var accumulator = Backend.ModMultiplyInPlace(negated[^1], minuends[^1].Value, NSquared);
        for (var k = minuends.Length - 2; k >= 0; k--)
        {
            var difference = Backend.ModMultiplyInPlace(negated[k], minuends[k].Value, NSquared);
            accumulator = Backend.ModPowInPlace(accumulator, shift, NSquared);
            accumulator = Backend.ModMultiplyInPlace(accumulator, difference, NSquared);
            // Stryker disable once Statement : frees a local at once rather than in the finalizer; nothing can observe it
            Backend.EraseIntermediate(difference);
        }

        return PaillierCiphertext.Derived(this, accumulator);
    }

    /// <summary>[a + b] = [a]·[b] mod n².</summary>
    public PaillierCiphertext Add(PaillierCiphertext left, PaillierCiphertext right)
        => PaillierCiphertext.Derived(this, Backend.ModMultiply(Own(left).Value, Own(right).Value, NSquared));

    /// <summary>[a + m] = [a]·(1 + m·n) mod n² for a residue m.</summary>
    public PaillierCiphertext AddPlain(PaillierCiphertext ciphertext, BigNumber plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return PaillierCiphertext.Derived(this, Backend.ModMultiply(Own(ciphertext).Value, EncryptDeterministic(plaintext), NSquared));
    }

    public PaillierCiphertext AddPlain(PaillierCiphertext ciphertext, BigInteger value) => AddPlain(ciphertext, Encoding.Encode(value));

    /// <summary>[k·a] = [a]^k mod n² for a residue k in [0, n).</summary>
    public PaillierCiphertext MultiplyPlain(PaillierCiphertext ciphertext, BigNumber scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        if (scalar.Sign < 0 || scalar >= N)
        {
            throw new ArgumentOutOfRangeException(nameof(scalar), "A scalar residue must be in [0, n).");
        }

        return PaillierCiphertext.Derived(this, Backend.ModPow(Own(ciphertext).Value, scalar, NSquared));
    }

    /// <summary>[k·a] for a signed k: a negative k uses the inverse, so the exponent stays |k| (cheap for small k).</summary>
    public PaillierCiphertext MultiplyPlain(PaillierCiphertext ciphertext, BigInteger scalar)
    {
        var magnitude = Backend.FromBigInteger(BigInteger.Abs(scalar));
        var product = MultiplyPlain(ciphertext, magnitude);
        return BigInteger.IsNegative(scalar) ? Negate(product) : product;
    }

    /// <summary>[−a] = [a]^−1 mod n².</summary>
    public PaillierCiphertext Negate(PaillierCiphertext ciphertext)
        => PaillierCiphertext.Derived(this, Backend.ModInverse(Own(ciphertext).Value, NSquared)
            ?? throw new CryptoValidationException(ValidationFailure.CiphertextNotUnit, "The ciphertext is not invertible modulo n²."));

    /// <summary>[a − b] = [a]·[b]^−1 mod n².</summary>
    public PaillierCiphertext Subtract(PaillierCiphertext left, PaillierCiphertext right) => Add(left, Negate(right));

    private PaillierRandomizer Own(PaillierRandomizer randomizer)
    {
        ArgumentNullException.ThrowIfNull(randomizer);
        if (!ReferenceEquals(randomizer.Key, this) && !Equals(randomizer.Key))
        {
            throw new ArgumentException("The randomizer was made for another public key.", nameof(randomizer));
        }

        return randomizer;
    }

    /// <summary>A ciphertext of another key is the caller's mistake (ciphertexts from outside are bound to a key on import).</summary>
    private PaillierCiphertext Own(PaillierCiphertext ciphertext, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(ciphertext))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(ciphertext, name);
        if (!ReferenceEquals(ciphertext.Key, this) && !Equals(ciphertext.Key))
        {
            throw new ArgumentException("The ciphertext was made under another public key.", name);
        }

        return ciphertext;
    }

    public bool Equals(PaillierPublicKey? other) => other is not null && N == other.N && RandomizerBase == other.RandomizerBase;

    public override bool Equals(object? obj) => Equals(obj as PaillierPublicKey);

    public override int GetHashCode() => N.GetHashCode();

    public static bool operator ==(PaillierPublicKey? left, PaillierPublicKey? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(PaillierPublicKey? left, PaillierPublicKey? right) => !(left == right);
}
