using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Governance.Evaluation;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages.Runs;

/// <summary>A run's funnel (letters sent, responded, applied, granted, refused) as the evaluation publishes it: small cells suppressed, simulated figures labelled. Aggregates only.</summary>
[Authorize(Roles = WebRoles.SvbAggregates)]
public sealed class EvaluationModel : PageModel
{
    /// <summary>The smallest count shown, as <c>samenreken evaluate</c> publishes by default.</summary>
    public const int MinimumCell = 10;

    public PilotRunView Run { get; private set; } = null!;

    public EvaluationReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(string runId, CancellationToken cancellation)
    {
        if (HttpContext.RequestServices.GetService(typeof(ISvbPilotDesk)) is not ISvbPilotDesk desk
            || await desk.RunAsync(runId, User.Identity!.Name!, cancellation).ConfigureAwait(false) is not { } run)
        {
            return NotFound();
        }

        Run = run;
        Report = run.Funnel is { } funnel ? EvaluationReport.Build([funnel], MinimumCell, run.Simulated) : null;
        return Page();
    }
}
