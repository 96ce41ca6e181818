using Samenreken.Cryptography.Math;

namespace Samenreken.Cryptography.Randomness;

/// <summary>
/// Fresh randomness for one encryption or rerandomization under <typeparamref name="TKey"/>, usable once: the
/// second use throws <see cref="InvalidOperationException"/>, so a randomizer can never be reused by mistake. The
/// concrete types (<see cref="Paillier.PaillierRandomizer"/>, <see cref="Dgk.DgkRandomizer"/>) are made only by
/// the keys, so nothing else can pass for fresh.
/// </summary>
public abstract class SingleUseRandomizer<TKey>
    where TKey : class
{
    private readonly string _what;
    private BigNumber? _value;

    private protected SingleUseRandomizer(TKey key, BigNumber value, string what)
    {
        Key = key;
        _value = value;
        _what = what;
    }

    /// <summary>The key the randomness belongs to.</summary>
    public TKey Key { get; }

    /// <summary>Whether it has been used (an unused randomizer can still make one ciphertext fresh).</summary>
    public bool IsUsed => Volatile.Read(ref _value) is null;

    /// <summary>Takes the value (thread-safe); a second call throws.</summary>
    internal BigNumber Take()
        => Interlocked.Exchange(ref _value, null)
            ?? throw new InvalidOperationException($"This {_what} was used before; a randomizer is used exactly once.");

    public override string ToString() => $"{GetType().Name} ({(IsUsed ? "used" : "unused")})";
}
