using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Samenreken.Cryptography.Encoding;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Paillier;

/// <summary>
/// The versioned, fixed-length byte formats of Paillier keys and ciphertexts (docs/wire-format.md). Every blob starts
/// with the 8-byte header "SMRK" ‖ version ‖ type ‖ modulus bits; big integers are unsigned big-endian, left-padded
/// to the length the modulus size fixes. Importers validate everything and report a <see cref="ValidationFailure"/>.
/// </summary>
public static class PaillierSerialization
{
    /// <summary>Length of the key identifier in a ciphertext envelope: the first 16 bytes of SHA-256 of the public key blob.</summary>
    public const int KeyIdBytes = 16;

    private static readonly ConditionalWeakTable<PaillierPublicKey, byte[]> s_keyIds = [];

    extension(PaillierPublicKey key)
    {
        /// <summary>Length of <see cref="Export(PaillierPublicKey)"/>: header ‖ n ‖ h_s = 8 + 3·⌈bits/8⌉ bytes.</summary>
        public int ExportedLength => BlobHeader.Length + 3 * key.ModulusBytes;

        /// <summary>Length of a ciphertext envelope under this key: header ‖ key id ‖ c = 8 + 16 + 2·⌈bits/8⌉ bytes.</summary>
        public int CiphertextEnvelopeLength => BlobHeader.Length + KeyIdBytes + key.CiphertextBytes;

        /// <summary>Identifies the key inside ciphertext envelopes (truncated SHA-256 of <see cref="Export(PaillierPublicKey)"/>).</summary>
        public ReadOnlySpan<byte> KeyId => s_keyIds.GetValue(key, static k => SHA256.HashData(k.Export())[..KeyIdBytes]);

        /// <summary>The public key blob: header (type 0x01) ‖ n ‖ h_s.</summary>
        public byte[] Export()
        {
            var bytes = new byte[key.ExportedLength];
            key.TryExport(bytes, out _);
            return bytes;
        }

        /// <summary>Writes <see cref="Export(PaillierPublicKey)"/> into <paramref name="destination"/>; false when it is too small.</summary>
        public bool TryExport(Span<byte> destination, out int bytesWritten)
        {
            bytesWritten = 0;
            if (destination.Length < key.ExportedLength)
            {
                return false;
            }

            BlobHeader.Write(destination, BlobType.PaillierPublicKey, key.Bits);
            key.N.WriteBigEndian(destination.Slice(BlobHeader.Length, key.ModulusBytes));
            key.RandomizerBase.WriteBigEndian(destination.Slice(BlobHeader.Length + key.ModulusBytes, key.CiphertextBytes));
            bytesWritten = key.ExportedLength;
            return true;
        }

        /// <summary>SHA-256 of <see cref="Export(PaillierPublicKey)"/>: compare it out of band, then pin it on import.</summary>
        public byte[] Fingerprint => SHA256.HashData(key.Export());

        /// <summary>
        /// Reads a peer's public key only when its bytes hash to <paramref name="pinnedFingerprint"/> (SHA-256, compared in
        /// fixed time); any altered byte gives <see cref="ValidationFailure.FingerprintMismatch"/>. Then every check of
        /// <see cref="TryImport(ReadOnlySpan{byte}, KeySizePolicy, MathBackend?, out PaillierPublicKey?, out ValidationFailure)"/>.
        /// </summary>
        public static bool TryImport(
            ReadOnlySpan<byte> bytes,
            ReadOnlySpan<byte> pinnedFingerprint,
            KeySizePolicy policy,
            MathBackend? backend,
            [NotNullWhen(true)] out PaillierPublicKey? imported,
            out ValidationFailure failure)
        {
            imported = null;
            if (!KeyBlob.MatchesPin(bytes, pinnedFingerprint, out failure))
            {
                return false;
            }

            return PaillierPublicKey.TryImport(bytes, policy, backend, out imported, out failure);
        }

        /// <summary>Reads and validates a public key blob; throws <see cref="CryptoValidationException"/> naming the rule it breaks.</summary>
        public static PaillierPublicKey Import(ReadOnlySpan<byte> bytes, KeySizePolicy policy, MathBackend? backend = null)
            => PaillierPublicKey.TryImport(bytes, policy, backend, out var imported, out var failure)
                ? imported
                : throw KeyBlob.Error(failure, "public key");

        /// <summary>
        /// Reads a public key blob from an untrusted source: header, size (against <paramref name="policy"/>), exact length,
        /// then every check of <see cref="PaillierPublicKey.Create"/>.
        /// </summary>
        public static bool TryImport(
            ReadOnlySpan<byte> bytes,
            KeySizePolicy policy,
            MathBackend? backend,
            [NotNullWhen(true)] out PaillierPublicKey? imported,
            out ValidationFailure failure)
        {
            ArgumentNullException.ThrowIfNull(policy);
            imported = null;
            if (!KeyBlob.TryReadHeader(bytes, BlobType.PaillierPublicKey, policy, static bits => BlobHeader.Length + 3 * ModulusBytes(bits), out var bits, out failure))
            {
                return false;
            }

            var modulusBytes = ModulusBytes(bits);

            var b = backend ?? MathBackend.Default;
            var n = b.FromBigEndian(bytes.Slice(BlobHeader.Length, modulusBytes));
            if (n.BitLength != bits)
            {
                failure = ValidationFailure.MalformedEncoding;
                return false;
            }

            var randomizerBase = b.FromBigEndian(bytes.Slice(BlobHeader.Length + modulusBytes, 2 * modulusBytes));
            return PaillierPublicKey.TryCreate(n, randomizerBase, policy, out imported, out failure);
        }

        /// <summary>Reads and validates a ciphertext envelope made by <see cref="FreshPaillierCiphertext"/>'s <c>Export</c>.</summary>
        public PaillierCiphertext ImportCiphertextEnvelope(ReadOnlySpan<byte> bytes)
            => key.TryImportCiphertextEnvelope(bytes, out var ciphertext, out var failure)
                ? ciphertext
                : throw KeyBlob.Error(failure, "ciphertext");

        /// <summary>
        /// Reads a ciphertext envelope from an untrusted source: header, size and key id must match this key
        /// (<see cref="ValidationFailure.CiphertextWrongKey"/> otherwise), then 0 &lt; c &lt; n² and gcd(c, n) = 1.
        /// </summary>
        public bool TryImportCiphertextEnvelope(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out PaillierCiphertext? ciphertext, out ValidationFailure failure)
        {
            ciphertext = null;
            if (!BlobHeader.TryRead(bytes, BlobType.PaillierCiphertext, out var bits) || bytes.Length != BlobHeader.Length + KeyIdBytes + 2 * ModulusBytes(bits))
            {
                failure = ValidationFailure.MalformedEncoding;
                return false;
            }

            if (bits != key.Bits || !CryptographicOperations.FixedTimeEquals(bytes.Slice(BlobHeader.Length, KeyIdBytes), key.KeyId))
            {
                failure = ValidationFailure.CiphertextWrongKey;
                return false;
            }

            return key.TryImportCiphertext(bytes[(BlobHeader.Length + KeyIdBytes)..], out ciphertext, out failure);
        }
    }

    extension(FreshPaillierCiphertext ciphertext)
    {
        /// <summary>The <see cref="FreshPaillierCiphertext.WriteTo"/> twin that reports a wrong length instead of throwing.</summary>
        public bool TryWriteTo(Span<byte> destination, out int bytesWritten)
        {
            bytesWritten = 0;
            if (destination.Length < ciphertext.Key.CiphertextBytes)
            {
                return false;
            }

            ciphertext.WriteTo(destination[..ciphertext.Key.CiphertextBytes]);
            bytesWritten = ciphertext.Key.CiphertextBytes;
            return true;
        }

        /// <summary>
        /// A self-describing ciphertext: header (type 0x03) ‖ key id ‖ c. For single ciphertexts in files and messages;
        /// bulk arrays in protocol messages use the bare <see cref="FreshPaillierCiphertext.ToBytes"/> form, whose key the message fixes.
        /// </summary>
        public byte[] Export()
        {
            var bytes = new byte[ciphertext.Key.CiphertextEnvelopeLength];
            ciphertext.TryExport(bytes, out _);
            return bytes;
        }

        public bool TryExport(Span<byte> destination, out int bytesWritten)
        {
            var key = ciphertext.Key;
            bytesWritten = 0;
            if (destination.Length < key.CiphertextEnvelopeLength)
            {
                return false;
            }

            BlobHeader.Write(destination, BlobType.PaillierCiphertext, key.Bits);
            key.KeyId.CopyTo(destination[BlobHeader.Length..]);
            ciphertext.WriteTo(destination.Slice(BlobHeader.Length + KeyIdBytes, key.CiphertextBytes));
            bytesWritten = key.CiphertextEnvelopeLength;
            return true;
        }
    }

    extension(PaillierPrivateKey privateKey)
    {
        /// <summary>Length of the unencrypted private key blob: header ‖ p ‖ q ‖ h_s = 8 + 2·⌈bits/16⌉ + 2·⌈bits/8⌉ bytes.</summary>
        internal int UnencryptedExportedLength => PrivateKeyLength(privateKey.PublicKey.Bits);

        /// <summary>Length of <see cref="ExportEncrypted"/>: 40 bytes of header, iteration count, salt and nonce, the private key blob, a 16-byte tag.</summary>
        public int EncryptedExportedLength => PassphraseEnvelope.SealedLength(privateKey.UnencryptedExportedLength);

        /// <summary>
        /// The private key in the clear: header (type 0x02) ‖ p ‖ q ‖ h_s with p &gt; q. Explicitly named because it exports the
        /// factorization; prefer <see cref="ExportEncrypted"/> for anything that touches a disk.
        /// </summary>
        internal byte[] ExportUnencrypted()
        {
            var bytes = new byte[privateKey.UnencryptedExportedLength];
            privateKey.TryExportUnencrypted(bytes, out _);
            return bytes;
        }

        internal bool TryExportUnencrypted(Span<byte> destination, out int bytesWritten)
        {
            var publicKey = privateKey.PublicKey;
            var primeBytes = PrimeBytes(publicKey.Bits);
            bytesWritten = 0;
            if (destination.Length < privateKey.UnencryptedExportedLength)
            {
                return false;
            }

            BlobHeader.Write(destination, BlobType.PaillierPrivateKey, publicKey.Bits);
            privateKey.P.WriteBigEndian(destination.Slice(BlobHeader.Length, primeBytes));
            privateKey.Q.WriteBigEndian(destination.Slice(BlobHeader.Length + primeBytes, primeBytes));
            publicKey.RandomizerBase.WriteBigEndian(destination.Slice(BlobHeader.Length + 2 * primeBytes, publicKey.CiphertextBytes));
            bytesWritten = privateKey.UnencryptedExportedLength;
            return true;
        }

        /// <summary>
        /// The private key blob encrypted under a passphrase: header (type 0x04) ‖ iterations ‖ salt ‖ nonce ‖ AES-256-GCM(private key blob) ‖ tag,
        /// with the key from PBKDF2-HMAC-SHA256 (600,000 iterations) and the whole prefix authenticated.
        /// </summary>
        public byte[] ExportEncrypted(ReadOnlySpan<char> passphrase, RandomSource random)
        {
            var bytes = new byte[privateKey.EncryptedExportedLength];
            privateKey.TryExportEncrypted(passphrase, random, bytes, out _);
            return bytes;
        }

        public bool TryExportEncrypted(ReadOnlySpan<char> passphrase, RandomSource random, Span<byte> destination, out int bytesWritten)
        {
            ArgumentNullException.ThrowIfNull(random);
            privateKey.Policy.EnsureSecure(random);
            if (passphrase.IsEmpty)
            {
                throw new ArgumentException("A key file needs a non-empty passphrase.", nameof(passphrase));
            }

            bytesWritten = 0;
            if (destination.Length < privateKey.EncryptedExportedLength)
            {
                return false;
            }

            var plaintext = new byte[privateKey.UnencryptedExportedLength];
            try
            {
                privateKey.TryExportUnencrypted(plaintext, out _);
                BlobHeader.Write(destination, BlobType.EncryptedPaillierPrivateKey, privateKey.PublicKey.Bits);
                PassphraseEnvelope.Seal(plaintext, passphrase, random, destination[..privateKey.EncryptedExportedLength]);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }

            bytesWritten = privateKey.EncryptedExportedLength;
            return true;
        }

        /// <summary>Reads an unencrypted private key blob (see <see cref="TryImportUnencrypted"/>).</summary>
        internal static PaillierPrivateKey ImportUnencrypted(ReadOnlySpan<byte> bytes, KeySizePolicy policy, MathBackend? backend = null)
            => PaillierPrivateKey.TryImportUnencrypted(bytes, policy, backend, out var imported, out var failure)
                ? imported
                : throw KeyBlob.Error(failure, "private key");

        /// <summary>
        /// Reads an unencrypted private key blob: header, size, exact length, the public-key checks on n = p·q and h_s,
        /// then p ≠ q of equal length, both probable primes (Miller–Rabin, error below 2^-128).
        /// </summary>
        internal static bool TryImportUnencrypted(
            ReadOnlySpan<byte> bytes,
            KeySizePolicy policy,
            MathBackend? backend,
            [NotNullWhen(true)] out PaillierPrivateKey? imported,
            out ValidationFailure failure)
        {
            ArgumentNullException.ThrowIfNull(policy);
            imported = null;
            if (!KeyBlob.TryReadHeader(bytes, BlobType.PaillierPrivateKey, policy, PrivateKeyLength, out var bits, out failure))
            {
                return false;
            }

            var b = backend ?? MathBackend.Default;
            var primeBytes = PrimeBytes(bits);
            var p = b.FromBigEndian(bytes.Slice(BlobHeader.Length, primeBytes));
            var q = b.FromBigEndian(bytes.Slice(BlobHeader.Length + primeBytes, primeBytes));
            var randomizerBase = b.FromBigEndian(bytes.Slice(BlobHeader.Length + 2 * primeBytes, 2 * ModulusBytes(bits)));
            var n = b.Multiply(p, q);
            if (n.BitLength != bits)
            {
                failure = ValidationFailure.InvalidKeyParameter;
                return false;
            }

            if (!PaillierPublicKey.TryCreate(n, randomizerBase, policy, out var publicKey, out failure))
            {
                return false;
            }

            // The primes come from our own file, but a damaged or forged one must not yield a key that decrypts wrongly.
            if (p == q || p.BitLength != q.BitLength
                || !ModMath.IsProbablePrime(b, p, RandomSource.Secure) || !ModMath.IsProbablePrime(b, q, RandomSource.Secure))
            {
                failure = ValidationFailure.InvalidKeyParameter;
                return false;
            }

            imported = new PaillierPrivateKey(publicKey, p, q, policy);
            return true;
        }

        /// <summary>Reads a passphrase-encrypted private key (see <see cref="TryImportEncrypted"/>).</summary>
        public static PaillierPrivateKey ImportEncrypted(ReadOnlySpan<byte> bytes, ReadOnlySpan<char> passphrase, KeySizePolicy policy, MathBackend? backend = null)
            => PaillierPrivateKey.TryImportEncrypted(bytes, passphrase, policy, backend, out var imported, out var failure)
                ? imported
                : throw KeyBlob.Error(failure, "encrypted private key");

        /// <summary>
        /// Reads a passphrase-encrypted private key: header, size, exact length, iteration count in [600,000, 10,000,000];
        /// a wrong passphrase or any altered byte gives <see cref="ValidationFailure.KeyDecryptionFailed"/>; the decrypted
        /// blob then goes through <see cref="TryImportUnencrypted"/>.
        /// </summary>
        public static bool TryImportEncrypted(
            ReadOnlySpan<byte> bytes,
            ReadOnlySpan<char> passphrase,
            KeySizePolicy policy,
            MathBackend? backend,
            [NotNullWhen(true)] out PaillierPrivateKey? imported,
            out ValidationFailure failure)
        {
            ArgumentNullException.ThrowIfNull(policy);
            imported = null;
            if (!KeyBlob.TryReadHeader(bytes, BlobType.EncryptedPaillierPrivateKey, policy, static bits => PassphraseEnvelope.SealedLength(PrivateKeyLength(bits)), out var bits, out failure))
            {
                return false;
            }

            var plaintext = new byte[PrivateKeyLength(bits)];
            try
            {
                return PassphraseEnvelope.TryOpen(bytes, passphrase, plaintext, out failure)
                    && PaillierPrivateKey.TryImportUnencrypted(plaintext, policy, backend, out imported, out failure);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }

    private static int ModulusBytes(int bits) => (bits + 7) / 8;

    private static int PrimeBytes(int bits) => (bits / 2 + 7) / 8;

    private static int PrivateKeyLength(int bits) => BlobHeader.Length + 2 * PrimeBytes(bits) + 2 * ModulusBytes(bits);
}
