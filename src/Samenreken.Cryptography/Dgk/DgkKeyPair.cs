using System.Numerics;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Dgk;

/// <summary>A freshly generated DGK key. Disposing it disposes the private key.</summary>
public sealed class DgkKeyPair : IDisposable
{
    private DgkKeyPair(DgkPrivateKey privateKey)
    {
        PrivateKey = privateKey;
    }

    public DgkPrivateKey PrivateKey { get; }

    public DgkPublicKey PublicKey => PrivateKey.PublicKey;

    /// <summary>Disposes the private key: its secrets are zeroed (see <see cref="DgkPrivateKey.Dispose"/>).</summary>
    public void Dispose() => PrivateKey.Dispose();

    /// <summary>The plaintext prime for comparisons of <paramref name="comparisonBits"/> bits: the smallest prime above 2^(l+2).</summary>
    public static ulong PlaintextPrimeFor(int comparisonBits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(comparisonBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(comparisonBits, 58);
        return ModMath.NextPrime(1UL << (comparisonBits + 2));
    }

    /// <summary>The subgroup size t for a modulus: 160 at 2048 bits (the value TNO and the DGK paper use), twice the security level from 3072 bits (256).</summary>
    public static int DefaultSubgroupBits(int modulusBits) => modulusBits switch
    {
        >= 3072 => 2 * KeySizePolicy.SecurityBits(modulusBits),
        >= 2048 => 160,
        _ => 80,
    };

    /// <summary>
    /// Generates p = 2·u·v_p·k_p + 1 and q = 2·u·v_q·k_q + 1 (v_p, v_q random t-bit primes), g of order u·v_p·v_q
    /// and h of order v_p·v_q, each built per prime and joined by the CRT (DGK 2007, key generation).
    /// </summary>
    public static DgkKeyPair Generate(int bits, int comparisonBits, int t, KeySizePolicy policy, RandomSource random, MathBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(random);
        policy.EnsureAllowed(bits);
        policy.EnsureSecure(random);
        var b = backend ?? MathBackend.Default;
        policy.EnsureSecure(b, nameof(backend));
        var u = PlaintextPrimeFor(comparisonBits);
        if (t + BitOperations.Log2(u) + 12 > bits / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(t), "t and u leave no room in a prime of half the modulus size.");
        }

        var uNumber = b.FromBigInteger(u);
        while (true)
        {
            var vp = ModMath.RandomPrime(b, t, random);
            var vq = ModMath.RandomPrime(b, t, random);
            if (vp == vq)
            {
                continue;
            }

            var p = StructuredPrime(b, bits / 2, b.Multiply(uNumber, vp), random);
            var q = StructuredPrime(b, bits / 2, b.Multiply(uNumber, vq), random);
            var n = b.Multiply(p, q);
            if (p == q || n.BitLength != bits)
            {
                continue;
            }

            var gp = ElementOfOrder(b, p, uNumber, vp, random);
            var gq = ElementOfOrder(b, q, uNumber, vq, random);
            var hp = ElementOfOrder(b, p, null, vp, random);
            var hq = ElementOfOrder(b, q, null, vq, random);
            var g = Crt(b, gp, p, gq, q);
            var h = Crt(b, hp, p, hq, q);
            var publicKey = new DgkPublicKey(n, g, h, u, t);
            return new DgkKeyPair(new DgkPrivateKey(publicKey, p, q, vp, vq, policy));
        }
    }

    /// <summary>A prime 2·f·k + 1 of exactly <paramref name="bits"/> bits with its top two bits set.</summary>
    private static BigNumber StructuredPrime(MathBackend b, int bits, BigNumber factor, RandomSource random)
    {
        var twoF = b.ShiftLeft(factor, 1);
        var kBits = bits - twoF.BitLength;
        var threeQuarters = b.ShiftLeft(b.FromInt64(3), bits - 2);
        var limit = b.ShiftLeft(b.One, bits);
        while (true)
        {
            var k = b.Add(ModMath.RandomBits(b, kBits, random), b.ShiftLeft(b.One, kBits));
            var candidate = b.Add(b.Multiply(twoF, k), b.One);
            if (candidate < threeQuarters || candidate >= limit)
            {
                continue;
            }

            if (ModMath.IsProbablePrime(b, candidate, random))
            {
                return candidate;
            }
        }
    }

    /// <summary>An element of Z*_p of order exactly u·v (u may be absent): x^((p−1)/(u·v)) checked against each prime factor of the order.</summary>
    private static BigNumber ElementOfOrder(MathBackend b, BigNumber p, BigNumber? u, BigNumber v, RandomSource random)
    {
        var one = b.One;
        var order = u is null ? v : b.Multiply(u, v);
        var cofactor = b.Divide(b.Subtract(p, one), order);
        while (true)
        {
            // The cofactor and v are secret (they reveal the structure of p − 1): constant-time exponentiation.
            var candidate = b.ModPowSecret(ModMath.RandomUnit(b, p, random), cofactor, p);

            // The order divides u·v (both prime); it is exactly u·v when neither candidate^u nor candidate^v is 1.
            var hasFullOrder = u is null
                ? candidate != one
                : b.ModPow(candidate, u, p) != one && b.ModPowSecret(candidate, v, p) != one;
            if (hasFullOrder)
            {
                return candidate;
            }
        }
    }

    /// <summary>The x mod p·q with x ≡ a (mod p) and x ≡ c (mod q).</summary>
    private static BigNumber Crt(MathBackend b, BigNumber a, BigNumber p, BigNumber c, BigNumber q)
    {
        var qInverse = b.ModInverse(q, p)!;
        var difference = b.Mod(b.Subtract(a, c), p);
        return b.Add(c, b.Multiply(q, b.ModMultiply(difference, qInverse, p)));
    }
}
