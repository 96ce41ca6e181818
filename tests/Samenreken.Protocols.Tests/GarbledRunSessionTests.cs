using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Protocols.GarbledComparison;
using Samenreken.Protocols.GarbledComparison.Wire;

namespace Samenreken.Protocols.Tests;

/// <summary>Run sessions: the base OTs once per run, every batch one round trip on its own OT counter block and gate tweaks.</summary>
public sealed class GarbledRunSessionTests
{
    public static TheoryData<string> AesBackends => EngineHarness.AesBackends;

    [Theory]
    [MemberData(nameof(AesBackends))]
    public void Session_ManyBatches_CompareCorrectlyInOneRoundTripEach(string aes)
    {
        var harness = new EngineHarness(32, aes);
        var (a, b) = OpenSessions(harness);
        var pairs = EngineHarness.EdgesAndRandomPairs(90);

        for (var batch = 0UL; batch < 3; batch++)
        {
            var slice = pairs.Skip((int)batch * 30).Take(30).ToList();
            var (x, y) = harness.Keys.Encrypt(slice);
            var evaluator = a.NewRun(slice.Count, batch);
            var keyHolder = b.NewRun(1 << 16, batch);
            var messages = 0;
            EngineTransport.Run(evaluator, keyHolder, evaluator.Start(x, y), (_, _) => messages++);

            Assert.Equal(2, messages);
            Assert.Equal(slice.Select(p => p.X >= p.Y), evaluator.Results);
        }
    }

    [Fact]
    public void Session_ABatchNumberServedTwice_IsRefusedBeforeAnyDecryption()
    {
        var harness = new EngineHarness(32);
        var (a, b) = OpenSessions(harness);
        RunBatch(harness, a, b, 7, [(1, 2), (3, 3)]);

        // A second evaluator session (same B) reusing batch number 7: B must not serve the same OT counter block twice.
        var (x, y) = harness.Keys.Encrypt([(5, 4)]);
        var replayer = GarbledEvaluatorSession.Resume(harness.Settings, harness.Keys.PublicKey, RandomSource.Secure, a.ExportState(), harness.Aes);
        var first = replayer.NewBatch(7);
        first.PrecomputeRandomness(1);
        var keyHolder = b.NewRun(1 << 16);
        var error = Assert.Throws<ProtocolException>(() => keyHolder.Receive(new EngineMessage { Engine = ComparisonEngineId.ComparisonEngineGarbledCircuit, GarbledCircuit = first.Start(x, y) }));

        Assert.Equal(ProtocolFailure.UnexpectedMessage, error.Failure);
        Assert.Equal(0, keyHolder.DecryptionsServed);
        Assert.False(keyHolder.IsCompleted);
    }

    [Fact]
    public void Session_ABatchForAnotherBatchNumber_IsRefused()
    {
        var harness = new EngineHarness(32);
        var (a, b) = OpenSessions(harness);
        var (x, y) = harness.Keys.Encrypt([(1, 2)]);
        var evaluator = a.NewRun(1, 3);

        var error = Assert.Throws<ProtocolException>(() => b.NewRun(1 << 16, 4).Receive(evaluator.Start(x, y)));

        Assert.Equal(ProtocolFailure.WrongSession, error.Failure);
    }

    [Fact]
    public void Session_OpenedTwice_IsRefused()
    {
        var harness = new EngineHarness(32);
        var a = ComparisonEngineSessions.NewEvaluatorSession(ComparisonEngineKind.GarbledCircuit, harness.Settings, harness.Keys.PublicKey, null, RandomSource.Secure, harness.Aes);
        var b = ComparisonEngineSessions.NewKeyHolderSession(ComparisonEngineKind.GarbledCircuit, harness.Settings, harness.Keys.Paillier.PrivateKey, null, RandomSource.Secure, harness.Aes);
        var open = a.Open()!;
        b.Accept(open);

        Assert.Equal(ProtocolFailure.UnexpectedMessage, Assert.Throws<ProtocolException>(() => b.Accept(open)).Failure);
        Assert.Throws<InvalidOperationException>(() => a.Open());
    }

    [Fact]
    public void Session_BatchWithItsOwnBaseOts_IsRefusedInARunSession()
    {
        var harness = new EngineHarness(32);
        var (_, b) = OpenSessions(harness);
        var (x, y) = harness.Keys.Encrypt([(1, 2)]);
        var standalone = harness.NewEvaluator(ComparisonEngineKind.GarbledCircuit, 1);

        Assert.Equal(ProtocolFailure.UnexpectedMessage, Assert.Throws<ProtocolException>(() => b.NewRun(1 << 16).Receive(standalone.Start(x, y))).Failure);
    }

    [Fact]
    public void Session_BothSidesExportedAndResumed_ContinueTheRun()
    {
        var harness = new EngineHarness(32);
        var (a, b) = OpenSessions(harness);
        RunBatch(harness, a, b, 0, [(1, 2)]);

        var a2 = ComparisonEngineSessions.ResumeEvaluatorSession(
            ComparisonEngineKind.GarbledCircuit, harness.Settings, harness.Keys.PublicKey, null, RandomSource.Secure, a.ExportState(), harness.Aes);
        var b2 = ComparisonEngineSessions.ResumeKeyHolderSession(
            ComparisonEngineKind.GarbledCircuit, harness.Settings, harness.Keys.Paillier.PrivateKey, null, RandomSource.Secure, b.ExportState(), harness.Aes);

        Assert.Equal([true, false], RunBatch(harness, a2, b2, 1, [(9, 9), (8, 9)]));
    }

    [Fact]
    public void Session_EvaluatorResumedMidBatch_ResendsTheSameMessageAndDecodes()
    {
        var harness = new EngineHarness(32);
        var (a, b) = OpenSessions(harness);
        var pairs = EngineHarness.EdgesAndRandomPairs(20);
        var (x, y) = harness.Keys.Encrypt(pairs);
        var evaluator = a.NewRun(pairs.Count, 5);
        var first = evaluator.Start(x, y);
        var state = evaluator.ExportState();

        var resumed = a.ResumeRun(state);
        var reply = b.NewRun(1 << 16, 5).Receive(first);

        Assert.Null(resumed.Receive(reply));
        Assert.Equal(pairs.Select(p => p.X >= p.Y), resumed.Results);
    }

    [Fact]
    public void Session_SessionOpeningOfAnotherEngine_IsRefused()
    {
        var harness = new EngineHarness(32);
        var dgk = ComparisonEngineSessions.NewKeyHolderSession(ComparisonEngineKind.Dgk, harness.Settings, harness.Keys.Paillier.PrivateKey, harness.Keys.Dgk, RandomSource.Secure);
        var a = ComparisonEngineSessions.NewEvaluatorSession(ComparisonEngineKind.GarbledCircuit, harness.Settings, harness.Keys.PublicKey, null, RandomSource.Secure, harness.Aes);

        Assert.Equal(ProtocolFailure.UnexpectedMessage, Assert.Throws<ProtocolException>(() => dgk.Accept(a.Open()!)).Failure);
    }

    private static (IComparisonEvaluatorSession A, IComparisonKeyHolderSession B) OpenSessions(EngineHarness harness)
    {
        var a = ComparisonEngineSessions.NewEvaluatorSession(ComparisonEngineKind.GarbledCircuit, harness.Settings, harness.Keys.PublicKey, null, RandomSource.Secure, harness.Aes);
        var b = ComparisonEngineSessions.NewKeyHolderSession(ComparisonEngineKind.GarbledCircuit, harness.Settings, harness.Keys.Paillier.PrivateKey, null, RandomSource.Secure, harness.Aes);
        a.Accept(b.Accept(a.Open()!));
        Assert.True(a.IsEstablished && b.IsEstablished);
        return (a, b);
    }

    private static bool[] RunBatch(EngineHarness harness, IComparisonEvaluatorSession a, IComparisonKeyHolderSession b, ulong batch, List<(long X, long Y)> pairs)
    {
        var (x, y) = harness.Keys.Encrypt(pairs);
        var evaluator = a.NewRun(pairs.Count, batch);
        EngineTransport.Run(evaluator, b.NewRun(1 << 16, batch), evaluator.Start(x, y));
        return [.. evaluator.Results];
    }
}
