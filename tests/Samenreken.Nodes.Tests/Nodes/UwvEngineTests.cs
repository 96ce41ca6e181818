using Google.Protobuf;
using Grpc.Core;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Governance;
using Samenreken.Nodes.Uwv;
using Samenreken.Nodes.Wire;
using Samenreken.Protocols;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>
/// UWV serves a run on the engine its announcement names, through the engine seam: the gc session once per run and
/// before any gc batch, each gc batch in one round, and nothing of another engine. Each refusal has an accepted twin.
/// </summary>
public sealed class UwvEngineTests(GcUwvNodeFixture node, UwvNodeFixture dgkNode) : IClassFixture<GcUwvNodeFixture>, IClassFixture<UwvNodeFixture>
{
    private readonly UwvNode.UwvNodeClient _client = node.Bed.Client();

    [Fact]
    public async Task Announce_AnUnknownEngine_IsRefused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.AnnounceAsync(Announcement("yao")).ResponseAsync);
        AssertRefused(error, ProtocolFailure.ParameterMismatch);

        await _client.AnnounceAsync(Announcement("gc"));
    }

    [Fact]
    public async Task Gc_ABatchBeforeTheSessionIsOpened_IsRefused_AndServedAfterwards()
    {
        var run = await AnnounceAsync("gc");
        var session = Session();
        var open = session.Open()!;
        var (x, y) = Inputs(10);

        // A batch of a session UWV never opened: refused before anything is decrypted.
        var early = ComparisonEngineSessions.NewEvaluatorSession(ComparisonEngineKind.GarbledCircuit, ComparisonSettings.Default, node.Paillier, null, RandomSource.Secure);
        var error = await Assert.ThrowsAsync<RpcException>(() => CompareAsync(run, 0, 1, StartedSessionBatch(early, x, y)));
        AssertRefused(error, ProtocolFailure.UnexpectedMessage);
        Assert.Equal(0UL, Counts(run).Decryptions);

        session.Accept(await CompareAsync(run, 0, 0, open));
        var evaluator = session.NewRun(10, 0);
        Assert.Null(evaluator.Receive(await CompareAsync(run, 0, 1, evaluator.Start(x, y))));
        Assert.Equal(Enumerable.Repeat(true, 10), evaluator.Results);
        Assert.True(Counts(run).Decryptions > 0);
        Assert.Equal(0UL, Counts(run).ZeroTests);
    }

    [Fact]
    public async Task Gc_TheSessionOpenedAgainWithOtherBytes_IsRefused_TheSameBytesReplayed()
    {
        var run = await AnnounceAsync("gc");
        var open = Session().Open()!;
        var first = await CompareAsync(run, 0, 0, open);

        var again = await _client.CompareAsync(Step(run, 0, 0, open)).ResponseAsync;
        Assert.True(again.Replayed);
        Assert.Equal(first, EngineMessage.Parser.ParseFrom(again.Message));

        var error = await Assert.ThrowsAsync<RpcException>(() => CompareAsync(run, 0, 0, Session().Open()!));
        AssertRefused(error, ProtocolFailure.UnexpectedMessage);
    }

    [Fact]
    public async Task Gc_ASecondRoundOrADgkMessage_IsRefused()
    {
        var run = await AnnounceAsync("gc");
        var session = Session();
        session.Accept(await CompareAsync(run, 0, 0, session.Open()!));
        var (x, y) = Inputs(10);
        var message = session.NewRun(10, 0).Start(x, y);

        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => CompareAsync(run, 0, 2, message)), ProtocolFailure.UnexpectedMessage);
        var dgk = ComparisonEngine.NewEvaluatorRun(ComparisonEngineKind.Dgk, ComparisonSettings.Default, node.Paillier, node.Dgk, RandomSource.Secure, 10).Start(x, y);
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => CompareAsync(run, 0, 1, dgk)), ProtocolFailure.ParameterMismatch);

        await CompareAsync(run, 0, 1, message);
    }

    [Theory]
    [InlineData("gc")]
    [InlineData("dgk")]
    public async Task AMessageMovedBetweenTwoLiveRuns_IsRefused_BeforeAnyDecryption(string engine)
    {
        var kind = engine == "gc" ? ComparisonEngineKind.GarbledCircuit : ComparisonEngineKind.Dgk;
        var on = engine == "gc" ? node : dgkNode; // each node serves the engine its definition names
        var (first, second) = (await AnnounceAsync(engine, on), await AnnounceAsync(engine, on));
        var sessions = new List<IComparisonEvaluatorSession>();
        foreach (var run in new[] { first, second })
        {
            var session = ComparisonEngineSessions.NewEvaluatorSession(kind, ComparisonSettings.Default, on.Paillier, on.Dgk, RandomSource.Secure);
            if (session.Open() is { } open)
            {
                session.Accept(await CompareAsync(run, 0, 0, open, on));
            }

            sessions.Add(session);
        }

        var (x, y) = Inputs(10, on);
        var bound = Step(first, 0, 1, sessions[0].NewRun(10, 0).Start(x, y));
        var moved = new ComparisonStep { RunId = second, Batch = 0, Round = 1, Message = bound.Message };

        var client = on.Bed.Client();
        var error = await Assert.ThrowsAsync<RpcException>(() => client.CompareAsync(moved).ResponseAsync);
        AssertRefused(error, ProtocolFailure.WrongSession);
        Assert.Equal(0UL, Counts(second, on).Decryptions);

        // Twin: in its own run the same message is served.
        await client.CompareAsync(bound);
        Assert.True(Counts(first, on).Decryptions > 0);
    }

    [Fact]
    public async Task Dgk_ASessionOpening_IsRefused()
    {
        var dgkClient = dgkNode.Bed.Client();
        var announcement = Announcement("dgk", dgkNode);
        await dgkClient.AnnounceAsync(announcement);
        var error = await Assert.ThrowsAsync<RpcException>(() => dgkClient.CompareAsync(Step(announcement.RunId, 0, 0, Session().Open()!)).ResponseAsync);
        AssertRefused(error, ProtocolFailure.UnexpectedMessage);
    }

    private IComparisonEvaluatorSession Session()
        => ComparisonEngineSessions.NewEvaluatorSession(ComparisonEngineKind.GarbledCircuit, ComparisonSettings.Default, node.Paillier, null, RandomSource.Secure);

    /// <summary>The first message of batch 0 of a session whose base OTs were done with another key holder (UWV's key, not its node).</summary>
    private EngineMessage StartedSessionBatch(IComparisonEvaluatorSession session, IReadOnlyList<PaillierCiphertext> x, IReadOnlyList<PaillierCiphertext> y)
    {
        var keys = (UwvKeys)node.Bed.Uwv!.Services.GetService(typeof(UwvKeys))!;
        var keyHolder = ComparisonEngineSessions.NewKeyHolderSession(ComparisonEngineKind.GarbledCircuit, ComparisonSettings.Default, keys.Paillier, null, RandomSource.Secure);
        session.Accept(keyHolder.Accept(session.Open()!));
        return session.NewRun(x.Count, 0).Start(x, y);
    }

    private (List<PaillierCiphertext> X, List<PaillierCiphertext> Y) Inputs(int count, UwvNodeFixture? on = null)
    {
        var settings = ComparisonSettings.Default;
        List<PaillierCiphertext> Encrypt(int offset) => [.. Enumerable.Range(0, count).Select(i => (PaillierCiphertext)SecureComparisonInput.Encrypt((on ?? node).Paillier, i + offset, settings, RandomSource.Secure))];
        return (Encrypt(1), Encrypt(0));
    }

    [Fact]
    public async Task Announce_AnEngineTheDefinitionDoesNotName_IsRefused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.AnnounceAsync(Announcement("dgk")).ResponseAsync);
        Assert.Equal(nameof(GovernanceRefusal.DefinitionMismatch), error.Trailers.GetValue(ProtocolErrorInterceptor.RefusalTrailer));
    }

    private RunAnnouncement Announcement(string engine, UwvNodeFixture? on = null)
        => TestMessages.Announcement((on ?? node).Paillier, (on ?? node).Dgk, (on ?? node).Bed.DefinitionHash, engine, persons: 20, comparisons: 20, chunkSize: 10, batchSize: 10);

    private async Task<string> AnnounceAsync(string engine, UwvNodeFixture? on = null)
    {
        var announcement = Announcement(engine, on);
        await (on ?? node).Bed.Client().AnnounceAsync(announcement);
        return announcement.RunId;
    }

    private static ComparisonStep Step(string run, uint batch, uint round, EngineMessage message)
        => new() { RunId = run, Batch = batch, Round = round, Message = NodeSteps.Bind(message.Clone(), run, batch, round).ToByteString() };

    private async Task<EngineMessage> CompareAsync(string run, uint batch, uint round, EngineMessage message, UwvNodeFixture? on = null)
        => EngineMessage.Parser.ParseFrom((await (on ?? node).Bed.Client().CompareAsync(Step(run, batch, round, message)).ResponseAsync).Message);

    private RunCounts Counts(string run, UwvNodeFixture? on = null) => ((UwvRuns)(on ?? node).Bed.Uwv!.Services.GetService(typeof(UwvRuns))!).Counts(run);

    private static void AssertRefused(RpcException error, ProtocolFailure failure)
    {
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(failure.ToString(), error.Trailers.GetValue(ProtocolErrorInterceptor.FailureTrailer));
    }
}
