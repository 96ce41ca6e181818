using System.Numerics;

namespace Samenreken.Cryptography.Math.Gmp;

internal sealed class GmpNumber : BigNumber
{
    internal GmpNumber(GmpBackend backend, GmpHandle handle)
    {
        Backend = backend;
        Handle = handle;
    }

    public override MathBackend Backend { get; }

    internal GmpHandle Handle { get; }

    /// <summary>The signed limb count (_mp_size) read from the mpz_t struct itself: cheaper than a call.</summary>
    private unsafe int LimbCount
    {
        get
        {
            // An erased number's memory is freed: refuse, rather than read what the allocator put there since.
            ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
            var value = *(int*)(Handle.DangerousGetHandle() + 4);
            GC.KeepAlive(this);
            return value;
        }
    }

    public override int Sign => System.Math.Sign(LimbCount);

    public override int BitLength => LimbCount == 0 ? 0 : (int)GmpNative.SizeInBase(Handle, 2);

    public override unsafe bool IsOdd
    {
        get
        {
            if (LimbCount == 0)
            {
                return false;
            }

            var limbs = *(ulong**)(Handle.DangerousGetHandle() + 8);
            var odd = (limbs[0] & 1) != 0;
            GC.KeepAlive(this);
            return odd;
        }
    }

    internal override void Erase()
    {
        Handle.ZeroLimbs();
        Handle.Dispose();
    }

    public override BigInteger ToBigInteger()
    {
        var bytes = new byte[ByteLength];
        ExportMagnitude(bytes);
        var magnitude = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        return Sign < 0 ? -magnitude : magnitude;
    }

    public override void WriteBigEndian(Span<byte> destination)
    {
        if (Sign < 0)
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
        ExportMagnitude(destination[padding..]);
    }

    private unsafe void ExportMagnitude(Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return;
        }

        fixed (byte* pointer = destination)
        {
            GmpNative.Export(pointer, out var count, 1, 1, 1, 0, Handle);
            System.Diagnostics.Debug.Assert((int)count == destination.Length, "mpz_export wrote an unexpected length.");
        }
    }
}
