using System.Security.Claims;
using Samenreken.Web.Accounts;

namespace Samenreken.Web.Pages;

/// <summary>Small things several pages show.</summary>
internal static class PageText
{
    /// <summary>The Dutch name of the signed-in user's role (a key of <see cref="WebText"/>).</summary>
    public static string Role(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) switch
    {
        WebRoles.PilotTeam => "pilotteam",
        WebRoles.PrivacyOfficer => "privacy officer",
        WebRoles.Reviewer => "toetser gelijke behandeling",
        WebRoles.Auditor => "auditor",
        WebRoles.UwvOperator => "operator UWV",
        _ => "onbekende rol",
    };
}
