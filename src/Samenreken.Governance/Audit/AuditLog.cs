namespace Samenreken.Governance.Audit;

/// <summary>
/// A node's audit writer: appends hash-chained entries to its <see cref="IAuditStore"/>, signs checkpoints of the
/// head for the peer, and keeps the peer's checkpoints after checking them. <see cref="AppendAsync"/> throws when
/// the store fails; record before you act, so a failed audit write aborts the action it records.
/// </summary>
public sealed class AuditLog : IDisposable
{
    private readonly IAuditStore _store;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _appendLock = new(1, 1);

    public AuditLog(IAuditStore store, string nodeId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        NodeId = nodeId;
        _time = time;
    }

    /// <summary>This node's id, as it signs checkpoints.</summary>
    public string NodeId { get; }

    /// <summary>Appends one entry after the current head; throws if the store fails.</summary>
    public async ValueTask<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _appendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var head = await _store.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
            var entry = new AuditEntry(head is null ? 0 : head.Sequence + 1, Now(), record, head?.Hash ?? AuditEntry.GenesisHash);
            await _store.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
            return entry;
        }
        finally
        {
            _appendLock.Release();
        }
    }

    /// <summary>Signs the current head, keeps the checkpoint and returns it for sending to the peer.</summary>
    public async ValueTask<AuditCheckpoint> CheckpointAsync(AuditSigningKey key, string? runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var head = await _store.ReadHeadAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("An empty audit chain has no head to sign.");
        var checkpoint = AuditCheckpoint.Sign(key, NodeId, head, Now(), runId);
        await _store.StoreCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        return checkpoint;
    }

    /// <summary>
    /// Keeps a checkpoint received from the peer: refuses a bad signature, and a checkpoint that contradicts one
    /// already held (same sequence, other head: the peer rewrote its history). Records the receipt in this chain.
    /// </summary>
    public async ValueTask AcceptPeerCheckpointAsync(AuditCheckpoint checkpoint, AuditVerificationKey peerKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(peerKey);
        if (checkpoint.NodeId == NodeId || !checkpoint.HasValidSignature(peerKey))
        {
            throw new ArgumentException($"Checkpoint from '{checkpoint.NodeId}' does not carry a valid signature of the peer's audit key {peerKey.Fingerprint}.", nameof(checkpoint));
        }

        var held = await _store.ReadCheckpointsAsync(checkpoint.NodeId, cancellationToken).ConfigureAwait(false);
        if (held.Any(h => h.Sequence == checkpoint.Sequence && !h.HeadHash.SequenceEqual(checkpoint.HeadHash)))
        {
            throw new ArgumentException($"Checkpoint {checkpoint.Sequence} from '{checkpoint.NodeId}' contradicts one held earlier: the peer's history changed.", nameof(checkpoint));
        }

        await AppendAsync(AuditRecord.Create(AuditKind.PeerCheckpointStored, NodeId, checkpoint.RunId, $"checkpoint of {checkpoint.NodeId}",
            counts: [new("peer_sequence", checkpoint.Sequence)],
            hashes: [new("peer_head", Convert.ToHexStringLower(checkpoint.HeadHash.AsSpan()))]), cancellationToken).ConfigureAwait(false);
        await _store.StoreCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _appendLock.Dispose();

    // Milliseconds: the stored form keeps no more, and the hash must survive a round trip.
    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
