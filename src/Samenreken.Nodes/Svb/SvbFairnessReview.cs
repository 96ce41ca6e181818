using System.Globalization;
using Samenreken.Governance.Audit;
using Samenreken.Pilot.Fairness;
using Samenreken.Storage;

namespace Samenreken.Nodes.Svb;

/// <summary>
/// A run's fairness alerts as the SVB node recorded them in its audit log, the plans they name, and the latest
/// reviewer's decision recorded there for the run.
/// </summary>
public sealed record FairnessReviewState(int Alerts, IReadOnlySet<string> Plans, ReviewRecord? Decision)
{
    /// <summary>The recorded decision when it covers the run's alerts (<see cref="ReviewerDecisions.Covering"/>), otherwise null.</summary>
    public ReviewDecision? Covering => ReviewerDecisions.Covering(Decision, Plans, Alerts);
}

/// <summary>
/// The equal-treatment reviewer's decision at the SVB node (issue 17): read from and recorded in the node's audit log,
/// beside the MonitorAlert entries it answers, so that it is tamper-evident, tied to its run, and seen by the letters
/// page and <c>samenreken letters</c> alike. The decision itself is <see cref="ReviewerDecisions.Record"/>'s, as
/// <c>samenreken fairness acknowledge</c> makes it.
/// </summary>
public static class SvbFairnessReview
{
    private const string DetailPrefix = "fairness-decision ";

    private const string AlertsCount = "alerts";

    /// <summary>
    /// The distinct alerts (look and finding) the monitor recorded for <paramref name="runId"/>, the plan hashes they
    /// name, and the reviewer's latest decision. A resumed run replays its finished batches and may record an alert again: it counts once.
    /// </summary>
    public static async Task<FairnessReviewState> ReadAsync(string nodeDatabase, string runId, CancellationToken cancellation)
    {
        var alerts = new HashSet<string>(StringComparer.Ordinal);
        var plans = new HashSet<string>(StringComparer.Ordinal);
        ReviewRecord? decision = null;
        await foreach (var entry in DatabaseAuditStore.Open(nodeDatabase, Tls.DevelopmentCertificates.SvbNode).ReadAllAsync(cancellation).ConfigureAwait(false))
        {
            if (entry.RunId != runId)
            {
                continue;
            }

            if (entry.Kind == AuditKind.MonitorAlert)
            {
                alerts.Add(string.Create(CultureInfo.InvariantCulture, $"{entry.Counts.GetValueOrDefault("look")}|{entry.Detail}"));
                if (entry.Hashes.TryGetValue(SvbFairnessWatch.PlanHashName, out var plan))
                {
                    plans.Add(plan);
                }
            }
            else if (entry.Kind == AuditKind.ReviewDecision && Decision(entry) is { } recorded)
            {
                decision = recorded;
            }
        }

        return new FairnessReviewState(alerts.Count, plans, decision);
    }

    /// <summary>
    /// Records <paramref name="reviewer"/>'s decision on the alerts of <paramref name="runId"/> in <paramref name="audit"/>
    /// (the entry is the record: no entry, no decision). Throws <see cref="InvalidOperationException"/> when the run
    /// raised no alert to decide on, <see cref="ArgumentException"/> when the reviewer or the reason is not one line
    /// (or holds a run of nine digits, which the audit log refuses as a possible BSN).
    /// </summary>
    public static async Task<ReviewRecord> RecordAsync(AuditLog audit, string nodeDatabase, string runId, ReviewDecision decision, string reviewer, string reason, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var state = await ReadAsync(nodeDatabase, runId, cancellation).ConfigureAwait(false);
        if (state.Alerts == 0 || state.Plans.Count != 1)
        {
            throw new InvalidOperationException($"Run {runId} has no fairness alerts of one plan to decide on ({state.Alerts} alerts, {state.Plans.Count} plans).");
        }

        // Validated as the CLI validates it; the time is the audit entry's own.
        var review = ReviewerDecisions.Record(state.Plans.Single(), state.Alerts, decision, reviewer, reason, DateTimeOffset.MinValue);
        var entry = await audit.AppendAsync(AuditRecord.Create(
            AuditKind.ReviewDecision,
            review.Reviewer,
            runId,
            DetailPrefix + review.Decision.ToString().ToLowerInvariant() + ": " + review.Reason,
            counts: [new(AlertsCount, review.Alerts)],
            hashes: [new(SvbFairnessWatch.PlanHashName, review.PlanHash)]), cancellation).ConfigureAwait(false);
        return Decision(entry)!;
    }

    /// <summary>The decision an audit entry records, or null when it is not one.</summary>
    private static ReviewRecord? Decision(AuditEntry entry)
    {
        if (entry.Detail is not { } detail || !detail.StartsWith(DetailPrefix, StringComparison.Ordinal)
            || detail.IndexOf(": ", StringComparison.Ordinal) is var colon && colon < 0
            || !Enum.TryParse<ReviewDecision>(detail.AsSpan(DetailPrefix.Length, colon - DetailPrefix.Length), ignoreCase: true, out var decision)
            || !entry.Hashes.TryGetValue(SvbFairnessWatch.PlanHashName, out var plan))
        {
            return null;
        }

        return new ReviewRecord(plan, (int)entry.Counts.GetValueOrDefault(AlertsCount), decision, entry.Actor, detail[(colon + 2)..], entry.Time);
    }
}
