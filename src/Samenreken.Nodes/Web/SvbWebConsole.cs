using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Samenreken.Fairness;
using Samenreken.Fairness.Reporting;
using Samenreken.Governance;
using Samenreken.Governance.Audit;
using Samenreken.Pilot.Fairness;
using Samenreken.Nodes.Svb;
using Samenreken.Nodes.Wire;
using Samenreken.Storage;
using Samenreken.Web;
using Samenreken.Web.Runs;

namespace Samenreken.Nodes.Web;

/// <summary>The SVB node's runs for its web pages: runs and progress from the store, the selection from the stored batch results and SVB's file.</summary>
internal sealed class SvbWebConsole(
    SvbRunControl control,
    SvbStore store,
    RunActivity activity,
    IOptions<SvbOptions> options,
    IOptions<NodeOptions> node,
    ProjectDocuments project,
    Safeguards.NodeSafeguards safeguards,
    WebText text,
    TimeProvider time,
    IHostApplicationLifetime lifetime) : ISvbRunConsole
{
    // SVB's file is the same for every run of this node process: loaded on the first page that needs it.
    private readonly Lazy<SvbPopulation> _population = new(() => SvbPopulation.Load(options.Value.SvbFile, options.Value.MaxBadRowShare));

    public RunActivity Activity => activity;

    public IReadOnlyList<SvbRunListing> Runs()
    {
        var alerts = AlertsInRuns();
        return [.. store.Runs().Select(r => Listing(r) with { Alerts = alerts.TryGetValue(r.RunId, out var a) ? a.Count : 0 })];
    }

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

    public FairnessView? Fairness(string runId)
    {
        if (Completed(runId) is not { } run || project.Definition is not { } definition)
        {
            return null;
        }

        // The run's households in the node's order with their selection bits, through the monitor with the run's looks (as fairness report replays it).
        var population = _population.Value;
        var selected = Selected(run).Select(h => h.Id).ToHashSet();
        var language = text.Language == "en" ? ReportLanguage.English : ReportLanguage.Dutch;
        var day = PilotMonitoring.ReferenceDay(population.ReferenceMonth);
        var monitor = RunMonitor.Create(PilotMonitoring.Plan(definition.FairnessMonitor), Math.Max(1, population.Households.Count));
        monitor.Add(population.Households.Select(h => PilotMonitoring.Observe(h, day, selected.Contains(h.Id))), language);
        var report = monitor.Report(language);
        var monitorSettings = definition.FairnessMonitor;
        return new FairnessView(
            runId,
            report.Verdict,
            [.. report.Findings.Select(f => (f.Sentence, f.Flagged))],
            AlertsInRuns().TryGetValue(runId, out var alerts) ? alerts : [],
            monitorSettings.HoldLettersOnAlert,
            FairnessHtml.Render(report, (double)monitorSettings.RateRatioLower, (double)monitorSettings.RateRatioUpper))
        {
            Decision = Review(runId),
        };
    }

    public async Task<string?> DecideAsync(string runId, bool release, string reason, string reviewer, CancellationToken cancellation)
    {
        if (Completed(runId) is null)
        {
            return text["Deze run is niet voltooid."];
        }

        try
        {
            await SvbFairnessReview.RecordAsync(safeguards.Audit, node.Value.Database, runId, release ? ReviewDecision.Release : ReviewDecision.Stop, reviewer, reason, cancellation).ConfigureAwait(false);
            return null;
        }
        catch (InvalidOperationException)
        {
            return text["De monitor gaf tijdens deze run geen alarm: er is niets te beslissen."];
        }
        catch (ArgumentException)
        {
            return text["Geef de reden in één regel, zonder reeksen van negen cijfers (die kunnen een BSN zijn)."];
        }
    }

    /// <summary>The reviewer's latest decision on the run's alerts, from the node's audit log.</summary>
    private ReviewView? Review(string runId)
    {
        // The pages read the audit log synchronously (SQLite underneath); the view is built in one call.
        var state = SvbFairnessReview.ReadAsync(node.Value.Database, runId, CancellationToken.None).GetAwaiter().GetResult();
        return state.Decision is { } decision
            ? new ReviewView(decision.Decision == ReviewDecision.Release, decision.Reviewer, decision.Reason, decision.DecidedAt, state.Covering is not null)
            : null;
    }

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

    /// <summary>The alerts the monitor recorded in the node's audit log during each run, once each (a resumed run replays its looks).</summary>
    private Dictionary<string, List<string>> AlertsInRuns()
    {
        var alerts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entry in DatabaseAuditStore.Open(node.Value.Database, DevelopmentCertificatesSvb).ReadAllAsync().ToBlockingEnumerable())
        {
            if (entry is { Kind: AuditKind.MonitorAlert, RunId: { } runId, Detail: { } detail })
            {
                var list = alerts.TryGetValue(runId, out var known) ? known : alerts[runId] = [];
                var line = $"{text["kijkmoment"]} {entry.Counts.GetValueOrDefault("look")}: {detail}";
                if (!list.Contains(line, StringComparer.Ordinal))
                {
                    list.Add(line);
                }
            }
        }

        return alerts;
    }

    private const string DevelopmentCertificatesSvb = Tls.DevelopmentCertificates.SvbNode;

    private SvbRunRow? Completed(string runId) => store.Runs().FirstOrDefault(r => r.RunId == runId && r.Status == "completed");

    private IEnumerable<Domain.Svb.Household> Selected(SvbRunRow run) => SvbSelection.Households(store, run.RunId, _population.Value);

    private static SvbRunListing Listing(SvbRunRow row)
    {
        var plan = RunAnnouncement.Parser.ParseFrom(row.Plan);
        return new SvbRunListing(
            row.RunId,
            row.Status == "completed",
            row.Created,
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
