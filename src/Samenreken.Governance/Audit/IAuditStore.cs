namespace Samenreken.Governance.Audit;

/// <summary>
/// Where a node keeps its audit chain and the checkpoints: the nodes implement it on their database (append-only
/// table; a unique sequence column), tests use <see cref="InMemoryAuditStore"/>. Every write either succeeds durably
/// or throws: a failed audit write aborts the action it records.
/// </summary>
public interface IAuditStore
{
    /// <summary>The last entry, or null for an empty chain.</summary>
    ValueTask<AuditEntry?> ReadHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends one entry. Must throw if an entry with the same sequence exists.</summary>
    ValueTask AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>All entries as stored, in sequence order (verification checks that order).</summary>
    IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Keeps a checkpoint: this node's own, or one received from the peer (after its signature was checked).</summary>
    ValueTask StoreCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>The checkpoints signed by <paramref name="nodeId"/> that this store holds.</summary>
    ValueTask<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(string nodeId, CancellationToken cancellationToken = default);
}
