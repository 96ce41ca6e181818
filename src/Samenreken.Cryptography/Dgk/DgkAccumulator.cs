using Samenreken.Cryptography.Math;

namespace Samenreken.Cryptography.Dgk;

/// <summary>
/// A running homomorphic sum [[Σ a]] owned by one caller and updated in place: a loop that adds to it allocates
/// nothing per step (the comparison's term loop adds 33 ciphertexts per item). Not thread-safe; dispose it to free
/// its number at once instead of in the finalizer.
/// </summary>
public sealed class DgkAccumulator : IDisposable
{
    private readonly DgkPublicKey _key;
    private BigNumber? _value;

    internal DgkAccumulator(DgkPublicKey key, BigNumber one)
    {
        _key = key;
        _value = one;
    }

    /// <summary>Σ += a.</summary>
    public void Add(DgkCiphertext ciphertext) => Add(ciphertext, 1);

    /// <summary>Σ += k·a for a small k ≥ 1: k multiplications, no exponentiation.</summary>
    public void Add(DgkCiphertext ciphertext, int times)
    {
        var value = _key.Own(ciphertext).Value;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        var sum = Value;
        for (var i = 0; i < times; i++)
        {
            sum = _key.Backend.ModMultiplyInPlace(sum, value, _key.N);
        }

        _value = sum;
    }

    /// <summary>A new ciphertext [[Σ + a + m]] for a small signed m (|m| &lt; u); the sum itself is unchanged.</summary>
    public DgkCiphertext Plus(DgkCiphertext ciphertext, long plaintext)
    {
        var result = _key.Backend.ModMultiply(Value, _key.Own(ciphertext).Value, _key.N);
        return DgkCiphertext.Derived(_key, Times(result, plaintext));
    }

    /// <summary>A new ciphertext [[Σ + m]] for a small signed m (|m| &lt; u); the sum itself is unchanged.</summary>
    public DgkCiphertext ToCiphertext(long plaintext)
    {
        var factor = _key.PlainFactor(plaintext);
        return DgkCiphertext.Derived(_key, factor is null ? _key.Backend.Mod(Value, _key.N) : _key.Backend.ModMultiply(Value, factor, _key.N));
    }

    public void Dispose()
    {
        if (_value is { } value)
        {
            _value = null;
            _key.Backend.EraseIntermediate(value);
        }
    }

    private BigNumber Value => _value ?? throw new ObjectDisposedException(nameof(DgkAccumulator));

    /// <summary>product·g^m, in place on a product this accumulator just made.</summary>
    private BigNumber Times(BigNumber product, long plaintext)
    {
        var factor = _key.PlainFactor(plaintext);
        return factor is null ? product : _key.Backend.ModMultiplyInPlace(product, factor, _key.N);
    }
}
