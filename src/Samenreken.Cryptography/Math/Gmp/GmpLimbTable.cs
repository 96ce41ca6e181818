using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Samenreken.Cryptography.Math.Gmp;

/// <summary>
/// A fixed-base table as one native block: <c>entries</c> slots of one size word and <c>limbs</c> limbs each. One
/// SafeHandle instead of one per entry (a 3072-bit DGK table was 53,196 finalizable handles), freed deterministically
/// and zeroed first, since a table mod a secret prime gives that prime away.
/// </summary>
internal sealed class GmpLimbTable : SafeHandle
{
    private readonly int _limbs;
    private readonly int _entries;

    private GmpLimbTable(int entries, int limbs)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _entries = entries;
        _limbs = limbs;
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    private int SlotWords => _limbs + 1;

    internal nuint ByteLength => (nuint)_entries * (nuint)SlotWords * sizeof(ulong);

    public static unsafe GmpLimbTable Allocate(int entries, int limbs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limbs, 1);
        var table = new GmpLimbTable(entries, limbs);
        table.SetHandle((nint)NativeMemory.AllocZeroed(table.ByteLength));
        return table;
    }

    /// <summary>Copies the value of <paramref name="value"/> (non-negative, at most the slot's limbs) into slot <paramref name="index"/>.</summary>
    public unsafe void Store(int index, GmpHandle value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _entries);
        var mpz = value.DangerousGetHandle();
        var size = *(int*)(mpz + 4);
        if (size < 0 || size > _limbs)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "The value does not fit a table slot.");
        }

        var slot = Slot(index);
        slot[0] = (ulong)size;
        new ReadOnlySpan<ulong>(*(ulong**)(mpz + 8), size).CopyTo(new Span<ulong>(slot + 1, _limbs));
        GC.KeepAlive(value);
    }

    /// <summary>
    /// Writes into <paramref name="view"/> a read-only mpz_t over slot <paramref name="index"/>, as <c>mpz_roinit_n</c>
    /// would (_mp_alloc 0): GMP reads such an operand in place. The caller holds a reference on this handle.
    /// </summary>
    public unsafe void View(int index, MpzView* view)
    {
        var slot = Slot(index);
        view->Allocated = 0;
        view->Size = (int)slot[0];
        view->Limbs = slot + 1;
    }

    /// <summary>Zeroes the whole block now (it stays allocated until released).</summary>
    public unsafe void Zero()
    {
        var added = false;
        try
        {
            DangerousAddRef(ref added);
            CryptographicOperations.ZeroMemory(new Span<byte>((void*)handle, checked((int)ByteLength)));
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
    }

    private unsafe ulong* Slot(int index) => (ulong*)handle + (nint)index * SlotWords;

    protected override unsafe bool ReleaseHandle()
    {
        CryptographicOperations.ZeroMemory(new Span<byte>((void*)handle, checked((int)ByteLength)));
        NativeMemory.Free((void*)handle);
        return true;
    }
}

/// <summary>The mpz_t struct on LP64 (int _mp_alloc, int _mp_size, mp_limb_t* _mp_d), for read-only views on the stack.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MpzView
{
    public int Allocated;
    public int Size;
    public ulong* Limbs;
}
