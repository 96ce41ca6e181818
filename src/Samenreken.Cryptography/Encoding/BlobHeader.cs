using System.Buffers.Binary;

namespace Samenreken.Cryptography.Encoding;

/// <summary>What a serialized blob holds: byte 5 of <see cref="BlobHeader"/>. Values are part of the wire format.</summary>
internal enum BlobType : byte
{
    PaillierPublicKey = 0x01,
    PaillierPrivateKey = 0x02,
    PaillierCiphertext = 0x03,
    EncryptedPaillierPrivateKey = 0x04,
    DgkPublicKey = 0x10,
    DgkPrivateKey = 0x11,
    EncryptedDgkPrivateKey = 0x12,
}

/// <summary>
/// The 8-byte header of every Samenreken key and ciphertext blob (docs/wire-format.md): the magic "SMRK", a format
/// version, a <see cref="BlobType"/> and the modulus size in bits as a big-endian uint16. The size comes before
/// the body so that every length is known, and checked, before a single big integer is read.
/// </summary>
internal static class BlobHeader
{
    public const int Length = 8;

    /// <summary>The only version this code writes and reads; a reader refuses any other.</summary>
    public const byte CurrentVersion = 1;

    private static ReadOnlySpan<byte> Magic => "SMRK"u8;

    public static void Write(Span<byte> destination, BlobType type, int modulusBits)
    {
        System.Diagnostics.Debug.Assert(modulusBits is > 0 and <= ushort.MaxValue, "modulus size out of header range");
        Magic.CopyTo(destination);
        destination[4] = CurrentVersion;
        destination[5] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..Length], (ushort)modulusBits);
    }

    /// <summary>Checks magic, version and type; a false return always means <see cref="ValidationFailure.MalformedEncoding"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, BlobType expectedType, out int modulusBits)
    {
        modulusBits = 0;
        if (source.Length < Length || !source[..4].SequenceEqual(Magic) || source[4] != CurrentVersion || source[5] != (byte)expectedType)
        {
            return false;
        }

        modulusBits = BinaryPrimitives.ReadUInt16BigEndian(source[6..Length]);
        return modulusBits > 0;
    }
}
