using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages;

/// <summary>The pilot store's retention status for the privacy officer: per run and category, until when it is kept, and what <c>samenreken retention enforce</c> will shred now. No personal data.</summary>
[Authorize(Roles = WebRoles.RetentionView)]
public sealed class RetentionModel : PageModel
{
    public IReadOnlyList<RetentionRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> Shredded { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (HttpContext.RequestServices.GetService(typeof(ISvbPilotDesk)) is not ISvbPilotDesk desk)
        {
            return NotFound();
        }

        (Rows, Shredded) = desk.Retention();
        return Page();
    }
}
