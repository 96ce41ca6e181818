using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Math.Gmp;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Benchmarks.Cryptography;

/// <summary>
/// Before and after in one run: the fixed-base table as one native block (<see cref="GmpFixedBase"/>) against the
/// former table of one SafeHandle per entry (<see cref="PerEntryHandleFixedBase"/>, kept here only as the baseline),
/// and Horner packing in place against the former allocating loop. The table is the DGK key holder's h_p table
/// (window 8, t-bit exponents mod a half-size prime) and the Paillier public key's h_s table (window 6).
/// Run: dotnet run -c Release --project benchmarks/Samenreken.Benchmarks -- --filter '*FixedBase*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcessConfig))]
public class FixedBaseBenchmarks
{
    private readonly MathBackend _gmp = MathBackend.Gmp ?? throw new InvalidOperationException("libgmp.so.10 is required.");
    private BigNumber _base = null!;
    private BigNumber _modulus = null!;
    private BigNumber _exponent = null!;
    private FixedBaseExponentiation _oneBlock = null!;
    private PerEntryHandleFixedBase _perEntry = null!;
    private PaillierPublicKey _key = null!;
    private PaillierCiphertext[] _items = null!;

    /// <summary>3072 bits: the default key size, where the DGK table had the most handles.</summary>
    [Params(3072)]
    public int Bits { get; set; }

    /// <summary>"dgk" (h mod p, window 8, t-bit exponent) or "paillier" (h_s mod n², window 6, exponent of |n|/2 bits).</summary>
    [Params("dgk", "paillier")]
    public string Table { get; set; } = "dgk";

    private int WindowBits => Table == "dgk" ? 8 : FixedBaseExponentiation.DefaultWindowBits;

    [GlobalSetup]
    public void Setup()
    {
        var random = RandomSource.Secure;
        var exponentBits = Table == "dgk" ? (Bits >= 3072 ? 256 : 160) : Bits / 2;
        _modulus = Table == "dgk" ? ModMath.RandomPrime(_gmp, Bits / 2, random) : _gmp.Multiply(ModMath.RandomBits(_gmp, Bits, random), ModMath.RandomBits(_gmp, Bits, random));
        if (!_modulus.IsOdd)
        {
            _modulus = _gmp.Add(_modulus, _gmp.One);
        }

        _base = ModMath.RandomBelow(_gmp, _modulus, random);
        _exponent = ModMath.RandomBits(_gmp, exponentBits, random);
        _oneBlock = _gmp.CreateFixedBase(_base, _modulus, exponentBits, WindowBits);
        _perEntry = new PerEntryHandleFixedBase((GmpBackend)_gmp, _base, _modulus, exponentBits, WindowBits);
        using var pair = PaillierKeyPair.Generate(Bits, KeySizePolicy.Production, random, _gmp);
        _key = pair.PublicKey;
        _key.Precompute();
        var slots = (Bits - 1) / 74;
        _items = [.. Enumerable.Range(0, slots).Select(i => (PaillierCiphertext)_key.Encrypt(_gmp.FromInt64(i), _key.NewRandomizer(random)))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _oneBlock.Dispose();
        _perEntry.Dispose();
    }

    [Benchmark(Baseline = true, Description = "pow, one handle per entry (before)")]
    public BigNumber PowPerEntryHandles() => _perEntry.Pow(_exponent);

    [Benchmark(Description = "pow, one block (after)")]
    public BigNumber PowOneBlock() => _oneBlock.Pow(_exponent);

    [Benchmark(Description = "build table, one handle per entry (before)")]
    public void BuildPerEntryHandles()
    {
        using var table = new PerEntryHandleFixedBase((GmpBackend)_gmp, _base, _modulus, _exponent.BitLength, WindowBits);
    }

    [Benchmark(Description = "build table, one block (after)")]
    public void BuildOneBlock()
    {
        using var table = _gmp.CreateFixedBase(_base, _modulus, _exponent.BitLength, WindowBits);
    }

    [Benchmark(Description = "pack 27/41 slots, allocating (before)")]
    public BigNumber PackAllocating()
    {
        // The former PaillierPublicKey.Pack loop: two fresh mpz_t per item.
        var nSquared = _key.NSquared;
        var shift = _gmp.ShiftLeft(_gmp.One, 74);
        var accumulator = _items[^1].Value;
        for (var k = _items.Length - 2; k >= 0; k--)
        {
            var shifted = _gmp.ModPow(accumulator, shift, nSquared);
            accumulator = _gmp.ModMultiply(shifted, _items[k].Value, nSquared);
        }

        return accumulator;
    }

    [Benchmark(Description = "pack 27/41 slots, in place (after)")]
    public PaillierCiphertext PackInPlace() => _key.Pack(_items, 74);
}

/// <summary>One short job in this process: no generated project to build, the before and after code side by side.</summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(7));
    }
}

/// <summary>The fixed-base table as it was before the one-block table: one SafeHandle (and mpz_t) per entry.</summary>
internal sealed class PerEntryHandleFixedBase : IDisposable
{
    private readonly GmpBackend _backend;
    private readonly GmpHandle _modulus;
    private readonly int _modulusBits;
    private readonly int _windowBits;
    private readonly int _windows;
    private readonly GmpHandle[][] _table;

    public PerEntryHandleFixedBase(GmpBackend backend, BigNumber value, BigNumber modulus, int maxExponentBits, int windowBits)
    {
        _backend = backend;
        _windowBits = windowBits;
        _windows = (maxExponentBits + windowBits - 1) / windowBits;
        _modulusBits = modulus.BitLength;
        _modulus = GmpHandle.Allocate(_modulusBits);
        GmpNative.Set(_modulus, ((GmpNumber)modulus).Handle);
        _table = new GmpHandle[_windows][];
        using var product = GmpHandle.Allocate(2 * _modulusBits);
        var windowBase = GmpHandle.Allocate(_modulusBits);
        GmpNative.Mod(windowBase, ((GmpNumber)value).Handle, _modulus);
        for (var i = 0; i < _windows; i++)
        {
            var row = new GmpHandle[(1 << windowBits) - 1];
            row[0] = windowBase;
            for (var d = 1; d < row.Length; d++)
            {
                row[d] = GmpHandle.Allocate(_modulusBits);
                GmpNative.Mul(product, row[d - 1], windowBase);
                GmpNative.Mod(row[d], product, _modulus);
            }

            _table[i] = row;
            windowBase = GmpHandle.Allocate(_modulusBits);
            GmpNative.Mul(product, row[^1], row[0]);
            GmpNative.Mod(windowBase, product, _modulus);
        }

        windowBase.Dispose();
    }

    public BigNumber Pow(BigNumber exponent)
    {
        Span<byte> bytes = stackalloc byte[(_windows * _windowBits + 7) / 8];
        exponent.WriteBigEndian(bytes);
        var accumulator = GmpHandle.Allocate(_modulusBits);
        GmpNative.SetSi(accumulator, 1);
        var product = GmpBackend.Scratch;
        for (var i = 0; i < _windows; i++)
        {
            var digit = FixedBaseExponentiation.Digit(bytes, i, _windowBits);
            if (digit != 0)
            {
                GmpNative.Mul(product, accumulator, _table[i][digit - 1]);
                GmpNative.Mod(accumulator, product, _modulus);
            }
        }

        return _backend.Wrap(accumulator);
    }

    public void Dispose()
    {
        foreach (var row in _table)
        {
            foreach (var entry in row)
            {
                entry.Dispose();
            }
        }

        _modulus.Dispose();
    }
}
