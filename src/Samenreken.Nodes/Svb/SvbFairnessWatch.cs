using System.Text;
using Microsoft.Extensions.Logging;
using Samenreken.Fairness;
using Samenreken.Governance.Definition;
using Samenreken.Pilot.Fairness;

namespace Samenreken.Nodes.Svb;

/// <summary>
/// The non-discrimination monitor at SVB's node during a run (issue 17): batch results arrive in any order (two are in
/// flight), and are fed to the <see cref="RunMonitor"/> in batch order, so the looks fall at the same household counts
/// however the batches finish, and a resumed run, which replays its finished batches, raises the same alerts. Each
/// alert is logged by kind and direction; the record of looks and alerts is written next to
/// the selection. SVB's own data and bits only: nothing of it goes to UWV.
/// </summary>
internal sealed class SvbFairnessWatch
{
    private readonly RunMonitor _monitor;
    private readonly IReadOnlyList<HouseholdObservation> _unselected;
    private readonly int _batchSize;
    private readonly Dictionary<int, byte[]> _waiting = [];
    private readonly IProgress<RunProgress> _progress;
    private readonly ILogger _log;
    private readonly object _gate = new();
    private int _nextBatch;

    private SvbFairnessWatch(RunMonitor monitor, IReadOnlyList<HouseholdObservation> unselected, int batchSize, IProgress<RunProgress> progress, ILogger log)
    {
        _monitor = monitor;
        _unselected = unselected;
        _batchSize = batchSize;
        _progress = progress;
        _log = log;
    }

    /// <summary>The plan's hash: what the audit records when the run starts.</summary>
    public string PlanHash => _monitor.Plan.CanonicalHash;

    /// <summary>The name of the plan's hash in the audit entry that starts (or resumes) the run.</summary>
    public const string PlanHashName = "fairness_plan";

    /// <summary>The watch of a run under <paramref name="definition"/>'s monitor.</summary>
    public static SvbFairnessWatch Create(ProjectDefinition definition, SvbPopulation population, int batchSize, IProgress<RunProgress> progress, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(population);
        var plan = PilotMonitoring.Plan(definition.FairnessMonitor);
        var day = PilotMonitoring.ReferenceDay(population.ReferenceMonth);
        var households = population.Households.Select(h => PilotMonitoring.Observe(h, day, selected: false)).ToList();
        FairnessLog.Monitoring(log, plan.CanonicalHash, households.Count, RunMonitor.DefaultLooks);
        return new SvbFairnessWatch(RunMonitor.Create(plan, Math.Max(1, households.Count)), households, batchSize, progress, log);
    }

    /// <summary>
    /// A batch's packed result bits (bit k = household k of the batch selected); feeds every batch now in order and
    /// returns the alerts of the looks that fell due, for the audit log.
    /// </summary>
    public IReadOnlyList<FairnessAlert> BatchDone(int batch, byte[] bits)
    {
        ArgumentNullException.ThrowIfNull(bits);
        var raised = new List<FairnessAlert>();
        lock (_gate)
        {
            _waiting[batch] = bits;
            while (_waiting.Remove(_nextBatch, out var next))
            {
                var start = _nextBatch * _batchSize;
                var batchHouseholds = _unselected.Skip(start).Take(Math.Max(0, Math.Min(_batchSize, _unselected.Count - start)))
                    .Select((h, k) => h with { Selected = ((next[k >> 3] >> (k & 7)) & 1) != 0 });
                var looks = _monitor.Looks;
                var before = raised.Count;
                foreach (var alert in _monitor.Add(batchHouseholds))
                {
                    FairnessLog.Alert(_log, alert.Look, alert.Kind.ToString(), alert.Direction.ToString());
                    raised.Add(alert);
                }

                if (raised.Count > before)
                {
                    // Shown in the progress output (the CLI's fairness line, the dashboard's phases) as soon as raised.
                    _progress.Report(new RunProgress(RunProgress.FairnessAlertsPhase, _monitor.Alerts.Count, _monitor.Alerts.Count));
                }

                if (_monitor.Looks > looks)
                {
                    _progress.Report(new RunProgress("fairness", _monitor.Looks, RunMonitor.DefaultLooks));
                    FairnessLog.Looked(_log, _monitor.Looks, _monitor.Households, _monitor.AlphaSpent, _monitor.Alerts.Count);
                }

                _nextBatch++;
            }
        }

        return raised;
    }

    /// <summary>An alert as audit text: kind, direction, group and rounded ratio; the plan hash and the look go into the entry's hashes and counts.</summary>
    public static string AuditDetail(FairnessAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var text = alert.ToAuditText();
        // ToAuditText starts with the plan hash, whose hex may hold nine digits in a row, which the audit refuses as a possible BSN.
        return "fairness-alert " + text[(text.IndexOf(" kind=", StringComparison.Ordinal) + 1)..];
    }

    /// <summary>Writes the record of looks and alerts into the run's output directory.</summary>
    public void Write(string directory)
    {
        lock (_gate)
        {
            File.WriteAllText(
                Path.Combine(directory, FairnessRunFiles.AlertsFileName),
                FairnessRunFiles.Serialize(FairnessRunFiles.Record(_monitor, _unselected.Count)),
                new UTF8Encoding(false));
        }
    }
}

/// <summary>The monitor's log messages (event ids 2100–2109): counts, kinds and the plan hash only; the alerts themselves go to the run's alerts file.</summary>
internal static partial class FairnessLog
{
    [LoggerMessage(2100, LogLevel.Information, "Fairness monitor: plan {PlanHash}, {Households} households, {Looks} looks")]
    public static partial void Monitoring(ILogger logger, string planHash, int households, int looks);

    [LoggerMessage(2102, LogLevel.Information, "Fairness monitor: look {Look} at {Households} households, alpha spent {AlphaSpent:0.0000}, {Alerts} alerts so far")]
    public static partial void Looked(ILogger logger, int look, int households, double alphaSpent, int alerts);

    [LoggerMessage(2103, LogLevel.Warning, "Fairness alert at look {Look}: {Kind} {Direction}; the group and ratio are in fairness-alerts.json")]
    public static partial void Alert(ILogger logger, int look, string kind, string direction);
}
