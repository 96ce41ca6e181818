using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Samenreken.Cryptography.Encoding;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Dgk;

/// <summary>
/// The versioned, fixed-length byte formats of DGK keys (docs/wire-format.md), in the same 8-byte-header family as
/// the Paillier formats: "SMRK" ‖ version ‖ type ‖ modulus bits, then u (uint64 BE) ‖ t (uint16 BE), then big-endian
/// integers left-padded to lengths the header fixes. DGK ciphertexts travel bare (⌈bits/8⌉ bytes) inside protocol
/// messages, whose parameters name the key; <see cref="DgkPublicKey.TryImportCiphertext(ReadOnlySpan{byte}, out DgkCiphertext?, out ValidationFailure)"/> validates them.
/// </summary>
public static class DgkSerialization
{
    private const int ParametersLength = sizeof(ulong) + sizeof(ushort);
    private const int BodyOffset = BlobHeader.Length + ParametersLength;

    extension(DgkPublicKey key)
    {
        /// <summary>header (type 0x10) ‖ u ‖ t ‖ n ‖ g ‖ h.</summary>
        public byte[] Export()
        {
            var modulusBytes = key.CiphertextBytes;
            var bytes = new byte[BodyOffset + 3 * modulusBytes];
            WritePrefix(bytes, BlobType.DgkPublicKey, key);
            key.N.WriteBigEndian(bytes.AsSpan(BodyOffset, modulusBytes));
            key.G.WriteBigEndian(bytes.AsSpan(BodyOffset + modulusBytes, modulusBytes));
            key.H.WriteBigEndian(bytes.AsSpan(BodyOffset + 2 * modulusBytes, modulusBytes));
            return bytes;
        }

        /// <summary>SHA-256 of <see cref="Export(DgkPublicKey)"/>: compare it out of band, then pin it on import.</summary>
        public byte[] Fingerprint => SHA256.HashData(key.Export());

        /// <summary>Reads a peer's DGK public key only when its bytes hash to <paramref name="pinnedFingerprint"/>; then every check of TryImport.</summary>
        public static bool TryImport(
            ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> pinnedFingerprint, KeySizePolicy policy, MathBackend? backend, [NotNullWhen(true)] out DgkPublicKey? imported, out ValidationFailure failure)
        {
            imported = null;
            return KeyBlob.MatchesPin(bytes, pinnedFingerprint, out failure)
                && DgkPublicKey.TryImport(bytes, policy, backend, out imported, out failure);
        }

        public static DgkPublicKey Import(ReadOnlySpan<byte> bytes, KeySizePolicy policy, MathBackend? backend = null)
            => DgkPublicKey.TryImport(bytes, policy, backend, out var imported, out var failure) ? imported : throw KeyBlob.Error(failure, "DGK public key");

        /// <summary>Reads a public key from an untrusted source: header, size, exact length, then every check of <see cref="DgkPublicKey.Create"/>.</summary>
        public static bool TryImport(ReadOnlySpan<byte> bytes, KeySizePolicy policy, MathBackend? backend, [NotNullWhen(true)] out DgkPublicKey? imported, out ValidationFailure failure)
        {
            ArgumentNullException.ThrowIfNull(policy);
            imported = null;
            if (!TryReadPrefix(bytes, BlobType.DgkPublicKey, policy, out var bits, out var u, out var t, out failure))
            {
                return false;
            }

            var modulusBytes = (bits + 7) / 8;
            if (bytes.Length != BodyOffset + 3 * modulusBytes)
            {
                failure = ValidationFailure.MalformedEncoding;
                return false;
            }

            var b = backend ?? MathBackend.Default;
            var n = b.FromBigEndian(bytes.Slice(BodyOffset, modulusBytes));
            var g = b.FromBigEndian(bytes.Slice(BodyOffset + modulusBytes, modulusBytes));
            var h = b.FromBigEndian(bytes.Slice(BodyOffset + 2 * modulusBytes, modulusBytes));
            return TryCreatePublic(n, g, h, u, t, bits, policy, out imported, out failure);
        }
    }

    extension(DgkPrivateKey privateKey)
    {
        /// <summary>
        /// The private key in the clear: header (type 0x11) ‖ u ‖ t ‖ p ‖ q ‖ v_p ‖ v_q ‖ g ‖ h. Explicitly named because it
        /// exports the secrets; prefer <see cref="ExportEncrypted"/> for anything that touches a disk.
        /// </summary>
        internal byte[] ExportUnencrypted()
        {
            var key = privateKey.PublicKey;
            var (primeBytes, subgroupBytes, modulusBytes) = Lengths(key.Bits, key.T);
            var bytes = new byte[PrivateLength(key.Bits, key.T)];
            WritePrefix(bytes, BlobType.DgkPrivateKey, key);
            var offset = BodyOffset;
            foreach (var (value, length) in new[]
            {
                (privateKey.P, primeBytes), (privateKey.Q, primeBytes), (privateKey.Vp, subgroupBytes), (privateKey.Vq, subgroupBytes),
                (key.G, modulusBytes), (key.H, modulusBytes),
            })
            {
                value.WriteBigEndian(bytes.AsSpan(offset, length));
                offset += length;
            }

            return bytes;
        }

        /// <summary>The private key blob sealed under a passphrase (AES-256-GCM, PBKDF2-HMAC-SHA256, 600,000 iterations): header type 0x12.</summary>
        public byte[] ExportEncrypted(ReadOnlySpan<char> passphrase, RandomSource random)
        {
            ArgumentNullException.ThrowIfNull(random);
            privateKey.Policy.EnsureSecure(random);
            if (passphrase.IsEmpty)
            {
                throw new ArgumentException("A key file needs a non-empty passphrase.", nameof(passphrase));
            }

            var plaintext = privateKey.ExportUnencrypted();
            try
            {
                var sealedBlob = new byte[PassphraseEnvelope.SealedLength(plaintext.Length)];
                BlobHeader.Write(sealedBlob, BlobType.EncryptedDgkPrivateKey, privateKey.PublicKey.Bits);
                PassphraseEnvelope.Seal(plaintext, passphrase, random, sealedBlob);
                return sealedBlob;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }

        internal static DgkPrivateKey ImportUnencrypted(ReadOnlySpan<byte> bytes, KeySizePolicy policy, MathBackend? backend = null)
            => DgkPrivateKey.TryImportUnencrypted(bytes, policy, backend, out var imported, out var failure) ? imported : throw KeyBlob.Error(failure, "DGK private key");

        /// <summary>Reads an unencrypted private key: the public-key checks, then the secrets against them (<see cref="DgkPrivateKey.Create"/>).</summary>
        internal static bool TryImportUnencrypted(ReadOnlySpan<byte> bytes, KeySizePolicy policy, MathBackend? backend, [NotNullWhen(true)] out DgkPrivateKey? imported, out ValidationFailure failure)
        {
            ArgumentNullException.ThrowIfNull(policy);
            imported = null;
            if (!TryReadPrefix(bytes, BlobType.DgkPrivateKey, policy, out var bits, out var u, out var t, out failure))
            {
                return false;
            }

            if (bytes.Length != PrivateLength(bits, t))
            {
                failure = ValidationFailure.MalformedEncoding;
                return false;
            }

            var b = backend ?? MathBackend.Default;
            var (primeBytes, subgroupBytes, modulusBytes) = Lengths(bits, t);
            var p = b.FromBigEndian(bytes.Slice(BodyOffset, primeBytes));
            var q = b.FromBigEndian(bytes.Slice(BodyOffset + primeBytes, primeBytes));
            var vp = b.FromBigEndian(bytes.Slice(BodyOffset + 2 * primeBytes, subgroupBytes));
            var vq = b.FromBigEndian(bytes.Slice(BodyOffset + 2 * primeBytes + subgroupBytes, subgroupBytes));
            var g = b.FromBigEndian(bytes.Slice(BodyOffset + 2 * primeBytes + 2 * subgroupBytes, modulusBytes));
            var h = b.FromBigEndian(bytes.Slice(BodyOffset + 2 * primeBytes + 2 * subgroupBytes + modulusBytes, modulusBytes));
            if (!TryCreatePublic(b.Multiply(p, q), g, h, u, t, bits, policy, out var publicKey, out failure))
            {
                return false;
            }

            if (!DgkPrivateKey.TryCreate(publicKey, p, q, vp, vq, policy, out imported))
            {
                failure = ValidationFailure.InvalidKeyParameter;
                return false;
            }

            return true;
        }

        public static DgkPrivateKey ImportEncrypted(ReadOnlySpan<byte> bytes, ReadOnlySpan<char> passphrase, KeySizePolicy policy, MathBackend? backend = null)
            => DgkPrivateKey.TryImportEncrypted(bytes, passphrase, policy, backend, out var imported, out var failure) ? imported : throw KeyBlob.Error(failure, "encrypted DGK private key");

        /// <summary>A wrong passphrase or any altered byte gives <see cref="ValidationFailure.KeyDecryptionFailed"/>.</summary>
        public static bool TryImportEncrypted(
            ReadOnlySpan<byte> bytes, ReadOnlySpan<char> passphrase, KeySizePolicy policy, MathBackend? backend, [NotNullWhen(true)] out DgkPrivateKey? imported, out ValidationFailure failure)
        {
            ArgumentNullException.ThrowIfNull(policy);
            imported = null;
            if (!KeyBlob.TryReadHeader(bytes, BlobType.EncryptedDgkPrivateKey, policy, null, out _, out failure))
            {
                return false;
            }

            if (bytes.Length <= PassphraseEnvelope.SealedLength(BodyOffset))
            {
                failure = ValidationFailure.MalformedEncoding;
                return false;
            }

            var plaintext = new byte[bytes.Length - PassphraseEnvelope.SealedLength(0)];
            try
            {
                return PassphraseEnvelope.TryOpen(bytes, passphrase, plaintext, out failure)
                    && DgkPrivateKey.TryImportUnencrypted(plaintext, policy, backend, out imported, out failure);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }

    private static (int Prime, int Subgroup, int Modulus) Lengths(int bits, int t) => ((bits / 2 + 7) / 8, (t + 7) / 8, (bits + 7) / 8);

    private static int PrivateLength(int bits, int t)
    {
        var (prime, subgroup, modulus) = Lengths(bits, t);
        return BodyOffset + 2 * prime + 2 * subgroup + 2 * modulus;
    }

    private static void WritePrefix(Span<byte> destination, BlobType type, DgkPublicKey key)
    {
        BlobHeader.Write(destination, type, key.Bits);
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(BlobHeader.Length, sizeof(ulong)), key.U);
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(BlobHeader.Length + sizeof(ulong), sizeof(ushort)), (ushort)key.T);
    }

    private static bool TryReadPrefix(ReadOnlySpan<byte> bytes, BlobType type, KeySizePolicy policy, out int bits, out ulong u, out int t, out ValidationFailure failure)
    {
        u = 0;
        t = 0;
        if (!KeyBlob.TryReadHeader(bytes, type, policy, null, out bits, out failure))
        {
            return false;
        }

        if (bytes.Length < BodyOffset)
        {
            failure = ValidationFailure.MalformedEncoding;
            return false;
        }

        u = BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(BlobHeader.Length, sizeof(ulong)));
        t = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(BlobHeader.Length + sizeof(ulong), sizeof(ushort)));
        failure = default;
        return true;
    }

    private static bool TryCreatePublic(BigNumber n, BigNumber g, BigNumber h, ulong u, int t, int bits, KeySizePolicy policy, [NotNullWhen(true)] out DgkPublicKey? key, out ValidationFailure failure)
    {
        key = null;
        if (n.BitLength != bits)
        {
            failure = ValidationFailure.MalformedEncoding;
            return false;
        }

        return DgkPublicKey.TryCreate(n, g, h, u, t, policy, out key, out failure);
    }
}
