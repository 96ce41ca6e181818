using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages;

/// <summary>The start page: signed in, the user's first page; otherwise the way in and the public pages.</summary>
[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Page();
        }

        if (HttpContext.RequestServices.GetService(typeof(ISvbRunConsole)) is not null && WebRoles.SvbAggregates.Split(',').Any(User.IsInRole))
        {
            return LocalRedirect("/runs");
        }

        if (HttpContext.RequestServices.GetService(typeof(IUwvOperatorView)) is not null && WebRoles.UwvView.Split(',').Any(User.IsInRole))
        {
            return LocalRedirect("/uwv");
        }

        return Page();
    }
}
