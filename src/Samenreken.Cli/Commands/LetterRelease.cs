using Samenreken.Governance.Definition;
using Samenreken.Nodes.Svb;
using Samenreken.Pilot.Fairness;

namespace Samenreken.Cli;

/// <summary>
/// Whether a run's letters may go out (issue 17): the alerts are read from where the SVB node recorded them during the
/// run, its audit log (MonitorAlert entries), not from a file anyone could delete; the definition's
/// <c>hold_letters_on_alert</c> holds them until the reviewer's decision (<c>fairness acknowledge</c>) for the same
/// plan is given. A stop holds them for good.
/// </summary>
internal static class LetterRelease
{
    /// <summary>Null when the letters of <paramref name="runId"/> may go out, otherwise why they are held.</summary>
    public static async Task<string?> HeldAsync(string nodeDatabase, string runId, ProjectDefinition definition, FileInfo? decisionFile, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var (alerts, plans) = await SvbMailingList.AlertsAsync(nodeDatabase, runId, cancellation).ConfigureAwait(false);
        var decision = Decision(decisionFile, plans, alerts);
        return LetterHold.Reason(alerts, definition.FairnessMonitor.HoldLettersOnAlert, decision);
    }

    /// <summary>The reviewer's decision, when it was made for this run's plan and at least as many alerts as the audit log holds.</summary>
    private static ReviewDecision? Decision(FileInfo? file, IReadOnlySet<string> plans, int alerts)
    {
        if (file is null)
        {
            return null;
        }

        if (!file.Exists)
        {
            throw CliException.FileAccess($"{file.FullName}: no such file");
        }

        var review = FairnessRunFiles.TryParse<ReviewRecord>(File.ReadAllText(file.FullName), out var problem)
            ?? throw CliException.InvalidInput($"{file.FullName} is not a reviewer's decision: {problem}");

        // A decision about another run's alerts, or about fewer alerts than were raised, does not release these letters.
        return (plans.Count == 0 || plans.Contains(review.PlanHash.ToLowerInvariant())) && review.Alerts >= alerts ? review.Decision : null;
    }
}
