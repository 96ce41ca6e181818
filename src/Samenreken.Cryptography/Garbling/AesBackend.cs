using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Runtime.Intrinsics;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;
using Sse2 = System.Runtime.Intrinsics.X86.Sse2;

namespace Samenreken.Cryptography.Garbling;

/// <summary>
/// AES-128 block encryption in batches, for the garbled-circuit hash and the OT-extension PRG. <see cref="Hardware"/>
/// runs AES-NI over <see cref="Vector128{T}"/>, eight blocks in flight; <see cref="Managed"/> is the portable fallback
/// (System.Security.Cryptography.Aes in ECB mode). Both compute the same function; <see cref="Default"/> picks the first
/// available, as <see cref="Math.MathBackend"/> does for the big-number arithmetic. A block is a <see cref="UInt128"/>
/// whose 16 little-endian bytes are the AES state bytes in FIPS-197 order.
/// </summary>
public abstract class AesBackend
{
    private protected AesBackend()
    {
    }

    /// <summary>AES-NI, or null when the processor lacks it.</summary>
    public static AesBackend? Hardware { get; } = X86Aes.IsSupported && Sse2.IsSupported ? new HardwareAesBackend() : null;

    /// <summary>System.Security.Cryptography.Aes in ECB mode (no padding): always available.</summary>
    public static AesBackend Managed { get; } = new ManagedAesBackend();

    /// <summary>The hardware backend when present, else the managed one.</summary>
    public static AesBackend Default => Hardware ?? Managed;

    /// <summary>Why <see cref="Default"/> is the managed backend, or null when it is the hardware one (for a one-time log line).</summary>
    public static string? DefaultFallbackReason => Hardware is null ? "the processor has no AES-NI instructions" : null;

    /// <summary>"aes-ni" or "managed".</summary>
    public abstract string Name { get; }

    /// <summary>"aes-ni", "managed", or "default".</summary>
    public static AesBackend FromName(string name) => name switch
    {
        "aes-ni" => Hardware ?? throw new PlatformNotSupportedException("This processor has no AES-NI instructions."),
        "managed" => Managed,
        "default" => Default,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown AES backend; use aes-ni, managed or default."),
    };

    /// <summary>An AES-128 cipher under <paramref name="key"/> (16 bytes).</summary>
    internal abstract AesCipher CreateCipher(ReadOnlySpan<byte> key);

    public override string ToString() => Name;
}

/// <summary>One expanded AES-128 key. Thread-safe.</summary>
internal abstract class AesCipher
{
    /// <summary>destination[i] = AES_k(source[i]); source and destination are the same span or do not overlap.</summary>
    public abstract void Encrypt(ReadOnlySpan<UInt128> source, Span<UInt128> destination);
}

internal sealed class HardwareAesBackend : AesBackend
{
    public override string Name => "aes-ni";

    internal override AesCipher CreateCipher(ReadOnlySpan<byte> key) => new HardwareAesCipher(key);
}

internal sealed class HardwareAesCipher : AesCipher
{
    private const int Rounds = 10;
    private readonly Vector128<byte>[] _roundKeys = new Vector128<byte>[Rounds + 1];

    public HardwareAesCipher(ReadOnlySpan<byte> key)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(key.Length, 16, nameof(key));
        var k = Vector128.Create(key);
        _roundKeys[0] = k;

        // The FIPS-197 key schedule through AESKEYGENASSIST; its round constant must be an immediate, hence the unrolling.
        _roundKeys[1] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x01));
        _roundKeys[2] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x02));
        _roundKeys[3] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x04));
        _roundKeys[4] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x08));
        _roundKeys[5] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x10));
        _roundKeys[6] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x20));
        _roundKeys[7] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x40));
        _roundKeys[8] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x80));
        _roundKeys[9] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x1b));
        _roundKeys[10] = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x36));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Encrypt(ReadOnlySpan<UInt128> source, Span<UInt128> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, source.Length, nameof(destination));
        var input = MemoryMarshal.Cast<UInt128, Vector128<byte>>(source);
        var output = MemoryMarshal.Cast<UInt128, Vector128<byte>>(destination);
        var keys = _roundKeys.AsSpan();
        var i = 0;

        // Eight independent blocks per round keep the AES unit's pipeline full (latency ~4 cycles, throughput 1 per cycle).
        for (; i + 8 <= input.Length; i += 8)
        {
            var k0 = keys[0];
            var b0 = input[i] ^ k0;
            var b1 = input[i + 1] ^ k0;
            var b2 = input[i + 2] ^ k0;
            var b3 = input[i + 3] ^ k0;
            var b4 = input[i + 4] ^ k0;
            var b5 = input[i + 5] ^ k0;
            var b6 = input[i + 6] ^ k0;
            var b7 = input[i + 7] ^ k0;
            for (var r = 1; r < Rounds; r++)
            {
                var k = keys[r];
                b0 = X86Aes.Encrypt(b0, k);
                b1 = X86Aes.Encrypt(b1, k);
                b2 = X86Aes.Encrypt(b2, k);
                b3 = X86Aes.Encrypt(b3, k);
                b4 = X86Aes.Encrypt(b4, k);
                b5 = X86Aes.Encrypt(b5, k);
                b6 = X86Aes.Encrypt(b6, k);
                b7 = X86Aes.Encrypt(b7, k);
            }

            var last = keys[Rounds];
            output[i] = X86Aes.EncryptLast(b0, last);
            output[i + 1] = X86Aes.EncryptLast(b1, last);
            output[i + 2] = X86Aes.EncryptLast(b2, last);
            output[i + 3] = X86Aes.EncryptLast(b3, last);
            output[i + 4] = X86Aes.EncryptLast(b4, last);
            output[i + 5] = X86Aes.EncryptLast(b5, last);
            output[i + 6] = X86Aes.EncryptLast(b6, last);
            output[i + 7] = X86Aes.EncryptLast(b7, last);
        }

        for (; i < input.Length; i++)
        {
            var b = input[i] ^ keys[0];
            for (var r = 1; r < Rounds; r++)
            {
                b = X86Aes.Encrypt(b, keys[r]);
            }

            output[i] = X86Aes.EncryptLast(b, keys[Rounds]);
        }
    }

    /// <summary>w[i] = w[i−1] ⊕ w[i−4] for the four words, the first one also ⊕ SubWord(RotWord(w[3])) ⊕ rcon.</summary>
    private static Vector128<byte> NextRoundKey(Vector128<byte> key, Vector128<byte> assist)
    {
        assist = Sse2.Shuffle(assist.AsInt32(), 0xFF).AsByte();
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        return key ^ assist;
    }
}

internal sealed class ManagedAesBackend : AesBackend
{
    public override string Name => "managed";

    internal override AesCipher CreateCipher(ReadOnlySpan<byte> key) => new ManagedAesCipher(key);
}

internal sealed class ManagedAesCipher : AesCipher
{
    private readonly Lock _lock = new();
    private readonly System.Security.Cryptography.Aes _aes;

    public ManagedAesCipher(ReadOnlySpan<byte> key)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(key.Length, 16, nameof(key));
        _aes = System.Security.Cryptography.Aes.Create();
        _aes.Key = key.ToArray();
    }

    public override void Encrypt(ReadOnlySpan<UInt128> source, Span<UInt128> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, source.Length, nameof(destination));
        var input = MemoryMarshal.AsBytes(source);
        var output = MemoryMarshal.AsBytes(destination[..source.Length]);

        // ECB of the platform's AES; one instance is not documented as thread-safe, hence the lock.
        lock (_lock)
        {
            if (input.Overlaps(output))
            {
                var copy = input.ToArray();
                _aes.EncryptEcb(copy, output, PaddingMode.None);
            }
            else
            {
                _aes.EncryptEcb(input, output, PaddingMode.None);
            }
        }
    }
}
