namespace Samenreken.Governance.PilotStore;

/// <summary>A sealed record as stored: AES-GCM ciphertext under its run's data key, with the metadata needed to find it.</summary>
public sealed record SealedRecord(string RunId, string RecordId, string Category, DateTimeOffset CreatedAt, byte[] Nonce, byte[] Ciphertext, byte[] Tag);

/// <summary>A run the pilot store holds a data key for, and when that run finished (where retention terms may start).</summary>
public sealed record PilotRun(string RunId, DateTimeOffset RunFinishedAt);

/// <summary>A run's anonymised funnel figures, kept after its records were shredded (art. 6 and 7: figures remain).</summary>
public sealed record KeptFigures(Evaluation.FunnelCounts Counts, bool Simulated);

/// <summary>
/// The pilot store's own database (never the population store): wrapped data keys and sealed records. The nodes
/// implement it on SQLite or PostgreSQL; <see cref="InMemoryPilotStoreRepository"/> serves tests. Deleting a run's
/// wrapped key is what destroys its records.
/// </summary>
public interface IPilotStoreRepository
{
    /// <summary>Stores a run's wrapped data key with the moment the run finished; refuses a second key for a run.</summary>
    void SaveWrappedKey(string runId, byte[] wrappedKey, DateTimeOffset runFinishedAt);

    /// <summary>The runs that still have a data key.</summary>
    IReadOnlyList<PilotRun> Runs();

    byte[]? LoadWrappedKey(string runId);

    /// <summary>Deletes the wrapped key; true when there was one.</summary>
    bool DeleteWrappedKey(string runId);

    void SaveRecord(SealedRecord record);

    /// <summary>Stores new records all together or none (one transaction).</summary>
    void SaveRecords(IReadOnlyCollection<SealedRecord> records);

    /// <summary>Replaces a record (same run and record id), e.g. a response update.</summary>
    void ReplaceRecord(SealedRecord record);

    /// <summary>Replaces records all together or none (one transaction): a bulk import is never half stored.</summary>
    void ReplaceRecords(IReadOnlyCollection<SealedRecord> records);

    IReadOnlyList<SealedRecord> Records(string runId, string category);

    /// <summary>Removes the ciphertexts of a shredded run (optional tidying: without the key they are unreadable anyway).</summary>
    int DeleteRecords(string runId);

    /// <summary>Keeps (or replaces) a run's anonymised figures: no personal data, so stored in the clear.</summary>
    void SaveFigures(KeptFigures figures);

    IReadOnlyList<KeptFigures> Figures();
}

/// <summary>An <see cref="IPilotStoreRepository"/> in memory, for tests.</summary>
public sealed class InMemoryPilotStoreRepository : IPilotStoreRepository
{
    private readonly Dictionary<string, (byte[] Key, DateTimeOffset Finished)> _keys = new(StringComparer.Ordinal);
    private readonly List<SealedRecord> _records = [];
    private readonly Dictionary<string, KeptFigures> _figures = new(StringComparer.Ordinal);

    /// <summary>Everything stored, for tests that look at the raw bytes.</summary>
    public IReadOnlyList<SealedRecord> AllRecords => _records;

    public void SaveWrappedKey(string runId, byte[] wrappedKey, DateTimeOffset runFinishedAt)
    {
        if (!_keys.TryAdd(runId, (wrappedKey, runFinishedAt)))
        {
            throw new InvalidOperationException($"run {runId} has a data key already");
        }
    }

    public IReadOnlyList<PilotRun> Runs() => [.. _keys.Select(k => new PilotRun(k.Key, k.Value.Finished))];

    public byte[]? LoadWrappedKey(string runId) => _keys.TryGetValue(runId, out var key) ? key.Key : null;

    public bool DeleteWrappedKey(string runId) => _keys.Remove(runId);

    public void SaveRecord(SealedRecord record) => _records.Add(record);

    public void SaveRecords(IReadOnlyCollection<SealedRecord> records) => _records.AddRange(records);

    public void ReplaceRecords(IReadOnlyCollection<SealedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Any(r => !_records.Exists(s => Same(s, r))))
        {
            throw new InvalidOperationException("no such record");
        }

        foreach (var record in records)
        {
            ReplaceRecord(record);
        }
    }

    private static bool Same(SealedRecord a, SealedRecord b) => a.RunId == b.RunId && a.RecordId == b.RecordId && a.Category == b.Category;

    public void ReplaceRecord(SealedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var index = _records.FindIndex(r => Same(r, record));
        if (index < 0)
        {
            throw new InvalidOperationException("no such record");
        }

        _records[index] = record;
    }

    public IReadOnlyList<SealedRecord> Records(string runId, string category) => [.. _records.Where(r => r.RunId == runId && r.Category == category)];

    public int DeleteRecords(string runId) => _records.RemoveAll(r => r.RunId == runId);

    public void SaveFigures(KeptFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        _figures[figures.Counts.RunId] = figures;
    }

    public IReadOnlyList<KeptFigures> Figures() => [.. _figures.Values];
}
