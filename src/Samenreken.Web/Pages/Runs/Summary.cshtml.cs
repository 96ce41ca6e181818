using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages.Runs;

/// <summary>A completed run's selection in numbers: no names, no BSNs, so every SVB role may open it.</summary>
[Authorize(Roles = WebRoles.SvbAggregates)]
public sealed class SummaryModel : PageModel
{
    public SelectionSummary Summary { get; private set; } = null!;

    public IActionResult OnGet(string runId)
    {
        if (HttpContext.RequestServices.GetService(typeof(ISvbRunConsole)) is not ISvbRunConsole console || console.Summary(runId) is not { } summary)
        {
            return NotFound();
        }

        Summary = summary;
        return Page();
    }
}
