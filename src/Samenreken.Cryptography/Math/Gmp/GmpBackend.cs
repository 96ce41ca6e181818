using System.Numerics;
using System.Runtime.InteropServices;

namespace Samenreken.Cryptography.Math.Gmp;

/// <summary>Arithmetic on libgmp (Debian's libgmp10) through P/Invoke: each result is a fresh mpz_t.</summary>
internal sealed class GmpBackend : MathBackend
{
    private GmpBackend()
    {
    }

    public static string? LoadFailure { get; private set; }

    public override string Name => "gmp";

    public override bool HasConstantTimeModPow => true;

    public static GmpBackend? TryCreate()
    {
        try
        {
            if (!NativeLibrary.TryLoad(GmpNative.Library, out _))
            {
                LoadFailure = $"{GmpNative.Library} was not found (install Debian's libgmp10).";
                return null;
            }

            var backend = new GmpBackend();

            // A smoke test: a broken or mismatched library must not be used silently.
            var check = backend.ModPow(backend.FromInt64(3), backend.FromInt64(5), backend.FromInt64(7));
            if (check.ToBigInteger() != 5)
            {
                LoadFailure = $"{GmpNative.Library} loaded but computed 3^5 mod 7 = {check}.";
                return null;
            }

            return backend;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            LoadFailure = exception.Message;
            return null;
        }
    }

    /// <summary>
    /// A per-thread mpz_t for double-length intermediate products: it grows to the largest size used and stays, so a
    /// modular multiplication allocates only its result, and hot loops do not churn native memory.
    /// </summary>
    [ThreadStatic]
    private static GmpHandle? t_scratch;

    internal static GmpHandle Scratch => t_scratch ??= GmpHandle.Allocate(8192);

    /// <summary>GMP divides by zero with SIGFPE, which kills the process; the managed backend throws instead, and so must this one.</summary>
    private static void ThrowIfZero(BigNumber modulus)
    {
        if (modulus.IsZero)
        {
            throw new DivideByZeroException();
        }
    }

    internal override void EraseIntermediate(BigNumber value) => Own<GmpNumber>(value).Erase();

    internal override void EraseScratch() => t_scratch?.ZeroLimbs();

    private GmpNumber New(int bits) => new(this, GmpHandle.Allocate(bits));

    private static GmpHandle H(BigNumber value) => Own<GmpNumber>(value).Handle;

    public override BigNumber FromBigInteger(BigInteger value)
    {
        var magnitude = BigInteger.Abs(value).ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = (GmpNumber)FromBigEndian(magnitude);
        return value.Sign < 0 ? Subtract(Zero, result) : result;
    }

    public override BigNumber FromInt64(long value)
    {
        var result = New(64);
        GmpNative.SetSi(result.Handle, (nint)value);
        return result;
    }

    public override unsafe BigNumber FromBigEndian(ReadOnlySpan<byte> bytes)
    {
        var result = New(bytes.Length * 8);
        if (!bytes.IsEmpty)
        {
            fixed (byte* pointer = bytes)
            {
                GmpNative.Import(result.Handle, (nuint)bytes.Length, 1, 1, 1, 0, pointer);
            }
        }

        return result;
    }

    internal override int Compare(BigNumber left, BigNumber right) => System.Math.Sign(GmpNative.Cmp(H(left), H(right)));

    internal override BigNumber Add(BigNumber left, BigNumber right)
    {
        var result = New(System.Math.Max(left.BitLength, right.BitLength) + 1);
        GmpNative.Add(result.Handle, H(left), H(right));
        return result;
    }

    internal override BigNumber Subtract(BigNumber left, BigNumber right)
    {
        var result = New(System.Math.Max(left.BitLength, right.BitLength) + 1);
        GmpNative.Sub(result.Handle, H(left), H(right));
        return result;
    }

    internal override BigNumber Multiply(BigNumber left, BigNumber right)
    {
        var result = New(left.BitLength + right.BitLength);
        GmpNative.Mul(result.Handle, H(left), H(right));
        return result;
    }

    internal override BigNumber Divide(BigNumber dividend, BigNumber divisor)
    {
        if (divisor.IsZero)
        {
            throw new DivideByZeroException();
        }

        var result = New(dividend.BitLength);
        GmpNative.FdivQ(result.Handle, H(dividend), H(divisor));
        return result;
    }

    internal override BigNumber Mod(BigNumber value, BigNumber modulus)
    {
        if (modulus.IsZero)
        {
            throw new DivideByZeroException();
        }

        var result = New(modulus.BitLength);
        GmpNative.Mod(result.Handle, H(value), H(modulus));
        return result;
    }

    internal override ulong ModSmall(BigNumber value, ulong modulus)
    {
        ArgumentOutOfRangeException.ThrowIfZero(modulus);
        return GmpNative.FdivUi(H(value), (nuint)modulus);
    }

    internal override BigNumber ModMultiply(BigNumber left, BigNumber right, BigNumber modulus)
    {
        ThrowIfZero(modulus);
        var product = Scratch;
        GmpNative.Mul(product, H(left), H(right));
        var result = New(modulus.BitLength);
        GmpNative.Mod(result.Handle, product, H(modulus));
        return result;
    }

    internal override BigNumber ModMultiplyInPlace(BigNumber accumulator, BigNumber right, BigNumber modulus)
    {
        ThrowIfZero(modulus);
        var product = Scratch;
        GmpNative.Mul(product, H(accumulator), H(right));
        GmpNative.Mod(H(accumulator), product, H(modulus));
        return accumulator;
    }

    internal override BigNumber ModPowInPlace(BigNumber accumulator, BigNumber exponent, BigNumber modulus)
    {
        ThrowIfZero(modulus);
        ArgumentOutOfRangeException.ThrowIfNegative(exponent.Sign, nameof(exponent));

        // mpz_powm allows its result to be its base.
        GmpNative.Powm(H(accumulator), H(accumulator), H(exponent), H(modulus));
        return accumulator;
    }

    internal override BigNumber ModPow(BigNumber value, BigNumber exponent, BigNumber modulus)
    {
        ThrowIfZero(modulus);
        if (exponent.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), "Use ModInverse for negative exponents.");
        }

        var result = New(modulus.BitLength);
        GmpNative.Powm(result.Handle, H(value), H(exponent), H(modulus));
        return result;
    }

    internal override BigNumber ModPowSecret(BigNumber value, BigNumber exponent, BigNumber modulus)
    {
        // mpz_powm_sec is undefined for an even modulus or a non-positive exponent.
        if (!modulus.IsOdd)
        {
            throw new ArgumentException("Constant-time exponentiation needs an odd modulus.", nameof(modulus));
        }

        if (exponent.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), "Constant-time exponentiation needs a positive exponent.");
        }

        var result = New(modulus.BitLength);
        GmpNative.PowmSec(result.Handle, H(value), H(exponent), H(modulus));
        return result;
    }

    internal override BigNumber? ModInverse(BigNumber value, BigNumber modulus)
    {
        ThrowIfZero(modulus);
        var result = New(modulus.BitLength);
        if (GmpNative.Invert(result.Handle, H(value), H(modulus)) == 0)
        {
            result.Handle.Dispose();
            return null;
        }

        return result;
    }

    internal override BigNumber Gcd(BigNumber left, BigNumber right)
    {
        var result = New(System.Math.Min(left.BitLength, right.BitLength));
        GmpNative.Gcd(result.Handle, H(left), H(right));
        return result;
    }

    internal override BigNumber ShiftLeft(BigNumber value, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bits);
        var result = New(value.BitLength + bits);
        GmpNative.Mul2Exp(result.Handle, H(value), (nuint)bits);
        return result;
    }

    internal override BigNumber ShiftRight(BigNumber value, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bits);
        var result = New(System.Math.Max(value.BitLength - bits, 1));
        GmpNative.FdivQ2Exp(result.Handle, H(value), (nuint)bits);
        return result;
    }

    internal override BigNumber LowBits(BigNumber value, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bits);
        var result = New(bits);
        GmpNative.FdivR2Exp(result.Handle, H(value), (nuint)bits);
        return result;
    }

    internal override bool TestBit(BigNumber value, int bit) => GmpNative.TstBit(H(value), (nuint)bit) != 0;

    internal override bool IsPerfectPower(BigNumber value) => GmpNative.PerfectPowerP(H(value)) != 0;

    internal override FixedBaseExponentiation CreateFixedBase(BigNumber value, BigNumber modulus, int maxExponentBits, int windowBits = FixedBaseExponentiation.DefaultWindowBits)
        => new GmpFixedBase(this, H(value), H(modulus), modulus.BitLength, maxExponentBits, windowBits);

    internal GmpNumber Wrap(GmpHandle handle) => new(this, handle);
}
