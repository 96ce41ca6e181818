using System.Numerics;
using Samenreken.Cryptography.Math.Gmp;
using Samenreken.Cryptography.Math.Managed;

namespace Samenreken.Cryptography.Math;

/// <summary>
/// Big-integer arithmetic for all crypto code. Two implementations pass the same contract tests:
/// <see cref="Gmp"/> (libgmp through P/Invoke, the fast path) and <see cref="Managed"/>
/// (<see cref="BigInteger"/>, a fallback when libgmp cannot be loaded).
/// </summary>
public abstract class MathBackend
{
    private static readonly Lazy<GmpBackend?> s_gmp = new(GmpBackend.TryCreate);

    // A race may create a second instance; both are equal and immutable, so that is harmless.
    private BigNumber? _one;
    private BigNumber? _zero;

    private protected MathBackend()
    {
    }

    /// <summary>"gmp" or "managed".</summary>
    public abstract string Name { get; }

    /// <summary>Whether <see cref="ModPowSecret"/> runs in time independent of the exponent's value.</summary>
    public abstract bool HasConstantTimeModPow { get; }

    /// <summary>The GMP backend, or null when libgmp.so.10 cannot be loaded on this machine.</summary>
    public static MathBackend? Gmp => s_gmp.Value;

    public static MathBackend Managed { get; } = new ManagedBackend();

    /// <summary>GMP when it loads, else the managed fallback (see <see cref="DefaultFallbackReason"/>).</summary>
    public static MathBackend Default => (MathBackend?)s_gmp.Value ?? Managed;

    /// <summary>Why <see cref="Default"/> is the managed backend, or null when it is GMP. Hosts log this once.</summary>
    public static string? DefaultFallbackReason => s_gmp.Value is null ? GmpBackend.LoadFailure : null;

    /// <summary>Selects a backend by name ("gmp", "managed" or "auto").</summary>
    public static MathBackend FromName(string name) => name.ToUpperInvariant() switch
    {
        "AUTO" => Default,
        "MANAGED" => Managed,
        "GMP" => Gmp ?? throw new InvalidOperationException("The GMP backend was requested but libgmp.so.10 cannot be loaded: " + GmpBackend.LoadFailure),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown math backend; use gmp, managed or auto."),
    };

    public abstract BigNumber FromBigInteger(BigInteger value);

    public abstract BigNumber FromInt64(long value);

    /// <summary>Reads an unsigned big-endian integer.</summary>
    public abstract BigNumber FromBigEndian(ReadOnlySpan<byte> bytes);

    internal abstract int Compare(BigNumber left, BigNumber right);

    internal abstract BigNumber Add(BigNumber left, BigNumber right);

    internal abstract BigNumber Subtract(BigNumber left, BigNumber right);

    internal abstract BigNumber Multiply(BigNumber left, BigNumber right);

    /// <summary>Floor division for non-negative operands.</summary>
    internal abstract BigNumber Divide(BigNumber dividend, BigNumber divisor);

    /// <summary>Canonical residue in [0, modulus), also for negative values (unlike C#'s <c>%</c>).</summary>
    internal abstract BigNumber Mod(BigNumber value, BigNumber modulus);

    /// <summary>Residue of a non-negative value modulo a small positive number.</summary>
    internal abstract ulong ModSmall(BigNumber value, ulong modulus);

    internal abstract BigNumber ModMultiply(BigNumber left, BigNumber right, BigNumber modulus);

    /// <summary>base^exponent mod modulus for a <b>public</b> exponent (variable time).</summary>
    internal abstract BigNumber ModPow(BigNumber value, BigNumber exponent, BigNumber modulus);

    /// <summary>
    /// base^exponent mod modulus for a <b>secret</b> exponent: constant time on GMP (<c>mpz_powm_sec</c>).
    /// The modulus must be odd and the exponent positive.
    /// </summary>
    internal abstract BigNumber ModPowSecret(BigNumber value, BigNumber exponent, BigNumber modulus);

    /// <summary>The inverse of value modulo modulus, or null when gcd(value, modulus) ≠ 1.</summary>
    internal abstract BigNumber? ModInverse(BigNumber value, BigNumber modulus);

    internal abstract BigNumber Gcd(BigNumber left, BigNumber right);

    internal abstract BigNumber ShiftLeft(BigNumber value, int bits);

    /// <summary>Floor division by 2^bits for non-negative values.</summary>
    internal abstract BigNumber ShiftRight(BigNumber value, int bits);

    /// <summary>value mod 2^bits for non-negative values.</summary>
    internal abstract BigNumber LowBits(BigNumber value, int bits);

    internal abstract bool TestBit(BigNumber value, int bit);

    /// <summary>Whether value = a^k for some integers a and k ≥ 2.</summary>
    internal abstract bool IsPerfectPower(BigNumber value);

    /// <summary>
    /// accumulator·right mod modulus, written over <paramref name="accumulator"/> where the backend can (GMP) and
    /// returned: a hot loop then allocates nothing per step. Only for an accumulator the caller made and has not shared.
    /// </summary>
    internal virtual BigNumber ModMultiplyInPlace(BigNumber accumulator, BigNumber right, BigNumber modulus) => ModMultiply(accumulator, right, modulus);

    /// <summary>accumulator^exponent mod modulus (public exponent) in place, under the rule of <see cref="ModMultiplyInPlace"/>.</summary>
    internal virtual BigNumber ModPowInPlace(BigNumber accumulator, BigNumber exponent, BigNumber modulus) => ModPow(accumulator, exponent, modulus);

    /// <summary>
    /// Erases a secret intermediate result (a residue mod p, an unreduced product) as soon as it is no longer needed.
    /// GMP zeroes and frees it; the managed backend does nothing, since BigInteger's arithmetic may hand back its
    /// operand's own array (x mod m for a short x is x), which could be a value the caller still holds.
    /// </summary>
    internal virtual void EraseIntermediate(BigNumber value)
    {
    }

    /// <summary>Erases each secret intermediate (see <see cref="EraseIntermediate"/>), then this thread's scratch space.</summary>
    internal void EraseIntermediates(params ReadOnlySpan<BigNumber> values)
    {
        foreach (var value in values)
        {
            EraseIntermediate(value);
        }

        EraseScratch();
    }

    /// <summary>Zeroes this thread's scratch space after a secret operation (GMP keeps unreduced products there).</summary>
    internal virtual void EraseScratch()
    {
    }

    /// <summary>A precomputed table for repeated exponentiation of one public base (Brickell et al. / Lim–Lee style windows).</summary>
    internal abstract FixedBaseExponentiation CreateFixedBase(BigNumber value, BigNumber modulus, int maxExponentBits, int windowBits = FixedBaseExponentiation.DefaultWindowBits);

    /// <summary>1, created once: values are immutable, so one instance serves every caller (and every thread).</summary>
    public BigNumber One => _one ??= FromInt64(1);

    /// <summary>0, created once (see <see cref="One"/>).</summary>
    public BigNumber Zero => _zero ??= FromInt64(0);

    private protected static T Own<T>(BigNumber value)
        where T : BigNumber
        => value as T ?? throw new ArgumentException("The value belongs to another math backend.", nameof(value));
}
