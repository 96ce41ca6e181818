using System.Buffers;

namespace Samenreken.Cryptography.Garbling;

/// <summary>
/// AND gates garbled with half-gates (Zahur, Rosulek, Evans, "Two Halves Make a Whole", EUROCRYPT 2015, fig. 2) on
/// free-XOR labels (Kolesnikov–Schneider 2008: the one-label of a wire is its zero-label ⊕ Δ, lsb(Δ) = 1) with
/// point-and-permute (the lsb of a label is its wire's value ⊕ the wire's secret permute bit). Two ciphertexts per
/// gate, T_G and T_E; the evaluator makes two hash calls, the garbler four. Each call handles a batch of independent
/// gates (one per item), so the AES unit sees long runs of independent blocks.
/// </summary>
internal static class HalfGates
{
    /// <summary>
    /// Garbler, for gates g = gateIds[k] with input zero-labels a0[k], b0[k]: p_a = lsb(A0), p_b = lsb(B0),
    /// T_G = H(A0, 2g) ⊕ H(A1, 2g) ⊕ p_b·Δ, W_G = H(A0, 2g) ⊕ p_a·T_G,
    /// T_E = H(B0, 2g+1) ⊕ H(B1, 2g+1) ⊕ A0, W_E = H(B0, 2g+1) ⊕ p_b·(T_E ⊕ A0); output zero-label W_G ⊕ W_E.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Garble(
        TweakableHash hash, UInt128 delta, ReadOnlySpan<UInt128> a0, ReadOnlySpan<UInt128> b0, ReadOnlySpan<ulong> gateIds,
        Span<UInt128> generatorRows, Span<UInt128> evaluatorRows, Span<UInt128> outputZero)
    {
        var n = a0.Length;
        var pool = ArrayPool<UInt128>.Shared;
        var inputs = pool.Rent(4 * n);
        var tweaks = pool.Rent(4 * n);
        var hashes = pool.Rent(4 * n);
        try
        {
            for (var k = 0; k < n; k++)
            {
                var g = (UInt128)gateIds[k] << 1;
                inputs[k] = a0[k];
                inputs[n + k] = a0[k] ^ delta;
                inputs[(2 * n) + k] = b0[k];
                inputs[(3 * n) + k] = b0[k] ^ delta;
                tweaks[k] = g;
                tweaks[n + k] = g;
                tweaks[(2 * n) + k] = g | 1;
                tweaks[(3 * n) + k] = g | 1;
            }

            hash.Hash(inputs.AsSpan(0, 4 * n), tweaks.AsSpan(0, 4 * n), hashes.AsSpan(0, 4 * n));
            for (var k = 0; k < n; k++)
            {
                var pa = Mask(a0[k]);
                var pb = Mask(b0[k]);
                var ha0 = hashes[k];
                var hb0 = hashes[(2 * n) + k];
                var tg = ha0 ^ hashes[n + k] ^ (pb & delta);
                var te = hb0 ^ hashes[(3 * n) + k] ^ a0[k];
                generatorRows[k] = tg;
                evaluatorRows[k] = te;
                outputZero[k] = ha0 ^ (pa & tg) ^ hb0 ^ (pb & (te ^ a0[k]));
            }
        }
        finally
        {
            pool.Return(inputs);
            pool.Return(tweaks);
            pool.Return(hashes);
        }
    }

    /// <summary>Evaluator: with s_a = lsb(A), s_b = lsb(B): W = H(A, 2g) ⊕ s_a·T_G ⊕ H(B, 2g+1) ⊕ s_b·(T_E ⊕ A).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Evaluate(
        TweakableHash hash, ReadOnlySpan<UInt128> a, ReadOnlySpan<UInt128> b, ReadOnlySpan<ulong> gateIds,
        ReadOnlySpan<UInt128> generatorRows, ReadOnlySpan<UInt128> evaluatorRows, Span<UInt128> output)
    {
        var n = a.Length;
        var pool = ArrayPool<UInt128>.Shared;
        var inputs = pool.Rent(2 * n);
        var tweaks = pool.Rent(2 * n);
        var hashes = pool.Rent(2 * n);
        try
        {
            for (var k = 0; k < n; k++)
            {
                var g = (UInt128)gateIds[k] << 1;
                inputs[k] = a[k];
                inputs[n + k] = b[k];
                tweaks[k] = g;
                tweaks[n + k] = g | 1;
            }

            hash.Hash(inputs.AsSpan(0, 2 * n), tweaks.AsSpan(0, 2 * n), hashes.AsSpan(0, 2 * n));
            for (var k = 0; k < n; k++)
            {
                output[k] = hashes[k] ^ (Mask(a[k]) & generatorRows[k]) ^ hashes[n + k] ^ (Mask(b[k]) & (evaluatorRows[k] ^ a[k]));
            }
        }
        finally
        {
            pool.Return(inputs);
            pool.Return(tweaks);
            pool.Return(hashes);
        }
    }

    /// <summary>All ones when the label's point-and-permute bit is 1, else zero: a branch-free select.</summary>
    internal static UInt128 Mask(UInt128 label) => UInt128.Zero - (label & UInt128.One);
}
