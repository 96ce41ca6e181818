using Samenreken.Cryptography.Paillier;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.PackedBlinding;

/// <summary>
/// A's inputs to step 1: y as ciphertexts, and x either as ciphertexts or as A's own plaintexts (SVB's norms, which
/// it never needs to encrypt). With plaintext x, step 1 packs [y] alone, negates the packed ciphertext once and adds
/// each x_k to the plaintext offset beside 2^l + r_k: one multiplication per item besides the squarings instead of
/// four, and no modular inverse per item. B's view is the same either way.
/// </summary>
internal sealed class StepOneInputs
{
    private StepOneInputs(IReadOnlyList<PaillierCiphertext>? encryptedX, IReadOnlyList<long>? plainX, IReadOnlyList<PaillierCiphertext> y)
    {
        EncryptedX = encryptedX;
        PlainX = plainX;
        Y = y;
    }

    /// <summary>x as ciphertexts under the key, or null when A holds x in plaintext.</summary>
    public IReadOnlyList<PaillierCiphertext>? EncryptedX { get; }

    /// <summary>x as A's own plaintexts in [0, 2^l), or null when x is encrypted.</summary>
    public IReadOnlyList<long>? PlainX { get; }

    public IReadOnlyList<PaillierCiphertext> Y { get; }

    public int Count => Y.Count;

    /// <summary>Both encrypted; <paramref name="started"/> refuses a second start of the same run.</summary>
    public static StepOneInputs Encrypted(bool started, IReadOnlyList<PaillierCiphertext> x, IReadOnlyList<PaillierCiphertext> y)
    {
        RunRules.CheckStart(started, x, y);
        return new StepOneInputs(x, null, y);
    }

    /// <summary>x in plaintext, each in [0, 2^l) (a caller's mistake otherwise, refused before anything is computed).</summary>
    public static StepOneInputs Plain(bool started, IReadOnlyList<long> x, IReadOnlyList<PaillierCiphertext> y, ComparisonSettings settings)
    {
        RunRules.CheckStart(started, x, y);
        for (var k = 0; k < x.Count; k++)
        {
            if (!settings.IsInRange(x[k]))
            {
                throw new ArgumentOutOfRangeException(nameof(x), $"x[{k}] lies outside [0, 2^{settings.ComparisonBits}).");
            }
        }

        return new StepOneInputs(null, x, y);
    }
}
