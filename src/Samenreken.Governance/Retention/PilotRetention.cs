using Samenreken.Governance.PilotStore;

namespace Samenreken.Governance.Retention;

/// <summary>One run's records destroyed by <see cref="PilotRetention.EnforceAsync"/>, and why.</summary>
public sealed record ShreddedRun(string RunId, int Records, DateTimeOffset DueAt, string Reason);

/// <summary>
/// Art. 7 applied to the pilot store: each run's mailing list and responses are weighed against their retention
/// rules; a run is shredded (its data key deleted) at the first of its categories' terms, since one key seals them
/// all. Before that its anonymised funnel figures are kept, so the evaluation survives the records (art. 6).
/// </summary>
public static class PilotRetention
{
    public static async ValueTask<IReadOnlyList<ShreddedRun>> EnforceAsync(PilotRecords records, TimeProvider time, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(time);
        var vault = records.Vault;
        var shredded = new List<ShreddedRun>();
        foreach (var run in vault.Runs())
        {
            var items = new[] { PilotRecords.MailingList, PilotRecords.Responses }
                .Select(category => (Category: category, Created: vault.SealedRecords(run.RunId, category).Select(r => r.CreatedAt).DefaultIfEmpty(run.RunFinishedAt).Min()))
                .Select(c => new RetainedItem(c.Category, run.RunId, c.Created, run.RunFinishedAt));
            var due = RetentionPlanner.Due(vault.Definition, items, time).OrderBy(a => a.DueAt).FirstOrDefault();
            if (due is null)
            {
                continue;
            }

            var (register, simulated) = await records.ResponsesAsync(run.RunId, actor, "anonymised figures before retention", cancellationToken).ConfigureAwait(false);
            vault.KeepFigures(new KeptFigures(PilotRecords.Funnel(register), simulated));
            var count = await vault.ShredAsync(run.RunId, actor, due.Reason, cancellationToken).ConfigureAwait(false);
            shredded.Add(new ShreddedRun(run.RunId, count, due.DueAt, due.Reason));
        }

        return shredded;
    }
}
