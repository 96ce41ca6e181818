using System.Runtime.CompilerServices;

namespace Samenreken.Governance.Audit;

/// <summary>An <see cref="IAuditStore"/> in memory, for tests and the in-process pilot. <see cref="Entries"/> is exposed so tests can tamper.</summary>
public sealed class InMemoryAuditStore : IAuditStore
{
    private readonly Lock _lock = new();
    private readonly List<AuditCheckpoint> _checkpoints = [];

    /// <summary>The stored entries, in order; mutable so that tests can edit, delete, insert and reorder.</summary>
    public List<AuditEntry> Entries { get; } = [];

    /// <summary>The stored checkpoints (own and peer's); mutable for tests.</summary>
    public IList<AuditCheckpoint> Checkpoints => _checkpoints;

    /// <summary>When set, the next append throws (to test that a failed audit write aborts its action).</summary>
    public bool FailNextAppend { get; set; }

    public ValueTask<AuditEntry?> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(Entries.Count == 0 ? null : Entries[^1]);
        }
    }

    public ValueTask AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            if (FailNextAppend)
            {
                FailNextAppend = false;
                throw new InvalidOperationException("audit store unavailable (simulated)");
            }

            if (Entries.Exists(e => e.Sequence == entry.Sequence))
            {
                throw new InvalidOperationException($"audit entry {entry.Sequence} exists already");
            }

            Entries.Add(entry);
        }

        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        AuditEntry[] snapshot;
        lock (_lock)
        {
            snapshot = [.. Entries];
        }

        foreach (var entry in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask StoreCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (_lock)
        {
            _checkpoints.Add(checkpoint);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<AuditCheckpoint>>([.. _checkpoints.Where(c => c.NodeId == nodeId)]);
        }
    }
}
