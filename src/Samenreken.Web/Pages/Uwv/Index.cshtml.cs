using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages.Uwv;

/// <summary>UWV's read-only operator view: the runs SVB announced and the counts UWV served.</summary>
[Authorize(Roles = WebRoles.UwvView)]
public sealed class UwvModel : PageModel
{
    public IReadOnlyList<UwvRunListing> Runs { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (HttpContext.RequestServices.GetService(typeof(IUwvOperatorView)) is not IUwvOperatorView view)
        {
            return NotFound();
        }

        Runs = view.Runs();
        return Page();
    }
}
