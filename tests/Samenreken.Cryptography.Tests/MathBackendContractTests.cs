using System.Numerics;
using CsCheck;
using Samenreken.Cryptography.Math;

namespace Samenreken.Cryptography.Tests;

/// <summary>
/// The contract of <see cref="MathBackend"/>: every operation agrees with <see cref="BigInteger"/> on random inputs,
/// on GMP and on the managed backend alike, and both refuse the same bad arguments.
/// </summary>
public sealed class MathBackendContractTests
{
    private const int Iterations = 150;

    private static BigNumber N(MathBackend b, BigInteger value) => b.FromBigInteger(value);

    [Theory, BothBackends]
    public void FromBigInteger_ToBigInteger_RoundTripsSignedValues(string backend)
    {
        var b = MathBackend.FromName(backend);
        Gens.Signed.Sample(v =>
        {
            var x = N(b, v);
            Assert.Equal(v, x.ToBigInteger());
            Assert.Equal(v.Sign, x.Sign);
            Assert.Equal(v.IsZero ? 0 : (int)BigInteger.Abs(v).GetBitLength(), x.BitLength);
            Assert.Equal(!v.IsEven, x.IsOdd);
            Assert.Equal(v.IsZero, x.IsZero);
        }, iter: Iterations);
    }

    [Theory, BothBackends]
    public void FromInt64_MatchesBigInteger(string backend)
    {
        var b = MathBackend.FromName(backend);
        Gen.Long.Sample(v => Assert.Equal(v, b.FromInt64(v).ToBigInteger()), iter: Iterations);
        Assert.Equal(long.MinValue, b.FromInt64(long.MinValue).ToBigInteger());
    }

    [Theory, BothBackends]
    public void BigEndian_RoundTripsWithLeftPadding(string backend)
    {
        var b = MathBackend.FromName(backend);
        Gen.Select(Gens.NonNegative, Gen.Int[0, 5]).Sample((v, extra) =>
        {
            var length = (int)((v.GetBitLength() + 7) / 8) + extra;
            var bytes = b.FromBigInteger(v).ToBigEndian(length);
            Assert.Equal(length, bytes.Length);
            Assert.Equal(v, new BigInteger(bytes, isUnsigned: true, isBigEndian: true));
            Assert.Equal(v, b.FromBigEndian(bytes).ToBigInteger());
        }, iter: Iterations);
    }

    [Theory, BothBackends]
    public void WriteBigEndian_ValueTooLongOrNegative_ThrowsArgumentException(string backend)
    {
        var b = MathBackend.FromName(backend);
        var tooLong = Assert.Throws<ArgumentException>(() => b.FromInt64(0x1_0000).WriteBigEndian(new byte[2]));
        var negative = Assert.Throws<ArgumentException>(() => b.FromInt64(-1).WriteBigEndian(new byte[8]));
        Assert.Equal("destination", tooLong.ParamName);
        Assert.Equal("destination", negative.ParamName);
        Assert.Empty(b.Zero.ToBigEndian(0));
    }

    [Theory, BothBackends]
    public void RingOperations_MatchBigInteger(string backend)
    {
        var b = MathBackend.FromName(backend);
        Gen.Select(Gens.Signed, Gens.Signed).Sample((x, y) =>
        {
            Assert.Equal(x + y, b.Add(N(b, x), N(b, y)).ToBigInteger());
            Assert.Equal(x - y, b.Subtract(N(b, x), N(b, y)).ToBigInteger());
            Assert.Equal(x * y, b.Multiply(N(b, x), N(b, y)).ToBigInteger());
            Assert.Equal(x.CompareTo(y), b.Compare(N(b, x), N(b, y)));
            Assert.Equal(x == y, N(b, x) == N(b, y));
            Assert.Equal(x.CompareTo(y) < 0, N(b, x) < N(b, y));
        }, iter: Iterations);
    }

    [Theory, BothBackends]
    public void DivideAndMod_AreFloorAndCanonical(string backend)
    {
        var b = MathBackend.FromName(backend);
        Gen.Select(Gens.Signed, Gens.NonNegative, Gens.Positive).Sample((x, dividend, m) =>
        {
            var expected = (x % m + m) % m;
            Assert.Equal(expected, b.Mod(N(b, x), N(b, m)).ToBigInteger());
            Assert.Equal(dividend / m, b.Divide(N(b, dividend), N(b, m)).ToBigInteger());
        }, iter: Iterations);
        Assert.Throws<DivideByZeroException>(() => b.Mod(b.One, b.Zero));
        Assert.Throws<DivideByZeroException>(() => b.Divide(b.One, b.Zero));
    }

    [Theory, BothBackends]
    public void ModSmall_MatchesBigInteger(string backend)
    {
        var b = MathBackend.FromName(backend);
        Gen.Select(Gens.NonNegative, Gen.ULong[1, ulong.MaxValue]).Sample((x, m) =>
            Assert.Equal((ulong)(x % m), b.ModSmall(N(b, x), m)), iter: Iterations);
        Assert.Throws<ArgumentOutOfRangeException>(() => b.ModSmall(b.One, 0));
    }

    [Theory, BothBackends]
    public void ModMultiplyAndModPow_MatchBigInteger(string backend)
    {
        var b = MathBackend.FromName(backend);
        Gen.Select(Gens.NonNegative, Gens.NonNegative, Gens.NonNegative, Gens.Positive).Sample((x, y, e, m) =>
        {
            Assert.Equal(x * y % m, b.ModMultiply(N(b, x), N(b, y), N(b, m)).ToBigInteger());
            Assert.Equal(BigInteger.ModPow(x, e, m), b.ModPow(N(b, x), N(b, e), N(b, m)).ToBigInteger());
        }, iter: Iterations);
    }

    [Theory, BothBackends]
    public void ModularOperations_ZeroModulus_ThrowDivideByZero_InsteadOfKillingTheProcess(string backend)
    {
        var b = MathBackend.FromName(backend);
        Assert.Throws<DivideByZeroException>(() => b.ModPow(b.One, b.One, b.Zero));
        Assert.Throws<DivideByZeroException>(() => b.ModMultiply(b.One, b.One, b.Zero));
        Assert.Throws<DivideByZeroException>(() => b.ModInverse(b.One, b.Zero));
        Assert.Throws<ArgumentException>(() => b.ModPowSecret(b.One, b.One, b.Zero));
    }

    [Theory, BothBackends]
    public void ModPow_NegativeBase_IsReducedCanonically(string backend)
    {
        var b = MathBackend.FromName(backend);
        Assert.Equal(BigInteger.ModPow(97 - 5, 3, 97), b.ModPow(b.FromInt64(-5), b.FromInt64(3), b.FromInt64(97)).ToBigInteger());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => b.ModPow(b.One, b.FromInt64(-1), b.FromInt64(7)));
        Assert.Equal("exponent", error.ParamName);
    }

    [Theory, BothBackends]
    public void ModPowSecret_MatchesModPow_AndRefusesWhatMpzPowmSecRefuses(string backend)
    {
        var b = MathBackend.FromName(backend);
        Gen.Select(Gens.NonNegative, Gens.Positive, Gens.OddModulus).Sample((x, e, m) =>
            Assert.Equal(BigInteger.ModPow(x, e, m), b.ModPowSecret(N(b, x), N(b, e), N(b, m)).ToBigInteger()), iter: Iterations);

        Assert.Equal("modulus", Assert.Throws<ArgumentException>(() => b.ModPowSecret(b.One, b.One, b.FromInt64(8))).ParamName);
        Assert.Equal("exponent", Assert.Throws<ArgumentOutOfRangeException>(() => b.ModPowSecret(b.One, b.Zero, b.FromInt64(7))).ParamName);
        Assert.Equal(backend == "gmp", b.HasConstantTimeModPow);
    }

    [Theory, BothBackends]
    public void ModInverseAndGcd_MatchBigInteger(string backend)
    {
        var b = MathBackend.FromName(backend);
        Gen.Select(Gens.Signed, Gens.Positive.Select(m => m + 1)).Sample((x, m) =>
        {
            var gcd = BigInteger.GreatestCommonDivisor(x, m);
            Assert.Equal(gcd, b.Gcd(N(b, x), N(b, m)).ToBigInteger());
            var inverse = b.ModInverse(N(b, x), N(b, m));
            if (gcd.IsOne)
            {
                Assert.NotNull(inverse);
                Assert.Equal(BigInteger.One, (inverse.ToBigInteger() * x % m + m) % m);
                Assert.InRange(inverse.ToBigInteger(), BigInteger.Zero, m - 1);
            }
            else
            {
                Assert.Null(inverse);
            }
        }, iter: Iterations);
    }

    [Theory, BothBackends]
    public void BitOperations_MatchBigInteger(string backend)
    {
        var b = MathBackend.FromName(backend);
        Gen.Select(Gens.NonNegative, Gen.Int[0, 700]).Sample((x, bits) =>
        {
            Assert.Equal(x << bits, b.ShiftLeft(N(b, x), bits).ToBigInteger());
            Assert.Equal(x >> bits, b.ShiftRight(N(b, x), bits).ToBigInteger());
            Assert.Equal(x & ((BigInteger.One << bits) - 1), b.LowBits(N(b, x), bits).ToBigInteger());
            Assert.Equal(!(x >> bits).IsEven, b.TestBit(N(b, x), bits));
        }, iter: Iterations);
        Assert.Equal("bits", Assert.Throws<ArgumentOutOfRangeException>(() => b.ShiftLeft(b.One, -1)).ParamName);
    }

    [Theory, BothBackends]
    public void IsPerfectPower_FindsSquaresCubesAndHigherPowers(string backend)
    {
        var b = MathBackend.FromName(backend);
        var prime = BigInteger.Parse("170141183460469231731687303715884105727", System.Globalization.CultureInfo.InvariantCulture); // 2^127 − 1
        Assert.True(b.IsPerfectPower(N(b, prime * prime)));
        Assert.True(b.IsPerfectPower(N(b, BigInteger.Pow(prime, 3))));
        Assert.True(b.IsPerfectPower(N(b, BigInteger.Pow(3, 101))));
        Assert.True(b.IsPerfectPower(b.One));
        Assert.False(b.IsPerfectPower(N(b, prime)));
        Assert.False(b.IsPerfectPower(N(b, prime * (prime + 2))));
        Assert.False(b.IsPerfectPower(N(b, prime * prime * 2)));
        Gen.Select(Gens.Positive.Select(v => v + 1), Gen.Int[2, 5]).Sample((root, k) =>
        {
            Assert.True(b.IsPerfectPower(N(b, BigInteger.Pow(root, k))));
        }, iter: 40);
    }

    [Theory]
    [InlineData("gmp", 1)]
    [InlineData("gmp", 6)]
    [InlineData("gmp", 8)]
    [InlineData("managed", 5)]
    [InlineData("managed", 8)]
    public void FixedBaseExponentiation_MatchesModPow_UpToItsExponentLength(string backend, int windowBits)
    {
        var b = MathBackend.FromName(backend);
        var modulus = (BigInteger.One << 521) - 1;
        var value = BigInteger.Parse("123456789123456789123456789", System.Globalization.CultureInfo.InvariantCulture);
        var table = b.CreateFixedBase(N(b, value), N(b, modulus), 200, windowBits);
        Assert.Equal(200, table.MaxExponentBits);
        Assert.Equal(windowBits, table.WindowBits);
        Gens.NonNegative.Select(e => e & ((BigInteger.One << 200) - 1)).Sample(e =>
        {
            Assert.Equal(BigInteger.ModPow(value, e, modulus), table.Pow(N(b, e)).ToBigInteger());
            Assert.Equal(BigInteger.ModPow(value, e, modulus), table.Pow(e.ToByteArray(isUnsigned: true, isBigEndian: true)).ToBigInteger());
        }, iter: 40);
        Assert.Equal(BigInteger.One, table.Pow(b.Zero).ToBigInteger());
        Assert.Equal(BigInteger.ModPow(value, (BigInteger.One << 200) - 1, modulus), table.Pow(N(b, (BigInteger.One << 200) - 1)).ToBigInteger());
        Assert.Equal("exponent", Assert.Throws<ArgumentOutOfRangeException>(() => table.Pow(N(b, BigInteger.One << 200))).ParamName);
        var tooLong = new byte[26];
        tooLong[0] = 1;
        Assert.Equal("exponentBigEndian", Assert.Throws<ArgumentOutOfRangeException>(() => table.Pow(tooLong)).ParamName);
    }

    [Fact]
    public void MixingBackends_ThrowsArgumentException_ButEqualsComparesByValue()
    {
        var gmp = MathBackend.Gmp!;
        var managed = MathBackend.Managed;
        Assert.Throws<ArgumentException>(() => gmp.Add(gmp.One, managed.One));
        Assert.True(gmp.FromInt64(42).Equals(managed.FromInt64(42)));
        Assert.False(gmp.FromInt64(42).Equals(managed.FromInt64(43)));
        Assert.Equal(gmp.FromInt64(42).GetHashCode(), managed.FromInt64(42).GetHashCode());
    }

    [Fact]
    public void FromName_SelectsBackends_AndRejectsUnknownNames()
    {
        Assert.Equal("gmp", MathBackend.FromName("GMP").Name);
        Assert.Equal("managed", MathBackend.FromName("managed").Name);
        Assert.Same(MathBackend.Default, MathBackend.FromName("auto"));
        Assert.Null(MathBackend.DefaultFallbackReason);
        Assert.Equal("name", Assert.Throws<ArgumentOutOfRangeException>(() => MathBackend.FromName("openssl")).ParamName);
    }
}
