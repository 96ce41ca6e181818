using System.Buffers;

namespace Samenreken.Cryptography.Garbling;

/// <summary>
/// The circuit of the garbled comparison: for w-bit inputs a (the garbler's) and b (the evaluator's), the output is
/// bit w − 1 of (a − b) mod 2^w. With borrows c_0 = 0 and c_(i+1) = b_i ⊕ ((a_i ⊕ c_i) ∧ (b_i ⊕ c_i)) (the majority
/// of ¬a_i, b_i, c_i with one AND, as in the adders of Kolesnikov, Sadeghi, Schneider 2009), the output is
/// a_(w−1) ⊕ b_(w−1) ⊕ c_(w−1): w − 1 AND gates, everything else free XOR. Many items are garbled at once, gate by gate
/// across the items; labels are item-major (item k, bit i at k·w + i), tables item-major with [T_G, T_E] per gate.
/// AND gate i of item k has the tweak index g = g_0 + k·(w − 1) + i, unique within a session (Δ is fresh per session):
/// a session that garbles several batches under one Δ gives each batch its own first gate g_0.
/// </summary>
public static class ComparisonCircuit
{
    /// <summary>AND gates per item.</summary>
    public static int AndGates(int width) => width - 1;

    /// <summary>Table entries (128-bit ciphertexts) per item: two per AND gate.</summary>
    public static int TableBlocks(int width) => 2 * AndGates(width);

    /// <summary>The plaintext function, for tests: bit w − 1 of (a − b) mod 2^w.</summary>
    public static bool Evaluate(ulong a, ulong b, int width) => (((a - b) >> (width - 1)) & 1) != 0;

    /// <summary>Garbles <paramref name="outputZero"/>.Length items; returns the output wires' zero-labels.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Garble(
        TweakableHash hash, UInt128 delta, int width, ReadOnlySpan<UInt128> garblerZero, ReadOnlySpan<UInt128> evaluatorZero,
        Span<UInt128> tables, Span<UInt128> outputZero, ulong firstGate = 0)
    {
        var n = outputZero.Length;
        CheckSizes(width, n, garblerZero.Length, evaluatorZero.Length, tables.Length);
        using var work = new Workspace(n);
        var gates = AndGates(width);
        for (var i = 0; i < gates; i++)
        {
            work.GatherInputs(garblerZero, evaluatorZero, width, gates, i, firstGate);
            HalfGates.Garble(hash, delta, work.X, work.Y, work.Ids, work.GeneratorRows, work.EvaluatorRows, work.And);
            for (var k = 0; k < n; k++)
            {
                tables[(k * 2 * gates) + (2 * i)] = work.GeneratorRows[k];
                tables[(k * 2 * gates) + (2 * i) + 1] = work.EvaluatorRows[k];
            }

            work.NextCarry(evaluatorZero, width, i);
        }

        work.Output(garblerZero, evaluatorZero, width, outputZero);
    }

    /// <summary>Evaluates <paramref name="output"/>.Length items on their active labels; returns the output labels.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Evaluate(
        TweakableHash hash, int width, ReadOnlySpan<UInt128> garblerLabels, ReadOnlySpan<UInt128> evaluatorLabels,
        ReadOnlySpan<UInt128> tables, Span<UInt128> output, ulong firstGate = 0)
    {
        var n = output.Length;
        CheckSizes(width, n, garblerLabels.Length, evaluatorLabels.Length, tables.Length);
        using var work = new Workspace(n);
        var gates = AndGates(width);
        for (var i = 0; i < gates; i++)
        {
            work.GatherInputs(garblerLabels, evaluatorLabels, width, gates, i, firstGate);
            for (var k = 0; k < n; k++)
            {
                work.GeneratorRows[k] = tables[(k * 2 * gates) + (2 * i)];
                work.EvaluatorRows[k] = tables[(k * 2 * gates) + (2 * i) + 1];
            }

            HalfGates.Evaluate(hash, work.X, work.Y, work.Ids, work.GeneratorRows, work.EvaluatorRows, work.And);
            work.NextCarry(evaluatorLabels, width, i);
        }

        work.Output(garblerLabels, evaluatorLabels, width, output);
    }

    private static void CheckSizes(int width, int items, int garblerLabels, int evaluatorLabels, int tables)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfNotEqual(garblerLabels, items * width, nameof(garblerLabels));
        ArgumentOutOfRangeException.ThrowIfNotEqual(evaluatorLabels, items * width, nameof(evaluatorLabels));
        ArgumentOutOfRangeException.ThrowIfNotEqual(tables, items * TableBlocks(width), nameof(tables));
    }

    /// <summary>The per-gate columns across all items, rented once per circuit batch. Garbler and evaluator walk it identically.</summary>
    private sealed class Workspace : IDisposable
    {
        private readonly int _n;
        private readonly UInt128[] _blocks;
        private readonly ulong[] _ids;

        public Workspace(int n)
        {
            _n = n;
            _blocks = ArrayPool<UInt128>.Shared.Rent(6 * n);
            _ids = ArrayPool<ulong>.Shared.Rent(n);

            // c_0 = 0: the labels of a constant-0 wire may be 0 on both sides; they never leave the party.
            Carry.Clear();
        }

        public Span<UInt128> Carry => _blocks.AsSpan(0, _n);

        public Span<UInt128> X => _blocks.AsSpan(_n, _n);

        public Span<UInt128> Y => _blocks.AsSpan(2 * _n, _n);

        public Span<UInt128> GeneratorRows => _blocks.AsSpan(3 * _n, _n);

        public Span<UInt128> EvaluatorRows => _blocks.AsSpan(4 * _n, _n);

        public Span<UInt128> And => _blocks.AsSpan(5 * _n, _n);

        public Span<ulong> Ids => _ids.AsSpan(0, _n);

        /// <summary>x = a_i ⊕ c_i, y = b_i ⊕ c_i, and the gate's tweak index.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void GatherInputs(ReadOnlySpan<UInt128> a, ReadOnlySpan<UInt128> b, int width, int gates, int i, ulong firstGate)
        {
            var carry = Carry;
            var x = X;
            var y = Y;
            var ids = Ids;
            for (var k = 0; k < _n; k++)
            {
                x[k] = a[(k * width) + i] ^ carry[k];
                y[k] = b[(k * width) + i] ^ carry[k];
                ids[k] = firstGate + ((ulong)k * (ulong)gates) + (ulong)i;
            }
        }

        /// <summary>c_(i+1) = b_i ⊕ (x ∧ y).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void NextCarry(ReadOnlySpan<UInt128> b, int width, int i)
        {
            var carry = Carry;
            var and = And;
            for (var k = 0; k < _n; k++)
            {
                carry[k] = b[(k * width) + i] ^ and[k];
            }
        }

        /// <summary>o = a_(w−1) ⊕ b_(w−1) ⊕ c_(w−1).</summary>
        public void Output(ReadOnlySpan<UInt128> a, ReadOnlySpan<UInt128> b, int width, Span<UInt128> output)
        {
            var carry = Carry;
            for (var k = 0; k < _n; k++)
            {
                output[k] = a[(k * width) + width - 1] ^ b[(k * width) + width - 1] ^ carry[k];
            }
        }

        public void Dispose()
        {
            ArrayPool<UInt128>.Shared.Return(_blocks);
            ArrayPool<ulong>.Shared.Return(_ids);
        }
    }
}
