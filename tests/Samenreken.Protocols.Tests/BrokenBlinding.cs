using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.Tests;

/// <summary>Deliberate defects for the "broken twin" privacy tests; they live here, never in the shipped assembly.</summary>
[Flags]
internal enum EvaluatorFaults
{
    None = 0,

    /// <summary>r = 0: B decrypts x − y + 2^l itself.</summary>
    NoAdditiveBlinding = 1,

    /// <summary>r_i = 1: the DGK terms are not multiplicatively blinded, so their plaintexts reach B.</summary>
    NoMultiplicativeBlinding = 2,

    /// <summary>The terms keep their order: the zero's position tells B where α and β first differ.</summary>
    NoShuffle = 4,

    /// <summary>δ_A = 0 always: δ_B = [α ≤ β] then depends on the inputs.</summary>
    FixedDeltaA = 8,

    /// <summary>ρ = 0: B decrypts the result bit itself.</summary>
    NoOutputMask = 16,
}

/// <summary>The evaluator's blinding with the chosen <see cref="EvaluatorFaults"/> switched off.</summary>
internal sealed class BrokenBlinding(RandomSource random, EvaluatorFaults faults) : EvaluatorBlinding(random)
{
    public override UInt128 AdditiveBlind(int bits) => faults.HasFlag(EvaluatorFaults.NoAdditiveBlinding) ? UInt128.Zero : base.AdditiveBlind(bits);

    public override bool DeltaA() => !faults.HasFlag(EvaluatorFaults.FixedDeltaA) && base.DeltaA();

    public override ulong MultiplicativeBlind(ulong u) => faults.HasFlag(EvaluatorFaults.NoMultiplicativeBlinding) ? 1 : base.MultiplicativeBlind(u);

    public override void Shuffle(Span<int> order)
    {
        if (!faults.HasFlag(EvaluatorFaults.NoShuffle))
        {
            base.Shuffle(order);
        }
    }

    public override bool OutputMask() => !faults.HasFlag(EvaluatorFaults.NoOutputMask) && base.OutputMask();
}
