using System.Globalization;
using Samenreken.Governance.Definition;

namespace Samenreken.Governance.Retention;

/// <summary>Something kept under a data category: a run's pilot records, its protocol state, an audit entry.</summary>
public sealed record RetainedItem(string Category, string RunId, DateTimeOffset CreatedAt, DateTimeOffset? RunFinishedAt);

/// <summary>An item past its term, with the rule and the moment that made it due.</summary>
public sealed record RetentionAction(RetainedItem Item, DateTimeOffset DueAt, string Reason);

/// <summary>
/// Art. 7 in code: which items are past their term under the definition's retention rules. A term counts from the
/// end of the run or from the record's creation, and is cut short at the horizon where the rule says so; anonymised
/// figures have no term. An item whose category has no rule is due at once (nothing may be kept without one).
/// </summary>
public static class RetentionPlanner
{
    public static IReadOnlyList<RetentionAction> Due(ProjectDefinition definition, IEnumerable<RetainedItem> items, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var due = new List<RetentionAction>();
        foreach (var item in items)
        {
            var (dueAt, reason) = DueAt(definition, item);
            if (dueAt is { } at && at <= now)
            {
                due.Add(new RetentionAction(item, at, reason));
            }
        }

        return due;
    }

    /// <summary>When the item must be gone, or null while it may be kept (anonymised, or a run not yet finished).</summary>
    public static (DateTimeOffset? DueAt, string Reason) DueAt(ProjectDefinition definition, RetainedItem item)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(item);
        var rule = definition.RetentionOf(item.Category);
        if (rule is null)
        {
            return (item.CreatedAt, $"no retention rule for '{item.Category}' in project '{definition.Id}'");
        }

        if (rule.Anonymised)
        {
            return (null, "anonymised: kept");
        }

        DateTimeOffset? start = rule.StartsAt == RetentionStart.RunFinished ? item.RunFinishedAt : item.CreatedAt;
        DateTimeOffset? termEnd = start?.AddDays(rule.TermDays!.Value);
        if (rule.EndsAtHorizon && (termEnd is null || termEnd > definition.Horizon.ExpiresAt))
        {
            return (definition.Horizon.ExpiresAt, string.Create(CultureInfo.InvariantCulture, $"{item.Category}: the project's horizon {definition.Horizon.ExpiresAt:yyyy-MM-dd}"));
        }

        return (termEnd, string.Create(CultureInfo.InvariantCulture, $"{item.Category}: {rule.TermDays} days after {(rule.StartsAt == RetentionStart.RunFinished ? "the run finished" : "creation")}"));
    }
}
