using Samenreken.Governance.Audit;

namespace Samenreken.Web.Runs;

/// <summary>
/// A node's check of its own audit trail as stored (the chain in its database and the checkpoints it holds of itself),
/// for the audit page. The node implements it; the checkpoints the peer holds are in the peer's database and are checked
/// by <c>samenreken audit verify --peer-database</c>.
/// </summary>
public interface INodeAuditCheck
{
    /// <summary>"svb" or "uwv": whose trail this is.</summary>
    string NodeId { get; }

    Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellation);
}
