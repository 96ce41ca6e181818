using Samenreken.Cryptography.Randomness;

namespace Samenreken.Protocols.SecureComparison;

/// <summary>
/// Every random choice that hides the evaluator's inputs from the key holder: the additive blinds r, the bits δ_A
/// and ρ, the multiplicative blinds r_i and the shuffle of the terms. One place for them, so the privacy tests can
/// inject a deliberately broken twin (a test-side subclass) and show their statistics detect it; production code
/// only ever uses this class itself.
/// </summary>
internal class EvaluatorBlinding
{
    private readonly RandomSource _random;

    public EvaluatorBlinding(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
    }

    /// <summary>r, uniform of <paramref name="bits"/> = l + κ bits (step 1).</summary>
    public virtual UInt128 AdditiveBlind(int bits)
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.Fill(bytes);
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(bytes);
        return bits >= 128 ? value : value & ((UInt128.One << bits) - 1);
    }

    /// <summary>δ_A, a uniform bit that decides which side of the comparison the zero term stands for (step 3).</summary>
    public virtual bool DeltaA() => RandomBit();

    /// <summary>r_i, uniform in Z_u^* (step 3).</summary>
    public virtual ulong MultiplicativeBlind(ulong u) => _random.NextBelow(u - 1) + 1;

    /// <summary>A uniform permutation of the terms (step 3).</summary>
    public virtual void Shuffle(Span<int> order) => VeugenSteps.Shuffle(order, _random);

    /// <summary>ρ, the uniform mask of a revealed bit (output step).</summary>
    public virtual bool OutputMask() => RandomBit();

    private bool RandomBit()
    {
        Span<byte> b = stackalloc byte[1];
        _random.Fill(b);
        return (b[0] & 1) != 0;
    }
}
