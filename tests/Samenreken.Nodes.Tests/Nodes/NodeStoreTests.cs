using Samenreken.Storage;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>The node stores' contracts, the same suite on SQLite and on PostgreSQL (never skipped: CI starts the server).</summary>
public sealed class NodeStoreTests : IDisposable
{
    private const string Run = "0123456789abcdef0123456789abcdef";

    private readonly string _directory = Directory.CreateTempSubdirectory("samenreken-stores-").FullName;

    public static TheoryData<string> Databases => new() { "sqlite", "postgresql" };

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Uwv_AReplyIsStoredOnce_WithItsCountsAndState_InOneTransaction(string database)
    {
        await using var db = await TestDatabase.CreateAsync(database, _directory);
        var store = UwvStore.Open(db.ConnectionString);
        store.Announce(Run, [1, 2, 3]);

        Assert.True(store.SaveReply(Run, ReplyKind.Comparison, 0, 1, [9], [7, 7], [5], 0, 4, 33));
        Assert.False(store.SaveReply(Run, ReplyKind.Comparison, 0, 1, [8], [6], null, 0, 4, 33));

        Assert.Equal([7, 7], store.FindReply(Run, ReplyKind.Comparison, 0, 1)!.Reply);
        Assert.Equal([9], store.FindReply(Run, ReplyKind.Comparison, 0, 1)!.RequestHash);
        Assert.Equal([5], store.LoadHolderState(Run, 0));
        var counts = store.Counts(Run);
        Assert.Equal((4L, 33L, 1L), (counts.Decryptions, counts.ZeroTests, counts.RepliesStored));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Uwv_TheEngineSessionState_IsKeptApartFromBatchZero(string database)
    {
        await using var db = await TestDatabase.CreateAsync(database, _directory);
        var store = UwvStore.Open(db.ConnectionString);
        store.Announce(Run, [1]);

        Assert.True(store.SaveReply(Run, ReplyKind.EngineSession, 0, 0, [1], [2], [42], 0, 0, 0));
        Assert.True(store.SaveReply(Run, ReplyKind.Comparison, 0, 1, [3], [4], null, 0, 1, 0));

        Assert.Equal([42], store.LoadHolderState(Run, UwvStore.EngineSessionBatch));
        Assert.Null(store.LoadHolderState(Run, 0));
        Assert.NotNull(store.FindReply(Run, ReplyKind.EngineSession, 0, 0));
        Assert.Null(store.FindReply(Run, ReplyKind.Comparison, 0, 0));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Uwv_AnAnnouncementIsKept_TheFirstOneWins_AndReopeningMigratesNothingTwice(string database)
    {
        await using var db = await TestDatabase.CreateAsync(database, _directory);
        var store = UwvStore.Open(db.ConnectionString);

        Assert.Equal([1, 2], store.Announce(Run, [1, 2]));
        Assert.Equal([1, 2], store.Announce(Run, [3]));
        store.Complete(Run);

        var reopened = UwvStore.Open(db.ConnectionString);
        Assert.True(reopened.IsCompleted(Run));
        Assert.Equal([1, 2], reopened.FindAnnouncement(Run));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Svb_OfTwoUnfinishedRunsStartedInOneSecond_TheNewerIsTheOneToResume(string database)
    {
        await using var db = await TestDatabase.CreateAsync(database, _directory);
        var store = SvbStore.Open(db.ConnectionString);
        var second = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
        store.CreateRun("b-older", [1], second.AddMilliseconds(10));
        store.CreateRun("a-newer", [1], second.AddMilliseconds(20)); // sorts first by name: only the time tells them apart

        Assert.Equal("a-newer", store.FindUnfinishedRun());
        Assert.Equal(second.AddMilliseconds(10), store.CreatedAt("b-older"));
        Assert.Equal(["a-newer", "b-older"], store.Runs().Select(r => r.RunId));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Svb_BatchStepsAndResults_AndTheSessionPseudoBatch_RoundTrip(string database)
    {
        await using var db = await TestDatabase.CreateAsync(database, _directory);
        var store = SvbStore.Open(db.ConnectionString);
        store.CreateRun(Run, [1], DateTimeOffset.UnixEpoch);
        Assert.Equal(Run, store.FindUnfinishedRun());

        store.SaveBatchStep(Run, -1, new BatchStep(1, [9], []));
        store.SaveBatchStep(Run, 0, new BatchStep(1, [1], [2]));
        store.SaveBatchStep(Run, 0, new BatchStep(2, [3], [4]));
        var step = store.LoadBatchStep(Run, 0)!;
        Assert.Equal((2, "03", "04"), (step.Round, Convert.ToHexString(step.SealedState), Convert.ToHexString(step.Message)));
        Assert.Equal(new byte[] { 9 }, store.LoadBatchStep(Run, -1)!.SealedState);

        store.CompleteBatch(Run, 0, [0b101]);
        Assert.Null(store.LoadBatchStep(Run, 0));
        Assert.Equal([0b101], store.LoadBatchResult(Run, 0));
        Assert.Null(store.LoadBatchResult(Run, 1));

        store.SaveParts(Run, 0, ["a", "b"], [[1], [2]]);
        var parts = store.LoadParts(Run, ["b"]);
        Assert.Equal([2], parts["b"]);
        Assert.Single(parts);

        store.AddBytes(Run, 10, 20);
        store.AddBytes(Run, 1, 2);
        Assert.Equal((11L, 22L), store.Bytes(Run));
        store.Complete(Run);
        Assert.Null(store.FindUnfinishedRun());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Uwv_DestroyingARunsProtocolState_LeavesItsAnnouncementAndCounts_AndOtherRuns(string database)
    {
        const string other = "fedcba9876543210fedcba9876543210";
        await using var db = await TestDatabase.CreateAsync(database, _directory);
        var store = UwvStore.Open(db.ConnectionString);
        foreach (var run in new[] { Run, other })
        {
            store.Announce(run, [1]);
            Assert.True(store.SaveReply(run, ReplyKind.Income, 0, 0, [1], [2], null, 3, 0, 0));
            Assert.True(store.SaveReply(run, ReplyKind.EngineSession, 0, 0, [1], [2], [42], 0, 0, 0));
            Assert.True(store.SaveReply(run, ReplyKind.Comparison, 0, 1, [3], [4], [5], 0, 6, 0));
        }

        Assert.Equal(5, store.ProtocolStateRows(Run));
        Assert.Equal(5, store.DestroyProtocolState(Run));

        Assert.Equal(0, store.ProtocolStateRows(Run));
        Assert.Null(store.FindReply(Run, ReplyKind.Income, 0, 0));
        Assert.Null(store.LoadHolderState(Run, UwvStore.EngineSessionBatch));
        Assert.Equal([1], store.FindAnnouncement(Run));
        var counts = store.Counts(Run);
        Assert.Equal((3L, 6L, 3L), (counts.PersonsServed, counts.Decryptions, counts.RepliesStored));
        Assert.Equal(3L, Assert.Single(store.Runs(), r => r.RunId == Run).Counts.RepliesStored);
        Assert.Equal(5, store.ProtocolStateRows(other));
        Assert.Equal(0, store.DestroyProtocolState(Run));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Svb_DestroyingARunsProtocolState_KeepsItsPlanDoneMarksAndResults(string database)
    {
        await using var db = await TestDatabase.CreateAsync(database, _directory);
        var store = SvbStore.Open(db.ConnectionString);
        store.CreateRun(Run, [1], DateTimeOffset.UnixEpoch);
        store.SaveChunkRequest(Run, 0, [7, 7, 7]);
        store.SaveParts(Run, 0, ["a", "b"], [[1], [2]]);
        store.SaveBatchStep(Run, -1, new BatchStep(1, [9], []));
        store.SaveBatchStep(Run, 0, new BatchStep(1, [1], [2]));
        store.CompleteBatch(Run, 0, [0b101]);
        store.SaveBatchStep(Run, 1, new BatchStep(2, [3], [4]));

        Assert.Equal(5, store.ProtocolStateRows(Run));
        store.DestroyProtocolState(Run);

        Assert.Equal(0, store.ProtocolStateRows(Run));
        Assert.Empty(store.FindChunk(Run, 0)!.Value.Request);
        Assert.True(store.FindChunk(Run, 0)!.Value.Done);
        Assert.Throws<InvalidOperationException>(() => store.LoadParts(Run, ["a"]));
        Assert.Null(store.LoadBatchStep(Run, -1));
        Assert.Null(store.LoadBatchStep(Run, 1));
        Assert.Equal([0b101], store.LoadBatchResult(Run, 0));
        Assert.Equal([1], store.LoadPlan(Run));
        var row = Assert.Single(store.Runs());
        Assert.Equal((1, 1), (row.ChunksDone, row.BatchesDone));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
