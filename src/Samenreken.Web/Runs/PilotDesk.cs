using Samenreken.Governance.Evaluation;
using Samenreken.Governance.PilotStore;
using Samenreken.Governance.Responses;
using Samenreken.Governance.Retention;

namespace Samenreken.Web.Runs;

/// <summary>
/// A completed run's letters and responses in the pilot store: how many letters, the funnel so far (aggregates), and
/// why the letters are held when they are. <see cref="Funnel"/> is null before the letters were made.
/// </summary>
public sealed record PilotRunView(string RunId, int Letters, bool Simulated, FunnelCounts? Funnel, string? Held);

/// <summary>
/// One category of a run's records in the pilot store under the definition's retention rule: since when it is kept,
/// when it must be gone (null: kept, e.g. anonymised) and why, and whether that moment has passed, so that
/// <c>samenreken retention enforce</c> will shred the run now.
/// </summary>
public sealed record RetentionRow(string RunId, string Category, DateTimeOffset Since, DateTimeOffset? DueAt, string Reason, bool DueNow);

/// <summary>
/// The pilot team's work on a completed run, through the pilot store (its own database, under its own key): make the
/// letters, read the mailing list, one letter's PDF, register responses one by one or as a CSV import (all or
/// nothing, errors by line number). Every access is recorded in the node's audit log by the pilot store itself.
/// The node implements it when it is configured with a pilot store (section "Pilot").
/// </summary>
public interface ISvbPilotDesk
{
    /// <summary>Null when the run is unknown or not completed.</summary>
    Task<PilotRunView?> RunAsync(string runId, string actor, CancellationToken cancellation);

    /// <summary>Makes the run's mailing list (once); returns why not when the letters are held, otherwise null.</summary>
    Task<string?> MakeLettersAsync(string runId, string actor, CancellationToken cancellation);

    /// <summary>The run's mailing list: personal data (names and addresses).</summary>
    Task<IReadOnlyList<MailingEntry>> MailingListAsync(string runId, string actor, CancellationToken cancellation);

    /// <summary>One letter as PDF; null when the reference is not one of the run's letters.</summary>
    Task<byte[]?> LetterPdfAsync(string runId, string reference, string actor, CancellationToken cancellation);

    /// <summary>One letter as an HTML page, to preview it in the browser; null when the reference is not one of the run's letters.</summary>
    Task<string?> LetterHtmlAsync(string runId, string reference, string actor, CancellationToken cancellation);

    /// <summary>Applies the changes (all or none); returns the problems, one per bad line or change, or none when they were stored.</summary>
    Task<IReadOnlyList<string>> RegisterAsync(string runId, IReadOnlyList<ResponseEvent> changes, string actor, CancellationToken cancellation);

    /// <summary>Every run's records in the pilot store against their retention rules (no personal data), and the runs already shredded whose anonymised figures are kept.</summary>
    (IReadOnlyList<RetentionRow> Rows, IReadOnlyList<string> Shredded) Retention();

    /// <summary>
    /// Shreds every run whose records are past their term now, keeping its anonymised figures, as
    /// <c>samenreken retention enforce</c> does (the same code, the same audit entries); returns the runs shredded.
    /// </summary>
    Task<IReadOnlyList<ShreddedRun>> EnforceRetentionAsync(string actor, CancellationToken cancellation);

    /// <summary>
    /// The art. 6 evaluation over every run in the pilot store, per run and per month, with cells below
    /// <paramref name="minimumCell"/> suppressed (also against subtraction): the table <c>samenreken evaluate</c> publishes.
    /// </summary>
    Task<EvaluationReport> EvaluationAsync(string actor, int minimumCell, CancellationToken cancellation);

    /// <summary>A CSV import (kenmerk,status,datum,kanaal): all lines or none; returns every bad line by number, or none when stored.</summary>
    Task<IReadOnlyList<string>> ImportAsync(string runId, string csv, string actor, CancellationToken cancellation);
}
