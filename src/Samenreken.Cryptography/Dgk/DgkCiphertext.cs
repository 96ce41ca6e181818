using Samenreken.Cryptography.Math;

namespace Samenreken.Cryptography.Dgk;

/// <summary>A DGK ciphertext g^m·h^r mod n. Homomorphic results and imported ciphertexts are of this type and must be rerandomized before they leave.</summary>
public class DgkCiphertext
{
    private protected DgkCiphertext(DgkPublicKey key, BigNumber value)
    {
        Key = key;
        Value = value;
    }

    public DgkPublicKey Key { get; }

    /// <summary>c in Z*_n.</summary>
    internal BigNumber Value { get; }

    internal static DgkCiphertext Derived(DgkPublicKey key, BigNumber value) => new(key, value);
}

/// <summary>A DGK ciphertext with fresh randomness (from encryption or rerandomization): the only kind that is serialized.</summary>
public sealed class FreshDgkCiphertext : DgkCiphertext
{
    private FreshDgkCiphertext(DgkPublicKey key, BigNumber value)
        : base(key, value)
    {
    }

    internal static FreshDgkCiphertext Create(DgkPublicKey key, BigNumber value) => new(key, value);

    /// <summary>Writes exactly <see cref="DgkPublicKey.CiphertextBytes"/> big-endian bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length != Key.CiphertextBytes)
        {
            throw new ArgumentException($"A DGK ciphertext takes exactly {Key.CiphertextBytes} bytes.", nameof(destination));
        }

        Value.WriteBigEndian(destination);
    }

    public byte[] ToBytes() => Value.ToBigEndian(Key.CiphertextBytes);
}
