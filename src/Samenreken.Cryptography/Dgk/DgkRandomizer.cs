using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Dgk;

/// <summary>
/// Fresh DGK randomness h^r mod n for one encryption or rerandomization. Made only by <see cref="DgkPublicKey.NewRandomizer"/>
/// and <see cref="DgkPrivateKey.NewRandomizer"/>, and usable once (see <see cref="SingleUseRandomizer{TKey}"/>).
/// </summary>
public sealed class DgkRandomizer : SingleUseRandomizer<DgkPublicKey>
{
    internal DgkRandomizer(DgkPublicKey key, BigNumber value)
        : base(key, value, "DGK randomizer")
    {
    }
}
