using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages.Runs;

/// <summary>Start or resume a run (the pilot team only); a refusal by the project definition's checks is shown in plain words.</summary>
[Authorize(Roles = WebRoles.PilotTeam)]
public sealed class StartModel(WebText text, ProjectDocuments project) : PageModel
{
    public string Refusal { get; private set; } = string.Empty;

    public string? Detail { get; private set; }

    public IActionResult OnGet() => LocalRedirect("/runs");

    public IActionResult OnPost()
    {
        if (HttpContext.RequestServices.GetService(typeof(ISvbRunConsole)) is not ISvbRunConsole console)
        {
            return NotFound();
        }

        var outcome = console.Start();
        if (outcome.Status == StartStatus.Started)
        {
            return LocalRedirect("/runs");
        }

        var horizon = project.Definition?.Horizon;
        Refusal = text.Refusal(outcome, horizon?.EffectiveFrom, horizon?.ExpiresAt);
        Detail = outcome.Detail;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
