using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Protocols.SecureComparison.Wire;

namespace Samenreken.Protocols.Tests;

/// <summary>Runs one batch through both state machines over the in-memory transport.</summary>
internal sealed class ComparisonHarness
{
    public ComparisonHarness(string backend, int comparisonBits, int statisticalSecurity = 40, int bits = 768)
    {
        Settings = ComparisonSettings.Create(comparisonBits, statisticalSecurity);
        var (paillier, dgk) = ComparisonKeys.Get(backend, bits, comparisonBits);
        Paillier = paillier;
        Dgk = dgk.PrivateKey;
    }

    public ComparisonSettings Settings { get; }

    public PaillierKeyPair Paillier { get; }

    public Cryptography.Dgk.DgkPrivateKey Dgk { get; }

    public PaillierPublicKey PublicKey => Paillier.PublicKey;

    public ComparisonEvaluator NewEvaluator() => new(Settings, PublicKey, Dgk.PublicKey, RandomSource.Secure);

    public ComparisonKeyHolder NewKeyHolder() => new(Settings, Paillier.PrivateKey, Dgk, RandomSource.Secure);

    public (List<FreshPaillierCiphertext> X, List<FreshPaillierCiphertext> Y) Encrypt(IReadOnlyList<(long X, long Y)> pairs)
        => ([.. pairs.Select(p => SecureComparisonInput.Encrypt(PublicKey, p.X, Settings, RandomSource.Secure))],
            [.. pairs.Select(p => SecureComparisonInput.Encrypt(PublicKey, p.Y, Settings, RandomSource.Secure))]);

    public bool DecryptBit(PaillierCiphertext ciphertext)
    {
        var value = Paillier.PrivateKey.DecryptSigned(ciphertext);
        Assert.True(value.IsZero || value.IsOne, $"An encrypted result decrypted to {value}, not a bit.");
        return value.IsOne;
    }

    /// <summary>Runs the protocol; returns the bits x ≥ y as A learns them (decrypting the encrypted results in mode 1).</summary>
    public bool[] Run(IReadOnlyList<(long X, long Y)> pairs, ComparisonOutputMode mode, Action<ComparisonMessage>? observe = null)
    {
        var (x, y) = Encrypt(pairs);
        var evaluator = NewEvaluator();
        var keyHolder = NewKeyHolder();
        InMemoryTransport.Run(evaluator, keyHolder, evaluator.Start(x, y, mode), observe);
        Assert.True(evaluator.IsCompleted);
        Assert.True(keyHolder.IsCompleted);
        return mode == ComparisonOutputMode.PlaintextToEvaluator
            ? [.. evaluator.Results]
            : [.. evaluator.EncryptedResults.Select(DecryptBit)];
    }
}
