using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cli;

/// <summary>
/// Writes key files: the public key world-readable, the private key only passphrase-encrypted and with mode 0600.
/// The file is created with 0600 from the start (never written first and restricted later), and never overwritten.
/// </summary>
internal static class KeyFiles
{
    public const string PublicKeyFileName = "paillier.pub";
    public const string PrivateKeyFileName = "paillier.key";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes both halves of <paramref name="pair"/> into <paramref name="directory"/>; returns the two paths.</summary>
    public static (string PublicPath, string PrivatePath) Write(PaillierKeyPair pair, DirectoryInfo directory, ReadOnlySpan<char> passphrase)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(directory);
        directory.Create();
        var publicPath = Path.Combine(directory.FullName, PublicKeyFileName);
        var privatePath = Path.Combine(directory.FullName, PrivateKeyFileName);
        var encrypted = pair.PrivateKey.ExportEncrypted(passphrase, RandomSource.Secure);
        WriteNew(privatePath, encrypted, OwnerOnly);
        WriteNew(publicPath, pair.PublicKey.Export(), OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return (publicPath, privatePath);
    }

    /// <summary>Reads and decrypts a private key file written by <see cref="Write"/>.</summary>
    public static PaillierPrivateKey ReadPrivateKey(string path, ReadOnlySpan<char> passphrase, Samenreken.Cryptography.KeySizePolicy policy)
        => PaillierPrivateKey.ImportEncrypted(File.ReadAllBytes(path), passphrase, policy);

    private static void WriteNew(string path, byte[] bytes, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using var stream = new FileStream(path, options);
        stream.Write(bytes);
    }
}
