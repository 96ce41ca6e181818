using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Samenreken.Cryptography.Garbling;

namespace Samenreken.Cryptography.ObliviousTransfer;

/// <summary>
/// OT extension of Ishai, Kilian, Nissim and Petrank (CRYPTO 2003) in its correlated form (as in Asharov et al.,
/// CCS 2013, and EMP-toolkit): from 128 base OTs in which the extension's <i>receiver</i> sends seed pairs
/// (k_i^0, k_i^1) and the extension's <i>sender</i> chooses with the bits of s, m correlated OTs: the receiver, with
/// choice bits r, gets t_j; the sender gets q_j = t_j ⊕ r_j·s. With s = Δ (lsb 1) these are exactly free-XOR labels:
/// the evaluator's input wire j has zero-label q_j and the evaluator holds the label of its bit r_j.
/// <list type="bullet">
/// <item>Receiver: columns t^i = G(k_i^0), u^i = t^i ⊕ G(k_i^1) ⊕ r (m bits each); sends u.</item>
/// <item>Sender: columns q^i = G(k_i^(s_i)) ⊕ s_i·u^i = t^i ⊕ s_i·r.</item>
/// <item>Both: the rows of the 128 × m matrices are t_j and q_j.</item>
/// </list>
/// G is AES-128 in counter mode keyed by the seed, the 128-bit counter block (nonce &lt;&lt; 64) + j: a session that
/// keeps its base-OT seeds over many extensions gives each its own nonce, so no counter block repeats (reusing one
/// with other choice bits would hand the sender r ⊕ r').
/// m must be a multiple of 128; bits are least significant first within bytes.
/// </summary>
public static class IknpExtension
{
    public const int BaseOts = 128;

    /// <summary>Bytes of u for m extended OTs: 128 columns of m bits.</summary>
    public static int ColumnBytes(int m) => BaseOts * (m / 8);

    /// <summary>m rounded up to a multiple of 128.</summary>
    public static int Padded(int m) => (m + 127) / 128 * 128;

    /// <summary>Receiver: u (to send) and its rows t_j, for choice bits r (m/8 bytes).</summary>
    public static void Receive(
        AesBackend aes, ReadOnlySpan<UInt128> seeds0, ReadOnlySpan<UInt128> seeds1, ReadOnlySpan<byte> choices, Span<byte> u, Span<UInt128> rows)
        => Receive(aes, seeds0, seeds1, 0, choices, u, rows);

    /// <summary>Receiver, extension number <paramref name="nonce"/> of a session that keeps its seeds.</summary>
    public static void Receive(
        AesBackend aes, ReadOnlySpan<UInt128> seeds0, ReadOnlySpan<UInt128> seeds1, ulong nonce, ReadOnlySpan<byte> choices, Span<byte> u, Span<UInt128> rows)
    {
        var m = CheckSizes(seeds0.Length, choices.Length, u.Length, rows.Length);
        ArgumentOutOfRangeException.ThrowIfNotEqual(seeds1.Length, BaseOts, nameof(seeds1));
        var columnBytes = m / 8;
        var t = new byte[BaseOts * columnBytes];
        var s0 = seeds0.ToArray();
        var s1 = seeds1.ToArray();
        var r = choices.ToArray();
        var uBuffer = new byte[u.Length];
        Parallel.For(0, BaseOts, i =>
        {
            var column = t.AsSpan(i * columnBytes, columnBytes);
            var other = uBuffer.AsSpan(i * columnBytes, columnBytes);
            Expand(aes, s0[i], nonce, column);
            Expand(aes, s1[i], nonce, other);
            for (var b = 0; b < columnBytes; b++)
            {
                other[b] ^= (byte)(column[b] ^ r[b]);
            }
        });
        uBuffer.CopyTo(u);
        Transpose(t, m, rows);
    }

    /// <summary>Sender: the rows q_j = t_j ⊕ r_j·s from its chosen seeds k_i^(s_i) and the receiver's u.</summary>
    public static void Send(AesBackend aes, ReadOnlySpan<UInt128> chosenSeeds, UInt128 s, ReadOnlySpan<byte> u, Span<UInt128> rows)
        => Send(aes, chosenSeeds, s, 0, u, rows);

    /// <summary>Sender, extension number <paramref name="nonce"/> of a session that keeps its seeds.</summary>
    public static void Send(AesBackend aes, ReadOnlySpan<UInt128> chosenSeeds, UInt128 s, ulong nonce, ReadOnlySpan<byte> u, Span<UInt128> rows)
    {
        var m = rows.Length;
        CheckSizes(chosenSeeds.Length, m / 8, u.Length, m);
        var columnBytes = m / 8;
        var q = new byte[BaseOts * columnBytes];
        var seeds = chosenSeeds.ToArray();
        var received = u.ToArray();
        Parallel.For(0, BaseOts, i =>
        {
            var column = q.AsSpan(i * columnBytes, columnBytes);
            Expand(aes, seeds[i], nonce, column);
            var mask = (byte)(0 - (byte)((s >> i) & UInt128.One));
            var ui = received.AsSpan(i * columnBytes, columnBytes);
            for (var b = 0; b < columnBytes; b++)
            {
                column[b] ^= (byte)(ui[b] & mask);
            }
        });
        Transpose(q, m, rows);
    }

    /// <summary>G(seed): AES_seed(nonce·2^64) ‖ AES_seed(nonce·2^64 + 1) ‖ … (blocks little-endian), filling <paramref name="output"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void Expand(AesBackend aes, UInt128 seed, ulong nonce, Span<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(output.Length, int.MaxValue / 2, nameof(output)); // j stays below 2^32
        Span<byte> key = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(key, seed);
        var cipher = aes.CreateCipher(key);
        var blocks = MemoryMarshal.Cast<byte, UInt128>(output);
        for (var j = 0; j < blocks.Length; j++)
        {
            blocks[j] = ((UInt128)nonce << 64) | (uint)j;
        }

        cipher.Encrypt(blocks, blocks);
    }

    /// <summary>
    /// 128 columns of m bits (column i at i·m/8) to m rows of 128 bits (bit i of row j = bit j of column i), sixteen
    /// columns at a time: a byte from each of 16 columns, then 8 most-significant-bit extractions per byte.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void Transpose(ReadOnlySpan<byte> columns, int m, Span<UInt128> rows)
    {
        var columnBytes = m / 8;
        var pieces = MemoryMarshal.Cast<UInt128, ushort>(rows);
        Span<byte> gathered = stackalloc byte[16];
        for (var group = 0; group < BaseOts / 16; group++)
        {
            for (var c = 0; c < columnBytes; c++)
            {
                for (var p = 0; p < 16; p++)
                {
                    gathered[p] = columns[(((group * 16) + p) * columnBytes) + c];
                }

                var v = Vector128.Create<byte>(gathered);
                for (var bit = 7; bit >= 0; bit--)
                {
                    pieces[(((c * 8) + bit) * 8) + group] = (ushort)v.ExtractMostSignificantBits();
                    v = Vector128.ShiftLeft(v, 1);
                }
            }
        }
    }

    private static int CheckSizes(int seeds, int choiceBytes, int uBytes, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(seeds, BaseOts, nameof(seeds));
        ArgumentOutOfRangeException.ThrowIfNotEqual(rows % 128, 0, nameof(rows));
        ArgumentOutOfRangeException.ThrowIfNotEqual(choiceBytes, rows / 8, nameof(choiceBytes));
        ArgumentOutOfRangeException.ThrowIfNotEqual(uBytes, ColumnBytes(rows), nameof(uBytes));
        return rows;
    }
}
