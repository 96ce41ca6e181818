using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samenreken.Governance.Evaluation;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Pages.Runs;

/// <summary>
/// The art. 6 evaluation as <c>samenreken evaluate</c> publishes it: this run's funnel (letters sent, responded, applied,
/// granted, refused), every run and every month with their rates, and the funnel of all runs as a chart; small cells
/// suppressed (also against subtraction, over the whole table), simulated figures labelled. Aggregates only.
/// </summary>
[Authorize(Roles = WebRoles.SvbAggregates)]
public sealed class EvaluationModel : PageModel
{
    /// <summary>The smallest count shown, as <c>samenreken evaluate</c> publishes by default.</summary>
    public const int MinimumCell = 10;

    /// <summary>The stages of the funnel with their Dutch names (keys of <see cref="WebText"/>).</summary>
    public static IReadOnlyList<(string Stage, string Label)> Stages { get; } =
        [("approached", "Brief verstuurd"), ("responded", "Gereageerd"), ("applied", "Aangevraagd"), ("granted", "Toegekend"), ("refused", "Afgewezen")];

    /// <summary>The rates the evaluation publishes: which stage over which, and their Dutch names.</summary>
    public static IReadOnlyList<(string Numerator, string Denominator, string Label)> Rates { get; } =
        [("responded", "approached", "Reactie"), ("applied", "approached", "Aanvraag"), ("granted", "applied", "Toekenning")];

    public PilotRunView Run { get; private set; } = null!;

    /// <summary>Null when this run has no letters yet.</summary>
    public EvaluationReport? Report { get; private set; }

    /// <summary>This run's row in <see cref="Report"/>.</summary>
    public string RunRow => "run:" + Run.RunId;

    public async Task<IActionResult> OnGetAsync(string runId, CancellationToken cancellation)
    {
        if (HttpContext.RequestServices.GetService(typeof(ISvbPilotDesk)) is not ISvbPilotDesk desk
            || await desk.RunAsync(runId, User.Identity!.Name!, cancellation).ConfigureAwait(false) is not { } run)
        {
            return NotFound();
        }

        Run = run;
        if (run.Funnel is not null)
        {
            var report = await desk.EvaluationAsync(User.Identity!.Name!, MinimumCell, cancellation).ConfigureAwait(false);
            Report = report.Rows.Contains(RunRow) ? report : null;
        }

        return Page();
    }

    /// <summary>A row's name as the table shows it (a key of <see cref="WebText"/> and its value).</summary>
    public static (string Label, string Value) RowName(string row) => row switch
    {
        EvaluationReport.TotalRow => ("Alle runs samen", string.Empty),
        _ when row.StartsWith("period:", StringComparison.Ordinal) => ("Maand {0}", row["period:".Length..]),
        _ when row.StartsWith("run:", StringComparison.Ordinal) => ("Run {0}", row["run:".Length..]),
        _ => ("{0}", row),
    };

    /// <summary>The chart's bars: the total row's published stages; a suppressed stage gets no bar (never drawn from a hidden figure).</summary>
    public IReadOnlyList<(string Label, long? Value)> ChartBars()
        => [.. Stages.Select(s => (s.Label, Report!.Published(EvaluationReport.TotalRow, s.Stage)))];
}
