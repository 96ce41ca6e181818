using System.Security.Cryptography;
using System.Text;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Nodes;

/// <summary>
/// Seals what a node must keep across a crash but never in the clear on disk (UWV's private keys, SVB's blinding
/// values): AES-256-GCM under the node key, which lives in a file (mode 0600) or an environment variable, never in
/// the database. The associated data binds each sealed value to its place (run, batch, round), so a value moved to
/// another row does not open.
/// </summary>
public sealed class NodeSeal : IDisposable
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly AesGcm _aes;
    private readonly byte[] _passphraseKey;
    private bool _disposed;

    // AesGcm keeps one OpenSSL context: not safe for the two batches that seal state at the same time.
    private readonly Lock _aesLock = new();

    private NodeSeal(byte[] key)
    {
        _aes = new AesGcm(key, TagBytes);
        // A separate key for passphrases (HKDF), so the sealing key itself is used for one purpose only.
        _passphraseKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, info: Encoding.UTF8.GetBytes("samenreken-node-passphrase"));
        CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>A passphrase for the Cryptography library's sealed key blobs, derived from the node key and <paramref name="context"/>.</summary>
    public string DerivePassphrase(string context)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Convert.ToBase64String(HMACSHA256.HashData(_passphraseKey, Encoding.UTF8.GetBytes(context)));
    }

    /// <summary>The node key from <see cref="NodeOptions.KeyEnvironmentVariable"/> or <see cref="NodeOptions.KeyFile"/> (created, 0600, when missing).</summary>
    public static NodeSeal Open(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(options.KeyEnvironmentVariable))
        {
            var value = Environment.GetEnvironmentVariable(options.KeyEnvironmentVariable)
                ?? throw new InvalidOperationException($"The environment variable {options.KeyEnvironmentVariable} holds no node key.");
            return new NodeSeal(Decode(value));
        }

        if (string.IsNullOrEmpty(options.KeyFile))
        {
            throw new InvalidOperationException("Node:KeyFile or Node:KeyEnvironmentVariable must name the node key.");
        }

        if (!File.Exists(options.KeyFile))
        {
            CreateKeyFile(options.KeyFile);
        }

        // The key file must be the owner's alone and hold a node key; anything else is refused naming the file.
        Tls.PrivateFiles.EnsureOwnerOnly(options.KeyFile);
        try
        {
            return new NodeSeal(Decode(File.ReadAllText(options.KeyFile)));
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The node key file {options.KeyFile} is unreadable or holds no node key (32 bytes, base64): {e.Message}", e);
        }
    }

    /// <summary>Writes a fresh node key to <paramref name="path"/>, readable by its owner only.</summary>
    public static void CreateKeyFile(string path)
    {
        var key = new byte[32];
        RandomSource.Secure.Fill(key);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, Encoding.ASCII, options))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        CryptographicOperations.ZeroMemory(key);
    }

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string context)
    {
        var sealedValue = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedValue.AsSpan(0, NonceBytes);
        RandomSource.Secure.Fill(nonce);
        lock (_aesLock)
        {
            _aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(NonceBytes + TagBytes), sealedValue.AsSpan(NonceBytes, TagBytes), Encoding.UTF8.GetBytes(context));
        }

        return sealedValue;
    }

    /// <summary>Opens a sealed value; throws <see cref="CryptographicException"/> when it was altered, moved or sealed under another key.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedValue, string context)
    {
        if (sealedValue.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("A sealed value is too short.");
        }

        var plaintext = new byte[sealedValue.Length - NonceBytes - TagBytes];
        lock (_aesLock)
        {
            _aes.Decrypt(sealedValue[..NonceBytes], sealedValue[(NonceBytes + TagBytes)..], sealedValue.Slice(NonceBytes, TagBytes), plaintext, Encoding.UTF8.GetBytes(context));
        }

        return plaintext;
    }

    public void Dispose()
    {
        _disposed = true;
        _aes.Dispose();
        CryptographicOperations.ZeroMemory(_passphraseKey);
    }

    private static byte[] Decode(string base64)
    {
        var key = Convert.FromBase64String(base64.Trim());
        return key.Length == 32 ? key : throw new InvalidOperationException("A node key has 32 bytes (base64).");
    }
}
