using System.Globalization;

namespace Samenreken.Governance.Audit;

/// <summary>What verification found first.</summary>
public enum AuditProblem
{
    None,

    /// <summary>An entry's content does not match its stored hash (edited).</summary>
    EntryEdited,

    /// <summary>An entry does not point at the hash of the entry before it (inserted, deleted or reordered, and rehashed).</summary>
    BrokenLink,

    /// <summary>A sequence number is missing (deleted).</summary>
    MissingEntry,

    /// <summary>A sequence number repeats or goes back (inserted or reordered).</summary>
    OutOfOrder,

    /// <summary>A checkpoint names an entry past the end of the chain (truncated).</summary>
    Truncated,

    /// <summary>A checkpoint's head differs from the chain's entry at that sequence (history rewritten).</summary>
    CheckpointMismatch,

    /// <summary>A checkpoint's signature is not the node's.</summary>
    BadCheckpointSignature,
}

/// <summary>The outcome of <see cref="AuditVerifier.VerifyAsync"/>: valid, or the first broken entry and why.</summary>
public sealed record AuditVerificationResult(AuditProblem Problem, long? FirstBrokenSequence, long EntriesChecked, int CheckpointsChecked, string Message)
{
    public bool IsValid => Problem == AuditProblem.None;
}

/// <summary>
/// Checks a chain (hashes, links, sequence) and the checkpoints of its node: those the node kept and, what matters,
/// those the peer holds. An internally consistent rewrite or a truncation is caught only by a checkpoint made before
/// it; entries after the last checkpoint are protected by the chain alone.
/// </summary>
public static class AuditVerifier
{
    public static async ValueTask<AuditVerificationResult> VerifyAsync(
        IAsyncEnumerable<AuditEntry> entries, string nodeId, AuditVerificationKey nodeKey, IEnumerable<AuditCheckpoint> checkpoints, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(nodeKey);
        ArgumentNullException.ThrowIfNull(checkpoints);
        var held = checkpoints.ToList();
        foreach (var checkpoint in held.Where(c => c.NodeId != nodeId || !c.HasValidSignature(nodeKey)))
        {
            return new AuditVerificationResult(AuditProblem.BadCheckpointSignature, null, 0, held.Count,
                Invariant($"checkpoint {checkpoint.Sequence} claimed by '{checkpoint.NodeId}' is not signed by {nodeId}'s audit key {nodeKey.Fingerprint}"));
        }

        var wanted = held.GroupBy(c => c.Sequence).ToDictionary(g => g.Key, g => g.ToList());
        var seen = new Dictionary<long, AuditEntry>();
        var expected = 0L;
        var previous = AuditEntry.GenesisHash;
        AuditVerificationResult? broken = null;
        await foreach (var entry in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            broken = entry.Sequence > expected ? Broken(AuditProblem.MissingEntry, expected, Invariant($"entry {expected} is missing or out of place: the next stored entry is {entry.Sequence}"))
                : entry.Sequence < expected ? Broken(AuditProblem.OutOfOrder, entry.Sequence, Invariant($"entry {entry.Sequence} appears again after entry {expected - 1}"))
                : !entry.ComputeHash().SequenceEqual(entry.Hash) ? Broken(AuditProblem.EntryEdited, entry.Sequence, Invariant($"entry {entry.Sequence} ({entry.Kind}) does not match its hash: its content was changed"))
                : !entry.PreviousHash.SequenceEqual(previous) ? Broken(AuditProblem.BrokenLink, entry.Sequence, Invariant($"entry {entry.Sequence} ({entry.Kind}) does not follow entry {entry.Sequence - 1}: an entry before it was inserted, removed or moved"))
                : null;
            if (broken is not null)
            {
                break;
            }

            if (wanted.ContainsKey(entry.Sequence))
            {
                seen[entry.Sequence] = entry;
            }

            previous = entry.Hash;
            expected++;
        }

        // Checkpoints within the verified part must match it; one beyond its end shows truncation.
        foreach (var checkpoint in held.OrderBy(c => c.Sequence))
        {
            if (broken is not null && checkpoint.Sequence >= broken.FirstBrokenSequence)
            {
                break;
            }

            if (!seen.TryGetValue(checkpoint.Sequence, out var entry))
            {
                return Broken(AuditProblem.Truncated, expected, Invariant($"the chain ends after entry {expected - 1}, but {nodeId} signed a checkpoint at entry {checkpoint.Sequence} on {checkpoint.Time:O}: entries were removed from the end"));
            }

            if (!entry.Hash.SequenceEqual(checkpoint.HeadHash))
            {
                var after = held.Where(c => c.Sequence < checkpoint.Sequence && seen.TryGetValue(c.Sequence, out var e) && e.Hash.SequenceEqual(c.HeadHash)).Select(c => c.Sequence + 1).DefaultIfEmpty(0).Max();
                return Broken(AuditProblem.CheckpointMismatch, after, Invariant($"entry {checkpoint.Sequence} differs from the head {nodeId} signed on {checkpoint.Time:O}: history between entries {after} and {checkpoint.Sequence} was rewritten"));
            }
        }

        return broken ?? new AuditVerificationResult(AuditProblem.None, null, expected, held.Count, Invariant($"{expected} entries and {held.Count} checkpoints verified"));

        AuditVerificationResult Broken(AuditProblem problem, long sequence, string message) => new(problem, sequence, expected, held.Count, message);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
