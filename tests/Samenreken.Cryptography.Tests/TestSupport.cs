using System.Collections.Concurrent;
using System.Numerics;
using System.Reflection;
using CsCheck;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Tests;

/// <summary>Runs a theory once on GMP and once on the managed backend: the contract both must meet.</summary>
public sealed class BothBackendsAttribute : Xunit.Sdk.DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["gmp"], ["managed"]];
}

/// <summary>Small (512-bit, insecure) keys for tests about logic, one per backend and seed, generated once per run.</summary>
internal static class TestKeys
{
    public const int SmallBits = 512;

    private static readonly ConcurrentDictionary<(string Backend, int Seed), PaillierKeyPair> s_small = new();

    public static PaillierKeyPair Small(string backend = "gmp", int seed = 1)
        => s_small.GetOrAdd((backend, seed), static k => Generate(k.Backend, k.Seed));

    /// <summary>A fresh 512-bit key from a seeded source: equal seeds give equal keys on both backends.</summary>
    public static PaillierKeyPair Generate(string backend, int seed)
        => PaillierKeyPair.Generate(SmallBits, KeySizePolicy.InsecureForTests, new InsecureSeededRandomSource(seed), MathBackend.FromName(backend));

    public static RandomSource Random(int seed = 7) => new InsecureSeededRandomSource(seed);
}

/// <summary>CsCheck generators for big integers.</summary>
internal static class Gens
{
    public static readonly Gen<BigInteger> NonNegative = Gen.Byte.Array[0, 80].Select(b => new BigInteger(b, isUnsigned: true, isBigEndian: true));

    public static readonly Gen<BigInteger> Signed = Gen.Select(NonNegative, Gen.Bool, (v, negative) => negative ? -v : v);

    public static readonly Gen<BigInteger> Positive = NonNegative.Select(v => v + 1);

    public static readonly Gen<BigInteger> OddModulus = NonNegative.Select(v => 2 * v + 3);

    /// <summary>Uniform-ish residues in [0, n): random bytes of n's length reduced mod n, plus the edges 0, 1 and n − 1.</summary>
    public static Gen<BigInteger> Residue(BigInteger n)
        => Gen.OneOf(
            Gen.Byte.Array[(int)((n.GetBitLength() + 7) / 8)].Select(b => new BigInteger(b, isUnsigned: true, isBigEndian: true) % n),
            Gen.OneOf(BigInteger.Zero, BigInteger.One, n - 1));

    /// <summary>Signed values in the encodable range of a key: small ones and ones near the edges.</summary>
    public static Gen<BigInteger> SignedPlaintext(BigInteger maxMagnitude)
        => Gen.OneOf(
            Gen.Long.Select(v => (BigInteger)v),
            Residue(2 * maxMagnitude + 1).Select(v => v - maxMagnitude));
}
