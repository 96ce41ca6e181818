using System.Globalization;
using Samenreken.Cryptography.Randomness;
using Samenreken.Governance.Audit;
using Samenreken.Governance.PilotStore;
using Samenreken.Storage;

namespace Samenreken.Nodes.Svb;

/// <summary>
/// A run's mailing list at SVB: each AOW recipient of a selected household with name and address from SVB's own file,
/// under a random letter reference; and the fairness alerts the node recorded for the run, which may hold the letters.
/// Shared by <c>samenreken letters</c> and the pilot team's letters page.
/// </summary>
public static class SvbMailingList
{
    /// <summary>One entry per recipient of <paramref name="households"/>, each with a fresh reference.</summary>
    public static IReadOnlyList<MailingEntry> Entries(IEnumerable<Domain.Svb.Household> households)
    {
        ArgumentNullException.ThrowIfNull(households);
        var references = new HashSet<string>(StringComparer.Ordinal);
        return [.. households.SelectMany(h => h.Recipients.Select(r => new MailingEntry(
            NewReference(references), h.Id, r.Address.Name, [r.Address.Street, $"{r.Address.Postcode}  {r.Address.City}"])))];
    }

    /// <summary>
    /// The distinct alerts (look and finding) the monitor recorded in the node's audit log for <paramref name="runId"/>,
    /// and the plan hashes they name. A resumed run replays its finished batches and may record an alert again: it counts once.
    /// </summary>
    public static async Task<(int Alerts, IReadOnlySet<string> Plans)> AlertsAsync(string nodeDatabase, string runId, CancellationToken cancellation)
    {
        var alerts = new HashSet<string>(StringComparer.Ordinal);
        var plans = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entry in DatabaseAuditStore.Open(nodeDatabase, Tls.DevelopmentCertificates.SvbNode).ReadAllAsync(cancellation).ConfigureAwait(false))
        {
            if (entry.Kind == AuditKind.MonitorAlert && entry.RunId == runId)
            {
                alerts.Add(string.Create(CultureInfo.InvariantCulture, $"{entry.Counts.GetValueOrDefault("look")}|{entry.Detail}"));
                if (entry.Hashes.TryGetValue(SvbFairnessWatch.PlanHashName, out var plan))
                {
                    plans.Add(plan);
                }
            }
        }

        return (alerts.Count, plans);
    }

    /// <summary>A letter reference (kenmerk) like AIO-7KQ4M-X2PWA: random, not derived from a BSN, and never nine digits in a row.</summary>
    private static string NewReference(HashSet<string> taken)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<byte> bytes = stackalloc byte[10];
        while (true)
        {
            RandomSource.Secure.Fill(bytes);
            var chars = new char[10];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[bytes[i] & 31];
            }

            var reference = $"AIO-{new string(chars, 0, 5)}-{new string(chars, 5, 5)}";
            if (taken.Add(reference))
            {
                return reference;
            }
        }
    }
}
