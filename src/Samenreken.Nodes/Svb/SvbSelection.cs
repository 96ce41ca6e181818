using Samenreken.Domain.Svb;
using Samenreken.Nodes.Wire;
using Samenreken.Storage;

namespace Samenreken.Nodes.Svb;

/// <summary>
/// A completed run's selection as SVB's node database holds it: one result bit per compared household, in the order
/// of the SVB file's households (<see cref="SvbPopulation.Households"/>), packed per batch.
/// </summary>
public static class SvbSelection
{
    /// <summary>The households whose bit is set; throws when the run is unknown, planned for another population, or a batch has no result.</summary>
    public static IReadOnlyList<Household> Households(SvbStore store, string runId, SvbPopulation population)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(population);
        var plan = RunAnnouncement.Parser.ParseFrom(store.LoadPlan(runId) ?? throw new InvalidOperationException($"Run {runId} is not in this SVB node database."));
        if (plan.Persons != population.PersonIds.Count || plan.Comparisons != population.ComparisonCount)
        {
            throw new InvalidOperationException($"Run {runId} was planned for another population than the SVB file holds.");
        }

        var size = (int)plan.BatchSize;
        var batches = ((int)plan.Comparisons + size - 1) / size;
        var selected = new List<Household>();
        for (var batch = 0; batch < batches; batch++)
        {
            var bits = store.LoadBatchResult(runId, batch) ?? throw new InvalidOperationException($"Batch {batch} of run {runId} has no result: the run is not complete.");
            for (var k = 0; k < size && (batch * size) + k < population.Households.Count; k++)
            {
                if (((bits[k >> 3] >> (k & 7)) & 1) != 0)
                {
                    selected.Add(population.Households[(batch * size) + k]);
                }
            }
        }

        return selected;
    }
}
