namespace Samenreken.Governance.PilotStore;

/// <summary>A sealed record as stored: AES-GCM ciphertext under its run's data key, with the metadata needed to find it.</summary>
public sealed record SealedRecord(string RunId, string RecordId, string Category, DateTimeOffset CreatedAt, byte[] Nonce, byte[] Ciphertext, byte[] Tag);

/// <summary>
/// The pilot store's own database (never the population store): wrapped data keys and sealed records. The nodes
/// implement it on SQLite or PostgreSQL; <see cref="InMemoryPilotStoreRepository"/> serves tests. Deleting a run's
/// wrapped key is what destroys its records.
/// </summary>
public interface IPilotStoreRepository
{
    void SaveWrappedKey(string runId, byte[] wrappedKey);

    byte[]? LoadWrappedKey(string runId);

    /// <summary>Deletes the wrapped key; true when there was one.</summary>
    bool DeleteWrappedKey(string runId);

    void SaveRecord(SealedRecord record);

    /// <summary>Replaces a record (same run and record id), e.g. a response update.</summary>
    void ReplaceRecord(SealedRecord record);

    IReadOnlyList<SealedRecord> Records(string runId, string category);

    /// <summary>Removes the ciphertexts of a shredded run (optional tidying: without the key they are unreadable anyway).</summary>
    int DeleteRecords(string runId);
}

/// <summary>An <see cref="IPilotStoreRepository"/> in memory, for tests.</summary>
public sealed class InMemoryPilotStoreRepository : IPilotStoreRepository
{
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly List<SealedRecord> _records = [];

    /// <summary>Everything stored, for tests that look at the raw bytes.</summary>
    public IReadOnlyList<SealedRecord> AllRecords => _records;

    public void SaveWrappedKey(string runId, byte[] wrappedKey)
    {
        if (!_keys.TryAdd(runId, wrappedKey))
        {
            throw new InvalidOperationException($"run {runId} has a data key already");
        }
    }

    public byte[]? LoadWrappedKey(string runId) => _keys.GetValueOrDefault(runId);

    public bool DeleteWrappedKey(string runId) => _keys.Remove(runId);

    public void SaveRecord(SealedRecord record) => _records.Add(record);

    public void ReplaceRecord(SealedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var index = _records.FindIndex(r => r.RunId == record.RunId && r.RecordId == record.RecordId && r.Category == record.Category);
        if (index < 0)
        {
            throw new InvalidOperationException("no such record");
        }

        _records[index] = record;
    }

    public IReadOnlyList<SealedRecord> Records(string runId, string category) => [.. _records.Where(r => r.RunId == runId && r.Category == category)];

    public int DeleteRecords(string runId) => _records.RemoveAll(r => r.RunId == runId);
}
