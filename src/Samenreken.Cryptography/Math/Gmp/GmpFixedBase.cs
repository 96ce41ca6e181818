namespace Samenreken.Cryptography.Math.Gmp;

/// <summary>
/// The fixed-base table on GMP: one <see cref="GmpLimbTable"/> block, and an exponentiation that allocates only its
/// result (the product goes through the thread's scratch, the table entries are read in place).
/// </summary>
internal sealed class GmpFixedBase : FixedBaseExponentiation
{
    private readonly GmpBackend _backend;
    private readonly GmpHandle _modulus;
    private readonly int _modulusBits;
    private readonly int _rowLength;
    private readonly GmpLimbTable _table;

    public GmpFixedBase(GmpBackend backend, GmpHandle value, GmpHandle modulus, int modulusBits, int maxExponentBits, int windowBits)
        : base(maxExponentBits, windowBits)
    {
        _backend = backend;
        _modulusBits = modulusBits;
        _modulus = GmpHandle.Allocate(modulusBits);
        GmpNative.Set(_modulus, modulus);
        _rowLength = (1 << WindowBits) - 1;
        _table = GmpLimbTable.Allocate(Windows * _rowLength, (modulusBits + 63) / 64);

        // Temporaries are zeroed when disposed (GmpHandle): for a DGK key they are residues mod a secret prime.
        using var product = GmpHandle.Allocate(2 * modulusBits);
        using var windowBase = GmpHandle.Allocate(modulusBits);
        using var entry = GmpHandle.Allocate(modulusBits);
        GmpNative.Mod(windowBase, value, modulus);
        for (var i = 0; i < Windows; i++)
        {
            // row i holds base_i^d for d = 1 .. 2^w − 1, with base_i = base^(2^(w·i))
            GmpNative.Set(entry, windowBase);
            _table.Store(i * _rowLength, entry);
            for (var d = 1; d < _rowLength; d++)
            {
                GmpNative.Mul(product, entry, windowBase);
                GmpNative.Mod(entry, product, modulus);
                _table.Store(i * _rowLength + d, entry);
            }

            // next window base = base_i^(2^w − 1) · base_i
            GmpNative.Mul(product, entry, windowBase);
            GmpNative.Mod(windowBase, product, modulus);
        }
    }

    /// <summary>The block (tests read its memory after Dispose).</summary>
    internal GmpLimbTable Table => _table;

    public override unsafe BigNumber Pow(ReadOnlySpan<byte> exponentBigEndian)
    {
        CheckExponentLength(exponentBigEndian);
        var accumulator = GmpHandle.Allocate(_modulusBits);
        var product = GmpBackend.Scratch;
        bool tableHeld = false, modulusHeld = false, accumulatorHeld = false, productHeld = false;
        try
        {
            // One add-ref per handle for the whole loop (throws ObjectDisposedException on a disposed table).
            _table.DangerousAddRef(ref tableHeld);
            _modulus.DangerousAddRef(ref modulusHeld);
            accumulator.DangerousAddRef(ref accumulatorHeld);
            product.DangerousAddRef(ref productHeld);
            var acc = accumulator.DangerousGetHandle();
            var prod = product.DangerousGetHandle();
            var mod = _modulus.DangerousGetHandle();
            MpzView entry;
            GmpNative.SetSi(acc, 1);
            for (var i = 0; i < Windows; i++)
            {
                var digit = Digit(exponentBigEndian, i);
                if (digit != 0)
                {
                    _table.View(i * _rowLength + digit - 1, &entry);
                    GmpNative.Mul(prod, acc, (nint)(&entry));
                    GmpNative.Mod(acc, prod, mod);
                }
            }
        }
        finally
        {
            if (productHeld)
            {
                product.DangerousRelease();
            }

            if (accumulatorHeld)
            {
                accumulator.DangerousRelease();
            }

            if (modulusHeld)
            {
                _modulus.DangerousRelease();
            }

            if (tableHeld)
            {
                _table.DangerousRelease();
            }
        }

        return _backend.Wrap(accumulator);
    }

    public override void Dispose()
    {
        // Zeroed now, not when the last reference goes: a Pow on another thread may still hold the block.
        _table.Zero();
        _modulus.ZeroLimbs();
        _table.Dispose();
        _modulus.Dispose();
    }
}
