using Samenreken.Domain;

namespace Samenreken.Synthetic;

/// <summary>
/// Hands out distinct, 11-test-valid BSNs without remembering them: the k-th eight-digit prefix is
/// (offset + k·stride) mod range, a bijection because the stride is coprime with the range, and a prefix
/// without a valid check digit is skipped. Small populations use the 99990000–99999999 prefixes
/// (the test-person convention of bsn.md); larger ones the whole range, and the files say synthetic.
/// </summary>
internal sealed class BsnAllocator
{
    /// <summary>Populations up to this many BSNs use the test range 999900000–999999999 (9,091 valid numbers).</summary>
    public const int TestRangeCapacity = 9_000;

    private readonly long _base;
    private readonly long _range;
    private readonly long _offset;
    private readonly long _stride;
    private long _k;

    public BsnAllocator(SyntheticRandom random, long needed)
    {
        TestRange = needed <= TestRangeCapacity;
        _base = TestRange ? 99_990_000 : 0;
        _range = TestRange ? 10_000 : 100_000_000;
        _offset = (long)(random.NextUInt64() % (ulong)_range);

        // Any stride coprime with 10^k (odd and not a multiple of 5) visits every prefix once.
        do
        {
            _stride = (long)(random.NextUInt64() % (ulong)_range) | 1;
        }
        while (_stride % 5 == 0);
    }

    public bool TestRange { get; }

    public Bsn Next()
    {
        while (_k < _range)
        {
            var prefix = (int)(_base + ((_offset + (_k++ * _stride)) % _range));
            var check = Bsn.CheckDigit(prefix);
            if (check >= 0 && Bsn.TryFromInt32((prefix * 10) + check, out var bsn))
            {
                return bsn;
            }
        }

        throw new InvalidOperationException("the BSN range is exhausted");
    }
}
