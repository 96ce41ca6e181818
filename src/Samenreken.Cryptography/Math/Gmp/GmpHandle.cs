using System.Runtime.InteropServices;

namespace Samenreken.Cryptography.Math.Gmp;

/// <summary>Owns one natively allocated, initialised <c>mpz_t</c>; releases it exactly once.</summary>
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

    protected override unsafe bool ReleaseHandle()
    {
        GmpNative.Clear(handle);
        NativeMemory.Free((void*)handle);
        return true;
    }
}
