using System.Numerics;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Protocols.SecureComparison;

/// <summary>
/// The steps of the DGK comparison with Veugen's improvements ("Improving the DGK comparison protocol", WIFS 2012,
/// protocol 3 with the correction for α = β; the same family as TNO MPC Lab's secure_comparison), each a pure
/// function on one item or one packed ciphertext. A = evaluator (holds [x], [y]); B = key holder. docs/protocol.md
/// derives every equation.
/// </summary>
internal static class VeugenSteps
{
    /// <summary>Step 2 (B): [[β_i]] for the bits of β = d mod 2^l, least significant first, with precomputed randomizers.</summary>
    public static void EncryptBits(DgkPublicKey key, ulong beta, int bits, RandomizerPool randomizers, Span<FreshDgkCiphertext> destination)
    {
        for (var i = 0; i < bits; i++)
        {
            destination[i] = key.EncryptBit(((beta >> i) & 1) != 0, randomizers.Take());
        }
    }

    /// <summary>
    /// Steps 3–4 (A): with α = r mod 2^l, w_j = α_j ⊕ β_j and s = 1 − 2δ_A, the l + 1 terms
    /// c_i = s + α_i − β_i + 3·Σ_{j&gt;i} w_j (i = 0 … l−1) and Veugen's extra c_−1 = δ_A + Σ_j w_j,
    /// each multiplied by a uniform r_i ∈ Z_u^*, rerandomized and shuffled. Some c equals 0 exactly when
    /// δ_A = 0 and α ≤ β, or δ_A = 1 and α &gt; β.
    /// </summary>
    public static void MaskTerms(
        DgkPublicKey key, ReadOnlySpan<DgkCiphertext> betaBits, ulong alpha, bool deltaA, RandomSource random, RandomizerPool randomizers, Span<FreshDgkCiphertext> destination,
        ComparisonEvaluator.EvaluatorFaults faults = ComparisonEvaluator.EvaluatorFaults.None)
    {
        var b = key.Backend;
        var n = key.N;
        var bits = betaBits.Length;
        var one = b.One;
        var gSquared = b.ModMultiply(key.G, key.G, n);

        // g^(s + α_i) for s + α_i ∈ {−1, 0, 1, 2}
        BigNumber GPower(int exponent) => exponent switch
        {
            -1 => key.GInverse,
            0 => one,
            1 => key.G,
            _ => gSquared,
        };

        var terms = new BigNumber[bits + 1];
        var suffix = one; // Π_{j>i} [[w_j]]
        for (var i = bits - 1; i >= 0; i--)
        {
            var betaInverse = b.ModInverse(betaBits[i].Value, n)
                ?? throw new ProtocolException(ProtocolFailure.InvalidCiphertext, "A DGK bit ciphertext is not invertible.");
            var alphaBit = (int)((alpha >> i) & 1);
            var s = deltaA ? -1 : 1;
            var suffixCubed = b.ModMultiply(b.ModMultiply(suffix, suffix, n), suffix, n);
            terms[i] = b.ModMultiply(b.ModMultiply(GPower(s + alphaBit), betaInverse, n), suffixCubed, n);

            // [[w_i]] = [[β_i]] when α_i = 0, [[1 − β_i]] = g·[[β_i]]⁻¹ when α_i = 1
            var w = alphaBit == 0 ? betaBits[i].Value : b.ModMultiply(key.G, betaInverse, n);
            suffix = b.ModMultiply(suffix, w, n);
        }

        terms[bits] = deltaA ? b.ModMultiply(key.G, suffix, n) : suffix;

        Span<int> order = stackalloc int[bits + 1];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (!faults.HasFlag(ComparisonEvaluator.EvaluatorFaults.NoShuffle)) // fault hook: NoShuffle
        {
            Shuffle(order, random);
        }

        var u = key.U;
        for (var i = 0; i < order.Length; i++)
        {
            var blind = faults.HasFlag(ComparisonEvaluator.EvaluatorFaults.NoMultiplicativeBlinding) // fault hook
                ? b.One
                : b.FromBigInteger(ModMath.RandomBelow(u - 1, random) + 1);
            var blinded = DgkCiphertext.Derived(key, b.ModPow(terms[order[i]], blind, n));
            destination[i] = key.Rerandomize(blinded, randomizers.Take());
        }
    }

    /// <summary>
    /// Step 4 (B): δ_B = 1 when any term decrypts to zero. Every term is tested, also after a zero: stopping early
    /// would make B's running time depend on δ_B = δ_A ⊕ [α &gt; β], which A could read from the response time.
    /// </summary>
    public static bool AnyZero(DgkPrivateKey key, ReadOnlySpan<DgkCiphertext> terms)
    {
        var anyZero = false;
        foreach (var term in terms)
        {
            anyZero |= key.IsZero(term);
        }

        return anyZero;
    }

    /// <summary>
    /// Step 5 (A): [x ≥ y] = [z div 2^l] = [d div 2^l] − [r div 2^l] − [β &lt; α], where
    /// [β &lt; α] = [δ_B] when δ_A = 1 and [1 − δ_B] when δ_A = 0.
    /// </summary>
    public static PaillierCiphertext Combine(PaillierPublicKey key, PaillierCiphertext highPart, PaillierCiphertext deltaB, UInt128 blindHigh, bool deltaA)
        => deltaA
            ? key.AddPlain(key.Subtract(highPart, deltaB), -(BigInteger)blindHigh)
            : key.AddPlain(key.Add(highPart, deltaB), -(BigInteger)blindHigh - 1);

    /// <summary>Output (A): [b ⊕ ρ] = [b] when ρ = 0 and [1 − b] when ρ = 1, so B decrypts a uniformly random bit.</summary>
    public static PaillierCiphertext MaskBit(PaillierPublicKey key, PaillierCiphertext bit, bool rho)
        => rho ? key.AddPlain(key.Negate(bit), BigInteger.One) : bit;

    /// <summary>Output (A): packs masked bits one per slot by Horner's rule and rerandomizes.</summary>
    public static FreshPaillierCiphertext PackBits(PaillierPublicKey key, ReadOnlySpan<PaillierCiphertext> maskedBits, BigNumber randomizer)
    {
        var accumulator = maskedBits[^1];
        for (var k = maskedBits.Length - 2; k >= 0; k--)
        {
            accumulator = key.Add(key.Add(accumulator, accumulator), maskedBits[k]);
        }

        return key.Rerandomize(accumulator, randomizer);
    }

    /// <summary>Fisher–Yates with CSPRNG indices.</summary>
    public static void Shuffle(Span<int> items, RandomSource random)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = (int)ModMath.RandomBelow((ulong)i + 1, random);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
