using System.Buffers.Binary;
using System.Security.Cryptography;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Encoding;

/// <summary>
/// Passphrase encryption of a secret blob: AES-256-GCM under a key from PBKDF2-HMAC-SHA256 (OWASP 2023: at least
/// 600,000 iterations), with a random 16-byte salt and 12-byte nonce. Layout after the caller's 8-byte header:
/// iterations (uint32 BE) ‖ salt ‖ nonce ‖ ciphertext ‖ tag. Everything before the ciphertext, header included, is
/// GCM associated data, so changing the type, size, iteration count, salt or nonce fails authentication.
/// </summary>
internal static class PassphraseEnvelope
{
    public const int Iterations = 600_000;

    /// <summary>An upper bound so that a crafted file cannot make the reader spin for hours.</summary>
    public const int MaxIterations = 10_000_000;

    public const int SaltBytes = 16;
    public const int NonceBytes = 12;
    public const int TagBytes = 16;
    private const int KeyBytes = 32;

    /// <summary>Bytes before the ciphertext: header, iterations, salt, nonce.</summary>
    public const int PrefixBytes = BlobHeader.Length + sizeof(uint) + SaltBytes + NonceBytes;

    public static int SealedLength(int plaintextLength) => PrefixBytes + plaintextLength + TagBytes;

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="destination"/>, whose first 8 bytes already hold the header.</summary>
    public static void Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<char> passphrase, RandomSource random, Span<byte> destination)
    {
        System.Diagnostics.Debug.Assert(destination.Length == SealedLength(plaintext.Length), "destination length");
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(BlobHeader.Length, sizeof(uint)), Iterations);
        var salt = destination.Slice(BlobHeader.Length + sizeof(uint), SaltBytes);
        var nonce = destination.Slice(BlobHeader.Length + sizeof(uint) + SaltBytes, NonceBytes);
        random.Fill(salt);
        random.Fill(nonce);
        Span<byte> key = stackalloc byte[KeyBytes];
        try
        {
            Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, key, Iterations, HashAlgorithmName.SHA256);
            using var aes = new AesGcm(key, TagBytes);
            aes.Encrypt(
                nonce,
                plaintext,
                destination.Slice(PrefixBytes, plaintext.Length),
                destination[^TagBytes..],
                destination[..PrefixBytes]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Decrypts into <paramref name="plaintext"/> (length = sealed length − overhead). The header must already be checked
    /// by the caller. Returns <see cref="ValidationFailure.MalformedEncoding"/> for an iteration count out of range and
    /// <see cref="ValidationFailure.KeyDecryptionFailed"/> when the tag does not verify.
    /// </summary>
    public static bool TryOpen(ReadOnlySpan<byte> sealedBlob, ReadOnlySpan<char> passphrase, Span<byte> plaintext, out ValidationFailure failure)
    {
        System.Diagnostics.Debug.Assert(sealedBlob.Length == SealedLength(plaintext.Length), "plaintext length");
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(sealedBlob.Slice(BlobHeader.Length, sizeof(uint)));
        if (iterations is < Iterations or > MaxIterations)
        {
            failure = ValidationFailure.MalformedEncoding;
            return false;
        }

        var salt = sealedBlob.Slice(BlobHeader.Length + sizeof(uint), SaltBytes);
        var nonce = sealedBlob.Slice(BlobHeader.Length + sizeof(uint) + SaltBytes, NonceBytes);
        Span<byte> key = stackalloc byte[KeyBytes];
        try
        {
            Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, key, (int)iterations, HashAlgorithmName.SHA256);
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(nonce, sealedBlob.Slice(PrefixBytes, plaintext.Length), sealedBlob[^TagBytes..], plaintext, sealedBlob[..PrefixBytes]);
            failure = default;
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            // The one exception AesGcm reports a bad tag with; turned into a result at this boundary.
            CryptographicOperations.ZeroMemory(plaintext);
            failure = ValidationFailure.KeyDecryptionFailed;
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
