using System.Runtime.InteropServices;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.GarbledComparison.Wire;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.GarbledComparison;

/// <summary>
/// The evaluator's choices that hide its inputs from the garbler, in one place: the privacy tests inject a
/// deliberately broken twin (a test-side subclass) and show their statistics detect it, as they do with
/// <see cref="EvaluatorBlinding"/> for the DGK engine. Production code only ever uses <see cref="Sound"/>.
/// </summary>
internal class GarbledEvaluatorChoices
{
    public static GarbledEvaluatorChoices Sound { get; } = new();

    /// <summary>Step 1: r of l + κ bits, so d = z + r hides z up to a statistical distance of 2^−κ.</summary>
    public virtual int BlindBits(ComparisonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.ComparisonBits + settings.StatisticalSecurity;
    }

    /// <summary>Step 3: the base-OT keys k_i^1 as derived; independent of k_i^0, so the columns u^i hide A's choice bits.</summary>
    public virtual UInt128[] SecondBaseOtKeys(UInt128[] firstKeys, UInt128[] secondKeys) => secondKeys;

    /// <summary>Step 4: what A sends after decoding its outputs; nothing, since the result is A's alone.</summary>
    public virtual GarbledComparisonMessage? AfterDecoding(ReadOnlySpan<UInt128> outputLabels) => null;
}

/// <summary>
/// The garbler's choices that keep point-and-permute from leaking its inputs, in one place for the same broken-twin
/// tests (<see cref="GarbledEvaluatorChoices"/>). Production code only ever uses <see cref="Sound"/>.
/// </summary>
internal class GarbledKeyHolderChoices
{
    public static GarbledKeyHolderChoices Sound { get; } = new();

    /// <summary>Δ with lsb 1: a label's lsb is then its permute bit, and the two labels of a wire differ in it.</summary>
    public virtual UInt128 Delta(UInt128 uniform) => uniform | UInt128.One;

    /// <summary>B's zero-labels, uniform: their permute bits (the lsb) must not tell A anything about B's bits.</summary>
    public virtual void DrawGarblerZeroLabels(Span<UInt128> labels, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        random.Fill(MemoryMarshal.AsBytes(labels));
    }
}
