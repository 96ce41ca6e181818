using Google.Protobuf;
using Grpc.Core;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Nodes.Tls;
using Samenreken.Nodes.Uwv;
using Samenreken.Nodes.Wire;
using Samenreken.Protocols;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Protocols.FileComparison;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Protocols.SecureComparison.Wire;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>One UWV node (SQLite, 512-bit test keys) under the demo project with the DGK engine, shared by the enforcement tests.</summary>
public class UwvNodeFixture : IAsyncLifetime
{
    public UwvNodeFixture()
        : this("dgk")
    {
    }

    protected UwvNodeFixture(string engine) => Bed.UseEngine(engine);

    internal NodeTestbed Bed { get; } = NodeTestbed.Create(persons: 300);

    internal PaillierPublicKey Paillier { get; private set; } = null!;

    internal DgkPublicKey Dgk { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Bed.StartUwvAsync(Path.Combine(Bed.Directory, "uwv.db"));
        var keys = await Bed.Client().GetPublicKeysAsync(new PublicKeysRequest());
        Paillier = PaillierPublicKey.Import(keys.Paillier.Span, KeySizePolicy.InsecureForTests);
        Dgk = DgkPublicKey.Import(keys.Dgk.Span, KeySizePolicy.InsecureForTests);
    }

    public async Task DisposeAsync() => await Bed.DisposeAsync();
}

/// <summary>The same under the demo project as shipped (the garbled-circuit engine).</summary>
public sealed class GcUwvNodeFixture() : UwvNodeFixture("gc");

/// <summary>
/// UWV enforces the announced run over the wire: nothing beyond the plan, each round once (a repeat answered from the
/// store without decrypting), nothing for a finished or unknown run, and bad bytes refused with a clear reason while
/// nothing is stored. Each refusal's twin (the valid message) is accepted, so the checks can fail.
/// </summary>
public sealed class UwvEnforcementTests(UwvNodeFixture node) : IClassFixture<UwvNodeFixture>
{
    private readonly UwvNode.UwvNodeClient _client = node.Bed.Client();

    [Fact]
    public async Task Compare_BatchOutsideThePlan_IsRefused()
    {
        var run = await AnnounceAsync(persons: 20, comparisons: 20, batchSize: 10);
        var error = await Assert.ThrowsAsync<RpcException>(() => CompareAsync(run, batch: 2, round: 1, Round1(10)));
        AssertRefused(error, ProtocolFailure.OutOfRange);

        var twin = await CompareAsync(run, batch: 1, round: 1, Round1(10));
        Assert.False(twin.Replayed);
    }

    [Fact]
    public async Task Compare_MoreComparisonsThanTheBatchPlans_IsRefused()
    {
        var run = await AnnounceAsync(persons: 20, comparisons: 15, batchSize: 10);
        var error = await Assert.ThrowsAsync<RpcException>(() => CompareAsync(run, batch: 1, round: 1, Round1(10)));
        AssertRefused(error, ProtocolFailure.WrongBatchLength, StatusCode.InvalidArgument);
        await CompareAsync(run, batch: 1, round: 1, Round1(5));
    }

    [Fact]
    public async Task Announce_MoreComparisonsThanPersons_IsRefused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => AnnounceAsync(persons: 10, comparisons: 11, batchSize: 10));
        AssertRefused(error, ProtocolFailure.OutOfRange);
    }

    [Fact]
    public async Task Announce_OtherKeyFingerprints_IsRefused()
    {
        var announcement = Announcement(10, 10, 10);
        announcement.PaillierKeyId = ByteString.CopyFrom(new byte[32]);
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.AnnounceAsync(announcement).ResponseAsync);
        AssertRefused(error, ProtocolFailure.ParameterMismatch);
    }

    [Fact]
    public async Task Compare_SameRoundAgain_IsAnsweredFromTheStoreWithoutDecrypting()
    {
        var run = await AnnounceAsync(persons: 20, comparisons: 20, batchSize: 20);
        var message = Round1(20);
        var first = await CompareAsync(run, 0, 1, message);
        var decryptions = (await CountsAsync(run)).Decryptions;

        var again = await CompareAsync(run, 0, 1, message);

        Assert.True(again.Replayed);
        Assert.Equal(first.Message, again.Message);
        var counts = await CountsAsync(run);
        Assert.Equal(decryptions, counts.Decryptions);
        Assert.True(decryptions > 0);
        Assert.Equal(1UL, counts.RepliesReplayed);
    }

    [Fact]
    public async Task Compare_AnotherMessageForAnAnsweredRound_IsRefused()
    {
        var run = await AnnounceAsync(persons: 20, comparisons: 20, batchSize: 20);
        await CompareAsync(run, 0, 1, Round1(20));
        var decryptions = (await CountsAsync(run)).Decryptions;

        var error = await Assert.ThrowsAsync<RpcException>(() => CompareAsync(run, 0, 1, Round1(20)));

        AssertRefused(error, ProtocolFailure.UnexpectedMessage);
        Assert.Equal(decryptions, (await CountsAsync(run)).Decryptions);
    }

    [Fact]
    public async Task Compare_LaterRoundBeforeTheFirst_IsRefused()
    {
        var run = await AnnounceAsync(persons: 20, comparisons: 20, batchSize: 20);
        var error = await Assert.ThrowsAsync<RpcException>(() => CompareAsync(run, 0, 2, Round1(20)));
        AssertRefused(error, ProtocolFailure.UnexpectedMessage);
    }

    [Fact]
    public async Task FinishedRun_AReplayedMessage_IsRefused()
    {
        var run = await AnnounceAsync(persons: 20, comparisons: 20, batchSize: 20);
        var message = Round1(20);
        await CompareAsync(run, 0, 1, message);
        await _client.FinishRunAsync(new RunRef { RunId = run });

        var error = await Assert.ThrowsAsync<RpcException>(() => CompareAsync(run, 0, 1, message));
        AssertRefused(error, ProtocolFailure.WrongSession);
    }

    [Fact]
    public async Task UnknownRun_IsRefused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CompareAsync(Svb.SvbRunDriver.NewRunId(), 0, 1, Round1(4)));
        AssertRefused(error, ProtocolFailure.WrongSession);
    }

    [Fact]
    public async Task Income_TruncatedAndOversizedRequests_AreRefusedAndNothingIsStored()
    {
        var run = await AnnounceAsync(persons: 3, comparisons: 3, batchSize: 3, chunkSize: 3);
        var request = SvbComparisonInputs.CreateRequest(["100000009", "100000010", "100000022"], RandomSource.Secure).ToByteArray();

        var truncated = await Assert.ThrowsAsync<RpcException>(() => IncomeAsync(run, 0, request[..^3]));
        AssertRefused(truncated, ProtocolFailure.MalformedMessage, StatusCode.InvalidArgument);
        var oversized = SvbComparisonInputs.CreateRequest(["100000009", "100000010", "100000022", "100000034"], RandomSource.Secure).ToByteArray();
        var tooMany = await Assert.ThrowsAsync<RpcException>(() => IncomeAsync(run, 0, oversized));
        AssertRefused(tooMany, ProtocolFailure.WrongBatchLength, StatusCode.InvalidArgument);
        var outside = await Assert.ThrowsAsync<RpcException>(() => IncomeAsync(run, 1, request));
        AssertRefused(outside, ProtocolFailure.OutOfRange);
        Assert.Equal(0UL, (await CountsAsync(run)).PersonsServed);

        // Nothing was stored for chunk 0, so the valid request is answered (computed, not replayed).
        var reply = await IncomeAsync(run, 0, request);
        Assert.False(reply.Replayed);
        Assert.Equal(3UL, (await CountsAsync(run)).PersonsServed);
    }

    [Fact]
    public async Task Tls_TheWrongPartysCertificate_IsRefused()
    {
        var uwv = node.Bed.Certificates.Uwv;
        var wrongParty = new MutualTlsOptions
        {
            CaCertificatePath = node.Bed.Certificates.CaCertificatePath,
            CertificatePath = uwv.CertificatePath,
            KeyPath = uwv.KeyPath,
            PeerPin = uwv.Pin,
            PeerName = DevelopmentCertificates.UwvNode,
        };
        var error = await Assert.ThrowsAsync<RpcException>(() => node.Bed.Client(wrongParty).GetPublicKeysAsync(new PublicKeysRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);

        // Twin: SVB's own certificate is accepted.
        await _client.GetPublicKeysAsync(new PublicKeysRequest());
    }

    private static void AssertRefused(RpcException error, ProtocolFailure failure, StatusCode status = StatusCode.FailedPrecondition)
    {
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(failure.ToString(), error.Trailers.GetValue(ProtocolErrorInterceptor.FailureTrailer));
    }

    private RunAnnouncement Announcement(uint persons, uint comparisons, uint batchSize, uint chunkSize = 10)
        => TestMessages.Announcement(node.Paillier, node.Dgk, node.Bed.DefinitionHash, "dgk", persons, comparisons, chunkSize, batchSize);

    private async Task<string> AnnounceAsync(uint persons, uint comparisons, uint batchSize, uint chunkSize = 10)
    {
        var announcement = Announcement(persons, comparisons, batchSize, chunkSize);
        await _client.AnnounceAsync(announcement);
        return announcement.RunId;
    }

    /// <summary>A real first message of the secure comparison for <paramref name="count"/> items, under UWV's keys.</summary>
    private ComparisonMessage Round1(int count)
    {
        var settings = ComparisonSettings.Default;
        var inputs = Enumerable.Range(0, count).Select(i => (PaillierCiphertext)SecureComparisonInput.Encrypt(node.Paillier, i, settings, RandomSource.Secure)).ToList();
        var evaluator = new ComparisonEvaluator(settings, node.Paillier, node.Dgk, RandomSource.Secure);
        return evaluator.Start(inputs, inputs, ComparisonOutputMode.PlaintextToEvaluator);
    }

    private Task<Payload> CompareAsync(string run, uint batch, uint round, ComparisonMessage message)
        => _client.CompareAsync(new ComparisonStep
        {
            RunId = run,
            Batch = batch,
            Round = round,
            Message = NodeSteps.Bind(new EngineMessage { Engine = ComparisonEngineId.ComparisonEngineDgk, Dgk = message }, run, batch, round).ToByteString(),
        }).ResponseAsync;

    private Task<Payload> IncomeAsync(string run, uint chunk, byte[] request)
        => _client.EncryptIncomesAsync(new IncomeChunk { RunId = run, Chunk = chunk, Request = ByteString.CopyFrom(request) }).ResponseAsync;

    /// <summary>UWV's counts of the run, read from its store.</summary>
    private Task<RunCounts> CountsAsync(string run) => Task.FromResult(((UwvRuns)node.Bed.Uwv!.Services.GetService(typeof(UwvRuns))!).Counts(run));
}
