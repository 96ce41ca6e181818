using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Samenreken.Web.Pages.Public;

/// <summary>The algorithm-register entry generated from the project definition, as a page and as the JSON to publish; no sign-in.</summary>
[AllowAnonymous]
public sealed class RegisterModel(ProjectDocuments project) : PageModel
{
    public IReadOnlyList<(string Field, string Value)> Fields { get; private set; } = [];

    public IActionResult OnGet()
    {
        Fields = project.RegisterFields();
        return Fields.Count == 0 ? NotFound() : Page();
    }

    public IActionResult OnGetJson()
        => project.RegisterJson() is { } json ? File(Encoding.UTF8.GetBytes(json), "application/json", "algoritmeregister.json") : NotFound();
}
