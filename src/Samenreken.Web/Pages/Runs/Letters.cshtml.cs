using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Governance.PilotStore;
using Samenreken.Governance.Responses;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages.Runs;

/// <summary>
/// A completed run's letters (the pilot team only: names and addresses): make them, open one as PDF, register a
/// response or import many as CSV, with every bad line shown by number. Each view of the list is recorded.
/// </summary>
[Authorize(Roles = WebRoles.PersonalData)]
public sealed class LettersModel(IPersonalDataViewAudit audit, TimeProvider time) : PageModel
{
    public const string PageName = "letters";

    public PilotRunView Run { get; private set; } = null!;

    public IReadOnlyList<MailingEntry> Letters { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public bool Saved { get; private set; }

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public ResponseStatus Status { get; set; } = ResponseStatus.Responded;

    [BindProperty]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public string? Channel { get; set; }

    [BindProperty]
    public string? Csv { get; set; }

    public static IReadOnlyList<ResponseStatus> Statuses { get; } = Enum.GetValues<ResponseStatus>().Where(s => s != ResponseStatus.Contacted).ToList();

    public static IReadOnlyList<string> Channels { get; } = ["brief", "telefoon", "balie", "online", "email"];

    public Task<IActionResult> OnGetAsync(string runId, bool opgeslagen, CancellationToken cancellation)
    {
        Saved = opgeslagen;
        return ShowAsync(runId, cancellation);
    }

    public async Task<IActionResult> OnPostMakeAsync(string runId, CancellationToken cancellation)
    {
        if (Desk() is not { } desk || await desk.RunAsync(runId, Actor, cancellation).ConfigureAwait(false) is null)
        {
            return NotFound();
        }

        var held = await desk.MakeLettersAsync(runId, Actor, cancellation).ConfigureAwait(false);
        return held is null ? LocalRedirect($"/runs/{runId}/brieven") : await ShowAsync(runId, cancellation).ConfigureAwait(false);
    }

    /// <summary>One letter as PDF: personal data, recorded like the list.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string runId, string kenmerk, CancellationToken cancellation)
    {
        if (Desk() is not { } desk || await desk.LetterPdfAsync(runId, kenmerk ?? string.Empty, Actor, cancellation).ConfigureAwait(false) is not { } pdf)
        {
            return NotFound();
        }

        audit.Record(new PersonalDataView(time.GetUtcNow(), Actor, User.FindFirstValue(ClaimTypes.Role)!, PageName + "-pdf", runId));
        return File(pdf, "application/pdf", kenmerk + ".pdf");
    }

    /// <summary>One letter as a page to preview (its own policy: the letter's style block, nothing else). Personal data, recorded.</summary>
    public async Task<IActionResult> OnGetPreviewAsync(string runId, string kenmerk, CancellationToken cancellation)
    {
        if (Desk() is not { } desk || await desk.LetterHtmlAsync(runId, kenmerk ?? string.Empty, Actor, cancellation).ConfigureAwait(false) is not { } html)
        {
            return NotFound();
        }

        audit.Record(new PersonalDataView(time.GetUtcNow(), Actor, User.FindFirstValue(ClaimTypes.Role)!, PageName + "-preview", runId));
        Response.Headers.ContentSecurityPolicy = FairnessModel.ReportPolicy;
        return Content(html, "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnPostRegisterAsync(string runId, CancellationToken cancellation)
    {
        if (Desk() is not { } desk)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Reference) || Date is not { } date)
        {
            Problems = [Text()["Vul het kenmerk en de datum in."]];
            return await ShowAsync(runId, cancellation).ConfigureAwait(false);
        }

        var change = new ResponseEvent(Reference.Trim(), Status, date, string.IsNullOrEmpty(Channel) ? null : Channel);
        return await SavedOrShownAsync(runId, await desk.RegisterAsync(runId, [change], Actor, cancellation).ConfigureAwait(false), cancellation).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostImportAsync(string runId, CancellationToken cancellation)
    {
        if (Desk() is not { } desk)
        {
            return NotFound();
        }

        var problems = await desk.ImportAsync(runId, Csv ?? string.Empty, Actor, cancellation).ConfigureAwait(false);
        return await SavedOrShownAsync(runId, problems, cancellation).ConfigureAwait(false);
    }

    private string Actor => User.Identity!.Name!;

    private ISvbPilotDesk? Desk() => HttpContext.RequestServices.GetService(typeof(ISvbPilotDesk)) as ISvbPilotDesk;

    private WebText Text() => (WebText)HttpContext.RequestServices.GetService(typeof(WebText))!;

    private async Task<IActionResult> SavedOrShownAsync(string runId, IReadOnlyList<string> problems, CancellationToken cancellation)
    {
        if (problems.Count == 0)
        {
            return LocalRedirect($"/runs/{runId}/brieven?opgeslagen=true");
        }

        Problems = problems;
        return await ShowAsync(runId, cancellation).ConfigureAwait(false);
    }

    private async Task<IActionResult> ShowAsync(string runId, CancellationToken cancellation)
    {
        if (Desk() is not { } desk || await desk.RunAsync(runId, Actor, cancellation).ConfigureAwait(false) is not { } run)
        {
            return NotFound();
        }

        Run = run;
        if (run.Letters > 0)
        {
            audit.Record(new PersonalDataView(time.GetUtcNow(), Actor, User.FindFirstValue(ClaimTypes.Role)!, PageName, runId));
            Letters = await desk.MailingListAsync(runId, Actor, cancellation).ConfigureAwait(false);
        }

        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }
}
