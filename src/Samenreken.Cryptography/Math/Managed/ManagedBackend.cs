using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Samenreken.Cryptography.Math.Managed;

internal sealed class ManagedNumber : BigNumber
{
    private BigInteger _value;

    internal ManagedNumber(ManagedBackend backend, BigInteger value)
    {
        Backend = backend;
        _value = value;
    }

    public override MathBackend Backend { get; }

    internal BigInteger Value => _value;

    /// <summary>Zeroes the BigInteger's own magnitude array (CryptographicOperations.ZeroMemory) and leaves the value 0.</summary>
    internal override void Erase()
    {
        Erase(ref _value);
    }

    /// <summary>
    /// BigInteger is immutable and keeps its magnitude in a private uint[] (values below 2^31 in its sign field):
    /// the accessor reaches that array so a secret can be zeroed where it lies instead of waiting for the GC to reuse it.
    /// Temporaries made by earlier arithmetic are not reached; the GMP backend is the one for production.
    /// </summary>
    internal static void Erase(ref BigInteger value)
    {
        var bits = Magnitude(ref value);
        if (bits is not null)
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(bits.AsSpan()));
        }

        value = default;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_bits")]
    internal static extern ref uint[]? Magnitude(ref BigInteger value);

    public override int BitLength => Value.IsZero ? 0 : (int)BigInteger.Abs(Value).GetBitLength();

    public override int Sign => Value.Sign;

    public override bool IsOdd => !Value.IsEven;

    public override BigInteger ToBigInteger() => Value;

    public override void WriteBigEndian(Span<byte> destination)
    {
        if (Value.Sign < 0)
        {
            throw new ArgumentException("A negative value has no unsigned encoding.", nameof(destination));
        }

        var length = ByteLength;
        if (length > destination.Length)
        {
            throw new ArgumentException($"The value needs {length} bytes but only {destination.Length} are available.", nameof(destination));
        }

        var padding = destination.Length - length;
        destination[..padding].Clear();
        if (length > 0 && !Value.TryWriteBytes(destination[padding..], out _, isUnsigned: true, isBigEndian: true))
        {
            throw new InvalidOperationException("BigInteger.TryWriteBytes failed for a value that fits.");
        }
    }
}

/// <summary>
/// The fallback on <see cref="BigInteger"/>: about ten times slower than GMP (PERFORMANCE.md), and its
/// ModPow is not constant time, which <see cref="MathBackend.HasConstantTimeModPow"/> reports.
/// </summary>
internal sealed class ManagedBackend : MathBackend
{
    public override string Name => "managed";

    public override bool HasConstantTimeModPow => false;

    private ManagedNumber New(BigInteger value) => new(this, value);

    private static BigInteger V(BigNumber value) => Own<ManagedNumber>(value).Value;

    public override BigNumber FromBigInteger(BigInteger value) => New(value);

    public override BigNumber FromInt64(long value) => New(value);

    public override BigNumber FromBigEndian(ReadOnlySpan<byte> bytes) => New(new BigInteger(bytes, isUnsigned: true, isBigEndian: true));

    internal override int Compare(BigNumber left, BigNumber right) => V(left).CompareTo(V(right));

    internal override BigNumber Add(BigNumber left, BigNumber right) => New(V(left) + V(right));

    internal override BigNumber Subtract(BigNumber left, BigNumber right) => New(V(left) - V(right));

    internal override BigNumber Multiply(BigNumber left, BigNumber right) => New(V(left) * V(right));

    internal override BigNumber Divide(BigNumber dividend, BigNumber divisor)
    {
        var quotient = BigInteger.DivRem(V(dividend), V(divisor), out var remainder);
        return New(remainder.Sign < 0 ? quotient - 1 : quotient);
    }

    internal override BigNumber Mod(BigNumber value, BigNumber modulus) => New(Canonical(V(value), V(modulus)));

    internal override ulong ModSmall(BigNumber value, ulong modulus)
    {
        ArgumentOutOfRangeException.ThrowIfZero(modulus);
        return (ulong)Canonical(V(value), modulus);
    }

    internal override BigNumber ModMultiply(BigNumber left, BigNumber right, BigNumber modulus)
        => New(Canonical(V(left) * V(right), V(modulus)));

    internal override BigNumber ModPow(BigNumber value, BigNumber exponent, BigNumber modulus)
    {
        if (exponent.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), "Use ModInverse for negative exponents.");
        }

        return New(BigInteger.ModPow(Canonical(V(value), V(modulus)), V(exponent), V(modulus)));
    }

    internal override BigNumber ModPowSecret(BigNumber value, BigNumber exponent, BigNumber modulus)
    {
        // Same preconditions as GMP's mpz_powm_sec so both backends accept and refuse the same inputs.
        if (!modulus.IsOdd)
        {
            throw new ArgumentException("Constant-time exponentiation needs an odd modulus.", nameof(modulus));
        }

        if (exponent.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), "Constant-time exponentiation needs a positive exponent.");
        }

        return ModPow(value, exponent, modulus);
    }

    internal override BigNumber? ModInverse(BigNumber value, BigNumber modulus)
    {
        var m = V(modulus);
        BigInteger oldR = Canonical(V(value), m), r = m, oldS = 1, s = 0;
        while (!r.IsZero)
        {
            var quotient = BigInteger.DivRem(oldR, r, out var remainder);
            (oldR, r) = (r, remainder);
            (oldS, s) = (s, oldS - quotient * s);
        }

        return oldR.IsOne ? New(Canonical(oldS, m)) : null;
    }

    internal override BigNumber Gcd(BigNumber left, BigNumber right) => New(BigInteger.GreatestCommonDivisor(V(left), V(right)));

    internal override BigNumber ShiftLeft(BigNumber value, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bits);
        return New(V(value) << bits);
    }

    internal override BigNumber ShiftRight(BigNumber value, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bits);
        return New(V(value) >> bits);
    }

    internal override BigNumber LowBits(BigNumber value, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bits);
        return New(V(value) & ((BigInteger.One << bits) - 1));
    }

    internal override bool TestBit(BigNumber value, int bit) => !(V(value) >> bit).IsEven;

    internal override bool IsPerfectPower(BigNumber value)
    {
        var n = BigInteger.Abs(V(value));
        if (n <= 1)
        {
            return true;
        }

        // n = a^k implies n = (a^(k/r))^r for every prime r dividing k: prime exponents suffice (7× fewer roots at 3072 bits).
        var bits = (int)n.GetBitLength();
        for (var k = 2; k <= bits; k++)
        {
            if (!ModMath.IsPrimeSmall((ulong)k))
            {
                continue;
            }

            var root = IntegerRoot(n, k);
            if (BigInteger.Pow(root, k) == n)
            {
                return true;
            }
        }

        return false;
    }

    internal override FixedBaseExponentiation CreateFixedBase(BigNumber value, BigNumber modulus, int maxExponentBits, int windowBits = FixedBaseExponentiation.DefaultWindowBits)
        => new ManagedFixedBase(this, V(value), V(modulus), maxExponentBits, windowBits);

    private static BigInteger Canonical(BigInteger value, BigInteger modulus)
    {
        var r = BigInteger.Remainder(value, modulus);
        return r.Sign < 0 ? r + modulus : r;
    }

    /// <summary>floor(n^(1/k)) by Newton's method.</summary>
    private static BigInteger IntegerRoot(BigInteger n, int k)
    {
        var x = BigInteger.One << (int)((n.GetBitLength() + k - 1) / k);
        while (true)
        {
            var y = ((k - 1) * x + n / BigInteger.Pow(x, k - 1)) / k;
            if (y >= x)
            {
                return x;
            }

            x = y;
        }
    }

    private sealed class ManagedFixedBase : FixedBaseExponentiation
    {
        private readonly ManagedBackend _backend;
        private readonly BigInteger _modulus;
        private readonly BigInteger[][] _table;
        private bool _disposed;

        public ManagedFixedBase(ManagedBackend backend, BigInteger value, BigInteger modulus, int maxExponentBits, int windowBits)
            : base(maxExponentBits, windowBits)
        {
            _backend = backend;
            _modulus = modulus;
            _table = new BigInteger[Windows][];

            // A copy with an array of its own: x mod m may hand back x's array, and Dispose zeroes the table's arrays.
            var bytes = Canonical(value, modulus).ToByteArray();
            var windowBase = new BigInteger(bytes);
            CryptographicOperations.ZeroMemory(bytes);
            for (var i = 0; i < Windows; i++)
            {
                var row = new BigInteger[(1 << WindowBits) - 1];
                row[0] = windowBase;
                for (var d = 1; d < row.Length; d++)
                {
                    row[d] = row[d - 1] * windowBase % modulus;
                }

                _table[i] = row;
                windowBase = row[^1] * row[0] % modulus;
            }
        }

        public override BigNumber Pow(ReadOnlySpan<byte> exponentBigEndian)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CheckExponentLength(exponentBigEndian);
            var accumulator = BigInteger.One;
            for (var i = 0; i < Windows; i++)
            {
                var digit = Digit(exponentBigEndian, i);
                if (digit != 0)
                {
                    accumulator = accumulator * _table[i][digit - 1] % _modulus;
                }
            }

            return _backend.New(accumulator % _modulus);
        }

        public override void Dispose()
        {
            _disposed = true;
            foreach (var row in _table)
            {
                for (var d = 0; d < row.Length; d++)
                {
                    ManagedNumber.Erase(ref row[d]);
                }
            }
        }
    }
}
