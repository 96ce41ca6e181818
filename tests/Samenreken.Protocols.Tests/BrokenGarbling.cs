using Google.Protobuf;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.GarbledComparison;
using Samenreken.Protocols.GarbledComparison.Wire;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.Tests;

/// <summary>Deliberate defects of the garbled evaluator for the "broken twin" privacy tests; they live here, never in the shipped assembly.</summary>
[Flags]
internal enum GarbledEvaluatorFaults
{
    None = 0,

    /// <summary>κ = 0: r &lt; 2^l, so d = z + r tells B about z.</summary>
    NarrowBlinding = 1,

    /// <summary>k_i^0 = k_i^1 in the base OTs: u^i = r, so the OT extension hands B A's choice bits.</summary>
    LeakyOt = 2,

    /// <summary>A returns the permute bits of its output labels, which B decodes with its decoding bits.</summary>
    OutputLabelsToKeyHolder = 4,
}

/// <summary>Deliberate defects of the garbler, likewise.</summary>
[Flags]
internal enum GarbledKeyHolderFaults
{
    None = 0,

    /// <summary>Every zero-label B chooses has lsb 0: the permute bits of B's input wires are constant.</summary>
    ConstantPermuteBits = 1,

    /// <summary>lsb(Δ) = 0: point-and-permute no longer tells the evaluator which row to use.</summary>
    DeltaLsbZero = 2,
}

/// <summary>The evaluator's choices with the chosen <see cref="GarbledEvaluatorFaults"/> broken.</summary>
internal sealed class BrokenGarbledEvaluatorChoices(GarbledEvaluatorFaults faults) : GarbledEvaluatorChoices
{
    public override int BlindBits(ComparisonSettings settings)
        => faults.HasFlag(GarbledEvaluatorFaults.NarrowBlinding) ? settings.ComparisonBits : base.BlindBits(settings);

    public override UInt128[] SecondBaseOtKeys(UInt128[] firstKeys, UInt128[] secondKeys)
        => faults.HasFlag(GarbledEvaluatorFaults.LeakyOt) ? firstKeys : base.SecondBaseOtKeys(firstKeys, secondKeys);

    public override GarbledComparisonMessage? AfterDecoding(ReadOnlySpan<UInt128> outputLabels)
    {
        if (!faults.HasFlag(GarbledEvaluatorFaults.OutputLabelsToKeyHolder))
        {
            return base.AfterDecoding(outputLabels);
        }

        var permuteBits = new bool[outputLabels.Length];
        for (var k = 0; k < permuteBits.Length; k++)
        {
            permuteBits[k] = (outputLabels[k] & UInt128.One) == UInt128.One;
        }

        return new GarbledComparisonMessage
        {
            OutputLabels = new OutputLabels { PermuteBits = ByteString.CopyFrom(GarbledSession.PackBits(permuteBits.Length, k => permuteBits[k])) },
        };
    }
}

/// <summary>The garbler's choices with the chosen <see cref="GarbledKeyHolderFaults"/> broken.</summary>
internal sealed class BrokenGarbledKeyHolderChoices(GarbledKeyHolderFaults faults) : GarbledKeyHolderChoices
{
    public override UInt128 Delta(UInt128 uniform)
        => faults.HasFlag(GarbledKeyHolderFaults.DeltaLsbZero) ? uniform & ~UInt128.One : base.Delta(uniform);

    public override void DrawGarblerZeroLabels(Span<UInt128> labels, RandomSource random)
    {
        base.DrawGarblerZeroLabels(labels, random);
        if (faults.HasFlag(GarbledKeyHolderFaults.ConstantPermuteBits))
        {
            for (var j = 0; j < labels.Length; j++)
            {
                labels[j] &= ~UInt128.One;
            }
        }
    }
}
