using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Governance.Audit;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages.Audit;

/// <summary>The node's audit trail checked on request: in order, or the first broken entry and why. Counts and hashes only, so no personal data.</summary>
[Authorize(Roles = WebRoles.AuditCheck)]
public sealed class AuditModel : PageModel
{
    public string NodeId { get; private set; } = string.Empty;

    /// <summary>Null until the check ran (it reads the whole chain, so only on the button, not on every view).</summary>
    public AuditVerificationResult? Result { get; private set; }

    public IActionResult OnGet()
    {
        if (HttpContext.RequestServices.GetService(typeof(INodeAuditCheck)) is not INodeAuditCheck check)
        {
            return NotFound();
        }

        NodeId = check.NodeId;
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
        return Page();
    }
}
