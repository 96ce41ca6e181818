using Samenreken.Cryptography.Math;

namespace Samenreken.Cryptography.Dgk;

/// <summary>
/// Fresh DGK randomness h^r mod n for one encryption or rerandomization. Made only by <see cref="DgkPublicKey.NewRandomizer"/>
/// and <see cref="DgkPrivateKey.NewRandomizer"/>, and usable once: a second use throws <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class DgkRandomizer
{
    private SingleUseValue _value;

    internal DgkRandomizer(DgkPublicKey key, BigNumber value)
    {
        Key = key;
        _value = new SingleUseValue(value);
    }

    /// <summary>The key the randomness belongs to.</summary>
    public DgkPublicKey Key { get; }

    /// <summary>Whether it has been used.</summary>
    public bool IsUsed => _value.IsUsed;

    internal BigNumber Take() => _value.Take("DGK randomizer");

    public override string ToString() => IsUsed ? "DgkRandomizer (used)" : "DgkRandomizer (unused)";
}
