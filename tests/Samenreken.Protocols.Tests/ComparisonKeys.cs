using System.Collections.Concurrent;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Protocols.Tests;

/// <summary>Keys generated once per test run and shared: key generation is the slow part of every protocol test.</summary>
internal static class ComparisonKeys
{
    private static readonly ConcurrentDictionary<(string Backend, int Bits, int L), Lazy<(PaillierKeyPair, DgkKeyPair)>> s_keys = new();

    public static MathBackend Backend(string name) => MathBackend.FromName(name);

    /// <summary>Small (insecure) keys for tests about logic.</summary>
    public static (PaillierKeyPair Paillier, DgkKeyPair Dgk) Small(string backend, int comparisonBits) => Get(backend, 768, comparisonBits);

    public static (PaillierKeyPair Paillier, DgkKeyPair Dgk) Get(string backend, int bits, int comparisonBits)
        => s_keys.GetOrAdd((backend, bits, comparisonBits), key => new Lazy<(PaillierKeyPair, DgkKeyPair)>(() =>
        {
            var policy = bits < 2048 ? KeySizePolicy.InsecureForTests : KeySizePolicy.Production;
            var math = Backend(key.Backend);
            var paillier = PaillierKeyPair.Generate(bits, policy, RandomSource.Secure, math);
            var dgk = DgkKeyPair.Generate(bits, comparisonBits, DgkKeyPair.DefaultSubgroupBits(bits), policy, RandomSource.Secure, math);
            return (paillier, dgk);
        })).Value;
}
