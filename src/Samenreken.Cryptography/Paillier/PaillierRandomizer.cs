using Samenreken.Cryptography.Math;

namespace Samenreken.Cryptography.Paillier;

/// <summary>
/// Fresh Paillier randomness (h_s^α or r^n mod n²) for one encryption or rerandomization. Made only by
/// <see cref="PaillierPublicKey.NewRandomizer"/> (or the key holder's CRT path), so nothing else can pass for fresh,
/// and usable once: a second use throws <see cref="InvalidOperationException"/>. It may be computed ahead of time (an
/// offline phase) and used later on any thread.
/// </summary>
public sealed class PaillierRandomizer
{
    private SingleUseValue _value;

    internal PaillierRandomizer(PaillierPublicKey key, BigNumber value)
    {
        Key = key;
        _value = new SingleUseValue(value);
    }

    /// <summary>The key the randomness belongs to.</summary>
    public PaillierPublicKey Key { get; }

    /// <summary>Whether it has been used (an unused randomizer can still make one ciphertext fresh).</summary>
    public bool IsUsed => _value.IsUsed;

    internal BigNumber Take() => _value.Take("Paillier randomizer");

    public override string ToString() => IsUsed ? "PaillierRandomizer (used)" : "PaillierRandomizer (unused)";
}
