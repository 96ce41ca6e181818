using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Paillier;

/// <summary>
/// Fresh Paillier randomness (h_s^α or r^n mod n²) for one encryption or rerandomization. Made only by
/// <see cref="PaillierPublicKey.NewRandomizer"/> (or the key holder's CRT path), and usable once (see
/// <see cref="SingleUseRandomizer{TKey}"/>). It may be computed ahead of time (an offline phase) and used later on any thread.
/// </summary>
public sealed class PaillierRandomizer : SingleUseRandomizer<PaillierPublicKey>
{
    internal PaillierRandomizer(PaillierPublicKey key, BigNumber value)
        : base(key, value, "Paillier randomizer")
    {
    }
}
