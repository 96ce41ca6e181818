using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Protocols.SecureComparison;

/// <summary>Encrypts comparison inputs, refusing values outside [0, 2^l) before they are encrypted.</summary>
public static class SecureComparisonInput
{
    public static FreshPaillierCiphertext Encrypt(PaillierPublicKey key, long value, ComparisonSettings settings, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.IsInRange(value))
        {
            throw new ProtocolException(ProtocolFailure.OutOfRange, $"A comparison input must lie in [0, 2^{settings.ComparisonBits}).");
        }

        return key.Encrypt(key.Backend.FromInt64(value), random);
    }
}
