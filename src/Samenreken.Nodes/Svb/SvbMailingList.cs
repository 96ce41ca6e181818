using Samenreken.Cryptography.Randomness;
using Samenreken.Governance.PilotStore;

namespace Samenreken.Nodes.Svb;

/// <summary>
/// A run's mailing list at SVB: each AOW recipient of a selected household with name and address from SVB's own file,
/// under a random letter reference (the fairness alerts that may hold the letters: <see cref="SvbFairnessReview"/>).
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
