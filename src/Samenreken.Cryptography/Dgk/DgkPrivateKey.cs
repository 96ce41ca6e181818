using Samenreken.Cryptography.Math;

namespace Samenreken.Cryptography.Dgk;

/// <summary>
/// The DGK secret: p and v_p (q and v_q are kept for export only). The zero test of DGK 2007 §3:
/// c^(v_p) mod p = g_p^(m·v_p) because h_p^(v_p) = 1, and g_p^(v_p) has order u, so the result is 1 exactly when
/// m ≡ 0 (mod u). The exponent v_p is secret: constant-time exponentiation.
/// </summary>
public sealed class DgkPrivateKey
{
    private readonly MathBackend _b;
    private readonly BigNumber _gToVpModP;

    internal DgkPrivateKey(DgkPublicKey publicKey, BigNumber p, BigNumber q, BigNumber vp, BigNumber vq)
    {
        _b = publicKey.Backend;
        PublicKey = publicKey;
        P = p;
        Q = q;
        Vp = vp;
        Vq = vq;
        _gToVpModP = _b.ModPow(_b.Mod(publicKey.G, p), vp, p);
    }

    public DgkPublicKey PublicKey { get; }

    internal BigNumber P { get; }

    internal BigNumber Q { get; }

    internal BigNumber Vp { get; }

    internal BigNumber Vq { get; }

    /// <summary>Recreates a private key from its secrets, checking them against the public key.</summary>
    public static DgkPrivateKey Create(DgkPublicKey publicKey, BigNumber p, BigNumber q, BigNumber vp, BigNumber vq)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(vp);
        ArgumentNullException.ThrowIfNull(vq);
        var b = publicKey.Backend;
        var one = b.One;
        var u = b.FromBigInteger(publicKey.U);
        var consistent = b.Multiply(p, q) == publicKey.N
            && b.Mod(b.Subtract(p, one), b.Multiply(u, vp)).IsZero
            && b.Mod(b.Subtract(q, one), b.Multiply(u, vq)).IsZero
            && b.ModPow(b.Mod(publicKey.H, p), vp, p) == one
            && b.ModPow(b.Mod(publicKey.H, q), vq, q) == one;
        if (!consistent)
        {
            throw new CryptoValidationException(ValidationFailure.InvalidKeyParameter, "The DGK secrets do not match the public key.");
        }

        return new DgkPrivateKey(publicKey, p, q, vp, vq);
    }

    /// <summary>Whether the ciphertext encrypts 0 (mod u).</summary>
    public bool IsZero(DgkCiphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        if (!ReferenceEquals(ciphertext.Key, PublicKey) && !PublicKey.Equals(ciphertext.Key))
        {
            throw new CryptoValidationException(ValidationFailure.CiphertextWrongKey, "The ciphertext was made under another DGK key.");
        }

        var x = _b.ModPowSecret(_b.Mod(ciphertext.Value, P), Vp, P);
        return x == _b.One;
    }

    /// <summary>
    /// Full decryption by search, for plaintexts known to be at most <paramref name="maxPlaintext"/>: for tests and
    /// diagnostics in the key holder's process. Returns null when the plaintext is larger.
    /// </summary>
    public ulong? DecryptSmall(DgkCiphertext ciphertext, ulong maxPlaintext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var target = _b.ModPowSecret(_b.Mod(ciphertext.Value, P), Vp, P);
        var power = _b.One;
        for (ulong m = 0; m <= maxPlaintext && m < PublicKey.U; m++)
        {
            if (power == target)
            {
                return m;
            }

            power = _b.ModMultiply(power, _gToVpModP, P);
        }

        return null;
    }
}
