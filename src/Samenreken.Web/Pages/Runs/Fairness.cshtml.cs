using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages.Runs;

/// <summary>
/// The equal-treatment reviewer's page of a completed run: verdict, findings in plain words, the alerts raised during
/// the run, and the full report with its charts (a separate page: its charts need inline styles, which this one's policy forbids).
/// Aggregates with small groups suppressed, so every SVB role may open it.
/// </summary>
[Authorize(Roles = WebRoles.SvbAggregates)]
public sealed class FairnessModel : PageModel
{
    /// <summary>The report page's own policy: its one style block and inline SVG charts, nothing else (no script, no form).</summary>
    public const string ReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    public FairnessView View { get; private set; } = null!;

    public IActionResult OnGet(string runId)
    {
        if (Find(runId) is not { } view)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }

    /// <summary>The full report (the same HTML as <c>samenreken fairness report</c> writes).</summary>
    public IActionResult OnGetReport(string runId)
    {
        if (Find(runId) is not { } view)
        {
            return NotFound();
        }

        Response.Headers.ContentSecurityPolicy = ReportPolicy;
        return Content(view.ReportHtml, "text/html; charset=utf-8");
    }

    private FairnessView? Find(string runId)
        => HttpContext.RequestServices.GetService(typeof(ISvbRunConsole)) is ISvbRunConsole console ? console.Fairness(runId) : null;
}
