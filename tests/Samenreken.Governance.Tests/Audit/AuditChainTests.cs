using Samenreken.Domain;
using Samenreken.Governance.Audit;

namespace Samenreken.Governance.Tests.Audit;

/// <summary>Two nodes, each with a chain; SVB sends UWV signed checkpoints. Every kind of tampering is tried.</summary>
public sealed class AuditChainTests : IDisposable
{
    private readonly AuditBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private async Task WriteRunAsync(int entries)
    {
        for (var i = 0; i < entries; i++)
        {
            _bed.Clock.Advance(TimeSpan.FromSeconds(1.2345));
            await _bed.Svb.AppendAsync(AuditRecord.Create(i == 0 ? AuditKind.RunStarted : AuditKind.DecryptionsServed, "svb", "run-1", "batch",
                counts: [new("ciphertexts", 100 + i)], hashes: [new("bsn_batch", new string('a', 63) + (i % 10))]));
        }
    }

    private async Task CheckpointToUwvAsync()
    {
        var checkpoint = await _bed.Svb.CheckpointAsync(_bed.SvbKey, "run-1");
        await _bed.Uwv.AcceptPeerCheckpointAsync(checkpoint, _bed.SvbKey.VerificationKey);
    }

    private async Task<AuditVerificationResult> VerifySvbAsync(bool withPeerCheckpoints = true) =>
        await AuditVerifier.VerifyAsync(_bed.SvbStore.ReadAllAsync(), "svb", _bed.SvbKey.VerificationKey,
            withPeerCheckpoints ? await _bed.UwvStore.ReadCheckpointsAsync("svb") : []);

    private static void AssertBroken(AuditVerificationResult result, AuditProblem problem, long first)
    {
        Assert.False(result.IsValid);
        Assert.Equal(problem, result.Problem);
        Assert.Equal(first, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task UntouchedChain_WithPeerCheckpoints_Verifies()
    {
        await WriteRunAsync(4);
        await CheckpointToUwvAsync();
        await WriteRunAsync(3);
        await CheckpointToUwvAsync();

        var result = await VerifySvbAsync();

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(7, result.EntriesChecked);
        Assert.Equal(2, result.CheckpointsChecked);

        // UWV recorded each receipt in its own chain, which verifies too.
        Assert.Equal(2, _bed.UwvStore.Entries.Count(e => e.Kind == AuditKind.PeerCheckpointStored));
        Assert.True((await AuditVerifier.VerifyAsync(_bed.UwvStore.ReadAllAsync(), "uwv", _bed.UwvKey.VerificationKey, [])).IsValid);
    }

    [Fact]
    public async Task EditedEntry_IsNamed()
    {
        await WriteRunAsync(6);
        _bed.SvbStore.Entries[2] = _bed.SvbStore.Entries[2] with { Counts = _bed.SvbStore.Entries[2].Counts.SetItem("ciphertexts", 1) };

        AssertBroken(await VerifySvbAsync(), AuditProblem.EntryEdited, 2);
    }

    [Fact]
    public async Task EditedAndRehashedEntry_BreaksTheNextLink()
    {
        await WriteRunAsync(6);
        var edited = _bed.SvbStore.Entries[2] with { Detail = "nothing to see" };
        _bed.SvbStore.Entries[2] = edited with { Hash = edited.ComputeHash() };

        AssertBroken(await VerifySvbAsync(), AuditProblem.BrokenLink, 3);
    }

    [Fact]
    public async Task DeletedEntry_IsNamed()
    {
        await WriteRunAsync(6);
        _bed.SvbStore.Entries.RemoveAt(2);

        AssertBroken(await VerifySvbAsync(), AuditProblem.MissingEntry, 2);
    }

    [Fact]
    public async Task ReorderedEntries_AreCaught()
    {
        await WriteRunAsync(6);
        (_bed.SvbStore.Entries[2], _bed.SvbStore.Entries[3]) = (_bed.SvbStore.Entries[3], _bed.SvbStore.Entries[2]);

        AssertBroken(await VerifySvbAsync(), AuditProblem.MissingEntry, 2);
    }

    [Fact]
    public async Task InsertedEntry_IsCaught()
    {
        await WriteRunAsync(6);
        var forged = _bed.SvbStore.Entries[3] with { Detail = "forged", PreviousHash = _bed.SvbStore.Entries[2].Hash };
        _bed.SvbStore.Entries.Insert(3, forged with { Hash = forged.ComputeHash() });

        AssertBroken(await VerifySvbAsync(), AuditProblem.OutOfOrder, 3);
    }

    [Fact]
    public async Task Truncation_IsCaughtOnlyByACheckpointMadeBeforeIt()
    {
        await WriteRunAsync(6);
        await CheckpointToUwvAsync();
        _bed.SvbStore.Entries.RemoveRange(4, 2);

        // The chain alone cannot tell: what remains is a valid shorter chain (the broken twin of the next assertion).
        Assert.True((await VerifySvbAsync(withPeerCheckpoints: false)).IsValid);
        AssertBroken(await VerifySvbAsync(), AuditProblem.Truncated, 4);
    }

    [Fact]
    public async Task RewrittenButConsistentChain_IsCaughtByThePeersCheckpoint()
    {
        await WriteRunAsync(3);
        await CheckpointToUwvAsync();
        await WriteRunAsync(4);
        await CheckpointToUwvAsync();

        // SVB rewrites entry 4 and everything after it, and deletes its own copies of the checkpoints.
        var entries = _bed.SvbStore.Entries.ToList();
        entries[4] = entries[4] with { Counts = entries[4].Counts.SetItem("ciphertexts", 0) };
        _bed.SvbStore.Entries.Clear();
        _bed.SvbStore.Entries.AddRange(AuditBed.Rechain(entries));
        _bed.SvbStore.Checkpoints.Clear();

        Assert.True((await VerifySvbAsync(withPeerCheckpoints: false)).IsValid);
        var result = await VerifySvbAsync();
        AssertBroken(result, AuditProblem.CheckpointMismatch, 3);
        Assert.Contains("between entries 3 and 6", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedCheckpoints_AreRefused()
    {
        await WriteRunAsync(3);
        var genuine = await _bed.Svb.CheckpointAsync(_bed.SvbKey, "run-1");
        var altered = genuine with { Sequence = genuine.Sequence + 5 };

        Assert.False(altered.HasValidSignature(_bed.SvbKey.VerificationKey));
        Assert.False(genuine.HasValidSignature(_bed.UwvKey.VerificationKey));
        var refused = await Assert.ThrowsAsync<ArgumentException>(async () => await _bed.Uwv.AcceptPeerCheckpointAsync(altered, _bed.SvbKey.VerificationKey));
        Assert.Equal("checkpoint", refused.ParamName);
        var result = await AuditVerifier.VerifyAsync(_bed.SvbStore.ReadAllAsync(), "svb", _bed.SvbKey.VerificationKey, [altered]);
        Assert.Equal(AuditProblem.BadCheckpointSignature, result.Problem);
        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task PeerCheckpointContradictingAnEarlierOne_IsRefused()
    {
        await WriteRunAsync(3);
        await CheckpointToUwvAsync();
        var entries = AuditBed.Rechain(_bed.SvbStore.Entries.Select(e => e with { Detail = "rewritten" }));
        _bed.SvbStore.Entries.Clear();
        _bed.SvbStore.Entries.AddRange(entries);

        var second = await _bed.Svb.CheckpointAsync(_bed.SvbKey, "run-1");
        await Assert.ThrowsAsync<ArgumentException>(async () => await _bed.Uwv.AcceptPeerCheckpointAsync(second, _bed.SvbKey.VerificationKey));
    }

    [Fact]
    public async Task FailedAuditWrite_Throws_AndLeavesTheChainUnchanged()
    {
        await WriteRunAsync(2);
        _bed.SvbStore.FailNextAppend = true;

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _bed.Svb.AppendAsync(AuditRecord.Create(AuditKind.PilotStoreExport, "operator", "run-1", "export")));
        Assert.Equal(2, _bed.SvbStore.Entries.Count);
        Assert.True((await VerifySvbAsync()).IsValid);
    }

    [Fact]
    public async Task StoredForm_RoundTrips_AndRejectsGarbage()
    {
        await WriteRunAsync(2);
        foreach (var entry in _bed.SvbStore.Entries)
        {
            Assert.True(AuditEntry.TryDeserialize(entry.Serialize(), out var back));
            Assert.Equal(entry.Serialize(), back!.Serialize());
            Assert.Equal(Convert.ToHexString(entry.Hash.AsSpan()), Convert.ToHexString(back.Hash.AsSpan()));
            Assert.Equal(Convert.ToHexString(entry.Hash.AsSpan()), Convert.ToHexString(back.ComputeHash().AsSpan()));
            Assert.Equal(entry.Time, back.Time);
        }

        Assert.False(AuditEntry.TryDeserialize("{\"sequence\":\"x\"}", out _));
        Assert.False(AuditEntry.TryDeserialize("not json", out _));
    }

    [Theory]
    [InlineData("operator", "person 999995571 exported", "detail")]
    [InlineData("999995571", null, "actor")]
    public void AuditRecord_RefusesWhatCouldBeABsn(string actor, string? detail, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => AuditRecord.Create(AuditKind.PilotStoreAccess, actor, "run-1", detail));
        Assert.Equal(parameter, e.ParamName);
        Assert.Equal("hashes", Assert.Throws<ArgumentException>(() => AuditRecord.Create(AuditKind.BsnBatchSent, "svb", hashes: [new("bsn_batch", "999995571")])).ParamName);
    }

    [Fact]
    public void AuditRecord_AcceptsANodesRandomRunId_WithDigitRuns_ButNoOtherRunIdThatCouldHoldABsn()
    {
        Assert.Equal("0123456789abcdef0123456789abcdef", AuditRecord.Create(AuditKind.RunStarted, "svb", "0123456789abcdef0123456789abcdef").RunId);
        Assert.Equal("runId", Assert.Throws<ArgumentException>(() => AuditRecord.Create(AuditKind.RunStarted, "svb", "run-999995571")).ParamName);
        Assert.Equal("runId", Assert.Throws<ArgumentException>(() => AuditRecord.Create(AuditKind.RunStarted, "svb", "0123456789ABCDEF0123456789ABCDEF")).ParamName);
    }

    [Fact]
    public void BsnBatchHash_IgnoresOrder_AndDependsOnTheRequestId()
    {
        var a = Bsn.Parse("999995571");
        var b = Bsn.Parse("999990147");
        var request = new byte[16];
        var other = new byte[16];
        other[0] = 1;

        Assert.Equal(BsnBatchHash.Of(request, [a, b]), BsnBatchHash.Of(request, [b, a]));
        Assert.NotEqual(BsnBatchHash.Of(request, [a, b]), BsnBatchHash.Of(other, [a, b]));
        Assert.NotEqual(BsnBatchHash.Of(request, [a]), BsnBatchHash.Of(request, [a, b]));
        Assert.DoesNotContain("999995571", BsnBatchHash.Of(request, [a]), StringComparison.Ordinal);
    }

    [Fact]
    public void SigningKey_RoundTripsThroughPkcs8_AndPrintsNoSecret()
    {
        using var imported = AuditSigningKey.ImportPkcs8(_bed.SvbKey.ExportPkcs8PrivateKey());
        Assert.Equal(_bed.SvbKey.VerificationKey.Fingerprint, imported.VerificationKey.Fingerprint);
        Assert.Equal(_bed.SvbKey.VerificationKey.Fingerprint, AuditVerificationKey.Import(_bed.SvbKey.VerificationKey.Export()).Fingerprint);
        Assert.DoesNotContain("PRIVATE", imported.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Throws<ArgumentException>(() => AuditVerificationKey.Import(new byte[10]));
    }
}
