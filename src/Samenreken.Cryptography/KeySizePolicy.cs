using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography;

/// <summary>
/// Which modulus sizes are acceptable. 3072 bits is the default (128-bit security; BSI TR-02102 and SOG-IS accept
/// RSA-type moduli below 3000 bits only until the end of 2025); 2048 is allowed for benchmarks and comparison with
/// other systems (callers log a warning); 4096 is allowed; smaller sizes only with the test-only insecure policy
/// (internal: tests reach it through InternalsVisibleTo). Under <see cref="Production"/>, key generation and every
/// private-key operation also refuse a randomness source that is not cryptographically secure and a math backend
/// without constant-time exponentiation.
/// </summary>
public sealed class KeySizePolicy
{
    public const int DefaultBits = 3072;

    private KeySizePolicy(bool allowInsecure)
    {
        AllowsInsecureSizes = allowInsecure;
    }

    // The two policies are made on each use (one small object) rather than once per process, so that a test
    // exercises their constructor; static instances are made before any test runs, where mutation testing cannot see them.

    /// <summary>2048, 3072 and 4096 bits.</summary>
    public static KeySizePolicy Production => new(false);

    /// <summary>Also any size from 256 bits: fast keys for tests about logic. Never for real data.</summary>
    internal static KeySizePolicy InsecureForTests => new(true);

    public bool AllowsInsecureSizes { get; }

    public bool IsAllowed(int bits) => bits is 2048 or 3072 or 4096 || (AllowsInsecureSizes && bits >= 256 && bits % 8 == 0);

    /// <summary>Whether a size is allowed but below today's recommendation (a host logs a warning).</summary>
    public static bool IsDeprecated(int bits) => bits < DefaultBits;

    /// <summary>Symmetric-equivalent security of an RSA-type modulus (NIST SP 800-57), used for short-exponent lengths.</summary>
    public static int SecurityBits(int modulusBits) => modulusBits switch
    {
        >= 4096 => 152,
        >= 3072 => 128,
        >= 2048 => 112,
        _ => 80,
    };

    /// <summary>
    /// Refuses, under the production policy, what would make secrets guessable or leak them through timing: a seeded
    /// randomness source, or a backend whose exponentiation with a secret exponent is not constant time.
    /// </summary>
    internal void EnsureSecure(RandomSource random, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(random))] string? randomName = null)
    {
        if (!AllowsInsecureSizes && !random.IsCryptographicallySecure)
        {
            throw new ArgumentException("Keys and private-key operations need a cryptographically secure randomness source (RandomSource.Secure).", randomName);
        }
    }

    /// <inheritdoc cref="EnsureSecure(RandomSource, string?)"/>
    internal void EnsureSecure(MathBackend backend, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(backend))] string? backendName = null)
    {
        if (!AllowsInsecureSizes && !backend.HasConstantTimeModPow)
        {
            throw new ArgumentException(
                $"The {backend.Name} math backend has no constant-time exponentiation; keys and private-key operations need GMP (libgmp.so.10).", backendName);
        }
    }

    /// <summary>
    /// Refuses a size to generate a key of: the caller's choice, so the standard argument exception naming the
    /// parameter (a key of a forbidden size from outside is refused on import with <see cref="ValidationFailure.KeySizeNotAllowed"/>).
    /// </summary>
    public void EnsureAllowed(int bits, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(bits))] string? bitsName = null)
    {
        if (!IsAllowed(bits))
        {
            throw new ArgumentOutOfRangeException(bitsName, bits, $"A {bits}-bit modulus is not allowed; use 3072 (default), 2048 or 4096 bits.");
        }
    }
}
