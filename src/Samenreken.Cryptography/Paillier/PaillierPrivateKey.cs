using System.Numerics;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Paillier;

/// <summary>
/// The factorization of n. Decryption uses the CRT method of Paillier's paper (§7): two exponentiations with the
/// secret exponents p−1 and q−1 modulo p² and q², in constant time (<c>mpz_powm_sec</c>). This object decrypts
/// only for code in the key holder's own process; no protocol layer exposes it to a remote request.
/// </summary>
public sealed class PaillierPrivateKey
{
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

    internal BigNumber P => _p;

    internal BigNumber Q => _q;

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
        if (!ReferenceEquals(ciphertext.Key, PublicKey) && !PublicKey.Equals(ciphertext.Key))
        {
            throw new ArgumentException("The ciphertext was made under another public key.", nameof(ciphertext));
        }

        var c = ciphertext.Value;
        var mp = DecryptHalf(c, _p, _pSquared, _pMinusOne, _hp);
        var mq = DecryptHalf(c, _q, _qSquared, _qMinusOne, _hq);

        // CRT (Garner): m = mq + q·((mp − mq)·q⁻¹ mod p)
        var difference = _b.Mod(_b.Subtract(mp, mq), _p);
        return _b.Add(mq, _b.Multiply(_q, _b.ModMultiply(difference, _qInverseModP, _p)));
    }

    /// <summary>Decrypts and decodes a signed value (see <see cref="PaillierPublicKey.Encoding"/>).</summary>
    public BigInteger DecryptSigned(PaillierCiphertext ciphertext) => PublicKey.Encoding.Decode(Decrypt(ciphertext));

    /// <summary>Encryption with the key holder's shortcut: r^n mod n² computed by CRT over p² and q².</summary>
    public FreshPaillierCiphertext EncryptWithCrt(BigNumber plaintext, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(random);
        _policy.EnsureSecure(random);
        var crt = _encryptionCrt.Value;
        var r = ModMath.RandomUnit(_b, PublicKey.N, random);
        var rp = _b.ModPowSecret(_b.Mod(r, _pSquared), crt.ExponentModP, _pSquared);
        var rq = _b.ModPowSecret(_b.Mod(r, _qSquared), crt.ExponentModQ, _qSquared);
        var rToN = _b.Add(rq, _b.Multiply(_qSquared, _b.ModMultiply(_b.Mod(_b.Subtract(rp, rq), _pSquared), crt.QSquaredInverse, _pSquared)));
        return PublicKey.Encrypt(plaintext, new PaillierRandomizer(PublicKey, rToN));
    }

    /// <summary>m_p = L_p(c^(p−1) mod p²)·h_p mod p with L_p(x) = (x − 1)/p.</summary>
    private BigNumber DecryptHalf(BigNumber c, BigNumber prime, BigNumber primeSquared, BigNumber primeMinusOne, BigNumber h)
    {
        var x = _b.ModPowSecret(_b.Mod(c, primeSquared), primeMinusOne, primeSquared);
        var l = _b.Divide(_b.Subtract(x, _b.One), prime);
        return _b.ModMultiply(l, h, prime);
    }

    /// <summary>h_p = L_p(g^(p−1) mod p²)⁻¹ mod p for g = n + 1.</summary>
    private BigNumber H(BigNumber prime, BigNumber primeSquared, BigNumber primeMinusOne)
    {
        var g = _b.Add(PublicKey.N, _b.One);
        // p − 1 is secret: constant-time exponentiation here too, not only in Decrypt.
        var x = _b.ModPowSecret(_b.Mod(g, primeSquared), primeMinusOne, primeSquared);
        var l = _b.Divide(_b.Subtract(x, _b.One), prime);
        return _b.ModInverse(l, prime) ?? throw new ArgumentException("Invalid Paillier primes.", nameof(prime));
    }
}
