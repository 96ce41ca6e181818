using System.Security.Cryptography;

namespace Samenreken.Cryptography.Randomness;

/// <summary>
/// The one source of randomness for all crypto code. <see cref="Secure"/> is the operating system's CSPRNG;
/// the only other implementation is an internal seeded source, for reproducible tests.
/// </summary>
public abstract class RandomSource
{
    private protected RandomSource()
    {
    }

    /// <summary>The operating system CSPRNG (<see cref="RandomNumberGenerator"/>); thread-safe.</summary>
    public static RandomSource Secure { get; } = new SystemRandomSource();

    /// <summary>Whether this source may be used for real keys and real data.</summary>
    public abstract bool IsCryptographicallySecure { get; }

    /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
    public abstract void Fill(Span<byte> destination);

    /// <summary>A uniform integer in [0, <paramref name="exclusiveBound"/>) (rejection sampling, no modulo bias).</summary>
    public ulong NextBelow(ulong exclusiveBound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(exclusiveBound);
        return Math.ModMath.RandomBelow(exclusiveBound, this);
    }

    private sealed class SystemRandomSource : RandomSource
    {
        public override bool IsCryptographicallySecure => true;

        public override void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
    }
}

/// <summary>
/// A deterministic, seeded and therefore <b>insecure</b> source: tests use it to reproduce keys and ciphertexts
/// (for example to show that both math backends agree). Never use it for real data.
/// </summary>
internal sealed class InsecureSeededRandomSource : RandomSource
{
    private readonly Lock _lock = new();
    private readonly Random _random;

    public InsecureSeededRandomSource(int seed)
    {
        _random = new Random(seed);
    }

    public override bool IsCryptographicallySecure => false;

    public override void Fill(Span<byte> destination)
    {
        lock (_lock)
        {
#pragma warning disable CA5394 // Deliberately insecure: this type exists only for reproducible tests.
            _random.NextBytes(destination);
#pragma warning restore CA5394
        }
    }
}
