using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Samenreken.Web.Accounts;

namespace Samenreken.Web.Pages;

/// <summary>Sign in with a user name and password from the node's database; rate-limited per address and user name.</summary>
[AllowAnonymous]
[EnableRateLimiting(WebUi.LoginPolicy)]
public sealed class LoginModel(WebAccounts accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool Refused { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (verdict, account) = accounts.SignIn(UserName, Password);
        Password = null;
        if (verdict != SignInVerdict.Accepted)
        {
            Refused = true;
            return Page();
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, account!.UserName), new Claim(ClaimTypes.Role, account.Role)], CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);

        // Only a local address: a crafted link cannot send a signed-in user elsewhere.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
