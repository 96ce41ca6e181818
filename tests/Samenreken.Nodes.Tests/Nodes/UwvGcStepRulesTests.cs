using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Governance.Audit;
using Samenreken.Nodes.Uwv;
using Samenreken.Nodes.Wire;
using Samenreken.Protocols;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>
/// The garbled-circuit engine's step rules at UWV: one round per batch, the session opened once by round 0 of batch 0
/// and before any batch, and an opening whose audit write fails leaves no session behind.
/// </summary>
public sealed class UwvGcStepRulesTests(GcUwvRunLimitsFixture node) : IClassFixture<GcUwvRunLimitsFixture>
{
    private const string BeforeTheSession = "A gc batch before the run's session was opened (round 0 of batch 0).";

    private UwvRuns Runs => node.Runs;

    [Theory]
    [InlineData(0u, 2u)]
    [InlineData(1u, 0u)]
    [InlineData(1u, 2u)]
    public async Task ARoundThatIsNotOneOfTheEngine_IsRefusedNamingTheRounds(uint batch, uint round)
    {
        var run = await AnnounceAsync();

        var error = await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(Step(run, batch, round, Evaluator().Open()!), default));

        Assert.Equal(ProtocolFailure.UnexpectedMessage, error.Failure);
        Assert.Equal($"Round {round} of batch {batch} is not a round of the gc comparison (1 to 1; round 0 of batch 0 opens the session).", error.Message);
    }

    [Fact]
    public async Task ABatchBeforeTheSession_IsRefused_TheSameBatchAfterItIsServed()
    {
        var run = await AnnounceAsync();
        var session = Evaluator();
        var open = session.Open()!;

        var early = await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(Step(run, 0, 1, ForeignBatch(10)), default));
        Assert.Equal(BeforeTheSession, early.Message);

        session.Accept(Reply(await Runs.CompareAsync(Step(run, 0, 0, open), default)));
        var evaluator = session.NewRun(10, 0);
        Assert.Null(evaluator.Receive(Reply(await Runs.CompareAsync(Step(run, 0, 1, evaluator.Start(Inputs(10), Inputs(10))), default))));
        Assert.Equal(Enumerable.Repeat(true, 10), evaluator.Results);
    }

    [Fact]
    public async Task AnOpeningWhoseAuditWriteFails_LeavesNoSession_AndCanBeAskedAgain()
    {
        var run = await AnnounceAsync();
        var session = Evaluator();
        var open = session.Open()!;
        node.Audit.BeforeNext(AuditKind.DecryptionsServed, () => throw new IOException("audit store unavailable"));

        await Assert.ThrowsAsync<IOException>(() => Runs.CompareAsync(Step(run, 0, 0, open), default));

        var batch = await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(Step(run, 0, 1, ForeignBatch(10)), default));
        Assert.Equal(BeforeTheSession, batch.Message);
        var opened = await Runs.CompareAsync(Step(run, 0, 0, open), default);
        Assert.False(opened.Replayed);
        session.Accept(Reply(opened));
    }

    private IComparisonEvaluatorSession Evaluator()
        => ComparisonEngineSessions.NewEvaluatorSession(ComparisonEngineKind.GarbledCircuit, ComparisonSettings.Default, node.Paillier, null, RandomSource.Secure);

    /// <summary>The first message of a batch of a session opened with another key holder (UWV's keys, not its node).</summary>
    private EngineMessage ForeignBatch(int count)
    {
        var keys = node.Bed.Uwv!.Services.GetRequiredService<UwvKeys>();
        var keyHolder = ComparisonEngineSessions.NewKeyHolderSession(ComparisonEngineKind.GarbledCircuit, ComparisonSettings.Default, keys.Paillier, null, RandomSource.Secure);
        var session = Evaluator();
        session.Accept(keyHolder.Accept(session.Open()!));
        return session.NewRun(count, 0).Start(Inputs(count), Inputs(count));
    }

    private List<PaillierCiphertext> Inputs(int count)
        => [.. Enumerable.Range(0, count).Select(i => (PaillierCiphertext)SecureComparisonInput.Encrypt(node.Paillier, i, ComparisonSettings.Default, RandomSource.Secure))];

    private async Task<string> AnnounceAsync()
    {
        var announcement = TestMessages.Announcement(node.Paillier, node.Dgk, node.Bed.DefinitionHash, "gc", persons: 20, comparisons: 20, chunkSize: 10, batchSize: 10);
        await Runs.AnnounceAsync(announcement, default);
        return announcement.RunId;
    }

    private static EngineMessage Reply(Payload payload) => EngineMessage.Parser.ParseFrom(payload.Message);

    private static ComparisonStep Step(string run, uint batch, uint round, EngineMessage message)
        => new() { RunId = run, Batch = batch, Round = round, Message = NodeSteps.Bind(message.Clone(), run, batch, round).ToByteString() };
}
