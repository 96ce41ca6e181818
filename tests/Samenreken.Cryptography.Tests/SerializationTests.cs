using CsCheck;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;

namespace Samenreken.Cryptography.Tests;

/// <summary>Round trips of every serialized type, and each malformation of the bytes rejected with its reason.</summary>
public sealed class SerializationTests
{
    private const string Passphrase = "correct horse battery staple";

    private static readonly PaillierKeyPair s_pair = TestKeys.Small();
    private static readonly PaillierPublicKey s_key = s_pair.PublicKey;

    // PBKDF2 with 600,000 iterations costs a few hundred milliseconds: encrypt once for the whole class.
    private static readonly Lazy<byte[]> s_encrypted = new(() => s_pair.PrivateKey.ExportEncrypted(Passphrase, TestKeys.Random()));

    public static TheoryData<string> Blobs => ["public", "private", "envelope"];

    private static byte[] Blob(string which) => which switch
    {
        "public" => s_key.Export(),
        "private" => s_pair.PrivateKey.ExportUnencrypted(),
        _ => s_key.Encrypt(s_key.Backend.FromInt64(7), TestKeys.Random()).Export(),
    };

    private static bool TryImport(string which, byte[] bytes, out ValidationFailure failure) => which switch
    {
        "public" => PaillierPublicKey.TryImport(bytes, KeySizePolicy.InsecureForTests, null, out _, out failure),
        "private" => PaillierPrivateKey.TryImportUnencrypted(bytes, KeySizePolicy.InsecureForTests, null, out _, out failure),
        _ => s_key.TryImportCiphertextEnvelope(bytes, out _, out failure),
    };

    [Theory, BothBackends]
    public void PublicKey_RoundTrips(string backend)
    {
        var key = TestKeys.Small(backend).PublicKey;
        var bytes = key.Export();
        Assert.Equal(8 + 3 * 64, bytes.Length);
        Assert.Equal(key.ExportedLength, bytes.Length);
        var imported = PaillierPublicKey.Import(bytes, KeySizePolicy.InsecureForTests, key.Backend);
        Assert.Equal(key, imported);
        Assert.Equal(bytes, imported.Export());
    }

    [Theory, BothBackends]
    public void PrivateKey_RoundTrips_AndStillDecrypts(string backend)
    {
        var pair = TestKeys.Small(backend);
        var bytes = pair.PrivateKey.ExportUnencrypted();
        Assert.Equal(8 + 2 * 32 + 2 * 64, bytes.Length);
        var imported = PaillierPrivateKey.ImportUnencrypted(bytes, KeySizePolicy.InsecureForTests, pair.PublicKey.Backend);
        Assert.Equal(pair.PublicKey, imported.PublicKey);
        Assert.Equal(-99, imported.DecryptSigned(imported.PublicKey.Encrypt(-99, TestKeys.Random())));
        Assert.Equal(bytes, imported.ExportUnencrypted());
    }

    [Fact]
    public void Ciphertexts_RoundTripInBareAndEnvelopeForm()
    {
        var random = TestKeys.Random();
        Gens.Residue(s_key.N.ToBigInteger()).Sample(m =>
        {
            var ciphertext = s_key.Encrypt(s_key.Backend.FromBigInteger(m), random);
            Assert.Equal(ciphertext.Value, s_key.ImportCiphertextEnvelope(ciphertext.Export()).Value);
            Assert.True(s_key.TryImportCiphertext(ciphertext.ToBytes(), out var bare, out _));
            Assert.Equal(m, s_pair.PrivateKey.Decrypt(bare).ToBigInteger());
        }, iter: 30);
    }

    [Fact]
    public void TryTwins_WriteTheSameBytes_AndReportATooSmallBuffer()
    {
        var ciphertext = s_key.Encrypt(s_key.Backend.One, TestKeys.Random());
        var cases = new (byte[] Expected, TryWrite Write)[]
        {
            (s_key.Export(), s_key.TryExport),
            (s_pair.PrivateKey.ExportUnencrypted(), s_pair.PrivateKey.TryExportUnencrypted),
            (ciphertext.Export(), ciphertext.TryExport),
            (ciphertext.ToBytes(), ciphertext.TryWriteTo),
        };
        foreach (var (expected, write) in cases)
        {
            var buffer = new byte[expected.Length + 3];
            Assert.True(write(buffer, out var written));
            Assert.Equal(expected.Length, written);
            Assert.Equal(expected, buffer[..written]);

            // A buffer of exactly the length is enough; one byte less is refused with nothing written.
            var exact = new byte[expected.Length];
            Assert.True(write(exact, out var exactWritten));
            Assert.Equal(expected.Length, exactWritten);
            Assert.Equal(expected, exact);
            var tooSmall = new byte[expected.Length - 1];
            Assert.False(write(tooSmall, out var none));
            Assert.Equal(0, none);
            Assert.All(tooSmall, b => Assert.Equal(0, b));
        }
    }

    [Fact]
    public void TryExportEncrypted_WritesAnOpenableKey_IntoABufferOfAtLeastTheLength_AndRefusesASmallerOne()
    {
        var length = s_pair.PrivateKey.EncryptedExportedLength;
        var tooSmall = new byte[length - 1];
        Assert.False(s_pair.PrivateKey.TryExportEncrypted(Passphrase, TestKeys.Random(), tooSmall, out var none));
        Assert.Equal(0, none);
        Assert.All(tooSmall, b => Assert.Equal(0, b));

        foreach (var spare in new[] { 0, 3 })
        {
            var buffer = new byte[length + spare];
            Assert.True(s_pair.PrivateKey.TryExportEncrypted(Passphrase, TestKeys.Random(), buffer, out var written));
            Assert.Equal(length, written);
            Assert.All(buffer[length..], b => Assert.Equal(0, b));
            var opened = PaillierPrivateKey.ImportEncrypted(buffer[..written], Passphrase, KeySizePolicy.InsecureForTests);
            Assert.Equal(s_pair.PrivateKey.ExportUnencrypted(), opened.ExportUnencrypted());
        }
    }

    [Fact]
    public void ExportEncrypted_NullRandomSource_IsAnArgumentError()
    {
        // The test policy skips the "secure randomness" check, so only the null check stands between null and the sealer.
        var error = Assert.Throws<ArgumentNullException>(() => s_pair.PrivateKey.TryExportEncrypted(Passphrase, null!, new byte[s_pair.PrivateKey.EncryptedExportedLength], out _));
        Assert.Equal("random", error.ParamName);
    }

    [Fact]
    public void Importers_NullPolicy_IsAnArgumentError_EvenForAWellFormedBlob()
    {
        var errors = new[]
        {
            Assert.Throws<ArgumentNullException>(() => PaillierPublicKey.TryImport(s_key.Export(), null!, null, out _, out _)),
            Assert.Throws<ArgumentNullException>(() => PaillierPrivateKey.TryImportUnencrypted(s_pair.PrivateKey.ExportUnencrypted(), null!, null, out _, out _)),
            Assert.Throws<ArgumentNullException>(() => PaillierPrivateKey.TryImportEncrypted(s_encrypted.Value, Passphrase, null!, null, out _, out _)),
        };
        Assert.All(errors, error => Assert.Equal("policy", error.ParamName));
    }

    [Theory, BothBackends]
    public void Importers_ComputeOnTheBackendTheyAreGiven_NotTheDefault(string backend)
    {
        // One of the two runs asks for a backend other than the default, so ignoring the argument shows.
        var b = MathBackend.FromName(backend);
        Assert.Same(b, PaillierPublicKey.Import(s_key.Export(), KeySizePolicy.InsecureForTests, b).Backend);
        var privateKey = PaillierPrivateKey.ImportUnencrypted(s_pair.PrivateKey.ExportUnencrypted(), KeySizePolicy.InsecureForTests, b);
        Assert.Same(b, privateKey.PublicKey.Backend);
        Assert.Equal(-3, privateKey.DecryptSigned(privateKey.PublicKey.Encrypt(-3, TestKeys.Random())));
    }

    [Fact]
    public void Importers_WithoutABackend_UseTheDefault()
    {
        Assert.Same(MathBackend.Default, PaillierPublicKey.Import(s_key.Export(), KeySizePolicy.InsecureForTests).Backend);
        Assert.Same(MathBackend.Default, PaillierPrivateKey.ImportUnencrypted(s_pair.PrivateKey.ExportUnencrypted(), KeySizePolicy.InsecureForTests).PublicKey.Backend);
    }

    [Fact]
    public void ThrowingImporters_NameWhatTheyRefused()
    {
        var publicKey = Assert.Throws<CryptoValidationException>(() => PaillierPublicKey.Import(s_key.Export()[..^1], KeySizePolicy.InsecureForTests));
        var privateKey = Assert.Throws<CryptoValidationException>(() => PaillierPrivateKey.ImportUnencrypted(s_pair.PrivateKey.ExportUnencrypted()[..^1], KeySizePolicy.InsecureForTests));
        var otherKey = TestKeys.Small(seed: 2).PublicKey;
        var foreign = otherKey.Encrypt(otherKey.Backend.One, TestKeys.Random()).Export();
        var ciphertext = Assert.Throws<CryptoValidationException>(() => s_key.ImportCiphertextEnvelope(foreign));
        var encrypted = Assert.Throws<CryptoValidationException>(() => PaillierPrivateKey.ImportEncrypted(s_encrypted.Value[..^1], Passphrase, KeySizePolicy.InsecureForTests));

        Assert.Equal(ValidationFailure.MalformedEncoding, publicKey.Failure);
        Assert.Contains("public key", publicKey.Message, StringComparison.Ordinal);
        Assert.Equal(ValidationFailure.MalformedEncoding, privateKey.Failure);
        Assert.Contains("private key", privateKey.Message, StringComparison.Ordinal);
        Assert.Equal(ValidationFailure.CiphertextWrongKey, ciphertext.Failure);
        Assert.StartsWith("The ciphertext ", ciphertext.Message, StringComparison.Ordinal);
        Assert.Equal(ValidationFailure.MalformedEncoding, encrypted.Failure);
        Assert.Contains("encrypted private key", encrypted.Message, StringComparison.Ordinal);
    }

    private delegate bool TryWrite(Span<byte> destination, out int bytesWritten);

    [Theory]
    [MemberData(nameof(Blobs))]
    public void Import_MalformedHeaderOrLength_FailsWithMalformedEncoding(string which)
    {
        var good = Blob(which);
        Assert.True(TryImport(which, good, out _));
        var malformed = new List<byte[]>
        {
            Array.Empty<byte>(),
            good[..7],
            good[..^1],
            good.Append((byte)0).ToArray(),
        };
        foreach (var index in new[] { 0, 3, 4, 5 })
        {
            var changed = (byte[])good.Clone();
            changed[index] ^= 0x40;
            malformed.Add(changed);
        }

        // A header that claims 520 bits for a 512-bit body.
        var lying = (byte[])good.Clone();
        lying[7] = 8;
        lying[6] = 2;
        malformed.Add(lying);

        foreach (var bytes in malformed)
        {
            Assert.False(TryImport(which, bytes, out var failure));
            Assert.Equal(ValidationFailure.MalformedEncoding, failure);
        }
    }

    [Fact]
    public void Import_BlobOfAnotherType_FailsWithMalformedEncoding()
    {
        Assert.False(PaillierPublicKey.TryImport(s_pair.PrivateKey.ExportUnencrypted(), KeySizePolicy.InsecureForTests, null, out _, out var failure));
        Assert.Equal(ValidationFailure.MalformedEncoding, failure);
        Assert.Equal(ValidationFailure.MalformedEncoding, Assert.Throws<CryptoValidationException>(() => PaillierPrivateKey.ImportUnencrypted(s_key.Export(), KeySizePolicy.InsecureForTests)).Failure);
    }

    [Fact]
    public void ImportPublicKey_SizeThePolicyForbids_FailsWithKeySizeNotAllowed()
    {
        var error = Assert.Throws<CryptoValidationException>(() => PaillierPublicKey.Import(s_key.Export(), KeySizePolicy.Production));
        Assert.Equal(ValidationFailure.KeySizeNotAllowed, error.Failure);
        Assert.Equal(ValidationFailure.KeySizeNotAllowed, Assert.Throws<CryptoValidationException>(() => PaillierPrivateKey.ImportUnencrypted(s_pair.PrivateKey.ExportUnencrypted(), KeySizePolicy.Production)).Failure);
    }

    [Fact]
    public void ImportPublicKey_ModulusWithSmallFactor_FailsWithModulusSmallFactor()
    {
        var b = s_key.Backend;
        var n = b.Multiply(b.FromInt64(65521), ModMath.RandomPrime(b, 496, TestKeys.Random(23)));
        var bytes = s_key.Export();
        n.WriteBigEndian(bytes.AsSpan(8, 64));
        Assert.False(PaillierPublicKey.TryImport(bytes, KeySizePolicy.InsecureForTests, null, out _, out var failure));
        Assert.Equal(ValidationFailure.ModulusSmallFactor, failure);
    }

    [Fact]
    public void ImportPrivateKey_CompositePrime_FailsWithInvalidKeyParameter()
    {
        // p' = a·b of two 128-bit primes has p's length and no small factor, so only the primality check can catch it.
        var b = s_key.Backend;
        var compositeP = b.Multiply(ModMath.RandomPrime(b, 128, TestKeys.Random(31)), ModMath.RandomPrime(b, 128, TestKeys.Random(32)));
        Assert.Equal(256, compositeP.BitLength);
        var forgedN = b.Multiply(compositeP, s_pair.PrivateKey.Q);
        Assert.Equal(512, forgedN.BitLength);
        Assert.True(PaillierPublicKey.TryValidateModulus(forgedN, KeySizePolicy.InsecureForTests, out _));
        var bytes = s_pair.PrivateKey.ExportUnencrypted();
        compositeP.WriteBigEndian(bytes.AsSpan(8, 32));
        Assert.False(PaillierPrivateKey.TryImportUnencrypted(bytes, KeySizePolicy.InsecureForTests, null, out _, out var failure));
        Assert.Equal(ValidationFailure.InvalidKeyParameter, failure);
    }

    [Fact]
    public void EncryptedPrivateKey_RoundTripsWithThePassphrase()
    {
        var bytes = s_encrypted.Value;
        Assert.Equal(s_pair.PrivateKey.EncryptedExportedLength, bytes.Length);
        Assert.Equal("SMRK"u8.ToArray(), bytes[..4]);
        Assert.Equal(4, bytes[5]);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(s_pair.PrivateKey.P.ToBigEndian(32)));
        var imported = PaillierPrivateKey.ImportEncrypted(bytes, Passphrase, KeySizePolicy.InsecureForTests);
        Assert.Equal(s_pair.PrivateKey.ExportUnencrypted(), imported.ExportUnencrypted());
    }

    [Fact]
    public void EncryptedPrivateKey_TwoExports_UseDifferentSaltAndNonce()
    {
        var second = s_pair.PrivateKey.ExportEncrypted(Passphrase, TestKeys.Random(8));
        Assert.NotEqual(s_encrypted.Value[12..40], second[12..40]);
    }

    [Fact]
    public void EncryptedPrivateKey_WrongPassphrase_FailsWithKeyDecryptionFailed()
    {
        var error = Assert.Throws<CryptoValidationException>(() => PaillierPrivateKey.ImportEncrypted(s_encrypted.Value, "Correct horse battery staple", KeySizePolicy.InsecureForTests));
        Assert.Equal(ValidationFailure.KeyDecryptionFailed, error.Failure);
    }

    [Theory]
    [InlineData(11, "iteration count (authenticated)")]
    [InlineData(12, "salt")]
    [InlineData(30, "nonce")]
    [InlineData(40, "ciphertext")]
    [InlineData(-1, "tag")]
    public void EncryptedPrivateKey_AnyTamperedByte_FailsWithKeyDecryptionFailed(int index, string field)
    {
        var bytes = (byte[])s_encrypted.Value.Clone();
        bytes[index < 0 ? bytes.Length + index : index] ^= 1;
        Assert.False(PaillierPrivateKey.TryImportEncrypted(bytes, Passphrase, KeySizePolicy.InsecureForTests, null, out _, out var failure));
        Assert.True(ValidationFailure.KeyDecryptionFailed == failure, field);
    }

    [Fact]
    public void EncryptedPrivateKey_IterationCountOutOfBounds_FailsWithMalformedEncoding_BeforeAnyWork()
    {
        foreach (var iterations in new uint[] { 1, 599_999, 10_000_001, uint.MaxValue })
        {
            var bytes = (byte[])s_encrypted.Value.Clone();
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8, 4), iterations);
            Assert.False(PaillierPrivateKey.TryImportEncrypted(bytes, Passphrase, KeySizePolicy.InsecureForTests, null, out _, out var failure));
            Assert.Equal(ValidationFailure.MalformedEncoding, failure);
        }
    }

    [Fact]
    public void EncryptedPrivateKey_TruncatedOrWrongType_FailsWithMalformedEncoding()
    {
        Assert.False(PaillierPrivateKey.TryImportEncrypted(s_encrypted.Value[..^1], Passphrase, KeySizePolicy.InsecureForTests, null, out _, out var truncated));
        Assert.False(PaillierPrivateKey.TryImportEncrypted(s_pair.PrivateKey.ExportUnencrypted(), Passphrase, KeySizePolicy.InsecureForTests, null, out _, out var wrongType));
        Assert.Equal(ValidationFailure.MalformedEncoding, truncated);
        Assert.Equal(ValidationFailure.MalformedEncoding, wrongType);
    }

    [Fact]
    public void ExportEncrypted_EmptyPassphrase_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => s_pair.PrivateKey.ExportEncrypted(string.Empty, TestKeys.Random()));
        Assert.Equal("passphrase", error.ParamName);
        Assert.Contains("non-empty passphrase", error.Message, StringComparison.Ordinal); // ParamName alone puts "passphrase" in the message
    }
}
