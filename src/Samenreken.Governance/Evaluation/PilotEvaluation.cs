using Samenreken.Governance.PilotStore;

namespace Samenreken.Governance.Evaluation;

/// <summary>
/// The funnels the art. 6 evaluation counts, from the pilot store: live runs from their responses (each read audited
/// by the store), shredded runs from the anonymised figures kept for them. Shared by <c>samenreken evaluate</c> and
/// the evaluation page, so both publish the same table under the same disclosure control.
/// </summary>
public static class PilotEvaluation
{
    /// <summary>Every run's funnel, and whether any of them is simulated.</summary>
    public static async ValueTask<(IReadOnlyList<FunnelCounts> Funnels, bool Simulated)> FunnelsAsync(PilotRecords records, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var funnels = new List<FunnelCounts>();
        var simulated = false;
        foreach (var run in records.Vault.Runs())
        {
            var (register, isSimulated) = await records.ResponsesAsync(run.RunId, actor, "evaluation (anonymised counts)", cancellationToken).ConfigureAwait(false);
            funnels.Add(PilotRecords.Funnel(register));
            simulated |= isSimulated;
        }

        foreach (var kept in records.Vault.KeptFigures().Where(k => funnels.TrueForAll(f => f.RunId != k.Counts.RunId)))
        {
            funnels.Add(kept.Counts);
            simulated |= kept.Simulated;
        }

        return (funnels, simulated);
    }
}
