using System.Diagnostics.CodeAnalysis;

namespace Samenreken.Pilot.Fairness;

/// <summary>
/// The equal-treatment reviewer's decision on a run's fairness alerts, made the one way whether it comes from
/// <c>samenreken fairness acknowledge</c> or from the fairness page: a <see cref="ReviewRecord"/> for the monitor's plan
/// and the number of alerts it weighed; and whether a recorded decision covers a run's alerts.
/// </summary>
public static class ReviewerDecisions
{
    /// <summary>The decision; <paramref name="reviewer"/> and <paramref name="reason"/> must each be one non-empty line (they are kept with it).</summary>
    public static ReviewRecord Record(string planHash, int alerts, ReviewDecision decision, string reviewer, string reason, DateTimeOffset decidedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(planHash);
        ArgumentOutOfRangeException.ThrowIfNegative(alerts);
        if (!Enum.IsDefined(decision))
        {
            throw new ArgumentOutOfRangeException(nameof(decision), decision, "Release or Stop.");
        }

        foreach (var (name, text) in new[] { (nameof(reviewer), reviewer), (nameof(reason), reason) })
        {
            if (!IsOneLine(text))
            {
                throw new ArgumentException("Must be one non-empty line.", name);
            }
        }

        return new ReviewRecord(planHash, alerts, decision, reviewer.Trim(), reason.Trim(), decidedAt);
    }

    /// <summary>True for text that is one line with something on it: what a reviewer's name and reason must be.</summary>
    public static bool IsOneLine([NotNullWhen(true)] string? text) => !string.IsNullOrWhiteSpace(text) && text.AsSpan().IndexOfAny('\r', '\n') < 0;

    /// <summary>
    /// The decision of <paramref name="review"/> when it was made for one of the run's <paramref name="plans"/> and for
    /// at least the <paramref name="alerts"/> the run raised; otherwise null. A decision about another run's alerts, or
    /// about fewer alerts than were raised, does not release these letters.
    /// </summary>
    public static ReviewDecision? Covering(ReviewRecord? review, IReadOnlySet<string> plans, int alerts)
    {
        ArgumentNullException.ThrowIfNull(plans);
        return review is not null && (plans.Count == 0 || plans.Contains(review.PlanHash.ToLowerInvariant())) && review.Alerts >= alerts ? review.Decision : null;
    }
}
