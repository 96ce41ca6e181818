using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Governance;
using Samenreken.Governance.Audit;
using Samenreken.Governance.Definition;
using Samenreken.Nodes.Safeguards;
using Samenreken.Nodes.Svb;
using Samenreken.Nodes.Wire;
using Samenreken.Protocols.FileComparison;
using Samenreken.Protocols.FileComparison.Wire;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Storage;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>
/// The safeguards in the real nodes (loopback, mutual TLS, their own databases): the project definition enforced by
/// both (its hash in the announcement, its horizon judged on a fake clock on both sides of the date, the fields SVB
/// may send), every refusal audited, and each node's hash-chained audit log with the checkpoints they exchange.
/// </summary>
public sealed class NodeSafeguardTests
{
    /// <summary>aio-pilot-2022 lapsed at 2025-09-21T00:00+02:00.</summary>
    private static readonly DateTimeOffset s_pilotHorizon = new(2025, 9, 20, 22, 0, 0, TimeSpan.Zero);

    private static readonly string s_pilotProject = NodeTestbed.RepositoryFile("projects", "aio-pilot-2022.yaml");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Run_BothAuditTrailsVerify_WithTheCheckpointsEachHoldsOfTheOther(string engine)
    {
        await using var bed = NodeTestbed.Create(persons: 300);
        await using var uwvDb = await TestDatabase.CreateAsync(engine, bed.Directory);
        await using var svbDb = await TestDatabase.CreateAsync(engine, bed.Directory);
        await bed.StartUwvAsync(uwvDb.ConnectionString);

        var result = await bed.Svb(svbDb.ConnectionString).RunAsync(CancellationToken.None);

        var uwv = await ReadAsync(uwvDb, "uwv");
        var svb = await ReadAsync(svbDb, "svb");
        foreach (var (node, database, peer, peerDatabase) in new[] { ("uwv", uwvDb, "svb", svbDb), ("svb", svbDb, "uwv", uwvDb) })
        {
            var verdict = await NodeAuditVerification.VerifyAsync(
                database.ConnectionString, node, AuditKeyFiles.ReadPublicKey(AuditKeyFiles.PublicKeyPath(bed.AuditKeyFile(node))), peerDatabase.ConnectionString, peer);
            Assert.True(verdict.IsValid, verdict.Message);
            Assert.True(verdict.CheckpointsChecked >= 4, $"{node}: {verdict.CheckpointsChecked} checkpoints (own and the peer's copies of two milestones)");
        }

        // Both record the definition; each BSN batch by the same salted hash on both sides (never a BSN).
        var definition = bed.DefinitionHash;
        Assert.Equal(definition, Assert.Single(uwv, e => e.Kind == AuditKind.RunAnnounced).Hashes[NodeSafeguards.DefinitionHashName]);
        Assert.Equal(definition, Assert.Single(svb, e => e.Kind == AuditKind.RunStarted).Hashes[NodeSafeguards.DefinitionHashName]);
        var sent = svb.Where(e => e.Kind == AuditKind.BsnBatchSent).Select(e => e.Hashes["bsn_batch"]).Order().ToList();
        var served = uwv.Where(e => e.Kind == AuditKind.CiphertextsServed).Select(e => e.Hashes["bsn_batch"]).Order().ToList();
        Assert.NotEmpty(sent);
        Assert.Equal(sent, served);
        Assert.Equal((long)result.Persons, uwv.Where(e => e.Kind == AuditKind.CiphertextsServed).Sum(e => e.Counts["persons"]));
        Assert.Equal((long)result.Uwv.Decryptions, uwv.Where(e => e.Kind == AuditKind.DecryptionsServed).Sum(e => e.Counts["decryptions"]));
        Assert.Equal((long)result.Uwv.ZeroTests, uwv.Where(e => e.Kind == AuditKind.DecryptionsServed).Sum(e => e.Counts["zero_tests"]));
        Assert.Single(uwv, e => e.Kind == AuditKind.RunFinished);
        Assert.Single(svb, e => e.Kind == AuditKind.RunFinished);

        // The destruction of each node's protocol state after the run is recorded, before the final checkpoints.
        foreach (var trail in new[] { uwv, svb })
        {
            var destroyed = Assert.Single(trail, e => e.Kind == AuditKind.RetentionAction);
            Assert.True(destroyed.Counts["rows_before"] > 0);
            Assert.True(destroyed.Sequence > trail.Single(e => e.Kind == AuditKind.RunFinished).Sequence);
            Assert.Contains(trail, e => e.Kind == AuditKind.PeerCheckpointStored && e.Sequence > destroyed.Sequence);
        }

        var bsns = SvbPopulation.Load(bed.SvbFile).PersonIds;
        var text = string.Join('\n', uwv.Concat(svb).Select(e => e.Serialize()));
        Assert.DoesNotContain(bsns, text.Contains);
    }

    [Fact]
    public async Task Horizon_OnAFakeClock_UwvServesBeforeItAndRefusesFromIt_AndRecordsTheRefusal()
    {
        var clock = new FakeTimeProvider(s_pilotHorizon.AddSeconds(-1));
        await using var bed = NodeTestbed.Create(persons: 100);
        bed.ProjectFile = s_pilotProject;
        bed.Clock = clock;
        var database = Path.Combine(bed.Directory, "uwv.db");
        await bed.StartUwvAsync(database);
        var client = bed.Client();

        await client.AnnounceAsync(await AnnouncementAsync(client, bed.DefinitionHash, engine: "dgk"));

        clock.SetUtcNow(s_pilotHorizon);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await client.AnnounceAsync(await AnnouncementAsync(client, bed.DefinitionHash, engine: "dgk")));
        AssertRefused(refused, GovernanceRefusal.HorizonPassed);
        var entries = await ReadAsync(database, "uwv");
        Assert.Equal([AuditKind.RunAnnounced, AuditKind.RunRefused], entries.Select(e => e.Kind));
        Assert.Equal("refused: HorizonPassed", entries[1].Detail);
    }

    [Fact]
    public async Task Horizon_OnAFakeClock_SvbRunsBeforeItAndRefusesToStartFromIt_AndTheShippedPilotIsRefusedToday()
    {
        var clock = new FakeTimeProvider(s_pilotHorizon.AddMinutes(-5));
        await using var bed = NodeTestbed.Create(persons: 150);
        bed.ProjectFile = s_pilotProject;
        bed.Clock = clock;
        await bed.StartUwvAsync(Path.Combine(bed.Directory, "uwv.db"));

        var before = await bed.Svb(Path.Combine(bed.Directory, "svb-before.db"), output: Path.Combine(bed.Directory, "out-before")).RunAsync(CancellationToken.None);
        Assert.Equal(bed.ReferenceRows().Order(StringComparer.Ordinal), before.Selection.Order(StringComparer.Ordinal));

        clock.SetUtcNow(s_pilotHorizon);
        var after = Path.Combine(bed.Directory, "svb-after.db");
        var refusal = await Assert.ThrowsAsync<GovernanceException>(() => bed.Svb(after).RunAsync(CancellationToken.None));
        Assert.Equal(GovernanceRefusal.HorizonPassed, refusal.Refusal);
        Assert.Contains("aio-pilot-2022", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(AuditKind.RunRefused, Assert.Single(await ReadAsync(after, "svb")).Kind);

        bed.Clock = TimeProvider.System;
        var today = await Assert.ThrowsAsync<GovernanceException>(() => bed.Svb(Path.Combine(bed.Directory, "svb-today.db")).RunAsync(CancellationToken.None));
        Assert.Equal(GovernanceRefusal.HorizonPassed, today.Refusal);
    }

    [Fact]
    public async Task AnotherDefinition_IsRefusedByUwv_AndAMissingOneBySvb_BothAudited()
    {
        await using var bed = NodeTestbed.Create(persons: 100);
        var database = Path.Combine(bed.Directory, "uwv.db");
        await bed.StartUwvAsync(database);
        var client = bed.Client();

        var other = ProjectDefinition.Parse(File.ReadAllText(s_pilotProject)).Hash.Hex;
        AssertRefused(await Assert.ThrowsAsync<RpcException>(async () => await client.AnnounceAsync(await AnnouncementAsync(client, other))), GovernanceRefusal.DefinitionMismatch);
        AssertRefused(await Assert.ThrowsAsync<RpcException>(async () => await client.AnnounceAsync(await AnnouncementAsync(client, string.Empty))), GovernanceRefusal.DefinitionMismatch);
        var otherEngine = await AnnouncementAsync(client, bed.DefinitionHash);
        otherEngine.Engine = "dgk"; // the right definition, but not the engine it names
        AssertRefused(await Assert.ThrowsAsync<RpcException>(async () => await client.AnnounceAsync(otherEngine)), GovernanceRefusal.DefinitionMismatch);
        await client.AnnounceAsync(await AnnouncementAsync(client, bed.DefinitionHash));
        Assert.Equal([AuditKind.RunRefused, AuditKind.RunRefused, AuditKind.RunRefused, AuditKind.RunAnnounced], (await ReadAsync(database, "uwv")).Select(e => e.Kind));

        // An SVB node whose definition differs in one word: UWV refuses its announcement, nothing is served.
        bed.ProjectFile = Edited(bed, "title: FICTIEF", "title: GEWIJZIGD FICTIEF");
        var error = await Assert.ThrowsAsync<RpcException>(() => bed.Svb(Path.Combine(bed.Directory, "svb-other.db")).RunAsync(CancellationToken.None));
        AssertRefused(error, GovernanceRefusal.DefinitionMismatch);

        bed.ProjectFile = Path.Combine(bed.Directory, "no-such-project.yaml");
        var svbDatabase = Path.Combine(bed.Directory, "svb-none.db");
        var missing = await Assert.ThrowsAsync<GovernanceException>(() => bed.Svb(svbDatabase).RunAsync(CancellationToken.None));
        Assert.Equal(GovernanceRefusal.InvalidDefinition, missing.Refusal);
        Assert.Equal("refused: InvalidDefinition", Assert.Single(await ReadAsync(svbDatabase, "svb")).Detail);
    }

    [Fact]
    public async Task AFieldTheDefinitionDoesNotList_IsRefusedBySvbBeforeItStartsAndByUwvOnReceipt()
    {
        await using var bed = NodeTestbed.Create(persons: 300);
        var population = SvbPopulation.Load(bed.SvbFile);
        Assert.Contains(population.PersonIds, population.IsBelowAowAge);
        var withoutAowAge = EditedAfter(bed, "field: aow_age_indication", "shared_with: [uwv]", "shared_with: []");

        // SVB: its population has younger partners, so its requests would carry the AOW-age indication.
        bed.ProjectFile = withoutAowAge;
        var svbDatabase = Path.Combine(bed.Directory, "svb.db");
        var refusal = await Assert.ThrowsAsync<GovernanceException>(() => bed.Svb(svbDatabase).RunAsync(CancellationToken.None));
        Assert.Equal(GovernanceRefusal.FieldNotAllowed, refusal.Refusal);
        Assert.Contains("aow_age_indication", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(AuditKind.RunRefused, Assert.Single(await ReadAsync(svbDatabase, "svb")).Kind);

        // UWV under the same definition: a chunk with the indication is refused, its twin without it is served.
        var database = Path.Combine(bed.Directory, "uwv.db");
        await bed.StartUwvAsync(database);
        var client = bed.Client();
        var announcement = await AnnouncementAsync(client, bed.DefinitionHash, persons: 2);
        await client.AnnounceAsync(announcement);
        var ids = population.PersonIds.Order(StringComparer.Ordinal).Take(2).ToList();
        var flagged = SvbComparisonInputs.CreateRequest(ids, RandomSource.Secure, [true, false]);
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => IncomeAsync(client, announcement.RunId, flagged)), GovernanceRefusal.FieldNotAllowed);
        Assert.Null(await ReadReplyAsync(bed, announcement.RunId));
        await IncomeAsync(client, announcement.RunId, SvbComparisonInputs.CreateRequest(ids, RandomSource.Secure));
        var kinds = (await ReadAsync(database, "uwv")).Select(e => e.Kind);
        Assert.Equal([AuditKind.RunAnnounced, AuditKind.RunRefused, AuditKind.CiphertextsServed], kinds);
    }

    [Fact]
    public async Task AFieldTheContractDoesNotKnow_IsRefusedByUwv()
    {
        await using var bed = NodeTestbed.Create(persons: 100);
        await bed.StartUwvAsync(Path.Combine(bed.Directory, "uwv.db"));
        var client = bed.Client();
        var announcement = await AnnouncementAsync(client, bed.DefinitionHash, persons: 2);
        await client.AnnounceAsync(announcement);
        var ids = SvbPopulation.Load(bed.SvbFile).PersonIds.Order(StringComparer.Ordinal).Take(2).ToList();

        var request = SvbComparisonInputs.CreateRequest(ids, RandomSource.Secure);
        var unlisted = TestMessages.WithAnUnlistedField(request);
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.EncryptIncomesAsync(new IncomeChunk { RunId = announcement.RunId, Request = unlisted.ToByteString() }).ResponseAsync);
        AssertRefused(refused, GovernanceRefusal.FieldNotAllowed);
        Assert.Contains("unlisted wire fields", refused.Status.Detail, StringComparison.Ordinal);

        await IncomeAsync(client, announcement.RunId, request);
    }

    [Fact]
    public async Task NodeStart_DestroysTheProtocolStateOfFinishedRuns_KeepsAnUnfinishedRunsForItsResume_Audited()
    {
        const string finished = "0123456789abcdef0123456789abcdef";
        const string unfinished = "fedcba9876543210fedcba9876543210";
        await using var bed = NodeTestbed.Create(persons: 100);
        var database = Path.Combine(bed.Directory, "uwv.db");
        var before = UwvStore.Open(database);
        foreach (var run in new[] { finished, unfinished })
        {
            before.Announce(run, [1]);
            Assert.True(before.SaveReply(run, ReplyKind.Comparison, 0, 1, [3], [4], [5], 0, 6, 0));
        }

        before.Complete(finished);

        await bed.StartUwvAsync(database);

        var store = bed.Uwv!.Services.GetRequiredService<UwvStore>();
        Assert.Equal(0, store.ProtocolStateRows(finished));
        Assert.Equal(2, store.ProtocolStateRows(unfinished));
        Assert.Equal(6, store.Counts(finished).Decryptions);
        var destroyed = Assert.Single(await ReadAsync(database, "uwv"), e => e.Kind == AuditKind.RetentionAction);
        Assert.Equal((finished, 2L), (destroyed.RunId, destroyed.Counts["rows_before"]));
    }

    [Fact]
    public async Task AFailedAuditWrite_AbortsTheAnnouncement()
    {
        var store = new InMemoryAuditStore { FailNextAppend = true };
        await using var bed = NodeTestbed.Create(persons: 100);
        await bed.StartUwvAsync(Path.Combine(bed.Directory, "uwv.db"), s => s.AddSingleton<IAuditStore>(store));
        var client = bed.Client();
        var announcement = await AnnouncementAsync(client, bed.DefinitionHash);

        await Assert.ThrowsAsync<RpcException>(async () => await client.AnnounceAsync(announcement));
        var uwvStore = bed.Uwv!.Services.GetRequiredService<UwvStore>();
        Assert.Null(uwvStore.FindAnnouncement(announcement.RunId));
        Assert.Empty(store.Entries);

        await client.AnnounceAsync(announcement);
        Assert.NotNull(uwvStore.FindAnnouncement(announcement.RunId));
        Assert.Equal(AuditKind.RunAnnounced, Assert.Single(store.Entries).Kind);
    }

    [Fact]
    public async Task ACheckpointNotSignedByThePeersAuditKey_IsRefused()
    {
        await using var bed = NodeTestbed.Create(persons: 100);
        var database = Path.Combine(bed.Directory, "uwv.db");
        await bed.StartUwvAsync(database);
        var client = bed.Client();
        using var stranger = AuditSigningKey.Generate();
        var log = new AuditLog(new InMemoryAuditStore(), "svb", TimeProvider.System);
        await log.AppendAsync(AuditRecord.Create(AuditKind.RunStarted, "svb"));
        static ChainCheckpoint Message(AuditCheckpoint c) => new()
        {
            NodeId = c.NodeId, Sequence = (ulong)c.Sequence, HeadHash = ByteString.CopyFrom(c.HeadHash.AsSpan()),
            TimeUnixMs = c.Time.ToUnixTimeMilliseconds(), Signature = ByteString.CopyFrom(c.Signature.AsSpan()),
        };

        var forged = Message(await log.CheckpointAsync(stranger, null));
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.ExchangeCheckpointAsync(forged).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Empty(await DatabaseAuditStore.Open(database, "uwv").ReadCheckpointsAsync("svb"));

        // The twin: signed with SVB's configured audit key, it is kept and answered with UWV's own checkpoint.
        using var svbKey = AuditKeyFiles.LoadOrCreate(bed.AuditKeyFile("svb"));
        var reply = await client.ExchangeCheckpointAsync(Message(await log.CheckpointAsync(svbKey, null)));
        Assert.Equal("uwv", reply.NodeId);
        Assert.Single(await DatabaseAuditStore.Open(database, "uwv").ReadCheckpointsAsync("svb"));
    }

    private static void AssertRefused(RpcException error, GovernanceRefusal refusal)
    {
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(refusal.ToString(), error.Trailers.GetValue(ProtocolErrorInterceptor.RefusalTrailer));
    }

    private static async Task<RunAnnouncement> AnnouncementAsync(UwvNode.UwvNodeClient client, string definitionHash, uint persons = 10, string engine = "gc")
    {
        var keys = await client.GetPublicKeysAsync(new PublicKeysRequest());
        return new RunAnnouncement
        {
            RunId = SvbRunDriver.NewRunId(),
            Persons = persons,
            Comparisons = persons,
            ChunkSize = persons,
            BatchSize = persons,
            PaillierKeyId = ByteString.CopyFrom(KeyFingerprint.Of(PaillierPublicKey.Import(keys.Paillier.Span, KeySizePolicy.InsecureForTests))),
            DgkKeyId = ByteString.CopyFrom(KeyFingerprint.Of(DgkPublicKey.Import(keys.Dgk.Span, KeySizePolicy.InsecureForTests))),
            ProjectDefinitionHash = definitionHash,
            Engine = engine, // the demo project's is gc
        };
    }

    private static Task<Payload> IncomeAsync(UwvNode.UwvNodeClient client, string runId, IncomeRequest request)
        => client.EncryptIncomesAsync(new IncomeChunk { RunId = runId, Chunk = 0, Request = request.ToByteString() }).ResponseAsync;

    private static Task<StoredReply?> ReadReplyAsync(NodeTestbed bed, string runId)
        => Task.FromResult(bed.Uwv!.Services.GetRequiredService<UwvStore>().FindReply(runId, ReplyKind.Income, 0, 0));

    private static Task<List<AuditEntry>> ReadAsync(TestDatabase database, string node) => ReadAsync(database.ConnectionString, node);

    private static async Task<List<AuditEntry>> ReadAsync(string database, string node) => await DatabaseAuditStore.Open(database, node).ReadAllAsync().ToListAsync();

    /// <summary>A copy of the testbed's definition with one text replaced (the replacement must apply).</summary>
    private static string Edited(NodeTestbed bed, string from, string to) => EditedAfter(bed, string.Empty, from, to);

    private static string EditedAfter(NodeTestbed bed, string anchor, string from, string to)
    {
        var text = File.ReadAllText(bed.ProjectFile);
        var at = text.IndexOf(from, text.IndexOf(anchor, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not found after '{anchor}'");
        var path = Path.Combine(bed.Directory, $"project-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length)));
        Assert.True(ProjectDefinition.TryParse(File.ReadAllText(path), out _, out var errors), string.Join("; ", errors));
        return path;
    }
}
