namespace Samenreken.Cryptography.Math;

/// <summary>A value that can be taken once: the second take throws, so a randomizer can never be reused by mistake.</summary>
internal struct SingleUseValue
{
    private BigNumber? _value;

    public SingleUseValue(BigNumber value)
    {
        _value = value;
    }

    public bool IsUsed => Volatile.Read(ref _value) is null;

    /// <summary>Takes the value (thread-safe); a second call throws.</summary>
    public BigNumber Take(string what)
        => Interlocked.Exchange(ref _value, null)
            ?? throw new InvalidOperationException($"This {what} was used before; a randomizer is used exactly once.");
}
