namespace Samenreken.Cryptography.Math;

/// <summary>
/// Repeated exponentiation of one fixed base: the table holds base^(d·2^(w·i)) for every window i and digit d,
/// so base^e costs one modular multiplication per w-bit window of e instead of a full square-and-multiply
/// (Brickell–Gordon–McCurley–Wilson 1992: window w = 6 gives ≈ 43 multiplications for 256 bits, w = 8 gives 32).
/// Only for public bases; the exponent may be secret randomness, but note table lookups are data-dependent.
/// A table over a secret modulus (the DGK key's h mod p) is itself a secret: Dispose zeroes it.
/// </summary>
internal abstract class FixedBaseExponentiation : IDisposable
{
    /// <summary>The default window: 63 table entries per window.</summary>
    public const int DefaultWindowBits = 6;

    private protected FixedBaseExponentiation(int maxExponentBits, int windowBits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExponentBits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowBits, 12);
        MaxExponentBits = maxExponentBits;
        WindowBits = windowBits;
        Windows = (maxExponentBits + windowBits - 1) / windowBits;
    }

    /// <summary>Window width w in bits: ⌈bits/w⌉ multiplications per exponentiation, (2^w − 1)·⌈bits/w⌉ table entries.</summary>
    public int WindowBits { get; }

    /// <summary>Largest exponent length, in bits, the table covers.</summary>
    public int MaxExponentBits { get; }

    private protected int Windows { get; }

    /// <summary>base^exponent mod modulus, the exponent given as unsigned big-endian bytes of at most <see cref="MaxExponentBits"/> bits.</summary>
    public abstract BigNumber Pow(ReadOnlySpan<byte> exponentBigEndian);

    /// <summary>base^exponent mod modulus for 0 ≤ exponent &lt; 2^<see cref="MaxExponentBits"/>.</summary>
    public BigNumber Pow(BigNumber exponent)
    {
        ArgumentNullException.ThrowIfNull(exponent);
        if (exponent.Sign < 0 || exponent.BitLength > MaxExponentBits)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), "The exponent is outside the range of the fixed-base table.");
        }

        Span<byte> bytes = stackalloc byte[(MaxExponentBits + 7) / 8];
        exponent.WriteBigEndian(bytes);
        return Pow(bytes);
    }

    /// <summary>Zeroes and frees the table; later calls to Pow throw <see cref="ObjectDisposedException"/>.</summary>
    public abstract void Dispose();

    /// <summary>The w-bit digit of window <paramref name="window"/> (least significant window 0) of a big-endian number.</summary>
    private protected int Digit(ReadOnlySpan<byte> bigEndian, int window) => Digit(bigEndian, window, WindowBits);

    /// <summary>The <paramref name="windowBits"/>-bit digit of window <paramref name="window"/> of a big-endian number.</summary>
    internal static int Digit(ReadOnlySpan<byte> bigEndian, int window, int windowBits)
    {
        var digit = 0;
        var firstBit = window * windowBits;
        for (var k = windowBits - 1; k >= 0; k--)
        {
            var bit = firstBit + k;
            var byteIndex = bigEndian.Length - 1 - (bit >> 3);
            var set = byteIndex >= 0 && ((bigEndian[byteIndex] >> (bit & 7)) & 1) != 0;
            digit = (digit << 1) | (set ? 1 : 0);
        }

        return digit;
    }

    private protected void CheckExponentLength(ReadOnlySpan<byte> exponentBigEndian)
    {
        var leading = exponentBigEndian.Length * 8 - MaxExponentBits;
        for (var bit = 0; bit < leading; bit++)
        {
            var byteIndex = bit >> 3;
            if (((exponentBigEndian[byteIndex] << (bit & 7)) & 0x80) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(exponentBigEndian), "The exponent is longer than the fixed-base table covers.");
            }
        }
    }
}
