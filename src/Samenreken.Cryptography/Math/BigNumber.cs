using System.Numerics;

namespace Samenreken.Cryptography.Math;

/// <summary>
/// An immutable arbitrary-precision integer that belongs to one <see cref="MathBackend"/>.
/// All arithmetic goes through the backend so that the same crypto code runs on GMP or on managed code.
/// </summary>
public abstract class BigNumber : IEquatable<BigNumber>, IComparable<BigNumber>
{
    private protected BigNumber()
    {
    }

    /// <summary>The backend that created this value and must be used for arithmetic on it.</summary>
    public abstract MathBackend Backend { get; }

    /// <summary>Number of bits of the absolute value (0 for zero).</summary>
    public abstract int BitLength { get; }

    /// <summary>-1, 0 or 1.</summary>
    public abstract int Sign { get; }

    public bool IsZero => Sign == 0;

    /// <summary>Bytes needed for the big-endian unsigned encoding of the absolute value.</summary>
    public int ByteLength => (BitLength + 7) / 8;

    public abstract bool IsOdd { get; }

    public abstract BigInteger ToBigInteger();

    /// <summary>
    /// Zeroes the memory holding the value and frees it: for secrets owned by one object (a private key's primes, a
    /// residue mod p). The number must not be used afterwards; on GMP a later use throws <see cref="ObjectDisposedException"/>.
    /// </summary>
    internal abstract void Erase();

    /// <summary>Writes the non-negative value as exactly <paramref name="destination"/>.Length big-endian bytes, left-padded with zeros.</summary>
    /// <exception cref="ArgumentException">The value is negative or does not fit.</exception>
    public abstract void WriteBigEndian(Span<byte> destination);

    /// <summary>The non-negative value as exactly <paramref name="length"/> big-endian bytes.</summary>
    public byte[] ToBigEndian(int length)
    {
        var bytes = new byte[length];
        WriteBigEndian(bytes);
        return bytes;
    }

    /// <summary>Value equality; numbers of different backends compare by value instead of throwing (Equals must not throw).</summary>
    public bool Equals(BigNumber? other)
        => other is not null
            && (ReferenceEquals(Backend, other.Backend) ? Backend.Compare(this, other) == 0 : ToBigInteger() == other.ToBigInteger());

    public int CompareTo(BigNumber? other) => other is null ? 1 : Backend.Compare(this, other);

    public override bool Equals(object? obj) => obj is BigNumber other && Equals(other);

    public override int GetHashCode() => ToBigInteger().GetHashCode();

    /// <summary>The size only, never the value: a BigNumber may be a secret (a prime, a plaintext), and ToString ends up in logs.</summary>
    public override string ToString() => $"BigNumber ({BitLength} bits)";

    public static bool operator ==(BigNumber? left, BigNumber? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(BigNumber? left, BigNumber? right) => !(left == right);

    public static bool operator <(BigNumber left, BigNumber right) => left.CompareTo(right) < 0;

    public static bool operator >(BigNumber left, BigNumber right) => left.CompareTo(right) > 0;

    public static bool operator <=(BigNumber left, BigNumber right) => left.CompareTo(right) <= 0;

    public static bool operator >=(BigNumber left, BigNumber right) => left.CompareTo(right) >= 0;
}
