using Samenreken.Governance.Audit;

namespace Samenreken.Web.Runs;

/// <summary>
/// The latest checkpoint of one node's chain that this node holds: signed by that node (this node's own, or the peer's
/// sent at the end of its run), with the head it vouches for and whether the signature checks under that node's audit key.
/// </summary>
public sealed record CheckpointView(string NodeId, bool FromPeer, int Held, long Sequence, DateTimeOffset At, string? RunId, string HeadHash, bool SignatureValid);

/// <summary>
/// A node's check of its own audit trail as stored (the chain in its database and the checkpoints it holds of itself),
/// and the checkpoints it holds of both chains, for the audit page. The node implements it; the checkpoints of this
/// node that the peer holds are in the peer's database and are checked by <c>samenreken audit verify --peer-database</c>.
/// </summary>
public interface INodeAuditCheck
{
    /// <summary>"svb" or "uwv": whose trail this is.</summary>
    string NodeId { get; }

    Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellation);

    /// <summary>Per node (this one first, then the peer), the latest checkpoint of its chain held here; a node without one is left out.</summary>
    Task<IReadOnlyList<CheckpointView>> CheckpointsAsync(CancellationToken cancellation);
}
