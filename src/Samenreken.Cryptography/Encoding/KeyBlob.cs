namespace Samenreken.Cryptography.Encoding;

/// <summary>What every key importer shares: the header and size checks, and one wording for refusals.</summary>
internal static class KeyBlob
{
    /// <summary>
    /// The checks before any big integer is read: magic, version and type, the size against the policy, then (when
    /// the layout fixes it) the exact length that size implies.
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> bytes, BlobType type, KeySizePolicy policy, Func<int, int>? lengthForBits, out int bits, out ValidationFailure failure)
    {
        if (!BlobHeader.TryRead(bytes, type, out bits))
        {
            failure = ValidationFailure.MalformedEncoding;
            return false;
        }

        if (!policy.IsAllowed(bits))
        {
            failure = ValidationFailure.KeySizeNotAllowed;
            return false;
        }

        if (lengthForBits is not null && bytes.Length != lengthForBits(bits))
        {
            failure = ValidationFailure.MalformedEncoding;
            return false;
        }

        failure = default;
        return true;
    }

    /// <summary>Whether SHA-256 of the bytes equals the pinned fingerprint (fixed-time comparison).</summary>
    public static bool MatchesPin(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> pinnedFingerprint, out ValidationFailure failure)
    {
        Span<byte> hash = stackalloc byte[System.Security.Cryptography.SHA256.HashSizeInBytes];
        System.Security.Cryptography.SHA256.HashData(bytes, hash);
        var matches = pinnedFingerprint.Length == hash.Length && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(hash, pinnedFingerprint);
        failure = matches ? default : ValidationFailure.FingerprintMismatch;
        return matches;
    }

    public static CryptoValidationException Error(ValidationFailure failure, string what) => new(failure, failure switch
    {
        ValidationFailure.MalformedEncoding => $"The {what} bytes are malformed: wrong magic, version, type or length.",
        ValidationFailure.KeySizeNotAllowed => $"The {what} has a modulus size that is not allowed.",
        ValidationFailure.KeyDecryptionFailed => $"The {what} did not decrypt: wrong passphrase, or the file was altered.",
        ValidationFailure.CiphertextWrongKey => $"The {what} was made under another public key.",
        ValidationFailure.ChecksumMismatch => $"The {what} file is corrupted or truncated: its checksum does not match.",
        ValidationFailure.FingerprintMismatch => $"The {what} does not match the pinned fingerprint: it was altered, or it is another key.",
        _ => $"The {what} failed validation: {failure}.",
    });
}
