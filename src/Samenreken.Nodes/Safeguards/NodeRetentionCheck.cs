using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Samenreken.Governance.Audit;

namespace Samenreken.Nodes.Safeguards;

/// <summary>A node store's protocol state per run, as the retention check at start sees it.</summary>
/// <param name="FinishedRuns">The runs the node has finished.</param>
/// <param name="Rows">How many rows of protocol state a run still holds.</param>
/// <param name="Destroy">Destroys a run's protocol state.</param>
internal sealed record FinishedRunState(Func<IReadOnlyList<string>> FinishedRuns, Func<string, long> Rows, Func<string, int> Destroy);

/// <summary>
/// The retention check at every node start (issue 16, art. 7): a finished run whose protocol state is still stored
/// (finished by an older version, or the node stopped between finishing and destroying) loses it now, audited first.
/// Unfinished runs keep theirs: they resume. A failed audit write stops the start.
/// </summary>
internal sealed partial class NodeRetentionCheck(NodeSafeguards safeguards, FinishedRunState state, ILogger<NodeRetentionCheck> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var runId in state.FinishedRuns())
        {
            var rows = state.Rows(runId);
            if (rows == 0)
            {
                continue;
            }

            await safeguards.RecordAsync(
                AuditKind.RetentionAction,
                runId,
                "protocol state of a finished run destroyed at node start",
                counts: [new("rows_before", rows)],
                cancellationToken: cancellationToken).ConfigureAwait(false);
            state.Destroy(runId);
            Destroyed(log, runId, rows);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(2030, LogLevel.Information, "Retention at start: run {RunId} was finished; its {Rows} rows of protocol state are destroyed")]
    private static partial void Destroyed(ILogger logger, string runId, long rows);
}
