using Samenreken.Governance;

namespace Samenreken.Web.Runs;

/// <summary>One of SVB's runs as the dashboard lists it (no personal data).</summary>
public sealed record SvbRunListing(
    string RunId, bool Completed, DateTimeOffset Created, int Persons, int Comparisons, int Chunks, int ChunksDone, int Batches, int BatchesDone, long BytesToUwv, long BytesFromUwv, int Alerts = 0);

/// <summary>
/// A completed run's non-discrimination report for the equal-treatment reviewer (aggregates only, small groups
/// suppressed): the verdict, one plain sentence per finding, the alerts the monitor raised during the run (from the
/// node's audit log), whether the project holds letters on an alert, and the full report page with its charts.
/// </summary>
public sealed record FairnessView(
    string RunId, string Verdict, IReadOnlyList<(string Sentence, bool Flagged)> Findings, IReadOnlyList<string> AlertsInRun, bool HoldLettersOnAlert, string ReportHtml)
{
    /// <summary>The reviewer's latest decision on the run's alerts, if one was recorded.</summary>
    public ReviewView? Decision { get; init; }
}

/// <summary>
/// The equal-treatment reviewer's decision on a run's alerts: release the letters or stop them, by whom, why and when;
/// <paramref name="Covers"/> is false when the run raised more alerts since (the decision then no longer releases them).
/// </summary>
public sealed record ReviewView(bool Release, string Reviewer, string Reason, DateTimeOffset At, bool Covers);

/// <summary>A completed run's selection in numbers (no personal data): households compared and selected, per household type.</summary>
public sealed record SelectionSummary(SvbRunListing Run, int HouseholdsCompared, int Selected, IReadOnlyList<(string HouseholdType, int Selected)> ByType);

/// <summary>One selected household: personal data (its members' BSNs); only the pilot team sees it.</summary>
public sealed record SelectedHousehold(long HouseholdId, string HouseholdType, IReadOnlyList<string> Bsns);

/// <summary>Why a start was refused, if it was.</summary>
public enum StartStatus
{
    Started,
    AlreadyRunning,
    NoProjectDefinition,
    Refused,
}

/// <summary>The answer to "start or resume": started, or the reason it was not (a safeguard's refusal with its code).</summary>
public sealed record StartOutcome(StartStatus Status, GovernanceRefusal? Refusal = null, string? Detail = null);

/// <summary>The SVB node's runs, as its web pages need them. The node implements it; the pages only read and ask.</summary>
public interface ISvbRunConsole
{
    /// <summary>Every run, newest first.</summary>
    IReadOnlyList<SvbRunListing> Runs();

    /// <summary>A completed run's selection in numbers; null when the run is unknown or not completed.</summary>
    SelectionSummary? Summary(string runId);

    /// <summary>A completed run's selected households (personal data); null when the run is unknown or not completed.</summary>
    IReadOnlyList<SelectedHousehold>? Selection(string runId);

    /// <summary>A completed run's fairness report; null when the run is unknown or not completed.</summary>
    FairnessView? Fairness(string runId);

    /// <summary>
    /// Records the equal-treatment reviewer's decision on the alerts of a completed run (release or stop the letters), in
    /// the node's audit log, as <c>samenreken fairness acknowledge</c> decides; returns why not when it cannot be
    /// recorded (no alerts, a reason that is not one line), otherwise null.
    /// </summary>
    Task<string?> DecideAsync(string runId, bool release, string reason, string reviewer, CancellationToken cancellation);

    /// <summary>The run in progress in this process, live.</summary>
    RunActivity Activity { get; }

    /// <summary>The unfinished run this start would resume, if any.</summary>
    string? UnfinishedRun();

    /// <summary>Starts a new run, or resumes the unfinished one, in the background, after the project definition's checks.</summary>
    StartOutcome Start();
}

/// <summary>One run as UWV's operator sees it: what SVB announced and what UWV served.</summary>
public sealed record UwvRunListing(
    string RunId, bool Completed, int PersonsAnnounced, int ComparisonsAnnounced, long PersonsServed, long Decryptions, long ZeroTests, long RepliesStored, long RepliesReplayed);

/// <summary>The UWV node's runs, read-only, for its operator's page. The node implements it.</summary>
public interface IUwvOperatorView
{
    IReadOnlyList<UwvRunListing> Runs();
}
