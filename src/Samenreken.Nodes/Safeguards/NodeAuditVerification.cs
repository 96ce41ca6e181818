using Samenreken.Governance.Audit;
using Samenreken.Storage;

namespace Samenreken.Nodes.Safeguards;

/// <summary>
/// Verifies one node's audit trail as stored: its chain in its own database, the checkpoints it kept of itself, and,
/// what an operator of that node cannot rewrite, the checkpoints of it that the peer holds in the peer's database.
/// Used by <c>samenreken audit verify</c> and at the end of <c>samenreken demo</c>.
/// </summary>
public static class NodeAuditVerification
{
    /// <summary>
    /// The chain of <paramref name="nodeId"/> in <paramref name="database"/> against <paramref name="nodeKey"/> (its
    /// audit public key), with the checkpoints held there and, when given, in <paramref name="peerDatabase"/> under
    /// <paramref name="peerId"/>'s tables.
    /// </summary>
    public static async Task<AuditVerificationResult> VerifyAsync(
        string database, string nodeId, AuditVerificationKey nodeKey, string? peerDatabase = null, string? peerId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        ArgumentNullException.ThrowIfNull(nodeKey);
        var store = DatabaseAuditStore.Open(database, nodeId);
        var checkpoints = new List<AuditCheckpoint>(await store.ReadCheckpointsAsync(nodeId, cancellationToken).ConfigureAwait(false));
        if (peerDatabase is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(peerId);
            var peer = DatabaseAuditStore.Open(peerDatabase, peerId);
            checkpoints.AddRange(await peer.ReadCheckpointsAsync(nodeId, cancellationToken).ConfigureAwait(false));
        }

        return await AuditVerifier.VerifyAsync(store.ReadAllAsync(cancellationToken), nodeId, nodeKey, checkpoints, cancellationToken).ConfigureAwait(false);
    }
}
