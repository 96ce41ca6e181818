using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages.Runs;

/// <summary>SVB's dashboard: the run in progress (live through server-sent events), the start button, every run. Aggregates only.</summary>
[Authorize(Roles = WebRoles.SvbAggregates)]
public sealed class RunsModel(WebText text) : PageModel
{
    public LiveView Live { get; private set; } = null!;

    public IReadOnlyList<SvbRunListing> Runs { get; private set; } = [];

    public string? Unfinished { get; private set; }

    public IActionResult OnGet()
    {
        if (HttpContext.RequestServices.GetService(typeof(ISvbRunConsole)) is not ISvbRunConsole console)
        {
            return NotFound();
        }

        Live = LiveView.From(console.Activity.Snapshot(), text);
        Runs = console.Runs();
        Unfinished = console.UnfinishedRun();
        return Page();
    }
}
