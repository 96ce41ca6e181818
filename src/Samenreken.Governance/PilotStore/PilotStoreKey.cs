using System.Security.Cryptography;

namespace Samenreken.Governance.PilotStore;

/// <summary>
/// The pilot store's key-encryption key (AES-256): the host reads it from a key file or an environment variable,
/// never from a database. It wraps one data key per run. Zeroed on dispose; <see cref="ToString"/> prints no secret.
/// </summary>
public sealed class PilotStoreKey : IDisposable
{
    private readonly byte[] _key;

    private PilotStoreKey(byte[] key) => _key = key;

    public static PilotStoreKey Generate() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>Imports 32 key bytes (copied; the caller may zero its buffer).</summary>
    public static PilotStoreKey Import(ReadOnlySpan<byte> key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The pilot store key is 32 bytes (AES-256).", nameof(key));
        }

        return new PilotStoreKey(key.ToArray());
    }

    /// <summary>The key bytes, explicitly, for writing the key file.</summary>
    public byte[] Export() => (byte[])_key.Clone();

    internal AesGcm Cipher() => new(_key, AesGcm.TagByteSizes.MaxSize);

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    public override string ToString() => "PilotStoreKey(32 bytes, not shown)";
}
