using System.Diagnostics;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Math.Gmp;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Diagnostics;

/// <summary>
/// The speed of libgmp's mpz_powm / mpz_powm_sec called directly (no wrapper, no allocation in the loop): the lower
/// bound <c>samenreken bench compare</c> measures a comparison against.
/// </summary>
public static class RawGmpExponentiation
{
    /// <summary>Operations per second of value^e mod modulus for random odd exponents of <paramref name="exponentBits"/> bits.</summary>
    public static double PerSecond(BigNumber value, int exponentBits, BigNumber modulus, bool secret)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(modulus);
        var gmp = Gmp();
        var exponents = Enumerable.Range(0, 16).Select(_ =>
        {
            var e = ModMath.RandomBits(gmp, exponentBits, RandomSource.Secure);
            return gmp.TestBit(e, 0) ? e : gmp.Add(e, gmp.One);
        }).ToArray();
        return Measure(gmp, exponents, value, modulus, secret);
    }

    /// <summary>
    /// As <see cref="PerSecond(BigNumber, int, BigNumber, bool)"/> for a modulus that is a secret (a prime factor or its
    /// square): a random odd stand-in of the same length costs the same, so the secret itself never leaves its key.
    /// </summary>
    public static double PerSecond(BigNumber value, int exponentBits, int modulusBits, bool secret)
    {
        ArgumentNullException.ThrowIfNull(value);
        var gmp = Gmp();
        var modulus = gmp.Add(gmp.ShiftLeft(gmp.One, modulusBits - 1), gmp.ShiftLeft(ModMath.RandomBits(gmp, modulusBits - 2, RandomSource.Secure), 1));
        return PerSecond(value, exponentBits, gmp.Add(modulus, gmp.One), secret);
    }

    /// <summary>Operations per second of value^(2^squarings) mod modulus (the packing step).</summary>
    public static double PowerOfTwoPerSecond(BigNumber value, int squarings, BigNumber modulus)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(modulus);
        var gmp = Gmp();
        return Measure(gmp, [gmp.ShiftLeft(gmp.One, squarings)], value, modulus, secret: false);
    }

    private static MathBackend Gmp() => MathBackend.Gmp ?? throw new InvalidOperationException("The raw baseline needs libgmp.so.10.");

    private static double Measure(MathBackend gmp, BigNumber[] exponents, BigNumber value, BigNumber modulus, bool secret)
    {
        GmpHandle H(BigNumber number) => ((GmpNumber)gmp.FromBigInteger(number.ToBigInteger())).Handle;
        var gmpModulus = gmp.FromBigInteger(modulus.ToBigInteger());
        var output = ((GmpNumber)gmp.Multiply(gmpModulus, gmpModulus)).Handle;
        var b = ((GmpNumber)gmp.Mod(gmp.FromBigInteger(value.ToBigInteger()), gmpModulus)).Handle;
        var m = H(modulus);
        var handles = exponents.Select(H).ToArray();
        var clock = Stopwatch.StartNew();
        var operations = 0;
        while (clock.Elapsed.TotalSeconds < 0.4 || operations < 8)
        {
            var e = handles[operations % handles.Length];
            if (secret)
            {
                GmpNative.PowmSec(output, b, e, m);
            }
            else
            {
                GmpNative.Powm(output, b, e, m);
            }

            operations++;
        }

        return operations / clock.Elapsed.TotalSeconds;
    }
}
