using System.Numerics;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Paillier;

/// <summary>
/// The factorization of n. Decryption uses the CRT method of Paillier's paper (§7): two exponentiations with the
/// secret exponents p−1 and q−1 modulo p² and q², in constant time (<c>mpz_powm_sec</c>). This object decrypts
/// only for code in the key holder's own process; no protocol layer exposes it to a remote request.
/// Dispose it when done (like NSec's <c>Key</c>): the primes and every value derived from them are zeroed in memory
/// before they are freed, and a disposed key refuses every operation with <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class PaillierPrivateKey : IDisposable
{
    private SecretLifetime _lifetime;
    private readonly MathBackend _b;
    private readonly KeySizePolicy _policy;
    private readonly BigNumber _p;
    private readonly BigNumber _q;
    private readonly BigNumber _pSquared;
    private readonly BigNumber _qSquared;
    private readonly BigNumber _pMinusOne;
    private readonly BigNumber _qMinusOne;
    private readonly BigNumber _hp;
    private readonly BigNumber _hq;
    private readonly BigNumber _qInverseModP;

    /// <summary>n reduced mod φ(p²) and φ(q²), and (q²)⁻¹ mod p²: computed once, on the first CRT encryption.</summary>
    private readonly Lazy<(BigNumber ExponentModP, BigNumber ExponentModQ, BigNumber QSquaredInverse)> _encryptionCrt;

    /// <summary>Takes ownership of <paramref name="p"/> and <paramref name="q"/>: Dispose erases them.</summary>
    internal PaillierPrivateKey(PaillierPublicKey publicKey, BigNumber p, BigNumber q, KeySizePolicy policy)
    {
        policy.EnsureSecure(publicKey.Backend);
        _policy = policy;
        _b = publicKey.Backend;
        PublicKey = publicKey;
        (_p, _q) = p > q ? (p, q) : (q, p);
        _pSquared = _b.Multiply(_p, _p);
        _qSquared = _b.Multiply(_q, _q);
        _pMinusOne = _b.Subtract(_p, _b.One);
        _qMinusOne = _b.Subtract(_q, _b.One);
        _hp = H(_p, _pSquared, _pMinusOne);
        _hq = H(_q, _qSquared, _qMinusOne);
        _qInverseModP = _b.ModInverse(_q, _p) ?? throw new ArgumentException("p and q must be distinct primes.", nameof(q));
        _encryptionCrt = new(() => (
            _b.Mod(publicKey.N, _b.Multiply(_p, _pMinusOne)),
            _b.Mod(publicKey.N, _b.Multiply(_q, _qMinusOne)),
            _b.ModInverse(_qSquared, _pSquared)!));
    }

    public PaillierPublicKey PublicKey { get; }

    /// <summary>The policy the key was made or imported under: it decides whether a seeded randomness source is refused.</summary>
    internal KeySizePolicy Policy => _policy;

    internal BigNumber P
    {
        get
        {
            _lifetime.ThrowIfDisposed(this);
            return _p;
        }
    }

    internal BigNumber Q
    {
        get
        {
            _lifetime.ThrowIfDisposed(this);
            return _q;
        }
    }

    /// <summary>Whether <see cref="Dispose"/> has erased the key.</summary>
    public bool IsDisposed => _lifetime.IsEnded;

    /// <summary>Recreates a private key from its primes, checking that they match the public key (tests and known-answer vectors).</summary>
    internal static PaillierPrivateKey Create(PaillierPublicKey publicKey, BigNumber p, BigNumber q, KeySizePolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        var b = publicKey.Backend;
        if (b.Multiply(p, q) != publicKey.N || p == q || p.BitLength != q.BitLength)
        {
            throw new CryptoValidationException(ValidationFailure.InvalidKeyParameter, "The primes do not match the public key.");
        }

        return new PaillierPrivateKey(publicKey, p, q, policy ?? KeySizePolicy.InsecureForTests);
    }

    /// <summary>The residue m in [0, n) of a ciphertext under this key.</summary>
    public BigNumber Decrypt(PaillierCiphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        _lifetime.ThrowIfDisposed(this);
        if (!ReferenceEquals(ciphertext.Key, PublicKey) && !PublicKey.Equals(ciphertext.Key))
        {
            throw new ArgumentException("The ciphertext was made under another public key.", nameof(ciphertext));
        }

        var c = ciphertext.Value;
        var mp = DecryptHalf(c, _p, _pSquared, _pMinusOne, _hp);
        var mq = DecryptHalf(c, _q, _qSquared, _qMinusOne, _hq);

        // CRT (Garner): m = mq + q·((mp − mq)·q⁻¹ mod p)
        var signedDifference = _b.Subtract(mp, mq);
        var difference = _b.Mod(signedDifference, _p);
        var lifted = _b.ModMultiply(difference, _qInverseModP, _p);
        var shifted = _b.Multiply(_q, lifted);
        var plaintext = _b.Add(mq, shifted);

        // m mod p and m mod q are residues of the secret primes, and the scratch holds an unreduced product mod p.
        _b.EraseIntermediates(mp, mq, signedDifference, difference, lifted, shifted);
        return plaintext;
    }

    /// <summary>Decrypts and decodes a signed value (see <see cref="PaillierPublicKey.Encoding"/>).</summary>
    public BigInteger DecryptSigned(PaillierCiphertext ciphertext) => PublicKey.Encoding.Decode(Decrypt(ciphertext));

    /// <summary>Encryption with the key holder's shortcut: r^n mod n² computed by CRT over p² and q².</summary>
    public FreshPaillierCiphertext EncryptWithCrt(BigNumber plaintext, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(random);
        _policy.EnsureSecure(random);
        _lifetime.ThrowIfDisposed(this);
        var crt = _encryptionCrt.Value;
        var r = ModMath.RandomUnit(_b, PublicKey.N, random);
        var rModP = _b.Mod(r, _pSquared);
        var rModQ = _b.Mod(r, _qSquared);
        var rp = _b.ModPowSecret(rModP, crt.ExponentModP, _pSquared);
        var rq = _b.ModPowSecret(rModQ, crt.ExponentModQ, _qSquared);
        var signedDifference = _b.Subtract(rp, rq);
        var difference = _b.Mod(signedDifference, _pSquared);
        var lifted = _b.ModMultiply(difference, crt.QSquaredInverse, _pSquared);
        var shifted = _b.Multiply(_qSquared, lifted);
        var rToN = _b.Add(rq, shifted);
        // Stryker disable once Statement : locals no reference leaves, and the Encrypt below overwrites the scratch: not observable
        _b.EraseIntermediates(r, rModP, rModQ, rp, rq, signedDifference, difference, lifted, shifted);
        return PublicKey.Encrypt(plaintext, new PaillierRandomizer(PublicKey, rToN));
    }

    /// <summary>Erases the primes, their squares and CRT constants, and the lazily made encryption constants.</summary>
    public void Dispose()
    {
        if (!_lifetime.TryEnd())
        {
            return;
        }

        SecretLifetime.Erase(_p, _q, _pSquared, _qSquared, _pMinusOne, _qMinusOne, _hp, _hq, _qInverseModP);
        if (_encryptionCrt.IsValueCreated)
        {
            var crt = _encryptionCrt.Value;
            SecretLifetime.Erase(crt.ExponentModP, crt.ExponentModQ, crt.QSquaredInverse);
        }

        _b.EraseScratch();
    }

    /// <summary>The lazily made CRT encryption constants, or null before the first <see cref="EncryptWithCrt"/> (test-only: their erasure).</summary>
    internal (BigNumber ExponentModP, BigNumber ExponentModQ, BigNumber QSquaredInverse)? EncryptionCrt
        => _encryptionCrt.IsValueCreated ? _encryptionCrt.Value : null;

    public override string ToString() => $"PaillierPrivateKey ({PublicKey.Bits} bits{(IsDisposed ? ", disposed" : string.Empty)})";


    /// <summary>m_p = L_p(c^(p−1) mod p²)·h_p mod p with L_p(x) = (x − 1)/p.</summary>
    private BigNumber DecryptHalf(BigNumber c, BigNumber prime, BigNumber primeSquared, BigNumber primeMinusOne, BigNumber h)
    {
        // c − (c mod p²) is a multiple of p², and x − 1 one of p: each intermediate would give the factorization away.
        var reduced = _b.Mod(c, primeSquared);
        var x = _b.ModPowSecret(reduced, primeMinusOne, primeSquared);
        var xMinusOne = _b.Subtract(x, _b.One);
        var l = _b.Divide(xMinusOne, prime);
        var half = _b.ModMultiply(l, h, prime);
        // Stryker disable once Statement : locals no reference leaves, and Decrypt erases the scratch after: not observable
        _b.EraseIntermediates(reduced, x, xMinusOne, l);
        return half;
    }

    /// <summary>h_p = L_p(g^(p−1) mod p²)⁻¹ mod p for g = n + 1.</summary>
    private BigNumber H(BigNumber prime, BigNumber primeSquared, BigNumber primeMinusOne)
    {
        var g = _b.Add(PublicKey.N, _b.One);
        // p − 1 is secret: constant-time exponentiation here too, not only in Decrypt.
        var x = _b.ModPowSecret(_b.Mod(g, primeSquared), primeMinusOne, primeSquared);
        var l = _b.Divide(_b.Subtract(x, _b.One), prime);
        // Stryker disable once String : unreachable, every caller makes or checks n = p·q, and then L_p = −(n/p) mod p is a unit
        return _b.ModInverse(l, prime) ?? throw new ArgumentException("Invalid Paillier primes.", nameof(prime));
    }
}
