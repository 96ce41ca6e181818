using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages.Runs;

/// <summary>
/// The selected households with their BSNs: personal data, so the pilot team only, and every view is recorded
/// (<see cref="IPersonalDataViewAudit"/>) before the page is rendered; a failed record shows nothing.
/// </summary>
[Authorize(Roles = WebRoles.PersonalData)]
public sealed class SelectionModel(IPersonalDataViewAudit audit, TimeProvider time) : PageModel
{
    public const string PageName = "selection";

    public string RunId { get; private set; } = string.Empty;

    public IReadOnlyList<SelectedHousehold> Households { get; private set; } = [];

    public IActionResult OnGet(string runId)
    {
        if (HttpContext.RequestServices.GetService(typeof(ISvbRunConsole)) is not ISvbRunConsole console || console.Selection(runId) is not { } households)
        {
            return NotFound();
        }

        audit.Record(new PersonalDataView(time.GetUtcNow(), User.Identity!.Name!, User.FindFirstValue(ClaimTypes.Role)!, PageName, runId));
        RunId = runId;
        Households = households;
        return Page();
    }
}
