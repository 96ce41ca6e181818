using Microsoft.Extensions.Options;
using Samenreken.Governance.Audit;
using Samenreken.Nodes.Safeguards;
using Samenreken.Web.Runs;

namespace Samenreken.Nodes.Web;

/// <summary>The node's own audit trail for the audit page: its chain and its own checkpoints, checked with its audit public key (the .pub next to Node:AuditKeyFile).</summary>
internal sealed class NodeAuditCheck(string nodeId, IOptions<NodeOptions> options) : INodeAuditCheck
{
    public string NodeId => nodeId;

    public Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellation)
    {
        var node = options.Value;
        if (string.IsNullOrEmpty(node.AuditKeyFile))
        {
            throw new InvalidOperationException("Node:AuditKeyFile must name this node's audit signing key.");
        }

        return NodeAuditVerification.VerifyAsync(node.Database, nodeId, AuditKeyFiles.ReadPublicKey(AuditKeyFiles.PublicKeyPath(node.AuditKeyFile)), cancellationToken: cancellation);
    }
}
