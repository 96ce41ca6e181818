using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Protocols.SecureComparison.Wire;

namespace Samenreken.Protocols.Tests;

/// <summary>
/// Both parties exported after every round and resumed from the export (as a node does after a crash) reach the same
/// results as an uninterrupted run; a state that is not one the party exports is refused.
/// </summary>
public sealed class ComparisonStateTests
{
    private static readonly (long X, long Y)[] s_pairs = [(5, 3), (3, 5), (7, 7), (0, 1), (1_000_000, 999_999), (12, 4_000_000_000)];

    [Fact]
    public void ExportAndResume_AfterEveryRound_GiveTheUninterruptedResults()
    {
        var harness = new ComparisonHarness("gmp", 32);
        var (x, y) = harness.Encrypt(s_pairs);
        var evaluator = harness.NewEvaluator();
        var keyHolder = harness.NewKeyHolder();
        ComparisonMessage? message = evaluator.Start(x, y, ComparisonOutputMode.PlaintextToEvaluator);
        var decryptions = 0;
        while (message is not null)
        {
            // Each party restarts from its export before it handles the next message.
            var reply = keyHolder.Receive(message);
            decryptions += keyHolder.DecryptionsServed;
            if (!keyHolder.IsCompleted)
            {
                keyHolder = ComparisonKeyHolder.Resume(harness.Settings, harness.Paillier.PrivateKey, harness.Dgk, RandomSource.Secure, s_pairs.Length, keyHolder.ExportState());
            }

            evaluator = ComparisonEvaluator.Resume(harness.Settings, harness.PublicKey, harness.Dgk.PublicKey, RandomSource.Secure, evaluator.ExportState());
            message = evaluator.Receive(reply);
        }

        Assert.Equal(s_pairs.Select(p => p.X >= p.Y), evaluator.Results);
        Assert.Equal(2, decryptions); // one packed round-2 decryption and one packed reveal for six items
    }

    [Fact]
    public void Resume_AStateThatIsNotAnExport_IsRefused()
    {
        var harness = new ComparisonHarness("gmp", 32);
        var (x, y) = harness.Encrypt(s_pairs);
        var evaluator = harness.NewEvaluator();
        evaluator.Start(x, y, ComparisonOutputMode.PlaintextToEvaluator);
        var state = evaluator.ExportState();

        // Twin: the export itself resumes.
        ComparisonEvaluator.Resume(harness.Settings, harness.PublicKey, harness.Dgk.PublicKey, RandomSource.Secure, state);
        var truncated = state[..^5];
        var error = Assert.Throws<ProtocolException>(() => ComparisonEvaluator.Resume(harness.Settings, harness.PublicKey, harness.Dgk.PublicKey, RandomSource.Secure, truncated));
        Assert.Equal(ProtocolFailure.MalformedMessage, error.Failure);
        Assert.Throws<InvalidOperationException>(() => harness.NewEvaluator().ExportState());
    }
}
