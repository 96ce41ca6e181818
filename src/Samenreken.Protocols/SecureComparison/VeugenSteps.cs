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
    /// <summary>Step 2 (B), decrypt and split: [[β_i]] for the bits of β = d mod 2^l, least significant first, with precomputed randomizers.</summary>
    public static void EncryptLowBits(DgkPublicKey key, ulong beta, int bits, RandomizerPool<DgkRandomizer> randomizers, Span<FreshDgkCiphertext> destination)
    {
        for (var i = 0; i < bits; i++)
        {
            destination[i] = key.EncryptBit(((beta >> i) & 1) != 0, randomizers.Take());
        }
    }

    /// <summary>
    /// Step 3 (A), the terms: with α = r mod 2^l, w_j = α_j ⊕ β_j and s = 1 − 2δ_A, the l + 1 terms
    /// c_i = s + α_i − β_i + 3·Σ_{j&gt;i} w_j (i = 0 … l−1) and Veugen's extra c_−1 = δ_A + Σ_j w_j.
    /// Some c equals 0 exactly when δ_A = 0 and α ≤ β, or δ_A = 1 and α &gt; β.
    /// </summary>
    public static DgkCiphertext[] Terms(DgkPublicKey key, ReadOnlySpan<DgkCiphertext> betaBits, ulong alpha, bool deltaA)
    {
        var bits = betaBits.Length;
        var s = deltaA ? -1 : 1;
        var negatedBits = key.NegateAll(betaBits); // [[−β_i]], one inversion for all
        var terms = new DgkCiphertext[bits + 1];

        // w_j = β_j when α_j = 0 and 1 − β_j when α_j = 1: the ciphertext part ±β_j goes into the sums (in place),
        // the ones into a plain count, so Σ_{j>i} w_j = ones + [[Σ_{j>i} ±β_j]].
        using var signedSum = key.NewAccumulator();
        using var tripledSignedSum = key.NewAccumulator();
        var ones = 0;
        for (var i = bits - 1; i >= 0; i--)
        {
            var alphaBit = (int)((alpha >> i) & 1);

            // [[s + α_i − β_i + 3·Σ_{j>i} w_j]]
            terms[i] = tripledSignedSum.Plus(negatedBits[i], s + alphaBit + (3 * ones));

            var signedBit = alphaBit == 0 ? betaBits[i] : negatedBits[i];
            signedSum.Add(signedBit);
            tripledSignedSum.Add(signedBit, times: 3);
            ones += alphaBit;
        }

        // Veugen's c_−1 = δ_A + Σ_j w_j
        terms[bits] = signedSum.ToCiphertext((deltaA ? 1 : 0) + ones);
        return terms;
    }

    /// <summary>Step 4 (A), blind and shuffle: each term raised to a uniform r_i ∈ Z_u^*, rerandomized, and the terms shuffled.</summary>
    public static void BlindAndShuffle(
        DgkPublicKey key, ReadOnlySpan<DgkCiphertext> terms, EvaluatorBlinding blinding, RandomizerPool<DgkRandomizer> randomizers, Span<FreshDgkCiphertext> destination)
    {
        Span<int> order = stackalloc int[terms.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        blinding.Shuffle(order);

        for (var i = 0; i < order.Length; i++)
        {
            destination[i] = key.Rerandomize(key.MultiplyPlain(terms[order[i]], blinding.MultiplicativeBlind(key.U)), randomizers.Take());
        }
    }

    /// <summary>
    /// Step 5 (B), the zero test: δ_B = 1 when any term decrypts to zero. Every term is tested, also after a zero: stopping early
    /// would make B's running time depend on δ_B = δ_A ⊕ [α &gt; β], which A could read from the response time.
    /// </summary>
    public static bool ZeroTest(DgkPrivateKey key, ReadOnlySpan<DgkCiphertext> terms)
    {
        var anyZero = false;
        foreach (var term in terms)
        {
            anyZero |= key.IsZero(term);
        }

        return anyZero;
    }

    /// <summary>
    /// Step 6 (A), combine: [x ≥ y] = [z div 2^l] = [d div 2^l] − [r div 2^l] − [β &lt; α], where
    /// [β &lt; α] = [δ_B] when δ_A = 1 and [1 − δ_B] when δ_A = 0.
    /// </summary>
    public static PaillierCiphertext Combine(PaillierPublicKey key, PaillierCiphertext highPart, PaillierCiphertext deltaB, UInt128 blindHigh, bool deltaA)
        => deltaA
            ? key.AddPlain(key.Subtract(highPart, deltaB), -(BigInteger)blindHigh)
            : key.AddPlain(key.Add(highPart, deltaB), -(BigInteger)blindHigh - 1);

    /// <summary>Step 7 (A, plaintext output only): [b ⊕ ρ] = [b] when ρ = 0 and [1 − b] when ρ = 1, so B decrypts a uniformly random bit.</summary>
    public static PaillierCiphertext MaskOutputBit(PaillierPublicKey key, PaillierCiphertext bit, bool rho)
        => rho ? key.AddPlain(key.Negate(bit), BigInteger.One) : bit;

    /// <summary>Step 7 (A, plaintext output only): packs masked bits one per slot by Horner's rule and rerandomizes.</summary>
    public static FreshPaillierCiphertext PackOutputBits(PaillierPublicKey key, ReadOnlySpan<PaillierCiphertext> maskedBits, PaillierRandomizer randomizer)
        => key.Rerandomize(key.Pack(maskedBits, 1), randomizer);

    /// <summary>Fisher–Yates with CSPRNG indices.</summary>
    public static void Shuffle(Span<int> items, RandomSource random)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = (int)random.NextBelow((ulong)i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
