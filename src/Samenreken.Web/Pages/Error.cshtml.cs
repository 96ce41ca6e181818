using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Samenreken.Web.Pages;

/// <summary>The page shown for an error status (re-executed with the original status, so a 403 stays a 403).</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorModel(WebText text) : PageModel
{
    public string Title { get; private set; } = string.Empty;

    public string Explanation { get; private set; } = string.Empty;

    public void OnGet(int code) => Describe(code);

    // A refused POST (a missing anti-forgery token) is re-executed as a POST.
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            403 => (text["Geen toegang"], text["Uw rol geeft geen toegang tot deze pagina."]),
            404 => (text["Niet gevonden"], text["Deze pagina bestaat niet op deze node."]),
            400 => (text["Verzoek geweigerd"], text["Het formulier was niet geldig of verlopen. Laad de pagina opnieuw en probeer het nog eens."]),
            429 => (text["Te veel pogingen"], text["Te veel pogingen om in te loggen. Probeer het over een minuut opnieuw."]),
            _ => (text["Er ging iets mis"], text["De node kon dit verzoek niet afhandelen."]),
        };
    }
}
