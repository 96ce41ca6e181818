using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Governance.Audit;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages.Audit;

/// <summary>
/// The node's audit trail checked on request: in order, or the first broken entry and why; and the latest checkpoint of
/// each chain held here, the peer's signed by the peer (the cross-signing). Counts and hashes only, so no personal data.
/// </summary>
[Authorize(Roles = WebRoles.AuditCheck)]
public sealed class AuditModel : PageModel
{
    public string NodeId { get; private set; } = string.Empty;

    /// <summary>Null until the check ran (it reads the whole chain, so only on the button, not on every view).</summary>
    public AuditVerificationResult? Result { get; private set; }

    /// <summary>The latest checkpoint of each chain this node holds: its own, and the one the peer signed and sent.</summary>
    public IReadOnlyList<CheckpointView> Checkpoints { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation)
    {
        if (HttpContext.RequestServices.GetService(typeof(INodeAuditCheck)) is not INodeAuditCheck check)
        {
            return NotFound();
        }

        NodeId = check.NodeId;
        Checkpoints = await check.CheckpointsAsync(cancellation).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellation)
    {
        if (HttpContext.RequestServices.GetService(typeof(INodeAuditCheck)) is not INodeAuditCheck check)
        {
            return NotFound();
        }

        NodeId = check.NodeId;
        Result = await check.VerifyAsync(cancellation).ConfigureAwait(false);
        Checkpoints = await check.CheckpointsAsync(cancellation).ConfigureAwait(false);
        return Page();
    }
}
