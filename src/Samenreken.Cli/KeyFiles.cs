using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Encoding;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cli;

/// <summary>
/// Key files: the public key world-readable, the private key only passphrase-encrypted and with mode 0600 from the
/// start (never written first and restricted later). A key set is written whole through a <see cref="StagedOutput"/>
/// and never replaces an existing key file. Reading reports a missing, truncated or altered file and a wrong
/// passphrase each as one <see cref="CliException"/>.
/// </summary>
internal static class KeyFiles
{
    public const string PublicKeyFileName = "paillier.pub";
    public const string PrivateKeyFileName = "paillier.key";
    public const string DgkPublicKeyFileName = "dgk.pub";
    public const string DgkPrivateKeyFileName = "dgk.key";

    /// <summary>The environment variable a passphrase is read from, so that it never appears in a process list or shell history.</summary>
    public const string PassphraseVariable = "SAMENREKEN_KEY_PASSPHRASE";

    /// <summary>
    /// The shortest passphrase accepted for a private key file. PBKDF2 with 600,000 iterations slows guessing, but
    /// cannot save a short passphrase: 12 characters is the floor NIST SP 800-63B and the BSI give for a secret that
    /// protects other secrets.
    /// </summary>
    public const int MinimumPassphraseLength = 12;

    /// <summary>A key file is a few kilobytes; anything much larger is not one, and is not read into memory.</summary>
    private const long MaxKeyFileBytes = 1 << 20;

    /// <summary>The four files of a key set, in the order they are listed.</summary>
    public static IReadOnlyList<OutputFile> KeySet { get; } =
    [
        new(PublicKeyFileName, StagedOutput.WorldReadable),
        new(PrivateKeyFileName),
        new(DgkPublicKeyFileName, StagedOutput.WorldReadable),
        new(DgkPrivateKeyFileName),
    ];

    /// <summary>The passphrase from <see cref="PassphraseVariable"/>; a usage error when it is missing or shorter than <see cref="MinimumPassphraseLength"/>.</summary>
    public static string Passphrase()
    {
        var passphrase = Environment.GetEnvironmentVariable(PassphraseVariable);
        if (string.IsNullOrEmpty(passphrase))
        {
            throw CliException.Usage($"set {PassphraseVariable} to the passphrase that protects the private keys");
        }

        if (passphrase.Length < MinimumPassphraseLength)
        {
            throw CliException.Usage($"the passphrase in {PassphraseVariable} must be at least {MinimumPassphraseLength} characters long");
        }

        return passphrase;
    }

    /// <summary>Writes both halves of <paramref name="pair"/> into <paramref name="output"/> (committed by the caller).</summary>
    public static void Write(PaillierKeyPair pair, StagedOutput output, ReadOnlySpan<char> passphrase)
    {
        ArgumentNullException.ThrowIfNull(pair);
        WritePair(output, PublicKeyFileName, PublicKeyFile.Seal(pair.PublicKey.Export()), PrivateKeyFileName, pair.PrivateKey.ExportEncrypted(passphrase, RandomSource.Secure));
    }

    /// <summary>Writes both halves of a DGK key into <paramref name="output"/> (committed by the caller).</summary>
    public static void Write(DgkKeyPair pair, StagedOutput output, ReadOnlySpan<char> passphrase)
    {
        ArgumentNullException.ThrowIfNull(pair);
        WritePair(output, DgkPublicKeyFileName, PublicKeyFile.Seal(pair.PublicKey.Export()), DgkPrivateKeyFileName, pair.PrivateKey.ExportEncrypted(passphrase, RandomSource.Secure));
    }

    /// <summary>Reads a Paillier public key file: checksummed (<see cref="PublicKeyFile"/>), or an intact file from before the checksum.</summary>
    public static PaillierPublicKey ReadPublicKey(string path, KeySizePolicy policy)
    {
        var blob = PublicKeyFile.Open(Read(path), out var hasChecksum);
        return PaillierPublicKey.TryImport(blob, policy, null, out var key, out var failure) ? key : throw Refused(path, PublicKeyFile.Refusal(failure, hasChecksum));
    }

    /// <summary>Reads a DGK public key file (see <see cref="ReadPublicKey"/>).</summary>
    public static DgkPublicKey ReadDgkPublicKey(string path, KeySizePolicy policy)
    {
        var blob = PublicKeyFile.Open(Read(path), out var hasChecksum);
        return DgkPublicKey.TryImport(blob, policy, null, out var key, out var failure) ? key : throw Refused(path, PublicKeyFile.Refusal(failure, hasChecksum));
    }

    /// <summary>Reads and decrypts a private key file written by <see cref="Write(PaillierKeyPair, StagedOutput, ReadOnlySpan{char})"/>.</summary>
    public static PaillierPrivateKey ReadPrivateKey(string path, ReadOnlySpan<char> passphrase, KeySizePolicy policy)
        => PaillierPrivateKey.TryImportEncrypted(Read(path), passphrase, policy, null, out var key, out var failure) ? key! : throw Refused(path, failure);

    /// <summary>Reads and decrypts a DGK private key file.</summary>
    public static DgkPrivateKey ReadDgkPrivateKey(string path, ReadOnlySpan<char> passphrase, KeySizePolicy policy)
        => DgkPrivateKey.TryImportEncrypted(Read(path), passphrase, policy, null, out var key, out var failure) ? key! : throw Refused(path, failure);

    private static byte[] Read(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw CliException.FileAccess($"{path}: no such key file");
        }

        return file.Length <= MaxKeyFileBytes ? File.ReadAllBytes(path) : throw CliException.InvalidInput($"{path} is not a key file (larger than {MaxKeyFileBytes} bytes)");
    }

    private static CliException Refused(string path, ValidationFailure failure) => failure switch
    {
        ValidationFailure.KeyDecryptionFailed => CliException.KeyNotOpened($"{path} did not open: the passphrase is wrong, or the file was altered"),
        ValidationFailure.MalformedEncoding => CliException.InvalidInput($"{path} is truncated or not a key file of this kind"),
        ValidationFailure.ChecksumMismatch => CliException.InvalidInput($"{path} is corrupted or truncated: its checksum does not match its contents"),
        ValidationFailure.KeySizeNotAllowed => CliException.InvalidInput($"{path} holds a key of a size this policy does not allow"),
        _ => CliException.InvalidInput($"{path} holds an invalid key ({failure})"),
    };

    private static void WritePair(StagedOutput output, string publicName, byte[] publicBytes, string privateName, byte[] sealedPrivateBytes)
    {
        ArgumentNullException.ThrowIfNull(output);
        using (var stream = output.OpenWrite(privateName))
        {
            stream.Write(sealedPrivateBytes);
        }

        using (var stream = output.OpenWrite(publicName))
        {
            stream.Write(publicBytes);
        }
    }
}
