using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
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
    public const string DgkPublicKeyFileName = "dgk.pub";
    public const string DgkPrivateKeyFileName = "dgk.key";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes both halves of <paramref name="pair"/> into <paramref name="directory"/>; returns the two paths.</summary>
    public static (string PublicPath, string PrivatePath) Write(PaillierKeyPair pair, DirectoryInfo directory, ReadOnlySpan<char> passphrase)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return WritePair(directory, PublicKeyFileName, pair.PublicKey.Export(), PrivateKeyFileName, pair.PrivateKey.ExportEncrypted(passphrase, RandomSource.Secure));
    }

    /// <summary>Writes both halves of a DGK key into <paramref name="directory"/>; returns the two paths.</summary>
    public static (string PublicPath, string PrivatePath) Write(DgkKeyPair pair, DirectoryInfo directory, ReadOnlySpan<char> passphrase)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return WritePair(directory, DgkPublicKeyFileName, pair.PublicKey.Export(), DgkPrivateKeyFileName, pair.PrivateKey.ExportEncrypted(passphrase, RandomSource.Secure));
    }

    /// <summary>Reads and decrypts a private key file written by <see cref="Write(PaillierKeyPair, DirectoryInfo, ReadOnlySpan{char})"/>.</summary>
    public static PaillierPrivateKey ReadPrivateKey(string path, ReadOnlySpan<char> passphrase, KeySizePolicy policy)
        => PaillierPrivateKey.ImportEncrypted(File.ReadAllBytes(path), passphrase, policy);

    /// <summary>Reads and decrypts a DGK private key file.</summary>
    public static DgkPrivateKey ReadDgkPrivateKey(string path, ReadOnlySpan<char> passphrase, KeySizePolicy policy)
        => DgkPrivateKey.ImportEncrypted(File.ReadAllBytes(path), passphrase, policy);

    private static (string PublicPath, string PrivatePath) WritePair(DirectoryInfo directory, string publicName, byte[] publicBytes, string privateName, byte[] sealedPrivateBytes)
    {
        ArgumentNullException.ThrowIfNull(directory);
        directory.Create();
        var publicPath = Path.Combine(directory.FullName, publicName);
        var privatePath = Path.Combine(directory.FullName, privateName);
        WriteNew(privatePath, sealedPrivateBytes, OwnerOnly);
        WriteNew(publicPath, publicBytes, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return (publicPath, privatePath);
    }

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
