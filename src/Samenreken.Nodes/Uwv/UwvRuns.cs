using System.Collections.Concurrent;
using System.Security.Cryptography;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Governance;
using Samenreken.Governance.Audit;
using Samenreken.Governance.Definition;
using Samenreken.Nodes.Safeguards;
using Samenreken.Nodes.Wire;
using Samenreken.Protocols;
using Samenreken.Protocols.FileComparison;
using Samenreken.Protocols.FileComparison.Wire;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Storage;

namespace Samenreken.Nodes.Uwv;

/// <summary>
/// UWV's side of a run, behind the gRPC service: records SVB's announcement and enforces it (at most the announced
/// persons and comparisons, each chunk and each batch round of the plan once), stores every reply before it leaves and
/// answers a repeated request from the store, and counts what it served per run. The protocol itself stays in the
/// sans-I/O <see cref="UwvIncomeEncryptor"/> and <see cref="ComparisonKeyHolder"/>; this class only moves their
/// messages. Every refusal is a <see cref="ProtocolException"/>, and a refused request stores nothing.
/// </summary>
public sealed class UwvRuns : IDisposable
{
    /// <summary>The largest chunk UWV accepts: 2048 persons × two ciphertexts of 768 bytes (3072 bits) are 3.1 MB, under gRPC's 4 MB.</summary>
    public const int MaxChunkSize = 2048;

    /// <summary>The largest batch UWV accepts (the message size limit bounds it further: SvbOptions.BatchSize).</summary>
    public const int MaxBatchSize = 1024;

    private readonly UwvStore _store;
    private readonly UwvKeys _keys;
    private readonly UwvIncomeEncryptor _encryptor;
    private readonly int _maxPersons;
    private readonly ILogger _log;
    private readonly NodeSafeguards _safeguards;
    private readonly byte[] _paillierKeyId;
    private readonly byte[] _dgkKeyId;
    private readonly ConcurrentDictionary<(string, ReplyKind, uint), SemaphoreSlim> _gates = new();
    private readonly Lock _encryptorLock = new();

    // The engine sessions and key holders of batches in progress; after a restart resumed from the store.
    private readonly UwvComparisons _comparisons;
    private readonly NodeSeal _seal;

    public UwvRuns(UwvStore store, UwvKeys keys, (Dictionary<string, IncomeParts> AtAowAge, Dictionary<string, IncomeParts> BelowAowAge) parts, int maxPersons, ILogger<UwvRuns> log, NodeSeal seal, NodeSafeguards safeguards)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(seal);
        ArgumentNullException.ThrowIfNull(safeguards);
        _safeguards = safeguards;
        _comparisons = new UwvComparisons(keys, store, seal);
        _seal = seal;
        _store = store;
        _keys = keys;
        _maxPersons = maxPersons;
        _log = log;
        _encryptor = new UwvIncomeEncryptor(
            keys.Paillier.PublicKey, parts.AtAowAge, parts.BelowAowAge, Pilot.PilotParties.MaxPartCents, Pilot.PilotParties.MaxSupplementCents, RandomSource.Secure, MaxChunkSize);
        _paillierKeyId = KeyFingerprint.Of(keys.Paillier.PublicKey);
        _dgkKeyId = KeyFingerprint.Of(keys.Dgk.PublicKey);
    }

    public PublicKeys PublicKeys() => new()
    {
        Paillier = ByteString.CopyFrom(_keys.Paillier.PublicKey.Export()),
        Dgk = ByteString.CopyFrom(_keys.Dgk.PublicKey.Export()),
    };

    public async Task<AnnouncementReceipt> AnnounceAsync(RunAnnouncement announcement, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        RequireRunId(announcement.RunId);
        if (announcement.Persons < 1 || announcement.Persons > _maxPersons)
        {
            throw new ProtocolException(ProtocolFailure.BatchTooLarge, $"A run of {announcement.Persons} persons is outside [1, {_maxPersons}].");
        }

        // Padded, the comparisons equal the persons (every household has a member of its own): more would let SVB ask
        // for decryptions beyond what the persons justify.
        if (announcement.Comparisons < 1 || announcement.Comparisons > announcement.Persons)
        {
            throw new ProtocolException(ProtocolFailure.OutOfRange, $"{announcement.Comparisons} comparisons for {announcement.Persons} persons: at most one per person.");
        }

        if (announcement.ChunkSize is < 1 or > MaxChunkSize || announcement.BatchSize is < 1 or > MaxBatchSize)
        {
            throw new ProtocolException(ProtocolFailure.BatchTooLarge, $"Chunks hold 1 to {MaxChunkSize} persons and batches 1 to {MaxBatchSize} comparisons.");
        }

        if (!announcement.PaillierKeyId.Span.SequenceEqual(_paillierKeyId) || !announcement.DgkKeyId.Span.SequenceEqual(_dgkKeyId))
        {
            throw new ProtocolException(ProtocolFailure.ParameterMismatch, "The run names other keys than this node's.");
        }

        // Then the project definition: no run under another definition than this node's, none after its horizon.
        var definition = await _safeguards.CheckAsync(announcement.RunId, () =>
        {
            var configured = _safeguards.RequireRunMayStart();
            configured.EnsureSameAs(ProjectDefinitionHash.TryParse(announcement.ProjectDefinitionHash, out var announced)
                ? announced!
                : throw new GovernanceException(GovernanceRefusal.DefinitionMismatch, "The run announces no project definition hash; this node serves runs under its configured definition only."));
            var engine = UwvComparisons.EngineOf(announcement);
            if (engine != NodeEngines.Choose(null, configured.Crypto.ComparisonEngine))
            {
                throw new GovernanceException(GovernanceRefusal.DefinitionMismatch, $"The run announces the {announcement.Engine} comparison engine; the project definition names another.");
            }

            return configured;
        }, cancellation).ConfigureAwait(false);

        var earlier = _store.FindAnnouncement(announcement.RunId);
        if (earlier is not null && !earlier.AsSpan().SequenceEqual(announcement.ToByteArray()))
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, "This run id was announced before with another plan.");
        }

        var receipt = Receipt(announcement);
        await _safeguards.RecordAsync(
            earlier is null ? AuditKind.RunAnnounced : AuditKind.RunResumed,
            announcement.RunId,
            earlier is null ? "run announced by SVB" : "run announced again (SVB resumes)",
            counts: [new("persons", announcement.Persons), new("comparisons", announcement.Comparisons), new("chunks", receipt.ChunkCount), new("batches", receipt.BatchCount)],
            hashes: [new(NodeSafeguards.DefinitionHashName, definition.Hash.Hex)],
            cancellationToken: cancellation).ConfigureAwait(false);
        var stored = _store.Announce(announcement.RunId, announcement.ToByteArray());
        if (!stored.AsSpan().SequenceEqual(announcement.ToByteArray()))
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, "This run id was announced before with another plan.");
        }

        NodeLog.RunAnnounced(_log, announcement.RunId, announcement.Persons, announcement.Comparisons, (int)receipt.ChunkCount, (int)receipt.BatchCount);
        return receipt;
    }

    public async Task<Payload> EncryptIncomesAsync(IncomeChunk chunk, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var plan = OpenRun(chunk.RunId);
        var receipt = Receipt(plan);
        if (chunk.Chunk >= receipt.ChunkCount)
        {
            throw new ProtocolException(ProtocolFailure.OutOfRange, $"Chunk {chunk.Chunk} is outside the plan of {receipt.ChunkCount} chunks.");
        }

        var gate = _gates.GetOrAdd((chunk.RunId, ReplyKind.Income, chunk.Chunk), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            return await EncryptAsync(chunk, plan, cancellation).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Payload> EncryptAsync(IncomeChunk chunk, RunAnnouncement plan, CancellationToken cancellation)
    {
        var hash = SHA256.HashData(chunk.Request.Span);
        if (await ReplayAsync(chunk.RunId, ReplyKind.Income, chunk.Chunk, 0, hash, cancellation).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var request = Parse(IncomeRequest.Parser, chunk.Request, "income request");
        var expected = Math.Min(plan.ChunkSize, plan.Persons - (chunk.Chunk * plan.ChunkSize));
        if (request.PersonIds.Count != expected)
        {
            throw new ProtocolException(ProtocolFailure.WrongBatchLength, $"Chunk {chunk.Chunk} holds {request.PersonIds.Count} persons; the plan says {expected}.");
        }

        if (request.PersonIds.Any(id => !Domain.Bsn.TryParse(id, out _)))
        {
            throw new ProtocolException(ProtocolFailure.MalformedMessage, "A person id is not a valid BSN.");
        }

        // Only the fields the definition lists for SVB to UWV (art. 5b: BSNs and the AOW-age indication).
        await _safeguards.EnsureSvbMayShareAsync(chunk.RunId, request, cancellation).ConfigureAwait(false);

        IncomeResponse response;
        long unknown;
        lock (_encryptorLock)
        {
            var before = _encryptor.UnknownPersonsServed;
            response = _encryptor.Answer(request);
            unknown = _encryptor.UnknownPersonsServed - before;
        }

        // Recorded before the reply is stored and sent: a failed audit write sends nothing. Not cancelled by the
        // caller from here on: a request answered but not stored could never be answered again (its id is spent).
        await _safeguards.RecordAsync(
            AuditKind.CiphertextsServed,
            chunk.RunId,
            "income chunk encrypted",
            counts: [new("chunk", chunk.Chunk), new("persons", request.PersonIds.Count), new("ciphertexts", 2L * response.Count), new("unknown_to_polis", unknown)],
            hashes: [new("bsn_batch", BsnBatchHash.Of(request.RequestId.Span, request.PersonIds.Select(Domain.Bsn.Parse)))],
            cancellationToken: CancellationToken.None).ConfigureAwait(false);
        var reply = response.ToByteArray();
        if (!_store.SaveReply(chunk.RunId, ReplyKind.Income, chunk.Chunk, 0, hash, reply, null, request.PersonIds.Count, 0, 0))
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, "This chunk was answered already.");
        }

        NodeLog.ChunkServed(_log, chunk.RunId, chunk.Chunk, request.PersonIds.Count, unknown);
        return new Payload { Message = UnsafeByteOperations.UnsafeWrap(reply) };
    }

    public async Task<Payload> CompareAsync(ComparisonStep step, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(step);
        var plan = OpenRun(step.RunId);
        var receipt = Receipt(plan);
        if (step.Batch >= receipt.BatchCount)
        {
            throw new ProtocolException(ProtocolFailure.OutOfRange, $"Batch {step.Batch} is outside the plan of {receipt.BatchCount} batches.");
        }

        var engine = UwvComparisons.EngineOf(plan);
        UwvComparisons.CheckRound(engine, step);
        var kind = step.Round == 0 ? ReplyKind.EngineSession : ReplyKind.Comparison;
        var gate = _gates.GetOrAdd((step.RunId, ReplyKind.Comparison, step.Batch), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            var hash = SHA256.HashData(step.Message.Span);
            if (await ReplayAsync(step.RunId, kind, step.Batch, (int)step.Round, hash, cancellation).ConfigureAwait(false) is { } replay)
            {
                return replay;
            }

            var message = Parse(EngineMessage.Parser, step.Message, "comparison message");
            var size = (int)Math.Min(plan.BatchSize, plan.Comparisons - (step.Batch * plan.BatchSize));
            var served = _comparisons.Serve(plan, step, message, size);

            // Not cancelled by the caller once served: the round's state has moved on, so it must be stored to be replayed.
            await _safeguards.RecordAsync(
                AuditKind.DecryptionsServed,
                step.RunId,
                "comparison round answered",
                counts: [new("batch", step.Batch), new("round", step.Round), new("decryptions", served.Decryptions), new("zero_tests", served.ZeroTests)],
                cancellationToken: CancellationToken.None).ConfigureAwait(false);
            if (!_store.SaveReply(step.RunId, served.Kind, step.Batch, (int)step.Round, hash, served.Reply, served.State, 0, served.Decryptions, served.ZeroTests))
            {
                throw new ProtocolException(ProtocolFailure.UnexpectedMessage, "This round was answered already.");
            }

            NodeLog.RoundServed(_log, step.RunId, step.Batch, step.Round, served.Decryptions, served.ZeroTests);
            return new Payload { Message = UnsafeByteOperations.UnsafeWrap(served.Reply) };
        }
        catch
        {
            // Whatever failed after the key holder moved on (the audit write, the store), the round was not answered:
            // the holder goes back to its stored state, so the same request can be asked again.
            _comparisons.Forget(step);
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Zeroes the node key that seals the runs' engine sessions.</summary>
    public void Dispose() => _seal.Dispose();

    public async Task<RunCounts> FinishRunAsync(RunRef run, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(run);
        RequireRunId(run.RunId);
        if (_store.FindAnnouncement(run.RunId) is null)
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, "No such run.");
        }

        var counts = Counts(run.RunId);
        await _safeguards.RecordAsync(
            AuditKind.RunFinished,
            run.RunId,
            "run closed by SVB",
            counts: [new("persons_served", (long)counts.PersonsServed), new("decryptions", (long)counts.Decryptions), new("zero_tests", (long)counts.ZeroTests), new("replies_replayed", (long)counts.RepliesReplayed)],
            cancellationToken: cancellation).ConfigureAwait(false);
        _store.Complete(run.RunId);

        // Art. 7: a finished run's protocol state (stored replies, key-holder states, the session's sealed secrets) is
        // no longer needed (anything for the run is refused from now on) and goes now; announcement and counts stay.
        await _safeguards.RecordAsync(
            AuditKind.RetentionAction,
            run.RunId,
            "protocol state destroyed after the run",
            counts: [new("rows_before", _store.ProtocolStateRows(run.RunId))],
            cancellationToken: cancellation).ConfigureAwait(false);
        _store.DestroyProtocolState(run.RunId);
        _comparisons.ForgetRun(run.RunId);
        NodeLog.RunFinished(_log, run.RunId, (long)counts.PersonsServed, (long)counts.Decryptions, (long)counts.ZeroTests, (long)counts.RepliesReplayed);
        return counts;
    }

    /// <summary>Whether a key holder of <paramref name="runId"/> is live in memory (none is once the run is finished).</summary>
    internal bool HoldsKeyHolderOf(string runId) => _comparisons.HoldsKeyHolderOf(runId);

    public RunCounts Counts(string runId)
    {
        var counts = _store.Counts(runId);
        return new RunCounts
        {
            PersonsServed = (ulong)counts.PersonsServed,
            Decryptions = (ulong)counts.Decryptions,
            ZeroTests = (ulong)counts.ZeroTests,
            RepliesStored = (ulong)counts.RepliesStored,
            RepliesReplayed = (ulong)counts.RepliesReplayed,
        };
    }

    internal static AnnouncementReceipt Receipt(RunAnnouncement plan) => new()
    {
        ChunkCount = (plan.Persons + plan.ChunkSize - 1) / plan.ChunkSize,
        BatchCount = (plan.Comparisons + plan.BatchSize - 1) / plan.BatchSize,
    };

    private RunAnnouncement OpenRun(string runId)
    {
        RequireRunId(runId);
        var stored = _store.FindAnnouncement(runId) ?? throw new ProtocolException(ProtocolFailure.WrongSession, "No such run: a run is announced first.");
        if (_store.IsCompleted(runId))
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, "This run is finished; a message for it is refused.");
        }

        return RunAnnouncement.Parser.ParseFrom(stored);
    }

    /// <summary>The stored reply when this exact request was answered before; a different request for an answered slot is refused.</summary>
    private async Task<Payload?> ReplayAsync(string runId, ReplyKind kind, uint item, int round, byte[] hash, CancellationToken cancellation)
    {
        var stored = _store.FindReply(runId, kind, item, round);
        if (stored is null)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(stored.RequestHash, hash))
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, $"{kind} {item} round {round} was answered for another request; it is answered once.");
        }

        // A stored reply leaves again: recorded, without new decryptions (none were made).
        await _safeguards.RecordAsync(
            kind == ReplyKind.Income ? AuditKind.CiphertextsServed : AuditKind.DecryptionsServed,
            runId,
            "answered again from the store",
            counts: [new(kind == ReplyKind.Income ? "chunk" : "batch", item), new("round", round), new("replayed", 1)],
            cancellationToken: cancellation).ConfigureAwait(false);
        _store.CountReplay(runId);
        NodeLog.Replayed(_log, runId, kind.ToString(), item, (uint)round);
        return new Payload { Message = UnsafeByteOperations.UnsafeWrap(stored.Reply), Replayed = true };
    }

    private static T Parse<T>(MessageParser<T> parser, ByteString bytes, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ProtocolException(ProtocolFailure.MalformedMessage, $"The {what} does not parse: {e.Message}");
        }
    }

    private static void RequireRunId(string runId)
    {
        if (runId.Length != 32 || !runId.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)))
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, "A run id is 32 lowercase hex digits.");
        }
    }
}
