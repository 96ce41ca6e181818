using Microsoft.Extensions.Options;
using Samenreken.Governance.Audit;
using Samenreken.Nodes.Safeguards;
using Samenreken.Storage;
using Samenreken.Web.Runs;

namespace Samenreken.Nodes.Web;

/// <summary>
/// The node's own audit trail for the audit page: its chain and its own checkpoints, checked with its audit public key
/// (the .pub next to Node:AuditKeyFile); and the checkpoints it holds of both chains, the peer's checked with the
/// peer's audit public key (Node:PeerAuditKeyFile), which the node also checked when it accepted them.
/// </summary>
internal sealed class NodeAuditCheck(string nodeId, string peerId, IOptions<NodeOptions> options) : INodeAuditCheck
{
    public string NodeId => nodeId;

    public Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellation)
        => NodeAuditVerification.VerifyAsync(options.Value.Database, nodeId, OwnKey(), cancellationToken: cancellation);

    public async Task<IReadOnlyList<CheckpointView>> CheckpointsAsync(CancellationToken cancellation)
    {
        var node = options.Value;
        var store = DatabaseAuditStore.Open(node.Database, nodeId);
        var views = new List<CheckpointView>();
        foreach (var (id, fromPeer) in new[] { (nodeId, false), (peerId, true) })
        {
            var held = await store.ReadCheckpointsAsync(id, cancellation).ConfigureAwait(false);
            if (held.Count == 0)
            {
                continue;
            }

            var key = fromPeer
                ? string.IsNullOrEmpty(node.PeerAuditKeyFile) ? null : AuditKeyFiles.ReadPublicKey(node.PeerAuditKeyFile)
                : OwnKey();
            var latest = held.MaxBy(c => (c.Sequence, c.Time))!;
            views.Add(new CheckpointView(id, fromPeer, held.Count, latest.Sequence, latest.Time, latest.RunId,
                Convert.ToHexStringLower(latest.HeadHash.AsSpan()), key is not null && latest.HasValidSignature(key)));
        }

        return views;
    }

    private AuditVerificationKey OwnKey()
    {
        var file = options.Value.AuditKeyFile;
        if (string.IsNullOrEmpty(file))
        {
            throw new InvalidOperationException("Node:AuditKeyFile must name this node's audit signing key.");
        }

        return AuditKeyFiles.ReadPublicKey(AuditKeyFiles.PublicKeyPath(file));
    }
}
