using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Governance.Retention;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages;

/// <summary>
/// The pilot store's retention status for the privacy officer: per run and category, until when it is kept, and what
/// <c>samenreken retention enforce</c> will shred now; the privacy officer confirms and the page runs that enforcement. No personal data.
/// </summary>
[Authorize(Roles = WebRoles.RetentionView)]
public sealed class RetentionModel : PageModel
{
    public IReadOnlyList<RetentionRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> Shredded { get; private set; } = [];

    /// <summary>The runs that enforcement would shred now: those with a category past its term.</summary>
    public IReadOnlyList<string> DueRuns => [.. Rows.Where(r => r.DueNow).Select(r => r.RunId).Distinct(StringComparer.Ordinal)];

    /// <summary>Only the privacy officer enforces; the other roles see what is due.</summary>
    public bool MayEnforce => User.IsInRole(WebRoles.PrivacyOfficer);

    /// <summary>What the enforcement just did; null before it ran.</summary>
    public IReadOnlyList<ShreddedRun>? Enforced { get; private set; }

    public IActionResult OnGet()
    {
        if (Desk() is not { } desk)
        {
            return NotFound();
        }

        (Rows, Shredded) = desk.Retention();
        return Page();
    }

    /// <summary>Shreds what is due now, as <c>samenreken retention enforce</c> does, and shows what it did.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellation)
    {
        if (!MayEnforce)
        {
            return Forbid();
        }

        if (Desk() is not { } desk)
        {
            return NotFound();
        }

        Enforced = await desk.EnforceRetentionAsync(User.Identity!.Name!, cancellation).ConfigureAwait(false);
        (Rows, Shredded) = desk.Retention();
        return Page();
    }

    private ISvbPilotDesk? Desk() => HttpContext.RequestServices.GetService(typeof(ISvbPilotDesk)) as ISvbPilotDesk;
}
