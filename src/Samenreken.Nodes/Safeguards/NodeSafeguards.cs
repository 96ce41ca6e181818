using Google.Protobuf;
using Microsoft.Extensions.Options;
using Samenreken.Governance;
using Samenreken.Governance.Audit;
using Samenreken.Governance.Definition;
using Samenreken.Nodes.Wire;
using Samenreken.Protocols;
using Samenreken.Protocols.FileComparison.Wire;

namespace Samenreken.Nodes.Safeguards;

/// <summary>
/// A node's safeguards, in one place for both hosts: the project definition it is configured with (loaded once from
/// <see cref="NodeOptions.Project"/>), its audit log in its own database, its audit signing key and the peer's public
/// key for the checkpoints they exchange. A refusal is recorded in the audit log before it is thrown; a failed audit
/// write throws, so the action it was to record does not happen.
/// </summary>
public sealed class NodeSafeguards : IDisposable
{
    private readonly NodeOptions _options;
    private readonly AuditLog _audit;
    private readonly Lazy<AuditSigningKey> _signingKey;
    private readonly Lock _lock = new();
    private (ProjectDefinition? Definition, GovernanceException? Refusal)? _project;
    private AuditVerificationKey? _peerKey;

    public NodeSafeguards(string nodeId, string peerId, IOptions<NodeOptions> options, IAuditStore store, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentException.ThrowIfNullOrWhiteSpace(peerId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        NodeId = nodeId;
        PeerId = peerId;
        Time = time;
        _audit = new AuditLog(store, nodeId, time);
        _signingKey = new(() => AuditKeyFiles.LoadOrCreate(_options.AuditKeyFile is { Length: > 0 } path
            ? path
            : throw new InvalidOperationException("Node:AuditKeyFile must name this node's audit signing key.")));
    }

    public string NodeId { get; }

    public string PeerId { get; }

    public TimeProvider Time { get; }

    /// <summary>This node's audit writer, for what else the node records in the same chain (the pilot store's vault and the pilot pages record every access in it).</summary>
    public AuditLog Audit => _audit;

    /// <summary>The project definition, or a <see cref="GovernanceRefusal.InvalidDefinition"/> refusal when none valid is configured.</summary>
    public ProjectDefinition Definition()
    {
        lock (_lock)
        {
            _project ??= Load(_options.Project);
        }

        return _project.Value.Definition ?? throw _project.Value.Refusal!;
    }

    /// <summary>The definition, refused when runs may not start under it now (before its effective date, after its horizon).</summary>
    public ProjectDefinition RequireRunMayStart()
    {
        var definition = Definition();
        definition.EnsureRunMayStart(Time);
        return definition;
    }

    /// <summary>Appends one entry to this node's chain; throws when the store fails.</summary>
    public ValueTask<AuditEntry> RecordAsync(
        AuditKind kind,
        string? runId,
        string? detail = null,
        IEnumerable<KeyValuePair<string, long>>? counts = null,
        IEnumerable<KeyValuePair<string, string>>? hashes = null,
        CancellationToken cancellationToken = default)
        => _audit.AppendAsync(AuditRecord.Create(kind, NodeId, runId, detail, counts, hashes), cancellationToken);

    /// <summary>Runs <paramref name="check"/>; a refusal is recorded (<see cref="AuditKind.RunRefused"/>, with the reason code) and rethrown.</summary>
    public async ValueTask<T> CheckAsync<T>(string? runId, Func<T> check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        try
        {
            return check();
        }
        catch (GovernanceException refusal)
        {
            var hash = _project?.Definition?.Hash.Hex;
            await RecordAsync(AuditKind.RunRefused, runId, $"refused: {refusal.Refusal}", hashes: hash is null ? null : [new(DefinitionHashName, hash)], cancellationToken: cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Refuses (and records) an income chunk carrying a field the definition does not list for SVB to UWV (art. 5b:
    /// the BSNs and the AOW-age indication). Both nodes check it, SVB before sending and UWV on receipt.
    /// </summary>
    public async ValueTask EnsureSvbMayShareAsync(string runId, IncomeRequest request, CancellationToken cancellationToken = default)
    {
        var fields = SharedFields.Of(request);
        await CheckAsync(runId, () =>
        {
            Definition().EnsureMayShare(SharedFields.Svb, SharedFields.Uwv, fields);
            return fields;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The name under which entries record the project definition's hash.</summary>
    public const string DefinitionHashName = "project_definition";

    /// <summary>Signs this node's chain head, keeps the checkpoint and returns it for the peer.</summary>
    public async ValueTask<ChainCheckpoint> CheckpointAsync(string? runId, CancellationToken cancellationToken = default)
    {
        var checkpoint = await _audit.CheckpointAsync(_signingKey.Value, runId, cancellationToken).ConfigureAwait(false);
        return new ChainCheckpoint
        {
            NodeId = checkpoint.NodeId,
            Sequence = (ulong)checkpoint.Sequence,
            HeadHash = ByteString.CopyFrom(checkpoint.HeadHash.AsSpan()),
            TimeUnixMs = checkpoint.Time.ToUnixTimeMilliseconds(),
            RunId = checkpoint.RunId ?? string.Empty,
            Signature = ByteString.CopyFrom(checkpoint.Signature.AsSpan()),
        };
    }

    /// <summary>Checks a checkpoint the peer sent (its id, shape and signature; no contradiction with one held) and keeps it.</summary>
    public async ValueTask AcceptPeerAsync(ChainCheckpoint message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.NodeId != PeerId || message.Sequence > long.MaxValue || message.HeadHash.Length != 32 || message.Signature.Length != 64
            || (message.RunId.Length > 0 && (message.RunId.Length != 32 || !message.RunId.All(char.IsAsciiHexDigitLower))))
        {
            throw new ProtocolException(ProtocolFailure.MalformedMessage, $"An audit checkpoint from {PeerId} has a 32-byte head, a 64-byte signature, its node id and a run id of 32 hex digits.");
        }

        var checkpoint = new AuditCheckpoint(
            message.NodeId, (long)message.Sequence, [.. message.HeadHash.Span], DateTimeOffset.FromUnixTimeMilliseconds(message.TimeUnixMs), message.RunId.Length == 0 ? null : message.RunId, [.. message.Signature.Span]);
        try
        {
            await _audit.AcceptPeerCheckpointAsync(checkpoint, PeerKey(), cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new ProtocolException(ProtocolFailure.ParameterMismatch, e.Message);
        }
    }

    public void Dispose()
    {
        _audit.Dispose();
        if (_signingKey.IsValueCreated)
        {
            _signingKey.Value.Dispose();
        }
    }

    private AuditVerificationKey PeerKey()
    {
        lock (_lock)
        {
            if (_peerKey is null)
            {
                if (string.IsNullOrEmpty(_options.PeerAuditKeyFile) || !File.Exists(_options.PeerAuditKeyFile))
                {
                    throw new ProtocolException(ProtocolFailure.ParameterMismatch, $"This node has no audit public key of {PeerId} (Node:PeerAuditKeyFile) to check its checkpoint.");
                }

                _peerKey = AuditKeyFiles.ReadPublicKey(_options.PeerAuditKeyFile);
            }

            return _peerKey;
        }
    }

    private static (ProjectDefinition?, GovernanceException?) Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return (null, new GovernanceException(GovernanceRefusal.InvalidDefinition, "No project definition is configured (Node:Project); no run starts without one."));
        }

        if (!File.Exists(path))
        {
            return (null, new GovernanceException(GovernanceRefusal.InvalidDefinition, $"The project definition {path} does not exist; no run starts without one."));
        }

        try
        {
            return (ProjectDefinition.Parse(File.ReadAllText(path)), null);
        }
        catch (GovernanceException refusal)
        {
            return (null, refusal);
        }
    }
}
