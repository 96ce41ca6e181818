using System.Buffers.Binary;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Math;

/// <summary>
/// Sampling and primality on top of a <see cref="MathBackend"/>: uniform sampling by mask-and-reject,
/// Miller–Rabin with random bases, random primes. Backend-independent, so both backends produce the same
/// numbers from the same random bytes.
/// </summary>
internal static class ModMath
{
    /// <summary>Miller–Rabin rounds: error ≤ 4^-64 = 2^-128 even for adversarially chosen candidates.</summary>
    public const int MillerRabinRounds = 64;

    private static readonly Lazy<uint[]> s_smallPrimes = new(() => SievePrimes(1 << 16));

    /// <summary>All primes below 2^16, for trial division.</summary>
    public static ReadOnlySpan<uint> SmallPrimes => s_smallPrimes.Value;

    /// <summary>Uniform in [0, 2^bits).</summary>
    public static BigNumber RandomBits(MathBackend backend, int bits, RandomSource random)
    {
        Span<byte> bytes = bits <= 8192 ? stackalloc byte[(bits + 7) / 8] : new byte[(bits + 7) / 8];
        FillRandomBits(bytes, bits, random);
        return backend.FromBigEndian(bytes);
    }

    /// <summary>Fills a big-endian buffer with a uniform number of at most <paramref name="bits"/> bits.</summary>
    public static void FillRandomBits(Span<byte> bigEndian, int bits, RandomSource random)
    {
        random.Fill(bigEndian);
        var excess = bigEndian.Length * 8 - bits;
        for (var i = 0; i < excess / 8; i++)
        {
            bigEndian[i] = 0;
        }

        if (excess % 8 != 0)
        {
            bigEndian[excess / 8] &= (byte)(0xFF >> (excess % 8));
        }
    }

    /// <summary>Uniform in [0, bound) by mask-and-reject (no modulo bias).</summary>
    public static BigNumber RandomBelow(MathBackend backend, BigNumber bound, RandomSource random)
    {
        if (bound.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), "The bound must be positive.");
        }

        while (true)
        {
            var candidate = RandomBits(backend, bound.BitLength, random);
            if (candidate < bound)
            {
                return candidate;
            }
        }
    }

    /// <summary>Uniform in [1, bound) and coprime to bound: an element of the unit group Z_bound^*.</summary>
    public static BigNumber RandomUnit(MathBackend backend, BigNumber bound, RandomSource random)
    {
        while (true)
        {
            var candidate = RandomBelow(backend, bound, random);
            if (!candidate.IsZero && backend.Gcd(candidate, bound) == backend.One)
            {
                return candidate;
            }
        }
    }

    /// <summary>Uniform in [0, bound) for a small bound, by rejection.</summary>
    public static ulong RandomBelow(ulong bound, RandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var mask = ulong.MaxValue >> System.Numerics.BitOperations.LeadingZeroCount(bound);
        Span<byte> bytes = stackalloc byte[8];
        while (true)
        {
            random.Fill(bytes);
            var candidate = BinaryPrimitives.ReadUInt64LittleEndian(bytes) & mask;
            if (candidate < bound)
            {
                return candidate;
            }
        }
    }

    /// <summary>
    /// a_k⁻¹ mod m for every a_k with a single modular inverse (Montgomery's simultaneous inversion): with prefix
    /// products P_k = Π_(j≤k) a_j, a_k⁻¹ = P_k⁻¹·P_(k−1) and P_(k−1)⁻¹ = P_k⁻¹·a_k, three multiplications per value
    /// instead of an inversion each. The inverses are new numbers the caller owns; the prefix products are freed here.
    /// Null when some a_k is not a unit (exactly when their product is not).
    /// </summary>
    public static BigNumber[]? InvertAll(MathBackend backend, ReadOnlySpan<BigNumber> values, BigNumber modulus)
    {
        var inverses = new BigNumber[values.Length];
        if (values.IsEmpty)
        {
            return inverses;
        }

        var prefix = new BigNumber[values.Length];
        prefix[0] = values[0];
        for (var k = 1; k < prefix.Length; k++)
        {
            prefix[k] = backend.ModMultiply(prefix[k - 1], values[k], modulus);
        }

        var inverse = backend.ModInverse(prefix[^1], modulus);
        for (var k = prefix.Length - 1; k >= 1; k--)
        {
            if (inverse is not null)
            {
                inverses[k] = backend.ModMultiply(inverse, prefix[k - 1], modulus);
                inverse = backend.ModMultiplyInPlace(inverse, values[k], modulus);
            }

            backend.EraseIntermediate(prefix[k]); // ours; prefix[0] is the caller's a_0
        }

        if (inverse is null)
        {
            return null;
        }

        inverses[0] = inverse;
        return inverses;
    }

    /// <summary>Whether <paramref name="value"/> has a prime factor below <paramref name="limit"/> (≤ 2^16) other than itself.</summary>
    public static bool HasSmallFactor(MathBackend backend, BigNumber value, uint limit = 1 << 16)
    {
        foreach (var prime in SmallPrimes)
        {
            if (prime >= limit)
            {
                break;
            }

            if (backend.ModSmall(value, prime) == 0)
            {
                return value.BitLength > 17 || value.ToBigInteger() != prime;
            }
        }

        return false;
    }

    /// <summary>Trial division by small primes, then Miller–Rabin with uniformly random bases.</summary>
    public static bool IsProbablePrime(MathBackend backend, BigNumber candidate, RandomSource random, int rounds = MillerRabinRounds)
    {
        if (candidate.BitLength <= 16)
        {
            var small = (uint)candidate.ToBigInteger();
            return SmallPrimes.BinarySearch(small) >= 0;
        }

        if (!candidate.IsOdd || HasSmallFactor(backend, candidate, 1 << 12))
        {
            return false;
        }

        var one = backend.One;
        var minusOne = backend.Subtract(candidate, one);
        var s = 0;
        while (!backend.TestBit(minusOne, s))
        {
            s++;
        }

        var d = backend.ShiftRight(minusOne, s);
        var three = backend.FromInt64(3);
        var baseRange = backend.Subtract(candidate, three);
        for (var round = 0; round < rounds; round++)
        {
            // a uniform in [2, candidate - 2]
            var a = backend.Add(RandomBelow(backend, baseRange, random), backend.FromInt64(2));
            var x = backend.ModPow(a, d, candidate);
            if (x == one || x == minusOne)
            {
                continue;
            }

            var witness = true;
            for (var i = 1; i < s && witness; i++)
            {
                x = backend.ModMultiply(x, x, candidate);
                if (x == minusOne)
                {
                    witness = false;
                }
            }

            if (witness)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A random prime of exactly <paramref name="bits"/> bits with the top two bits set, so a product of two has exactly 2·bits bits.</summary>
    public static BigNumber RandomPrime(MathBackend backend, int bits, RandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 16);
        var bytes = new byte[(bits + 7) / 8];
        while (true)
        {
            FillRandomBits(bytes, bits, random);
            SetBit(bytes, bits - 1);
            SetBit(bytes, bits - 2);
            bytes[^1] |= 1;
            var candidate = backend.FromBigEndian(bytes);
            if (IsProbablePrime(backend, candidate, random))
            {
                return candidate;
            }
        }
    }

    /// <summary>The smallest prime strictly greater than <paramref name="value"/> (deterministic, used for public parameters).</summary>
    public static ulong NextPrime(ulong value)
    {
        for (var candidate = value + 1; ; candidate++)
        {
            if (IsPrimeSmall(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Deterministic Miller–Rabin for 64-bit numbers (bases proven sufficient below 2^64).</summary>
    public static bool IsPrimeSmall(ulong n)
    {
        if (n < 2)
        {
            return false;
        }

        foreach (ulong p in (ReadOnlySpan<ulong>)[2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37])
        {
            if (n % p == 0)
            {
                return n == p;
            }
        }

        var d = n - 1;
        var s = 0;
        while ((d & 1) == 0)
        {
            d >>= 1;
            s++;
        }

        foreach (ulong a in (ReadOnlySpan<ulong>)[2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37])
        {
            var x = PowMod(a, d, n);
            if (x == 1 || x == n - 1)
            {
                continue;
            }

            var composite = true;
            for (var i = 1; i < s && composite; i++)
            {
                x = (ulong)((UInt128)x * x % n);
                composite = x != n - 1;
            }

            if (composite)
            {
                return false;
            }
        }

        return true;
    }

    private static ulong PowMod(ulong value, ulong exponent, ulong modulus)
    {
        UInt128 result = 1, b = value % modulus;
        while (exponent > 0)
        {
            if ((exponent & 1) != 0)
            {
                result = result * b % modulus;
            }

            b = b * b % modulus;
            exponent >>= 1;
        }

        return (ulong)result;
    }

    private static void SetBit(Span<byte> bigEndian, int bit) => bigEndian[bigEndian.Length - 1 - (bit >> 3)] |= (byte)(1 << (bit & 7));

    private static uint[] SievePrimes(int limit)
    {
        var composite = new bool[limit];
        var primes = new List<uint>();
        for (var i = 2; i < limit; i++)
        {
            if (composite[i])
            {
                continue;
            }

            primes.Add((uint)i);
            for (var j = (long)i * i; j < limit; j += i)
            {
                composite[j] = true;
            }
        }

        return [.. primes];
    }
}
