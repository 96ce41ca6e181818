using System.Security.Cryptography;
using System.Text;
using Samenreken.Governance.Audit;
using Samenreken.Governance.Definition;

namespace Samenreken.Governance.PilotStore;

/// <summary>
/// The pilot store's rules (art. 2): personal records sealed with AES-GCM under a data key per run, data keys
/// wrapped by the <see cref="PilotStoreKey"/>; every access and change audited (who, what, why; counts only) before
/// it happens; writes refused after the horizon (the store stays encrypted and read-only, art. 7(2)); shredding a
/// run deletes its wrapped key, which makes its records unreadable for good.
/// </summary>
public sealed class PilotVault
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly IPilotStoreRepository _repository;
    private readonly PilotStoreKey _key;
    private readonly ProjectDefinition _definition;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;

    public PilotVault(IPilotStoreRepository repository, PilotStoreKey key, ProjectDefinition definition, AuditLog audit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        (_repository, _key, _definition, _audit, _time) = (repository, key, definition, audit, time);
    }

    /// <summary>The definition the vault enforces.</summary>
    public ProjectDefinition Definition => _definition;

    /// <summary>The runs with a data key (not yet shredded).</summary>
    public IReadOnlyList<PilotRun> Runs() => _repository.Runs();

    /// <summary>Whether a run has a data key: its records exist and open.</summary>
    public bool HasRun(string runId) => _repository.LoadWrappedKey(runId) is not null;

    /// <summary>The sealed records of a run's category as stored (metadata only is read: nothing is decrypted or audited).</summary>
    public IReadOnlyList<SealedRecord> SealedRecords(string runId, string category) => _repository.Records(runId, category);

    /// <summary>Anonymised figures of shredded runs.</summary>
    public IReadOnlyList<KeptFigures> KeptFigures() => _repository.Figures();

    /// <summary>Keeps a run's anonymised figures (before its records go).</summary>
    public void KeepFigures(KeptFigures figures) => _repository.SaveFigures(figures);

    /// <summary>Creates the run's data key (from the OS CSPRNG) and stores it wrapped, with the moment the run finished.</summary>
    public async ValueTask CreateRunAsync(string runId, DateTimeOffset runFinishedAt, string actor, CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        await _audit.AppendAsync(AuditRecord.Create(AuditKind.PilotStoreAccess, actor, runId, "create run data key"), cancellationToken).ConfigureAwait(false);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            _repository.SaveWrappedKey(runId, Encrypt(_key.Cipher(), dataKey, WrapContext(runId)), runFinishedAt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Seals records of one category for a run.</summary>
    public async ValueTask SealAsync(string runId, string category, IReadOnlyCollection<KeyValuePair<string, byte[]>> records, string actor, string why, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        EnsureWritable();
        await _audit.AppendAsync(AuditRecord.Create(AuditKind.PilotStoreAccess, actor, runId, $"write {category}: {why}", counts: [new("records", records.Count)]), cancellationToken).ConfigureAwait(false);
        using var cipher = DataKey(runId);
        _repository.SaveRecords([.. records.Select(r => Seal(cipher, runId, category, r.Key, r.Value))]);
    }

    /// <summary>Replaces records of one category together (e.g. the responses a bulk import changed): all or none.</summary>
    public async ValueTask ReplaceAllAsync(string runId, string category, IReadOnlyCollection<KeyValuePair<string, byte[]>> records, string actor, string why, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        EnsureWritable();
        await _audit.AppendAsync(AuditRecord.Create(AuditKind.PilotStoreAccess, actor, runId, $"update {category}: {why}", counts: [new("records", records.Count)]), cancellationToken).ConfigureAwait(false);
        using var cipher = DataKey(runId);
        _repository.ReplaceRecords([.. records.Select(r => Seal(cipher, runId, category, r.Key, r.Value))]);
    }

    /// <summary>Replaces one record (e.g. a response update).</summary>
    public async ValueTask ReplaceAsync(string runId, string category, string recordId, byte[] plaintext, string actor, string why, CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        await _audit.AppendAsync(AuditRecord.Create(AuditKind.PilotStoreAccess, actor, runId, $"update {category}: {why}", counts: [new("records", 1)]), cancellationToken).ConfigureAwait(false);
        using var cipher = DataKey(runId);
        _repository.ReplaceRecord(Seal(cipher, runId, category, recordId, plaintext));
    }

    /// <summary>Opens a run's records of one category; the access is audited first. Refused once the run was shredded.</summary>
    public async ValueTask<IReadOnlyList<KeyValuePair<string, byte[]>>> OpenAsync(string runId, string category, string actor, string why, CancellationToken cancellationToken = default)
    {
        var sealedRecords = _repository.Records(runId, category);
        await _audit.AppendAsync(AuditRecord.Create(AuditKind.PilotStoreAccess, actor, runId, $"read {category}: {why}", counts: [new("records", sealedRecords.Count)]), cancellationToken).ConfigureAwait(false);
        using var cipher = DataKey(runId);
        return [.. sealedRecords.Select(r => KeyValuePair.Create(r.RecordId, Open(cipher, r)))];
    }

    /// <summary>Destroys a run's records by deleting its wrapped data key (crypto-shredding), then tidies the ciphertexts.</summary>
    public async ValueTask<int> ShredAsync(string runId, string actor, string reason, CancellationToken cancellationToken = default)
    {
        await _audit.AppendAsync(AuditRecord.Create(AuditKind.RetentionAction, actor, runId, $"shred run data key: {reason}"), cancellationToken).ConfigureAwait(false);
        var hadKey = _repository.DeleteWrappedKey(runId);
        var removed = _repository.DeleteRecords(runId);
        return hadKey ? removed : 0;
    }

    /// <summary>Throws <see cref="GovernanceRefusal.ReadOnlyAfterHorizon"/> outside the project's horizon: check before preparing a change.</summary>
    public void EnsureWritable()
    {
        if (!_definition.IsWithinHorizon(_time.GetUtcNow()))
        {
            throw new GovernanceException(GovernanceRefusal.ReadOnlyAfterHorizon,
                $"Project '{_definition.Id}' is outside its horizon: the pilot store is read-only until its records are destroyed.");
        }
    }

    private AesGcm DataKey(string runId)
    {
        var wrapped = _repository.LoadWrappedKey(runId)
            ?? throw new GovernanceException(GovernanceRefusal.Destroyed, $"Run {runId} has no data key: its pilot records were destroyed or never existed.");
        var dataKey = Decrypt(_key.Cipher(), wrapped, WrapContext(runId));
        try
        {
            return new AesGcm(dataKey, TagBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private SealedRecord Seal(AesGcm cipher, string runId, string category, string recordId, byte[] plaintext)
    {
        var sealedBytes = Encrypt(cipher, plaintext, RecordContext(runId, category, recordId), dispose: false);
        return new SealedRecord(runId, recordId, category, _time.GetUtcNow(), sealedBytes[..NonceBytes], sealedBytes[NonceBytes..^TagBytes], sealedBytes[^TagBytes..]);
    }

    private static byte[] Open(AesGcm cipher, SealedRecord record) =>
        Decrypt(cipher, [.. record.Nonce, .. record.Ciphertext, .. record.Tag], RecordContext(record.RunId, record.Category, record.RecordId), dispose: false);

    // Associated data binds each ciphertext to its place: a record moved to another run, category or id fails to open.
    private static byte[] WrapContext(string runId) => Encoding.UTF8.GetBytes("samenreken-pilot-wrap-v1\0" + runId);

    private static byte[] RecordContext(string runId, string category, string recordId) =>
        Encoding.UTF8.GetBytes($"samenreken-pilot-record-v1\0{runId}\0{category}\0{recordId}");

    private static byte[] Encrypt(AesGcm cipher, ReadOnlySpan<byte> plaintext, byte[] context, bool dispose = true)
    {
        try
        {
            var output = new byte[NonceBytes + plaintext.Length + TagBytes];
            RandomNumberGenerator.Fill(output.AsSpan(0, NonceBytes));
            cipher.Encrypt(output.AsSpan(0, NonceBytes), plaintext, output.AsSpan(NonceBytes, plaintext.Length), output.AsSpan(NonceBytes + plaintext.Length), context);
            return output;
        }
        finally
        {
            if (dispose)
            {
                cipher.Dispose();
            }
        }
    }

    private static byte[] Decrypt(AesGcm cipher, byte[] sealedBytes, byte[] context, bool dispose = true)
    {
        try
        {
            var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
            cipher.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plaintext.Length), sealedBytes.AsSpan(sealedBytes.Length - TagBytes), plaintext, context);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new GovernanceException(GovernanceRefusal.Destroyed, "A pilot record or data key failed authentication: it was altered, moved or sealed under another key.", innerException: e);
        }
        finally
        {
            if (dispose)
            {
                cipher.Dispose();
            }
        }
    }
}
