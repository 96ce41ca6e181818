using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Samenreken.Governance;
using Samenreken.Nodes.Svb;
using Samenreken.Nodes.Wire;
using Samenreken.Storage;
using Samenreken.Web;
using Samenreken.Web.Runs;

namespace Samenreken.Nodes.Web;

/// <summary>The SVB node's runs for its web pages: runs and progress from the store, the selection from the stored batch results and SVB's file.</summary>
internal sealed class SvbWebConsole(
    SvbRunControl control, SvbStore store, RunActivity activity, IOptions<SvbOptions> options, ProjectDocuments project, TimeProvider time, IHostApplicationLifetime lifetime) : ISvbRunConsole
{
    // SVB's file is the same for every run of this node process: loaded on the first page that needs it.
    private readonly Lazy<SvbPopulation> _population = new(() => SvbPopulation.Load(options.Value.SvbFile, options.Value.MaxBadRowShare));

    public RunActivity Activity => activity;

    public IReadOnlyList<SvbRunListing> Runs() => [.. store.Runs().Select(Listing)];

    public string? UnfinishedRun() => store.FindUnfinishedRun();

    public SelectionSummary? Summary(string runId)
    {
        if (Completed(runId) is not { } run)
        {
            return null;
        }

        var selected = Selected(run).ToList();
        var byType = selected.GroupBy(h => h.Type).OrderBy(g => g.Key).Select(g => (g.Key.ToString(), g.Count())).ToList();
        return new SelectionSummary(Listing(run), _population.Value.Households.Count, selected.Count, byType);
    }

    public IReadOnlyList<SelectedHousehold>? Selection(string runId)
        => Completed(runId) is { } run
            ? [.. Selected(run).Select(h => new SelectedHousehold(h.Id, h.Type.ToString(), [.. h.Members.Select(m => m.ToString())]))]
            : null;

    public StartOutcome Start()
    {
        if (project.Definition is not { } definition)
        {
            return new StartOutcome(StartStatus.NoProjectDefinition);
        }

        try
        {
            definition.EnsureRunMayStart(time);
        }
        catch (GovernanceException e)
        {
            return new StartOutcome(StartStatus.Refused, e.Refusal, e.Message);
        }

        if (!control.TryClaim())
        {
            return new StartOutcome(StartStatus.AlreadyRunning);
        }

        control.StartClaimed(lifetime.ApplicationStopping);
        return new StartOutcome(StartStatus.Started);
    }

    private SvbRunRow? Completed(string runId) => store.Runs().FirstOrDefault(r => r.RunId == runId && r.Status == "completed");

    private IEnumerable<Domain.Svb.Household> Selected(SvbRunRow run) => SvbSelection.Households(store, run.RunId, _population.Value);

    private static SvbRunListing Listing(SvbRunRow row)
    {
        var plan = RunAnnouncement.Parser.ParseFrom(row.Plan);
        return new SvbRunListing(
            row.RunId,
            row.Status == "completed",
            DateTimeOffset.FromUnixTimeSeconds(row.CreatedUnixSeconds),
            (int)plan.Persons,
            (int)plan.Comparisons,
            Units(plan.Persons, plan.ChunkSize),
            row.ChunksDone,
            Units(plan.Comparisons, plan.BatchSize),
            row.BatchesDone,
            row.BytesToUwv,
            row.BytesFromUwv);
    }

    private static int Units(uint count, uint size) => size == 0 ? 0 : (int)((count + size - 1) / size);
}
