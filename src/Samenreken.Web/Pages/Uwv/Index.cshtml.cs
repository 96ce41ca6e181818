using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Governance.Audit;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages.Uwv;

/// <summary>UWV's read-only operator view: the runs SVB announced and the counts UWV served.</summary>
[Authorize(Roles = WebRoles.UwvView)]
public sealed class UwvModel : PageModel
{
    public IReadOnlyList<UwvRunListing> Runs { get; private set; } = [];

    /// <summary>UWV's own audit chain as stored now (null when the node has no audit check).</summary>
    public AuditVerificationResult? Audit { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation)
    {
        if (HttpContext.RequestServices.GetService(typeof(IUwvOperatorView)) is not IUwvOperatorView view)
        {
            return NotFound();
        }

        Runs = view.Runs();
        if (HttpContext.RequestServices.GetService(typeof(INodeAuditCheck)) is INodeAuditCheck check)
        {
            Audit = await check.VerifyAsync(cancellation).ConfigureAwait(false);
        }

        return Page();
    }
}
