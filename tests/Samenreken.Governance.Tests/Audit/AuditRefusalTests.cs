using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Samenreken.Governance.Audit;

namespace Samenreken.Governance.Tests.Audit;

/// <summary>
/// The audit chain's refusals and the figures its verification reports, each with a twin that passes: what a refused
/// checkpoint leaves behind (nothing), what a verifier says about where and how far it got, and which keys and stored
/// forms are turned away.
/// </summary>
public sealed class AuditRefusalTests : IDisposable
{
    private readonly AuditBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private async Task WriteAsync(int entries)
    {
        for (var i = 0; i < entries; i++)
        {
            _bed.Clock.Advance(TimeSpan.FromTicks(10_004_321)); // 1.0004321 s: entry times keep whole milliseconds only
            await _bed.Svb.AppendAsync(AuditRecord.Create(AuditKind.CiphertextsServed, "svb", "run-1", "batch", counts: [new("ciphertexts", i)]));
        }
    }

    private ValueTask<AuditVerificationResult> VerifySvbAsync(IEnumerable<AuditCheckpoint> checkpoints) =>
        AuditVerifier.VerifyAsync(_bed.SvbStore.ReadAllAsync(), "svb", _bed.SvbKey.VerificationKey, checkpoints);

    [Fact]
    public async Task Append_NumbersFromZero_AndLinksTheFirstEntryToGenesis()
    {
        await WriteAsync(3);

        Assert.Equal([0L, 1L, 2L], _bed.SvbStore.Entries.Select(e => e.Sequence));
        Assert.Equal(AuditEntry.GenesisHash, _bed.SvbStore.Entries[0].PreviousHash);
        Assert.Equal(_bed.SvbStore.Entries[0].Hash, _bed.SvbStore.Entries[1].PreviousHash);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 0, 3, 1, TimeSpan.Zero), _bed.SvbStore.Entries[2].Time); // 3.0012963 s cut to 3.001
    }

    [Fact]
    public async Task Checkpoint_OfAnEmptyChain_IsRefused_AndOfAChain_SignsItsHead()
    {
        var empty = await Assert.ThrowsAsync<InvalidOperationException>(async () => await _bed.Svb.CheckpointAsync(_bed.SvbKey, "run-1"));
        Assert.Equal("An empty audit chain has no head to sign.", empty.Message);
        Assert.Empty(_bed.SvbStore.Checkpoints);

        await WriteAsync(2);
        var checkpoint = await _bed.Svb.CheckpointAsync(_bed.SvbKey, "run-1");
        Assert.Equal(1, checkpoint.Sequence);
        Assert.Equal(_bed.SvbStore.Entries[1].Hash, checkpoint.HeadHash);
        Assert.Equal("svb", checkpoint.NodeId);
        Assert.Equal("run-1", checkpoint.RunId);
        Assert.Equal(checkpoint, Assert.Single(_bed.SvbStore.Checkpoints));
        Assert.True(checkpoint.HasValidSignature(_bed.SvbKey.VerificationKey));
    }

    [Fact]
    public async Task AcceptedPeerCheckpoint_IsKept_AndItsReceiptRecorded()
    {
        await WriteAsync(3);
        var checkpoint = await _bed.Svb.CheckpointAsync(_bed.SvbKey, "run-1");

        await _bed.Uwv.AcceptPeerCheckpointAsync(checkpoint, _bed.SvbKey.VerificationKey);

        Assert.Equal(checkpoint, Assert.Single(await _bed.UwvStore.ReadCheckpointsAsync("svb")));
        var receipt = Assert.Single(_bed.UwvStore.Entries);
        Assert.Equal(AuditKind.PeerCheckpointStored, receipt.Kind);
        Assert.Equal("uwv", receipt.Actor);
        Assert.Equal("run-1", receipt.RunId);
        Assert.Equal("checkpoint of svb", receipt.Detail);
        Assert.Equal(2, receipt.Counts["peer_sequence"]);
        Assert.Equal(Convert.ToHexStringLower(checkpoint.HeadHash.AsSpan()), receipt.Hashes["peer_head"]);

        // The same checkpoint again does not contradict itself: kept again, not refused.
        await _bed.Uwv.AcceptPeerCheckpointAsync(checkpoint, _bed.SvbKey.VerificationKey);
        Assert.Equal(2, (await _bed.UwvStore.ReadCheckpointsAsync("svb")).Count);
    }

    [Fact]
    public async Task ANodesOwnCheckpoint_IsNotAcceptedAsThePeers_AndLeavesNothingBehind()
    {
        await _bed.Uwv.AppendAsync(AuditRecord.Create(AuditKind.RunStarted, "uwv", "run-1"));
        var own = AuditCheckpoint.Sign(_bed.UwvKey, "uwv", _bed.UwvStore.Entries[0], _bed.Clock.GetUtcNow(), "run-1");

        await AssertUwvRefusesAsync(own, _bed.UwvKey.VerificationKey, "does not carry a valid signature");
        Assert.Empty(_bed.UwvStore.Checkpoints);
    }

    /// <summary>UWV refuses the checkpoint, naming it and saying why, and its chain and checkpoints stay as they were.</summary>
    private async Task AssertUwvRefusesAsync(AuditCheckpoint checkpoint, AuditVerificationKey key, string why)
    {
        var (entries, checkpoints) = (_bed.UwvStore.Entries.Count, _bed.UwvStore.Checkpoints.Count);

        var refused = await Assert.ThrowsAsync<ArgumentException>(async () => await _bed.Uwv.AcceptPeerCheckpointAsync(checkpoint, key));

        Assert.Equal("checkpoint", refused.ParamName);
        Assert.Contains(why, refused.Message, StringComparison.Ordinal);
        Assert.Equal(entries, _bed.UwvStore.Entries.Count);
        Assert.Equal(checkpoints, _bed.UwvStore.Checkpoints.Count);
    }

    [Fact]
    public async Task ContradictingPeerCheckpoint_IsRefused_AndLeavesNothingBehind()
    {
        await WriteAsync(2);
        var first = await _bed.Svb.CheckpointAsync(_bed.SvbKey, "run-1");
        await _bed.Uwv.AcceptPeerCheckpointAsync(first, _bed.SvbKey.VerificationKey);
        var other = AuditCheckpoint.Sign(_bed.SvbKey, "svb", _bed.SvbStore.Entries[1] with { Hash = [.. new byte[31], 1] }, _bed.Clock.GetUtcNow(), "run-1");

        await AssertUwvRefusesAsync(other, _bed.SvbKey.VerificationKey, "contradicts one held earlier");
        Assert.Single(_bed.UwvStore.Entries);
        Assert.Single(_bed.UwvStore.Checkpoints);
    }

    [Fact]
    public async Task Checkpoint_WithAHeadHashOfAnotherLength_HasNoValidSignature_EvenSignedByTheKey()
    {
        await WriteAsync(1);
        var shortHead = _bed.SvbStore.Entries[0] with { Hash = [.. new byte[31]] };
        var genuine = AuditCheckpoint.Sign(_bed.SvbKey, "svb", _bed.SvbStore.Entries[0], _bed.Clock.GetUtcNow(), null);

        Assert.True(genuine.HasValidSignature(_bed.SvbKey.VerificationKey));
        Assert.False(AuditCheckpoint.Sign(_bed.SvbKey, "svb", shortHead, _bed.Clock.GetUtcNow(), null).HasValidSignature(_bed.SvbKey.VerificationKey));
        Assert.False((genuine with { Signature = genuine.Signature[..63] }).HasValidSignature(_bed.SvbKey.VerificationKey));
        Assert.False((genuine with { RunId = "run-2" }).HasValidSignature(_bed.SvbKey.VerificationKey));
        Assert.False((genuine with { Time = genuine.Time.AddMilliseconds(1) }).HasValidSignature(_bed.SvbKey.VerificationKey));
        Assert.False((genuine with { NodeId = "svc" }).HasValidSignature(_bed.SvbKey.VerificationKey));
        Assert.False((genuine with { HeadHash = [.. genuine.HeadHash.Select(b => (byte)(b ^ 1))] }).HasValidSignature(_bed.SvbKey.VerificationKey));
        Assert.False((genuine with { Sequence = 1 }).HasValidSignature(_bed.SvbKey.VerificationKey));
    }

    [Fact]
    public async Task Checkpoint_FieldsCannotBeShiftedIntoEachOther()
    {
        // Without the length prefixes, moving one byte from each field into the one before gives the same bytes:
        // node "svb" + NUL, sequence 1·2^8 + hash[0], hash[1..] + time's top byte, time·2^8 + run id[0], run id[1..].
        await WriteAsync(1);
        var head = _bed.SvbStore.Entries[0] with { Sequence = 1, Hash = [0, .. Enumerable.Range(1, 31).Select(i => (byte)i)] };
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1000);
        var genuine = AuditCheckpoint.Sign(_bed.SvbKey, "svb", head, time, "\0run");
        var shifted = genuine with
        {
            NodeId = "svb\0",
            Sequence = 1L << 8,
            HeadHash = [.. Enumerable.Range(1, 31).Select(i => (byte)i), 0],
            Time = DateTimeOffset.FromUnixTimeMilliseconds(1000L << 8),
            RunId = "run",
        };

        Assert.True(genuine.HasValidSignature(_bed.SvbKey.VerificationKey));
        Assert.False(shifted.HasValidSignature(_bed.SvbKey.VerificationKey));
    }

    [Fact]
    public async Task Verifier_RefusesACheckpointSignedByTheNodesKey_ButClaimedForAnotherNode()
    {
        await WriteAsync(2);
        var forOther = AuditCheckpoint.Sign(_bed.SvbKey, "uwv", _bed.SvbStore.Entries[1], _bed.Clock.GetUtcNow(), null);
        Assert.True(forOther.HasValidSignature(_bed.SvbKey.VerificationKey));

        var result = await VerifySvbAsync([forOther]);

        Assert.Equal(AuditProblem.BadCheckpointSignature, result.Problem);
        Assert.Null(result.FirstBrokenSequence);
        Assert.Equal(0, result.EntriesChecked);
        Assert.Equal(1, result.CheckpointsChecked);
        Assert.Equal($"checkpoint 1 claimed by 'uwv' is not signed by svb's audit key {_bed.SvbKey.VerificationKey.Fingerprint}", result.Message);
    }

    [Fact]
    public async Task Verifier_ReportsHowFarItGot_AndSaysWhatItFound()
    {
        await WriteAsync(5);
        var checkpoint = await _bed.Svb.CheckpointAsync(_bed.SvbKey, null);

        var valid = await VerifySvbAsync([checkpoint]);
        Assert.Equal(new AuditVerificationResult(AuditProblem.None, null, 5, 1, "5 entries and 1 checkpoints verified"), valid);

        _bed.SvbStore.Entries.RemoveAt(2);
        var missing = await VerifySvbAsync([checkpoint]);
        Assert.Equal(new AuditVerificationResult(AuditProblem.MissingEntry, 2, 2, 1, "entry 2 is missing or out of place: the next stored entry is 3"), missing);
    }

    [Fact]
    public async Task Verifier_NamesEachProblemInWords()
    {
        await WriteAsync(4);
        var entries = _bed.SvbStore.Entries.ToList();

        _bed.SvbStore.Entries[1] = entries[1] with { Detail = "edited" };
        Assert.Equal("entry 1 (CiphertextsServed) does not match its hash: its content was changed", (await VerifySvbAsync([])).Message);

        var relinked = entries[1] with { PreviousHash = entries[1].Hash };
        _bed.SvbStore.Entries[1] = relinked with { Hash = relinked.ComputeHash() };
        Assert.Equal("entry 1 (CiphertextsServed) does not follow entry 0: an entry before it was inserted, removed or moved", (await VerifySvbAsync([])).Message);

        _bed.SvbStore.Entries.Clear();
        _bed.SvbStore.Entries.AddRange([entries[0], entries[1], entries[1]]);
        var repeated = await VerifySvbAsync([]);
        Assert.Equal(new AuditVerificationResult(AuditProblem.OutOfOrder, 1, 2, 0, "entry 1 appears again after entry 1"), repeated);
    }

    [Fact]
    public async Task Verifier_SaysWhereATruncatedChainEnds()
    {
        await WriteAsync(5);
        var checkpoint = await _bed.Svb.CheckpointAsync(_bed.SvbKey, null);
        _bed.SvbStore.Entries.RemoveRange(3, 2);

        var result = await VerifySvbAsync([checkpoint]);

        Assert.Equal(AuditProblem.Truncated, result.Problem);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.StartsWith("the chain ends after entry 2, but svb signed a checkpoint at entry 4 on ", result.Message, StringComparison.Ordinal);
        Assert.EndsWith(": entries were removed from the end", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifier_ReportsTheChainsOwnBreak_BeforeACheckpointAtOrAfterIt()
    {
        await WriteAsync(4);
        var checkpoint = await _bed.Svb.CheckpointAsync(_bed.SvbKey, null);
        _bed.SvbStore.Entries[3] = _bed.SvbStore.Entries[3] with { Detail = "edited" };

        // The checkpoint names the broken entry itself: the edit is the finding, not a truncation or a mismatch.
        var result = await VerifySvbAsync([checkpoint]);

        Assert.Equal(AuditProblem.EntryEdited, result.Problem);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verifier_ChecksACheckpointBeforeTheBreak()
    {
        await WriteAsync(2);
        var early = await _bed.Svb.CheckpointAsync(_bed.SvbKey, null);
        await WriteAsync(2);
        var entries = _bed.SvbStore.Entries.ToList();
        var rewritten = entries[1] with { Detail = "rewritten" };
        rewritten = rewritten with { Hash = rewritten.ComputeHash() };
        _bed.SvbStore.Entries[1] = rewritten;

        // Entry 2 no longer links to entry 1, but before that the rewritten entry 1 disagrees with the peer's checkpoint.
        var result = await VerifySvbAsync([early]);

        Assert.Equal(AuditProblem.CheckpointMismatch, result.Problem);
        Assert.Equal(0, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verifier_ChecksCheckpointsInSequenceOrder_SoARewriteIsNamedBeforeALaterTruncation()
    {
        await WriteAsync(3);
        var early = await _bed.Svb.CheckpointAsync(_bed.SvbKey, null);
        await WriteAsync(3);
        var late = await _bed.Svb.CheckpointAsync(_bed.SvbKey, null);
        var entries = _bed.SvbStore.Entries.Take(4).ToList();
        entries[1] = entries[1] with { Detail = "rewritten" };
        _bed.SvbStore.Entries.Clear();
        _bed.SvbStore.Entries.AddRange(AuditBed.Rechain(entries));

        // Handed over latest first: the verifier still reports the rewrite at checkpoint 2 first, not the truncation.
        var result = await VerifySvbAsync([late, early]);

        Assert.Equal(AuditProblem.CheckpointMismatch, result.Problem);
        Assert.Equal(0, result.FirstBrokenSequence);
        Assert.Contains("entry 2 differs from the head", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifier_NamesTheRewriteFromTheLastMatchingCheckpointBeforeIt_NotOneAtTheSameEntry()
    {
        await WriteAsync(4);
        var genuine = await _bed.Svb.CheckpointAsync(_bed.SvbKey, null);
        var other = AuditCheckpoint.Sign(_bed.SvbKey, "svb", _bed.SvbStore.Entries[3] with { Hash = [.. new byte[32]] }, _bed.Clock.GetUtcNow(), null);

        var result = await VerifySvbAsync([genuine, other]);

        Assert.Equal(AuditProblem.CheckpointMismatch, result.Problem);
        Assert.Equal(0, result.FirstBrokenSequence);
        Assert.Contains("between entries 0 and 3", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableEntry_IsReportedAsEdited()
    {
        await WriteAsync(3);
        _bed.SvbStore.Entries[1] = AuditEntry.Unreadable(1);

        var result = await VerifySvbAsync([]);

        Assert.Equal(AuditProblem.EntryEdited, result.Problem);
        Assert.Equal(1, result.FirstBrokenSequence);
        Assert.Equal(1, AuditEntry.Unreadable(1).Sequence);
        Assert.Equal("stored entry does not parse", AuditEntry.Unreadable(1).Detail);
    }

    [Fact]
    public async Task StoredForm_WithAHashOfAnotherLength_IsRefused()
    {
        await WriteAsync(1);
        var stored = _bed.SvbStore.Entries[0].Serialize();
        Assert.True(AuditEntry.TryDeserialize(stored, out _));

        foreach (var field in new[] { "hash", "previous_hash" })
        {
            var json = JsonNode.Parse(stored)!.AsObject();
            json[field] = json[field]!.GetValue<string>()[2..];
            Assert.False(AuditEntry.TryDeserialize(json.ToJsonString(), out var entry), field);
            Assert.NotNull(entry); // it parsed; the length rule refused it
        }

        Assert.False(AuditEntry.TryDeserialize("{}", out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Record_RefusesHashValuesThatAreNotSha256Hex_AndLowersTheCase()
    {
        var upper = new string('A', 64);
        Assert.Equal(new string('a', 64), AuditRecord.Create(AuditKind.BsnBatchSent, "svb", hashes: [new("batch", upper)]).Hashes["batch"]);

        var notHex = Assert.Throws<ArgumentException>(() => AuditRecord.Create(AuditKind.BsnBatchSent, "svb", hashes: [new("batch", new string('g', 64))]));
        Assert.Equal("hashes", notHex.ParamName);
        Assert.Contains("not 'gggggggggggg…'", notHex.Message, StringComparison.Ordinal);
        Assert.Equal("hashes", Assert.Throws<ArgumentException>(() => AuditRecord.Create(AuditKind.BsnBatchSent, "svb", hashes: [new("batch", new string('a', 65))])).ParamName);
        Assert.Equal("hashes", Assert.Throws<ArgumentException>(() => AuditRecord.Create(AuditKind.BsnBatchSent, "svb", hashes: [new("batch", new string('a', 63) + "g")])).ParamName);
        Assert.Contains("not 'ab…'", Assert.Throws<ArgumentException>(() => AuditRecord.Create(AuditKind.BsnBatchSent, "svb", hashes: [new("batch", "ab")])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_ChecksTheNamesOfCountsAndHashes_ForBsns()
    {
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => AuditRecord.Create(AuditKind.CiphertextsServed, "svb", counts: [new("person 999995571", 1)])).ParamName);
        Assert.Equal("hashes", Assert.Throws<ArgumentException>(() => AuditRecord.Create(AuditKind.CiphertextsServed, "svb", hashes: [new("person 999995571", new string('a', 64))])).ParamName);
        Assert.Contains("could be a BSN", Assert.Throws<ArgumentException>(() => AuditRecord.Create(AuditKind.CiphertextsServed, "svb", "run-1", "12345678 and 123456789")).Message, StringComparison.Ordinal);

        // Eight digits are no BSN: the twin that passes.
        var record = AuditRecord.Create(AuditKind.CiphertextsServed, "svb", "run-12345678", "batch 12345678", counts: [new("c12345678", 1)], hashes: [new("h12345678", new string('a', 64))]);
        Assert.Equal("batch 12345678", record.Detail);
        Assert.Equal(AuditKind.CiphertextsServed, record.Kind);
    }

    [Fact]
    public void Keys_OfAnotherCurve_OrWithTrailingBytes_AreRefused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var brainpool = ECDsa.Create(ECCurve.NamedCurves.brainpoolP256r1); // 256 bits, but not P-256
        foreach (var other in new[] { p384, brainpool })
        {
            var signing = Assert.Throws<ArgumentException>(() => AuditSigningKey.ImportPkcs8(other.ExportPkcs8PrivateKey()));
            Assert.Equal("pkcs8", signing.ParamName);
            Assert.StartsWith("Audit signing keys are ECDSA P-256.", signing.Message, StringComparison.Ordinal);
        }

        var verification = Assert.Throws<ArgumentException>(() => AuditVerificationKey.Import(p384.ExportSubjectPublicKeyInfo()));
        Assert.Equal("subjectPublicKeyInfo", verification.ParamName);
        Assert.StartsWith("Audit verification keys are ECDSA P-256 SubjectPublicKeyInfo.", verification.Message, StringComparison.Ordinal);
        Assert.Equal("subjectPublicKeyInfo", Assert.Throws<ArgumentException>(() => AuditVerificationKey.Import([.. _bed.SvbKey.VerificationKey.Export(), 0])).ParamName);
        var garbage = Assert.Throws<ArgumentException>(() => AuditVerificationKey.Import(new byte[10]));
        Assert.Equal("subjectPublicKeyInfo", garbage.ParamName);
        Assert.StartsWith("Not an ECDSA P-256 public key.", garbage.Message, StringComparison.Ordinal);

        // The twins: P-256 keys import, and the fingerprint is SHA-256 of the encoded public key.
        using var imported = AuditSigningKey.ImportPkcs8(_bed.SvbKey.ExportPkcs8PrivateKey());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_bed.SvbKey.VerificationKey.Export())), imported.VerificationKey.Fingerprint);
        Assert.Equal($"AuditSigningKey({imported.VerificationKey.Fingerprint})", imported.ToString());
        Assert.Equal($"AuditVerificationKey({imported.VerificationKey.Fingerprint})", imported.VerificationKey.ToString());
    }

    [Fact]
    public void Constructors_AndVerifier_RefuseMissingArguments_NamingThem()
    {
        Assert.Equal("store", Assert.Throws<ArgumentNullException>(() => new AuditLog(null!, "svb", _bed.Clock)).ParamName);
        Assert.Equal("nodeId", Assert.Throws<ArgumentException>(() => new AuditLog(_bed.SvbStore, " ", _bed.Clock)).ParamName);
        Assert.Equal("time", Assert.Throws<ArgumentNullException>(() => new AuditLog(_bed.SvbStore, "svb", null!)).ParamName);
        Assert.Equal("actor", Assert.Throws<ArgumentException>(() => AuditRecord.Create(AuditKind.RunStarted, " ")).ParamName);
        Assert.Equal("nodeId", Assert.Throws<ArgumentException>(() => AuditCheckpoint.Sign(_bed.SvbKey, "", AuditEntry.Unreadable(0), _bed.Clock.GetUtcNow(), null)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => AuditCheckpoint.Sign(null!, "svb", AuditEntry.Unreadable(0), _bed.Clock.GetUtcNow(), null)).ParamName);
        Assert.Equal("head", Assert.Throws<ArgumentNullException>(() => AuditCheckpoint.Sign(_bed.SvbKey, "svb", null!, _bed.Clock.GetUtcNow(), null)).ParamName);
    }

    [Fact]
    public async Task AsyncMembers_RefuseMissingArguments_NamingThem()
    {
        Assert.Equal("record", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await _bed.Svb.AppendAsync(null!))).ParamName);
        Assert.Equal("key", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await _bed.Svb.CheckpointAsync(null!, null))).ParamName);
        Assert.Equal("checkpoint", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await _bed.Uwv.AcceptPeerCheckpointAsync(null!, _bed.SvbKey.VerificationKey))).ParamName);
        await WriteAsync(1);
        var checkpoint = await _bed.Svb.CheckpointAsync(_bed.SvbKey, null);
        Assert.Equal("peerKey", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await _bed.Uwv.AcceptPeerCheckpointAsync(checkpoint, null!))).ParamName);
        Assert.Equal("entries", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await AuditVerifier.VerifyAsync(null!, "svb", _bed.SvbKey.VerificationKey, []))).ParamName);
        Assert.Equal("nodeKey", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await AuditVerifier.VerifyAsync(_bed.SvbStore.ReadAllAsync(), "svb", null!, []))).ParamName);
        Assert.Equal("checkpoints", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await AuditVerifier.VerifyAsync(_bed.SvbStore.ReadAllAsync(), "svb", _bed.SvbKey.VerificationKey, null!))).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => checkpoint.HasValidSignature(null!)).ParamName);
    }
}
