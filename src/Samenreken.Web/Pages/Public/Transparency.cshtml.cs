using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Samenreken.Web.Pages.Public;

/// <summary>The public explanation (B1), generated from the project definition by Samenreken.Governance; no sign-in.</summary>
[AllowAnonymous]
public sealed class TransparencyModel(ProjectDocuments project) : PageModel
{
    /// <summary>HTML from the document writer, which encodes every value it takes from the definition.</summary>
    public string Body { get; private set; } = string.Empty;

    public IActionResult OnGet()
    {
        if (project.TransparencyBody() is not { } body)
        {
            return NotFound();
        }

        Body = body;
        return Page();
    }
}
