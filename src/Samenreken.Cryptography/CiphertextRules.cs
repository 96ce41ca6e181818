using Samenreken.Cryptography.Math;

namespace Samenreken.Cryptography;

/// <summary>The validation every ciphertext from outside passes, whatever the scheme: 0 &lt; c &lt; bound and gcd(c, n) = 1.</summary>
internal static class CiphertextRules
{
    public static bool TryValidate(BigNumber value, BigNumber bound, BigNumber modulus, out ValidationFailure failure)
    {
        if (value.Sign <= 0 || value >= bound)
        {
            failure = ValidationFailure.CiphertextOutOfRange;
            return false;
        }

        // A non-unit shares a factor with n: no honest encryption produces it.
        if (value.Backend.Gcd(value, modulus) != value.Backend.One)
        {
            failure = ValidationFailure.CiphertextNotUnit;
            return false;
        }

        failure = default;
        return true;
    }
}
