using System.Buffers;

namespace Samenreken.Cryptography.Garbling;

/// <summary>
/// The tweakable circular correlation-robust hash of Guo, Katz, Wang and Yu ("Efficient and Secure Multiparty
/// Computation from Fixed-Key Block Ciphers", IEEE S&amp;P 2020, §7): H(x, i) = π(π(x) ⊕ i) ⊕ π(x), with π fixed-key
/// AES-128 and the tweak i unique per use (the garbler uses 2g and 2g + 1 for the two halves of AND gate g). Two AES
/// calls per hash, computed over whole batches.
/// </summary>
public sealed class TweakableHash
{
    /// <summary>
    /// The public fixed key of π: the first 16 bytes of SHA-256("Samenreken garbled comparison, fixed AES key, v1"),
    /// a nothing-up-my-sleeve constant (tools/kat/garbling_kat.py derives it again).
    /// </summary>
    internal static ReadOnlySpan<byte> FixedKey =>
    [
        0x38, 0xf3, 0x90, 0xa5, 0x2e, 0x4a, 0x28, 0x36, 0xbd, 0x1e, 0xcf, 0xe0, 0x2e, 0x8c, 0xfb, 0xe5,
    ];

    private readonly AesCipher _pi;

    public TweakableHash(AesBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        Backend = backend;
        _pi = backend.CreateCipher(FixedKey);
    }

    public AesBackend Backend { get; }

    /// <summary>output[k] = H(x[k], tweaks[k]); <paramref name="output"/> must not overlap <paramref name="x"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Hash(ReadOnlySpan<UInt128> x, ReadOnlySpan<UInt128> tweaks, Span<UInt128> output)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(tweaks.Length, x.Length, nameof(tweaks));
        ArgumentOutOfRangeException.ThrowIfLessThan(output.Length, x.Length, nameof(output));
        var buffer = ArrayPool<UInt128>.Shared.Rent(x.Length);
        try
        {
            var inner = buffer.AsSpan(0, x.Length);
            _pi.Encrypt(x, output);
            for (var k = 0; k < x.Length; k++)
            {
                inner[k] = output[k] ^ tweaks[k];
            }

            _pi.Encrypt(inner, inner);
            for (var k = 0; k < x.Length; k++)
            {
                output[k] ^= inner[k];
            }
        }
        finally
        {
            ArrayPool<UInt128>.Shared.Return(buffer);
        }
    }

    /// <summary>π itself: the raw fixed-key AES, the floor the benchmark compares the garbled comparison against.</summary>
    public void Permute(ReadOnlySpan<UInt128> x, Span<UInt128> output) => _pi.Encrypt(x, output);
}
