using Samenreken.Governance.Definition;
using Samenreken.Nodes.Svb;
using Samenreken.Pilot.Fairness;

namespace Samenreken.Cli;

/// <summary>
/// Whether a run's letters may go out (issue 17): the alerts are read from where the SVB node recorded them during the
/// run, its audit log (MonitorAlert entries), not from a file anyone could delete; the definition's
/// <c>hold_letters_on_alert</c> holds them until the reviewer's decision (<c>fairness acknowledge</c>) for the same
/// plan is given, in a decision file or on the fairness page (<see cref="SvbFairnessReview"/>). A stop holds them for good.
/// </summary>
internal static class LetterRelease
{
    /// <summary>Null when the letters of <paramref name="runId"/> may go out, otherwise why they are held.</summary>
    public static async Task<string?> HeldAsync(string nodeDatabase, string runId, ProjectDefinition definition, FileInfo? decisionFile, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var state = await SvbFairnessReview.ReadAsync(nodeDatabase, runId, cancellation).ConfigureAwait(false);
        // A decision file (fairness acknowledge) or the decision the reviewer recorded on the fairness page, in the node's audit log.
        var decision = Decision(decisionFile, state.Plans, state.Alerts) ?? state.Covering;
        return LetterHold.Reason(state.Alerts, definition.FairnessMonitor.HoldLettersOnAlert, decision);
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

        return ReviewerDecisions.Covering(review, plans, alerts);
    }
}
