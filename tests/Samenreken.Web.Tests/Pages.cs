using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Samenreken.Web.Tests;

/// <summary>What the browser tests do on every page: sign in, check accessibility with axe-core, keep a screenshot.</summary>
internal static partial class Pages
{
    /// <summary>The fairness report page's own policy (its charts need inline styles), written out so a change shows here.</summary>
    public const string FairnessReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static async Task SignInAsync(IPage page, string user, string password = WebNodes.Password)
    {
        await page.GotoAsync("/inloggen");
        await page.GetByLabel("Gebruikersnaam").FillAsync(user);
        await page.GetByLabel("Wachtwoord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>axe-core (WCAG 2.1 A and AA rules) in the page: no serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var severe = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(severe.Count == 0, $"axe-core on {page.Url}: " + string.Join(" | ", severe));
        Assert.NotEmpty(result.Passes);
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(WebNodes.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebNodes.ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>The anti-forgery token of the form on the page (a hidden input the form tag helper writes).</summary>
    public static string Token(string html) => TokenInput().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No anti-forgery token on the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
