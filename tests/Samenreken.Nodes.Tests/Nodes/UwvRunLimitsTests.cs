using System.Collections.Immutable;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Domain;
using Samenreken.Governance;
using Samenreken.Governance.Audit;
using Samenreken.Nodes.Safeguards;
using Samenreken.Nodes.Uwv;
using Samenreken.Nodes.Wire;
using Samenreken.Protocols;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Protocols.FileComparison;
using Samenreken.Protocols.FileComparison.Wire;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Protocols.SecureComparison.Wire;
using Samenreken.Storage;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>
/// The UWV node's limits on a run, each at its edge: the value just outside is refused with its reason and leaves
/// nothing stored or recorded, the value at the edge is accepted. And what each served, replayed or refused request
/// leaves in the audit chain and the operator's log: counts and hashes, never a BSN.
/// </summary>
public sealed class UwvRunLimitsTests(UwvRunLimitsFixture node) : IClassFixture<UwvRunLimitsFixture>
{
    private const int MaxPersons = UwvRunLimitsFixture.MaxPersons;

    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(10);

    private UwvRuns Runs => node.Runs;

    [Theory]
    [InlineData(0u, 1u, 10u, 10u, "A run of 0 persons is outside [1, 300].")]
    [InlineData(MaxPersons + 1u, 1u, 10u, 10u, "A run of 301 persons is outside [1, 300].")]
    [InlineData(5u, 0u, 10u, 10u, "0 comparisons for 5 persons: at most one per person.")]
    [InlineData(5u, 6u, 10u, 10u, "6 comparisons for 5 persons: at most one per person.")]
    [InlineData(5u, 5u, 0u, 10u, "Chunks hold 1 to 2048 persons and batches 1 to 1024 comparisons.")]
    [InlineData(5u, 5u, UwvRuns.MaxChunkSize + 1u, 10u, "Chunks hold 1 to 2048 persons and batches 1 to 1024 comparisons.")]
    [InlineData(5u, 5u, 10u, 0u, "Chunks hold 1 to 2048 persons and batches 1 to 1024 comparisons.")]
    [InlineData(5u, 5u, 10u, UwvRuns.MaxBatchSize + 1u, "Chunks hold 1 to 2048 persons and batches 1 to 1024 comparisons.")]
    public async Task Announce_OutsideALimit_IsRefusedWithItsReason_AndNothingIsStoredOrRecorded(uint persons, uint comparisons, uint chunkSize, uint batchSize, string reason)
    {
        var announcement = Announcement(persons, comparisons, chunkSize, batchSize);
        var entries = await AuditCountAsync();

        var error = await Assert.ThrowsAsync<ProtocolException>(() => Runs.AnnounceAsync(announcement, default));

        Assert.Equal(reason, error.Message);
        Assert.Equal(persons is 0 or > MaxPersons || chunkSize is 0 or > UwvRuns.MaxChunkSize || batchSize is 0 or > UwvRuns.MaxBatchSize ? ProtocolFailure.BatchTooLarge : ProtocolFailure.OutOfRange, error.Failure);
        Assert.Null(node.Store.FindAnnouncement(announcement.RunId));
        Assert.Equal(entries, await AuditCountAsync());
    }

    [Theory]
    [InlineData(1u, 1u, 1u, 1u, 1u, 1u)]
    [InlineData(MaxPersons, MaxPersons, 10u, 10u, 30u, 30u)]
    [InlineData(7u, 1u, 3u, 2u, 3u, 1u)]
    [InlineData(MaxPersons, MaxPersons, UwvRuns.MaxChunkSize, UwvRuns.MaxBatchSize, 1u, 1u)]
    public async Task Announce_AtTheEdges_IsAccepted_AndRecordedWithItsPlan(uint persons, uint comparisons, uint chunkSize, uint batchSize, uint chunks, uint batches)
    {
        var announcement = Announcement(persons, comparisons, chunkSize, batchSize);

        var receipt = await Runs.AnnounceAsync(announcement, default);

        Assert.Equal(chunks, receipt.ChunkCount);
        Assert.Equal(batches, receipt.BatchCount);
        var entry = Assert.Single(await EntriesAsync(announcement.RunId));
        Assert.Equal(AuditKind.RunAnnounced, entry.Kind);
        Assert.Equal("run announced by SVB", entry.Detail);
        Assert.Equal(Counts(("persons", persons), ("comparisons", comparisons), ("chunks", chunks), ("batches", batches)), entry.Counts);
        Assert.Equal(node.Bed.DefinitionHash, entry.Hashes[NodeSafeguards.DefinitionHashName]);
        Assert.Contains($"1010 Run {announcement.RunId} announced: {persons} persons, {comparisons} comparisons, {chunks} chunks, {batches} batches", node.Log.Messages);
    }

    [Fact]
    public async Task Announce_TheSamePlanAgain_IsAResume_AnotherPlanUnderTheSameIdIsRefusedAndNotRecorded()
    {
        var announcement = Announcement(20, 20, 10, 10);
        await Runs.AnnounceAsync(announcement, default);

        var again = await Runs.AnnounceAsync(announcement.Clone(), default);

        Assert.Equal(2u, again.ChunkCount);
        var entries = await EntriesAsync(announcement.RunId);
        Assert.Equal(new[] { AuditKind.RunAnnounced, AuditKind.RunResumed }, entries.Select(e => e.Kind));
        Assert.Equal("run announced again (SVB resumes)", entries[1].Detail);
        Assert.Equal(entries[0].Counts, entries[1].Counts);

        var other = announcement.Clone();
        other.Comparisons = 19;
        var error = await Assert.ThrowsAsync<ProtocolException>(() => Runs.AnnounceAsync(other, default));
        AssertRefusal(error, ProtocolFailure.WrongSession, "This run id was announced before with another plan.");
        Assert.Equal(2, (await EntriesAsync(announcement.RunId)).Count);
        Assert.Equal(announcement.ToByteArray(), node.Store.FindAnnouncement(announcement.RunId));
    }

    [Fact]
    public async Task Announce_AnotherPlanStoredWhileTheFirstWasBeingRecorded_IsRefused()
    {
        var announcement = Announcement(20, 20, 10, 10);
        var racing = announcement.Clone();
        racing.Comparisons = 10;
        node.Audit.BeforeNext(AuditKind.RunAnnounced, () => node.Store.Announce(racing.RunId, racing.ToByteArray()));

        var error = await Assert.ThrowsAsync<ProtocolException>(() => Runs.AnnounceAsync(announcement, default));

        AssertRefusal(error, ProtocolFailure.WrongSession, "This run id was announced before with another plan.");
        Assert.Equal(racing.ToByteArray(), node.Store.FindAnnouncement(announcement.RunId));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Announce_OtherKeys_IsRefused(bool otherPaillier, bool otherDgk)
    {
        var announcement = Announcement(5, 5, 10, 10);
        if (otherPaillier)
        {
            announcement.PaillierKeyId = ByteString.CopyFrom(new byte[32]);
        }

        if (otherDgk)
        {
            announcement.DgkKeyId = ByteString.CopyFrom(new byte[32]);
        }

        var error = await Assert.ThrowsAsync<ProtocolException>(() => Runs.AnnounceAsync(announcement, default));

        AssertRefusal(error, ProtocolFailure.ParameterMismatch, "The run names other keys than this node's.");
        Assert.Null(node.Store.FindAnnouncement(announcement.RunId));
    }

    [Fact]
    public async Task Announce_WithoutADefinitionHash_OrUnderAnotherEngine_IsRefusedAndTheRefusalRecorded()
    {
        var unnamed = Announcement(5, 5, 10, 10);
        unnamed.ProjectDefinitionHash = string.Empty;
        var otherEngine = Announcement(5, 5, 10, 10);
        otherEngine.Engine = "gc";

        var noHash = await Assert.ThrowsAsync<GovernanceException>(() => Runs.AnnounceAsync(unnamed, default));
        var engine = await Assert.ThrowsAsync<GovernanceException>(() => Runs.AnnounceAsync(otherEngine, default));

        Assert.Equal("The run announces no project definition hash; this node serves runs under its configured definition only.", noHash.Message);
        Assert.Equal("The run announces the gc comparison engine; the project definition names another.", engine.Message);
        foreach (var refused in new[] { unnamed, otherEngine })
        {
            Assert.Equal(GovernanceRefusal.DefinitionMismatch, refused == unnamed ? noHash.Refusal : engine.Refusal);
            Assert.Equal(AuditKind.RunRefused, Assert.Single(await EntriesAsync(refused.RunId)).Kind);
            Assert.Null(node.Store.FindAnnouncement(refused.RunId));
        }
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789abcdef0123456789abcdeF")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("")]
    public async Task ARunIdNotOf32LowercaseHexDigits_IsRefusedEverywhere(string runId)
    {
        const string Reason = "A run id is 32 lowercase hex digits.";
        var announcement = Announcement(5, 5, 10, 10);
        announcement.RunId = runId;

        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.AnnounceAsync(announcement, default)), ProtocolFailure.WrongSession, Reason);
        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.EncryptIncomesAsync(new IncomeChunk { RunId = runId }, default)), ProtocolFailure.WrongSession, Reason);
        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(new ComparisonStep { RunId = runId, Round = 1 }, default)), ProtocolFailure.WrongSession, Reason);
        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.FinishRunAsync(new RunRef { RunId = runId }, default)), ProtocolFailure.WrongSession, Reason);
        Assert.Null(node.Store.FindAnnouncement(runId));
    }

    [Fact]
    public async Task AnUnknownRun_IsRefusedEverywhere()
    {
        var run = Svb.SvbRunDriver.NewRunId();
        const string Unannounced = "No such run: a run is announced first.";

        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.EncryptIncomesAsync(new IncomeChunk { RunId = run }, default)), ProtocolFailure.WrongSession, Unannounced);
        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(new ComparisonStep { RunId = run, Round = 1 }, default)), ProtocolFailure.WrongSession, Unannounced);
        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.FinishRunAsync(new RunRef { RunId = run }, default)), ProtocolFailure.WrongSession, "No such run.");
        Assert.Empty(await EntriesAsync(run));
    }

    [Fact]
    public async Task NullArguments_AreRefused()
    {
        await Assert.ThrowsAsync<ArgumentNullException>("announcement", () => Runs.AnnounceAsync(null!, default));
        await Assert.ThrowsAsync<ArgumentNullException>("chunk", () => Runs.EncryptIncomesAsync(null!, default));
        await Assert.ThrowsAsync<ArgumentNullException>("step", () => Runs.CompareAsync(null!, default));
        await Assert.ThrowsAsync<ArgumentNullException>("run", () => Runs.FinishRunAsync(null!, default));

        var services = node.Bed.Uwv!.Services;
        var store = services.GetRequiredService<UwvStore>();
        var keys = services.GetRequiredService<UwvKeys>();
        var safeguards = services.GetRequiredService<NodeSafeguards>();
        var seal = NodeSeal.Open(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NodeOptions>>().Value);
        (Dictionary<string, IncomeParts>, Dictionary<string, IncomeParts>) parts = ([], []);
        Assert.Throws<ArgumentNullException>("store", () => new UwvRuns(null!, keys, parts, 10, NullLogger<UwvRuns>.Instance, seal, safeguards));
        Assert.Throws<ArgumentNullException>("keys", () => new UwvRuns(store, null!, parts, 10, NullLogger<UwvRuns>.Instance, seal, safeguards));
        Assert.Throws<ArgumentNullException>("log", () => new UwvRuns(store, keys, parts, 10, null!, seal, safeguards));
        Assert.Throws<ArgumentNullException>("seal", () => new UwvRuns(store, keys, parts, 10, NullLogger<UwvRuns>.Instance, null!, safeguards));
        Assert.Throws<ArgumentNullException>("safeguards", () => new UwvRuns(store, keys, parts, 10, NullLogger<UwvRuns>.Instance, seal, null!));
        using var twin = new UwvRuns(store, keys, parts, 10, NullLogger<UwvRuns>.Instance, seal, safeguards);
    }

    [Fact]
    public async Task Income_ChunksOfThePlan_AreServedOnce_RecordedWithCountsAndTheBatchHash_AndLoggedWithoutBsns()
    {
        // Two chunks of 3 and a last of 1; each with one person unknown to Polis (answered with an encryption of 0).
        var announcement = Announcement(7, 7, 3, 10);
        await Runs.AnnounceAsync(announcement, default);
        var run = announcement.RunId;
        List<string>[] chunks = [[node.Known[0], node.Known[1], node.Unknown[0]], [node.Known[2], node.Known[3], node.Unknown[1]], [node.Unknown[2]]];

        for (var chunk = 0u; chunk < 3; chunk++)
        {
            var request = Request(chunks[chunk]);
            var reply = await Runs.EncryptIncomesAsync(Chunk(run, chunk, request), default);

            Assert.False(reply.Replayed);
            Assert.Equal((uint)chunks[chunk].Count, IncomeResponse.Parser.ParseFrom(reply.Message).Count);
            var entry = (await EntriesAsync(run))[^1];
            Assert.Equal(AuditKind.CiphertextsServed, entry.Kind);
            Assert.Equal("income chunk encrypted", entry.Detail);
            Assert.Equal(Counts(("chunk", chunk), ("persons", chunks[chunk].Count), ("ciphertexts", 2 * chunks[chunk].Count), ("unknown_to_polis", 1)), entry.Counts);
            Assert.Equal(BsnBatchHash.Of(request.RequestId.Span, chunks[chunk].Select(Bsn.Parse)), entry.Hashes["bsn_batch"]);
            Assert.Contains($"1011 Run {run}: income chunk {chunk} served, {chunks[chunk].Count} persons (1 unknown to Polis)", node.Log.Messages);
        }

        Assert.Equal(7UL, Runs.Counts(run).PersonsServed);
        Assert.DoesNotContain(node.Log.Messages, m => chunks.SelectMany(c => c).Any(m.Contains));
    }

    [Fact]
    public async Task Income_ChunkOutsideThePlan_OrOfTheWrongLength_OrWithAnInvalidBsn_OrNotParsing_IsRefused_AndNothingIsServed()
    {
        var announcement = Announcement(4, 4, 3, 10);
        await Runs.AnnounceAsync(announcement, default);
        var run = announcement.RunId;
        var entries = await AuditCountAsync();
        var valid = Request([node.Known[0], node.Known[1], node.Known[2]]);

        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.EncryptIncomesAsync(Chunk(run, 2, valid), default)), ProtocolFailure.OutOfRange, "Chunk 2 is outside the plan of 2 chunks.");
        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.EncryptIncomesAsync(Chunk(run, 1, valid), default)), ProtocolFailure.WrongBatchLength, "Chunk 1 holds 3 persons; the plan says 1.");
        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.EncryptIncomesAsync(Chunk(run, 0, Request([node.Known[0], node.Known[1]])), default)), ProtocolFailure.WrongBatchLength, "Chunk 0 holds 2 persons; the plan says 3.");

        // One invalid BSN among valid ones is enough.
        var invalid = SvbComparisonInputs.CreateRequest([node.Known[0], node.Known[1], node.Known[2]], RandomSource.Secure);
        invalid.PersonIds[2] = "999999999";
        Assert.False(Bsn.TryParse("999999999", out _));
        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.EncryptIncomesAsync(Chunk(run, 0, invalid), default)), ProtocolFailure.MalformedMessage, "A person id is not a valid BSN.");

        var garbage = new IncomeChunk { RunId = run, Chunk = 0, Request = ByteString.CopyFrom(0xFF, 0xFF, 0xFF) };
        var parse = await Assert.ThrowsAsync<ProtocolException>(() => Runs.EncryptIncomesAsync(garbage, default));
        Assert.Equal(ProtocolFailure.MalformedMessage, parse.Failure);
        Assert.StartsWith("The income request does not parse: ", parse.Message, StringComparison.Ordinal);

        Assert.Equal(0UL, Runs.Counts(run).PersonsServed);
        Assert.Equal(entries, await AuditCountAsync());

        // Twins: the chunk at the plan's edge, with its length, is served.
        Assert.False((await Runs.EncryptIncomesAsync(Chunk(run, 1, Request([node.Known[3]])), default)).Replayed);
        Assert.False((await Runs.EncryptIncomesAsync(Chunk(run, 0, valid), default)).Replayed);
        Assert.Equal(4UL, Runs.Counts(run).PersonsServed);
    }

    [Fact]
    public async Task Income_TheSameRequestAgain_IsAnsweredFromTheStore_AnotherIsRefused_AndAReplyStoredMeanwhileWins()
    {
        var announcement = Announcement(4, 4, 2, 10);
        await Runs.AnnounceAsync(announcement, default);
        var run = announcement.RunId;
        var request = Request([node.Known[0], node.Known[1]]);
        var first = await Runs.EncryptIncomesAsync(Chunk(run, 0, request), default);

        var again = await Runs.EncryptIncomesAsync(Chunk(run, 0, request), default);

        Assert.True(again.Replayed);
        Assert.Equal(first.Message, again.Message);
        var replayed = (await EntriesAsync(run))[^1];
        Assert.Equal(AuditKind.CiphertextsServed, replayed.Kind);
        Assert.Equal("answered again from the store", replayed.Detail);
        Assert.Equal(Counts(("chunk", 0), ("round", 0), ("replayed", 1)), replayed.Counts);
        Assert.Contains($"1013 Run {run}: Income 0 round 0 answered from the store", node.Log.Messages);
        Assert.Equal(1UL, Runs.Counts(run).RepliesReplayed);

        var other = await Assert.ThrowsAsync<ProtocolException>(() => Runs.EncryptIncomesAsync(Chunk(run, 0, Request([node.Known[0], node.Known[1]])), default));
        AssertRefusal(other, ProtocolFailure.UnexpectedMessage, "Income 0 round 0 was answered for another request; it is answered once.");

        // A reply stored for chunk 1 between UWV's replay check and its own store (a racing request): this one is refused.
        node.Audit.BeforeNext(AuditKind.CiphertextsServed, () => node.Store.SaveReply(run, ReplyKind.Income, 1, 0, new byte[32], [1], null, 2, 0, 0));
        var raced = await Assert.ThrowsAsync<ProtocolException>(() => Runs.EncryptIncomesAsync(Chunk(run, 1, Request([node.Known[2], node.Known[3]])), default));
        AssertRefusal(raced, ProtocolFailure.UnexpectedMessage, "This chunk was answered already.");
        Assert.Equal(4UL, Runs.Counts(run).PersonsServed);
    }

    [Fact]
    public async Task Compare_ARoundOfThePlan_IsRecordedWithItsCounts_ReplayedFromTheStore_AndFinishingDestroysItsState()
    {
        var announcement = Announcement(20, 20, 10, 10);
        await Runs.AnnounceAsync(announcement, default);
        var run = announcement.RunId;
        var message = Round1(10);

        var first = await Runs.CompareAsync(Step(run, 1, 1, message), default);

        Assert.False(first.Replayed);
        var counts = Runs.Counts(run);
        Assert.True(counts.Decryptions > 0);
        var served = (await EntriesAsync(run))[^1];
        Assert.Equal(AuditKind.DecryptionsServed, served.Kind);
        Assert.Equal("comparison round answered", served.Detail);
        Assert.Equal(Counts(("batch", 1), ("round", 1), ("decryptions", (long)counts.Decryptions), ("zero_tests", (long)counts.ZeroTests)), served.Counts);
        Assert.Contains($"1012 Run {run}: batch 1 round 1 served, {counts.Decryptions} decryptions, {counts.ZeroTests} zero tests", node.Log.Messages);
        Assert.True(Runs.HoldsKeyHolderOf(run));

        var again = await Runs.CompareAsync(Step(run, 1, 1, message), default);

        Assert.True(again.Replayed);
        Assert.Equal(first.Message, again.Message);
        var replayed = (await EntriesAsync(run))[^1];
        Assert.Equal(AuditKind.DecryptionsServed, replayed.Kind);
        Assert.Equal("answered again from the store", replayed.Detail);
        Assert.Equal(Counts(("batch", 1), ("round", 1), ("replayed", 1)), replayed.Counts);
        Assert.Contains($"1013 Run {run}: Comparison 1 round 1 answered from the store", node.Log.Messages);
        Assert.Equal(counts.Decryptions, Runs.Counts(run).Decryptions);

        var rows = node.Store.ProtocolStateRows(run);
        Assert.True(rows > 0);
        var finished = await Runs.FinishRunAsync(new RunRef { RunId = run }, default);

        Assert.Equal(counts.Decryptions, finished.Decryptions);
        var closing = (await EntriesAsync(run))[^2..];
        Assert.Equal(AuditKind.RunFinished, closing[0].Kind);
        Assert.Equal("run closed by SVB", closing[0].Detail);
        Assert.Equal(Counts(("persons_served", 0), ("decryptions", (long)counts.Decryptions), ("zero_tests", (long)counts.ZeroTests), ("replies_replayed", 1)), closing[0].Counts);
        Assert.Equal(AuditKind.RetentionAction, closing[1].Kind);
        Assert.Equal("protocol state destroyed after the run", closing[1].Detail);
        Assert.Equal(Counts(("rows_before", rows)), closing[1].Counts);
        Assert.Equal(0, node.Store.ProtocolStateRows(run));
        Assert.False(Runs.HoldsKeyHolderOf(run));
        Assert.Contains($"1014 Run {run} finished: 0 persons served, {counts.Decryptions} decryptions, {counts.ZeroTests} zero tests, 1 replies replayed", node.Log.Messages);

        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(Step(run, 1, 1, message), default)), ProtocolFailure.WrongSession, "This run is finished; a message for it is refused.");
        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.EncryptIncomesAsync(Chunk(run, 0, Request([node.Known[0]])), default)), ProtocolFailure.WrongSession, "This run is finished; a message for it is refused.");
    }

    [Fact]
    public async Task Compare_OutsideThePlan_OrNotARoundOfTheEngine_OrNotParsing_OrAnotherMessage_IsRefusedWithItsReason()
    {
        var announcement = Announcement(20, 20, 10, 10);
        await Runs.AnnounceAsync(announcement, default);
        var run = announcement.RunId;
        var entries = await AuditCountAsync();

        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(Step(run, 2, 1, Round1(10)), default)), ProtocolFailure.OutOfRange, "Batch 2 is outside the plan of 2 batches.");
        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(Step(run, 0, 4, Round1(10)), default)), ProtocolFailure.UnexpectedMessage, "Round 4 of batch 0 is not a round of the dgk comparison (1 to 3).");
        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(Step(run, 0, 0, Round1(10)), default)), ProtocolFailure.UnexpectedMessage, "Round 0 of batch 0 is not a round of the dgk comparison (1 to 3).");
        var parse = await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(new ComparisonStep { RunId = run, Batch = 0, Round = 1, Message = ByteString.CopyFrom(0xFF, 0xFF) }, default));
        Assert.Equal(ProtocolFailure.MalformedMessage, parse.Failure);
        Assert.StartsWith("The comparison message does not parse: ", parse.Message, StringComparison.Ordinal);
        Assert.Equal(0UL, Runs.Counts(run).Decryptions);
        Assert.Equal(entries, await AuditCountAsync());

        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(Step(run, 0, 2, Round1(10)), default)), ProtocolFailure.UnexpectedMessage, "Round 2 of batch 0 before its earlier rounds.");
        var moved = Step(run, 0, 1, Round1(10));
        moved.Batch = 1;
        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(moved, default)), ProtocolFailure.WrongSession, $"The message is bound to another run, batch or round than run {run} batch 1 round 1.");
        Assert.Equal(0UL, Runs.Counts(run).Decryptions);

        var shortPlan = Announcement(20, 15, 10, 10);
        await Runs.AnnounceAsync(shortPlan, default);
        AssertRefusal(await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(Step(shortPlan.RunId, 1, 1, Round1(10)), default)), ProtocolFailure.WrongBatchLength, "Batch 1 holds 5 comparisons in the plan; the message says 10.");

        await Runs.CompareAsync(Step(run, 0, 1, Round1(10)), default);
        var other = await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(Step(run, 0, 1, Round1(10)), default));
        AssertRefusal(other, ProtocolFailure.UnexpectedMessage, "Comparison 0 round 1 was answered for another request; it is answered once.");
    }

    [Fact]
    public async Task Announce_AnEngineThisNodeDoesNotServe_IsRefusedNamingIt()
    {
        var announcement = Announcement(5, 5, 10, 10);
        announcement.Engine = "yao";

        var error = await Assert.ThrowsAsync<ProtocolException>(() => Runs.AnnounceAsync(announcement, default));

        AssertRefusal(error, ProtocolFailure.ParameterMismatch, "The run names no comparison engine this node serves (\"dgk\" or \"gc\"), but \"yao\".");
    }

    [Fact]
    public void Binding_RefusesNullArguments()
    {
        Assert.Throws<ArgumentNullException>("runId", () => NodeSteps.Binding(null!, 0, 1));
        Assert.Throws<ArgumentNullException>("message", () => NodeSteps.Bind(null!, "run", 0, 1));
        Assert.Throws<ArgumentNullException>("message", () => NodeSteps.CheckBinding(null!, "run", 0, 1));
    }

    /// <summary>
    /// Each round's audit entry counts what that round decrypted and zero-tested, not the batch's running total: a
    /// reference key holder (UWV's keys, outside the node) is driven through the same batch beside it.
    /// </summary>
    [Fact]
    public async Task Compare_AWholeBatch_RecordsPerRoundWhatTheKeyHolderDidInThatRound()
    {
        var announcement = Announcement(10, 10, 10, 10);
        await Runs.AnnounceAsync(announcement, default);
        var run = announcement.RunId;
        var keys = node.Bed.Uwv!.Services.GetRequiredService<UwvKeys>();
        var settings = ComparisonSettings.Default;
        var x = Enumerable.Range(0, 10).Select(i => (PaillierCiphertext)SecureComparisonInput.Encrypt(node.Paillier, 2 * i, settings, RandomSource.Secure)).ToList();
        var y = Enumerable.Range(0, 10).Select(i => (PaillierCiphertext)SecureComparisonInput.Encrypt(node.Paillier, 9, settings, RandomSource.Secure)).ToList();
        var viaNode = new ComparisonEvaluator(settings, node.Paillier, node.Dgk, RandomSource.Secure);
        var reference = new ComparisonEvaluator(settings, node.Paillier, node.Dgk, RandomSource.Secure);
        var holder = new ComparisonKeyHolder(settings, keys.Paillier, keys.Dgk, RandomSource.Secure);
        ComparisonMessage? message = viaNode.Start(x, y, ComparisonOutputMode.PlaintextToEvaluator);
        ComparisonMessage? referenceMessage = reference.Start(x, y, ComparisonOutputMode.PlaintextToEvaluator);

        var rounds = 0u;
        while (message is not null)
        {
            rounds++;
            var (decryptions, zeroTests) = (holder.DecryptionsServed, holder.ZeroTestsServed);
            referenceMessage = reference.Receive(holder.Receive(referenceMessage!));
            var reply = await Runs.CompareAsync(Step(run, 0, rounds, message), default);
            var entry = (await EntriesAsync(run))[^1];
            Assert.Equal(Counts(("batch", 0), ("round", rounds), ("decryptions", holder.DecryptionsServed - decryptions), ("zero_tests", holder.ZeroTestsServed - zeroTests)), entry.Counts);
            message = viaNode.Receive(EngineMessage.Parser.ParseFrom(reply.Message).Dgk);
        }

        Assert.Equal(UwvComparisons.Rounds(ComparisonEngineKind.Dgk), rounds);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => 2 * i >= 9), viaNode.Results);
        Assert.Equal((ulong)holder.DecryptionsServed, Runs.Counts(run).Decryptions);
        Assert.Equal((ulong)holder.ZeroTestsServed, Runs.Counts(run).ZeroTests);
        Assert.True(holder.DecryptionsServed > 0 && holder.ZeroTestsServed > 0);
    }

    [Fact]
    public async Task Compare_ARoundWhoseAuditWriteFails_SendsNothing_AndCanBeAskedAgain()
    {
        var announcement = Announcement(10, 10, 10, 10);
        await Runs.AnnounceAsync(announcement, default);
        var run = announcement.RunId;
        var message = Round1(10);
        node.Audit.BeforeNext(AuditKind.DecryptionsServed, () => throw new IOException("audit store unavailable"));

        await Assert.ThrowsAsync<IOException>(() => Runs.CompareAsync(Step(run, 0, 1, message), default));

        Assert.Equal(0UL, Runs.Counts(run).Decryptions);
        Assert.False(Runs.HoldsKeyHolderOf(run));
        var reply = await Runs.CompareAsync(Step(run, 0, 1, message), default);
        Assert.False(reply.Replayed);
        Assert.True(Runs.Counts(run).Decryptions > 0);
    }

    [Fact]
    public async Task Compare_AReplyStoredWhileTheRoundWasBeingRecorded_IsRefused_AndTheKeyHolderForgotten()
    {
        var announcement = Announcement(10, 10, 10, 10);
        await Runs.AnnounceAsync(announcement, default);
        var run = announcement.RunId;
        node.Audit.BeforeNext(AuditKind.DecryptionsServed, () => node.Store.SaveReply(run, ReplyKind.Comparison, 0, 1, new byte[32], [1], null, 0, 0, 0));

        var error = await Assert.ThrowsAsync<ProtocolException>(() => Runs.CompareAsync(Step(run, 0, 1, Round1(10)), default));

        AssertRefusal(error, ProtocolFailure.UnexpectedMessage, "This round was answered already.");
        Assert.False(Runs.HoldsKeyHolderOf(run));
        Assert.Equal(0UL, Runs.Counts(run).Decryptions);
    }

    /// <summary>
    /// No step resumes on the caller's synchronization context: a host that blocks on one (sync over async) must not
    /// deadlock. The audit writes complete later here and the caller's context never runs what is posted to it, so
    /// an await that captured it hangs. Two requests for the same chunk and the same round at once make the second
    /// wait for the first one's gate, and resume after it; a third, after them, is answered from the store.
    /// </summary>
    [Fact]
#pragma warning disable xUnit1031 // Blocking on the tasks is what this test is about: a host that blocks must not deadlock.
    public void EveryStep_CompletesWhileTheCallersContextIsBlocked()
    {
        var announcement = Announcement(2, 2, 2, 2);
        var run = announcement.RunId;
        var refused = Announcement(2, 2, 2, 2);
        refused.Engine = "gc";
        var request = Request([node.Known[0], node.Known[1]]);
        var message = Round1(2);
        node.Audit.Later = true;
        try
        {
            OnABlockedContext(() =>
            {
                AssertCompletes(Runs.AnnounceAsync(announcement, default), "an announcement");
                var refusal = Runs.AnnounceAsync(refused, default);
                Assert.True(((IAsyncResult)refusal).AsyncWaitHandle.WaitOne(s_patience), "a refused announcement resumed on the caller's context");
                Assert.IsType<GovernanceException>(refusal.Exception?.InnerException);

                var unlisted = Runs.EncryptIncomesAsync(Chunk(run, 0, TestMessages.WithAnUnlistedField(request)), default);
                Assert.True(((IAsyncResult)unlisted).AsyncWaitHandle.WaitOne(s_patience), "a chunk refused for its fields resumed on the caller's context");
                Assert.Equal(GovernanceRefusal.FieldNotAllowed, Assert.IsType<GovernanceException>(unlisted.Exception?.InnerException).Refusal);

                var income = Runs.EncryptIncomesAsync(Chunk(run, 0, request), default);
                var incomeAgain = Runs.EncryptIncomesAsync(Chunk(run, 0, request), default);
                AssertCompletes(income, "an income chunk");
                AssertCompletes(incomeAgain, "the same income chunk at once");
                Assert.True(incomeAgain.Result.Replayed);
                AssertCompletes(Runs.EncryptIncomesAsync(Chunk(run, 0, request), default), "the same income chunk after");

                var round = Runs.CompareAsync(Step(run, 0, 1, message), default);
                var roundAgain = Runs.CompareAsync(Step(run, 0, 1, message), default);
                AssertCompletes(round, "a comparison round");
                AssertCompletes(roundAgain, "the same round at once");
                Assert.True(roundAgain.Result.Replayed);
                AssertCompletes(Runs.CompareAsync(Step(run, 0, 1, message), default), "the same round after");

                AssertCompletes(Runs.FinishRunAsync(new RunRef { RunId = run }, default), "finishing the run");
            });
        }
        finally
        {
            node.Audit.Later = false;
        }

        Assert.Equal(4UL, Runs.Counts(run).RepliesReplayed);
    }

    private static void AssertCompletes(Task task, string what) => Assert.True(task.Wait(s_patience), $"{what} resumed on the caller's context");
#pragma warning restore xUnit1031

    private static void OnABlockedContext(Action action)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new NeverRunningContext());
        try
        {
            action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private static void AssertRefusal(ProtocolException error, ProtocolFailure failure, string reason)
    {
        Assert.Equal(failure, error.Failure);
        Assert.Equal(reason, error.Message);
    }

    private static ImmutableSortedDictionary<string, long> Counts(params (string Name, long Value)[] counts) => counts.ToImmutableSortedDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);

    private async Task<List<AuditEntry>> EntriesAsync(string run) => await node.Audit.ReadAllAsync().Where(e => e.RunId == run).ToListAsync();

    private async Task<int> AuditCountAsync() => await node.Audit.ReadAllAsync().CountAsync();

    private RunAnnouncement Announcement(uint persons, uint comparisons, uint chunkSize, uint batchSize)
        => TestMessages.Announcement(node.Paillier, node.Dgk, node.Bed.DefinitionHash, "dgk", persons, comparisons, chunkSize, batchSize);

    private static IncomeRequest Request(List<string> bsns) => SvbComparisonInputs.CreateRequest([.. bsns.Order(StringComparer.Ordinal)], RandomSource.Secure);

    private static IncomeChunk Chunk(string run, uint chunk, IncomeRequest request) => new() { RunId = run, Chunk = chunk, Request = request.ToByteString() };

    /// <summary>A real first message of the DGK comparison for <paramref name="count"/> items, under UWV's keys.</summary>
    private ComparisonMessage Round1(int count)
    {
        var settings = ComparisonSettings.Default;
        var inputs = Enumerable.Range(0, count).Select(i => (PaillierCiphertext)SecureComparisonInput.Encrypt(node.Paillier, i, settings, RandomSource.Secure)).ToList();
        return new ComparisonEvaluator(settings, node.Paillier, node.Dgk, RandomSource.Secure).Start(inputs, inputs, ComparisonOutputMode.PlaintextToEvaluator);
    }

    private static ComparisonStep Step(string run, uint batch, uint round, ComparisonMessage message) => new()
    {
        RunId = run,
        Batch = batch,
        Round = round,
        Message = NodeSteps.Bind(new EngineMessage { Engine = ComparisonEngineId.ComparisonEngineDgk, Dgk = message }, run, batch, round).ToByteString(),
    };
}
