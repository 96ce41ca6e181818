namespace Samenreken.Protocols.SecureComparison;

/// <summary>
/// Randomizers (h^r for DGK, h_s^α for Paillier) computed in an offline phase, before the inputs are known; the
/// online phase takes each exactly once. When the pool runs dry the online phase computes fresh ones, so a short
/// pool costs speed, never security.
/// </summary>
internal sealed class RandomizerPool<T>
    where T : class
{
    private readonly Func<T> _create;
    private T?[] _items = [];
    private int _next;

    public RandomizerPool(Func<T> create)
    {
        _create = create;
    }

    /// <summary>Fills the pool with <paramref name="count"/> randomizers, in parallel over all cores.</summary>
    public void Fill(int count)
    {
        var items = new T?[count];
        Parallel.For(0, count, i => items[i] = _create());
        _items = items;
        _next = 0;
    }

    /// <summary>Randomizers filled and not yet taken (beyond them, <see cref="Take"/> makes one on demand).</summary>
    public int Remaining => System.Math.Max(0, _items.Length - Volatile.Read(ref _next));

    /// <summary>Takes one unused randomizer (thread-safe); a taken slot is cleared so it cannot be reused.</summary>
    public T Take()
    {
        var index = Interlocked.Increment(ref _next) - 1;
        if (index < _items.Length)
        {
            var item = Interlocked.Exchange(ref _items[index], null);
            if (item is not null)
            {
                return item;
            }
        }

        return _create();
    }
}
