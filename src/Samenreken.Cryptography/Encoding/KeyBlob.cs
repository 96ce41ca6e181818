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

    public static CryptoValidationException Error(ValidationFailure failure, string what) => new(failure, failure switch
    {
        ValidationFailure.MalformedEncoding => $"The {what} bytes are malformed: wrong magic, version, type or length.",
        ValidationFailure.KeySizeNotAllowed => $"The {what} has a modulus size that is not allowed.",
        ValidationFailure.KeyDecryptionFailed => $"The {what} did not decrypt: wrong passphrase, or the file was altered.",
        ValidationFailure.CiphertextWrongKey => $"The {what} was made under another public key.",
        _ => $"The {what} failed validation: {failure}.",
    });
}
