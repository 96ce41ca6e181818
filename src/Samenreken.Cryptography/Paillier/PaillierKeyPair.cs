using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Paillier;

/// <summary>A freshly generated Paillier key: the private key and its public half. Disposing it disposes the private key.</summary>
public sealed class PaillierKeyPair : IDisposable
{
    private PaillierKeyPair(PaillierPrivateKey privateKey)
    {
        PrivateKey = privateKey;
    }

    public PaillierPrivateKey PrivateKey { get; }

    public PaillierPublicKey PublicKey => PrivateKey.PublicKey;

    /// <summary>Disposes the private key: its secrets are zeroed (see <see cref="PaillierPrivateKey.Dispose"/>).</summary>
    public void Dispose() => PrivateKey.Dispose();

    /// <summary>
    /// Generates n = p·q with p, q random primes of bits/2 bits each (Miller–Rabin to 2^-128), |p − q| &gt; 2^(bits/2 − 100),
    /// gcd(n, φ(n)) = 1, g = n + 1, and the DJN randomizer base h_s = (−y²)^n mod n² for a random unit y.
    /// </summary>
    public static PaillierKeyPair Generate(int bits, KeySizePolicy policy, RandomSource random, MathBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(random);
        policy.EnsureAllowed(bits);
        policy.EnsureSecure(random);
        var b = backend ?? MathBackend.Default;
        policy.EnsureSecure(b, nameof(backend));
        var one = b.One;
        while (true)
        {
            var p = ModMath.RandomPrime(b, bits / 2, random);
            var q = ModMath.RandomPrime(b, bits / 2, random);

            // Fermat factoring finds n quickly when p and q are close.
            var distance = p > q ? b.Subtract(p, q) : b.Subtract(q, p);
            if (distance.BitLength <= bits / 2 - 100)
            {
                continue;
            }

            var n = b.Multiply(p, q);
            var phi = b.Multiply(b.Subtract(p, one), b.Subtract(q, one));
            if (n.BitLength != bits || b.Gcd(n, phi) != one)
            {
                continue;
            }

            var nSquared = b.Multiply(n, n);
            var y = ModMath.RandomUnit(b, n, random);
            var minusYSquared = b.Mod(b.Subtract(nSquared, b.ModMultiply(y, y, n)), nSquared);
            var randomizerBase = b.ModPow(minusYSquared, n, nSquared);
            var publicKey = new PaillierPublicKey(n, randomizerBase);
            return new PaillierKeyPair(new PaillierPrivateKey(publicKey, p, q, policy));
        }
    }
}
