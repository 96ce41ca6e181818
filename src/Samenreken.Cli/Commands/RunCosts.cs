using Samenreken.Governance.Audit;
using Samenreken.Governance.Evaluation;
using Samenreken.Storage;

namespace Samenreken.Cli;

/// <summary>
/// The cost figures the SVB node recorded for each evaluated run: bytes each way from its run table, what UWV served
/// from the run's finish entry in its audit log, and the wall time from the run's first start to its finish. A run
/// the node never finished has no cost figures.
/// </summary>
internal static class RunCosts
{
    public static async Task<IReadOnlyList<RunCost>> ReadAsync(string nodeDatabase, IEnumerable<string> runIds, CancellationToken cancellation)
    {
        var wanted = runIds.ToHashSet(StringComparer.Ordinal);
        var started = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var finished = new Dictionary<string, AuditEntry>(StringComparer.Ordinal);
        await foreach (var entry in DatabaseAuditStore.Open(nodeDatabase, PilotSession.NodeId).ReadAllAsync(cancellation).ConfigureAwait(false))
        {
            if (entry.RunId is not { } run || !wanted.Contains(run))
            {
                continue;
            }

            if (entry.Kind == AuditKind.RunStarted)
            {
                started.TryAdd(run, entry.Time);
            }
            else if (entry.Kind == AuditKind.RunFinished)
            {
                finished[run] = entry;
            }
        }

        var runs = SvbStore.Open(nodeDatabase).Runs().ToDictionary(r => r.RunId, StringComparer.Ordinal);
        return [.. finished.Where(f => runs.ContainsKey(f.Key)).Select(f => new RunCost(
            f.Key,
            runs[f.Key].BytesToUwv,
            runs[f.Key].BytesFromUwv,
            f.Value.Counts.GetValueOrDefault("decryptions_served_by_uwv"),
            f.Value.Counts.GetValueOrDefault("zero_tests_served_by_uwv"),
            started.TryGetValue(f.Key, out var start) ? (f.Value.Time - start).TotalSeconds : 0))];
    }
}
