using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages.Runs;

/// <summary>
/// The equal-treatment reviewer's page of a completed run: verdict, findings in plain words, the alerts raised during
/// the run, and the full report with its charts (a separate page: its charts need inline styles, which this one's policy forbids).
/// Aggregates with small groups suppressed, so every SVB role may open it; only the reviewer records the decision on the alerts.
/// </summary>
[Authorize(Roles = WebRoles.SvbAggregates)]
public sealed class FairnessModel : PageModel
{
    /// <summary>The report page's own policy: its one style block and inline SVG charts, nothing else (no script, no form).</summary>
    public const string ReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    public FairnessView View { get; private set; } = null!;

    /// <summary>Only the equal-treatment reviewer decides on the alerts; the other roles read the decision.</summary>
    public bool MayDecide => User.IsInRole(WebRoles.Reviewer);

    public bool Recorded { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>"release" or "stop".</summary>
    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public IActionResult OnGet(string runId, bool vastgelegd)
    {
        if (Find(runId) is not { } view)
        {
            return NotFound();
        }

        View = view;
        Recorded = vastgelegd;
        return Page();
    }

    /// <summary>The reviewer's decision on the run's alerts, recorded in the node's audit log as <c>samenreken fairness acknowledge</c> decides.</summary>
    public async Task<IActionResult> OnPostDecideAsync(string runId, CancellationToken cancellation)
    {
        if (!MayDecide)
        {
            return Forbid();
        }

        if (HttpContext.RequestServices.GetService(typeof(ISvbRunConsole)) is not ISvbRunConsole console || console.Fairness(runId) is not { } view)
        {
            return NotFound();
        }

        var text = (WebText)HttpContext.RequestServices.GetService(typeof(WebText))!;
        Problem = view.Decision is { Covers: true } ? text["Over deze alarmen is al beslist."]
            : Decision is not ("release" or "stop") ? text["Kies vrijgeven of stoppen."]
            : string.IsNullOrWhiteSpace(Reason) ? text["Geef de reden van de beslissing."]
            : await console.DecideAsync(runId, Decision == "release", Reason, User.Identity!.Name!, cancellation).ConfigureAwait(false);
        if (Problem is null)
        {
            return LocalRedirect($"/runs/{runId}/gelijke-behandeling?vastgelegd=true");
        }

        View = view;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
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
