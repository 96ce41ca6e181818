using Samenreken.Cryptography.Math;

namespace Samenreken.Cryptography.Paillier;

/// <summary>
/// A Paillier ciphertext under one public key. Results of homomorphic operations and ciphertexts imported from
/// outside are of this type: they may reveal their inputs to the key holder, or be a replay, so only a
/// <see cref="FreshPaillierCiphertext"/> (made by encryption or rerandomization) may leave the process.
/// </summary>
public class PaillierCiphertext
{
    private protected PaillierCiphertext(PaillierPublicKey key, BigNumber value)
    {
        System.Diagnostics.Debug.Assert(value.Sign > 0 && value < key.NSquared, "ciphertext out of range");
        Key = key;
        Value = value;
    }

    public PaillierPublicKey Key { get; }

    /// <summary>c in Z*_{n²}.</summary>
    internal BigNumber Value { get; }

    internal static PaillierCiphertext Derived(PaillierPublicKey key, BigNumber value) => new(key, value);
}

/// <summary>
/// A ciphertext carrying fresh randomness: made by encryption or rerandomization only. It is the only ciphertext
/// type that can be written to the wire (STYLE rule 4: freshness is a type).
/// </summary>
public sealed class FreshPaillierCiphertext : PaillierCiphertext
{
    private FreshPaillierCiphertext(PaillierPublicKey key, BigNumber value)
        : base(key, value)
    {
    }

    internal static FreshPaillierCiphertext Create(PaillierPublicKey key, BigNumber value) => new(key, value);

    /// <summary>Writes the ciphertext as exactly <see cref="PaillierPublicKey.CiphertextBytes"/> big-endian bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length != Key.CiphertextBytes)
        {
            throw new ArgumentException($"A ciphertext takes exactly {Key.CiphertextBytes} bytes.", nameof(destination));
        }

        Value.WriteBigEndian(destination);
    }

    public byte[] ToBytes() => Value.ToBigEndian(Key.CiphertextBytes);
}
