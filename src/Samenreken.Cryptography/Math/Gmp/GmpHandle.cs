using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Samenreken.Cryptography.Math.Gmp;

/// <summary>
/// Owns one natively allocated, initialised <c>mpz_t</c>; releases it exactly once, and zeroes its limbs before
/// <c>mpz_clear</c> hands them back to the allocator: any number may be a secret (a prime, a residue mod p), and freed
/// heap memory is read by whatever the allocator gives it to next.
/// </summary>
internal sealed class GmpHandle : SafeHandle
{
    public GmpHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>A new mpz_t with room for <paramref name="bits"/> bits, so hot loops do not reallocate.</summary>
    public static unsafe GmpHandle Allocate(int bits)
    {
        var result = new GmpHandle();
        var pointer = (nint)NativeMemory.Alloc(GmpNative.MpzSize);
        GmpNative.Init2(pointer, (nuint)System.Math.Max(bits, 64));
        result.SetHandle(pointer);
        return result;
    }

    /// <summary>Zeroes every allocated limb now (not only the used ones: a value that shrank left its old top limbs) and makes the value 0.</summary>
    public void ZeroLimbs()
    {
        var added = false;
        try
        {
            DangerousAddRef(ref added);
            ZeroLimbs(handle);
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
    }

    /// <summary>Zeroes the limbs of the mpz_t at <paramref name="mpz"/> (layout: int _mp_alloc, int _mp_size, mp_limb_t* _mp_d).</summary>
    internal static unsafe void ZeroLimbs(nint mpz)
    {
        var allocated = *(int*)mpz;
        var limbs = *(byte**)(mpz + 8);
        if (allocated > 0 && limbs is not null)
        {
            CryptographicOperations.ZeroMemory(new Span<byte>(limbs, allocated * sizeof(ulong)));
        }

        *(int*)(mpz + 4) = 0;
    }

    protected override unsafe bool ReleaseHandle()
    {
        ZeroLimbs(handle);
        GmpNative.Clear(handle);
        NativeMemory.Free((void*)handle);
        return true;
    }
}
