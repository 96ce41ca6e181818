using Samenreken.Nodes.Wire;
using Samenreken.Storage;
using Samenreken.Web.Runs;

namespace Samenreken.Nodes.Web;

/// <summary>The UWV node's runs for its operator's page: each announcement and what UWV served for it.</summary>
internal sealed class UwvWebView(UwvStore store) : IUwvOperatorView
{
    public IReadOnlyList<UwvRunListing> Runs() => [.. store.Runs().Select(r =>
    {
        var plan = RunAnnouncement.Parser.ParseFrom(r.Announcement);
        return new UwvRunListing(
            r.RunId, r.Completed, (int)plan.Persons, (int)plan.Comparisons, r.Counts.PersonsServed, r.Counts.Decryptions, r.Counts.ZeroTests, r.Counts.RepliesStored, r.Counts.RepliesReplayed);
    })];
}
