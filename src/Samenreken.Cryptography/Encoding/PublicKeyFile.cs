using System.Security.Cryptography;

namespace Samenreken.Cryptography.Encoding;

/// <summary>
/// The file form of a public key blob (Paillier or DGK): the blob followed by SHA-256 of the blob, so a corrupted or
/// truncated file is refused as such instead of failing later, or worse, importing (a flipped byte in the DJN base
/// passes every structural check). Pinning a fingerprint (<c>TryImport</c> with a pin) still guards against a
/// substituted key; the checksum only says the file is the one that was written. The fingerprint stays SHA-256 of
/// the blob, not of the file.
/// </summary>
public static class PublicKeyFile
{
    /// <summary>Length of the trailing checksum: a full SHA-256.</summary>
    public const int ChecksumLength = SHA256.HashSizeInBytes;

    /// <summary>The file bytes for an exported public key blob: blob ‖ SHA-256(blob).</summary>
    public static byte[] Seal(ReadOnlySpan<byte> blob)
    {
        var file = new byte[blob.Length + ChecksumLength];
        blob.CopyTo(file);
        SHA256.HashData(blob, file.AsSpan(blob.Length));
        return file;
    }

    /// <summary>
    /// The blob inside a file: true with the blob when the checksum matches. A file written before the checksum (the
    /// bare blob) has no trailer that matches, and comes back whole with <paramref name="hasChecksum"/> false: the
    /// importer's exact-length check then accepts an intact old file and refuses anything else, which callers report
    /// as <see cref="ValidationFailure.ChecksumMismatch"/> (<see cref="Refusal"/>).
    /// </summary>
    public static ReadOnlySpan<byte> Open(ReadOnlySpan<byte> file, out bool hasChecksum)
    {
        hasChecksum = false;
        if (file.Length > ChecksumLength)
        {
            Span<byte> hash = stackalloc byte[ChecksumLength];
            var blob = file[..^ChecksumLength];
            SHA256.HashData(blob, hash);
            if (hash.SequenceEqual(file[^ChecksumLength..]))
            {
                hasChecksum = true;
                return blob;
            }
        }

        return file;
    }

    /// <summary>
    /// Why a file was refused, given why its blob was: a malformed blob without a matching checksum is most likely a
    /// damaged new file, so it is <see cref="ValidationFailure.ChecksumMismatch"/> rather than "not a key file".
    /// </summary>
    public static ValidationFailure Refusal(ValidationFailure blobFailure, bool hasChecksum)
        => !hasChecksum && blobFailure == ValidationFailure.MalformedEncoding ? ValidationFailure.ChecksumMismatch : blobFailure;
}
