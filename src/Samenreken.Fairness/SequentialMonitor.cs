using System.Globalization;
using Samenreken.Fairness.Statistics;

namespace Samenreken.Fairness;

/// <summary>
/// An alert raised at one look: a value the caller writes to the audit log and shows in the progress output.
/// It holds no counts, only the group, the direction and the rounded ratio, so it reveals nothing about small groups.
/// </summary>
public sealed record FairnessAlert(string PlanHash, int Look, int HouseholdsSoFar, FindingKind Kind, Direction Direction, string Group, double? RateRatio, string Sentence)
{
    /// <summary>One line for the audit log; the group label is quoted with its quotes and backslashes escaped, so a value cannot forge fields.</summary>
    public string ToAuditText()
        => string.Create(CultureInfo.InvariantCulture,
            $"fairness-alert plan={PlanHash} look={Look} households={HouseholdsSoFar} kind={Kind} direction={Direction} group=\"{Escaped(Group)}\" ratio={RateRatio:0.00}");

    private static string Escaped(string text)
        => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).ReplaceLineEndings(" ");
}

/// <summary>What one look found: how much α it could spend and the new alerts.</summary>
public sealed record MonitorLook(int Look, int Households, double InformationFraction, double AlphaThisLook, double AlphaSpent, IReadOnlyList<FairnessAlert> Alerts);

/// <summary>
/// The in-run monitor. After each batch it tests all groups again; to keep the chance of any false alarm over
/// the whole run at α however many looks there are, look k may spend only α(t_k) − α(t_{k−1}) of the
/// Lan–DeMets O'Brien–Fleming-type spending function (t = households seen / planned), with Holm across groups
/// inside the look. The looks are combined by Bonferroni (the union bound), which is valid whatever the
/// correlation between looks, for any number and timing of looks fixed by the household count. See docs/fairness.md.
/// </summary>
public sealed class SequentialMonitor
{
    private readonly TallyBuilder _tally;
    private readonly HashSet<(string Group, FindingKind Kind, Direction Direction)> _alerted = [];
    private readonly List<FairnessAlert> _alerts = [];

    /// <summary>The α of the last look that had any to spend: the level of the figures in <see cref="Report"/>.</summary>
    private double _alphaLastSpent;

    private SequentialMonitor(MonitoringPlan plan, int plannedHouseholds)
    {
        Plan = plan;
        PlannedHouseholds = plannedHouseholds;
        _tally = new TallyBuilder(plan);
    }

    public MonitoringPlan Plan { get; }

    /// <summary>The run's sample size; looks after it is reached have no α left to spend.</summary>
    public int PlannedHouseholds { get; }

    public int Looks { get; private set; }

    /// <summary>The α spent so far: never more than the plan's α.</summary>
    public double AlphaSpent { get; private set; }

    /// <summary>Every alert raised so far, in order.</summary>
    public IReadOnlyList<FairnessAlert> Alerts => _alerts;

    public static SequentialMonitor Create(MonitoringPlan plan, int plannedHouseholds)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(plannedHouseholds, 1);
        return new SequentialMonitor(plan, plannedHouseholds);
    }

    /// <summary>Adds a batch and looks again; returns the alerts not raised before.</summary>
    public MonitorLook Observe(IEnumerable<HouseholdObservation> batch, ReportLanguage language = ReportLanguage.Dutch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _tally.AddRange(batch);
        Looks++;
        double fraction = Math.Min(1, _tally.Households / (double)PlannedHouseholds);
        double spent = AlphaSpending.ObrienFleming(Plan.Alpha, fraction);
        double alphaThisLook = Math.Max(0, spent - AlphaSpent);
        AlphaSpent = Math.Max(AlphaSpent, spent);
        var fresh = new List<FairnessAlert>();
        if (alphaThisLook > 0 && _tally.Households > 0)
        {
            // Alerts name only groups at or above the minimum size and carry no counts: no complementary suppression needed.
            _alphaLastSpent = alphaThisLook;
            var tally = _tally.Snapshot();
            var report = ReportBuilder.Build(tally, Analysis.Run(tally, alphaThisLook), alphaThisLook, language, complementarySuppression: false);
            foreach (var finding in report.Findings.Where(f => f.Flagged && _alerted.Add((f.Group, f.Kind, f.Direction))))
            {
                fresh.Add(new FairnessAlert(Plan.CanonicalHash, Looks, _tally.Households, finding.Kind, finding.Direction, finding.Group, finding.RateRatio, finding.Sentence));
            }
        }

        _alerts.AddRange(fresh);
        return new MonitorLook(Looks, _tally.Households, fraction, alphaThisLook, AlphaSpent, fresh);
    }

    /// <summary>
    /// The report over all households seen, with the figures tested at the share of α of the last look that had
    /// any. Its flags are exactly the alerts raised during the run: an alert is never withdrawn by later data (a
    /// reviewer decides on it), and the report does not add flags, because that would be one more look.
    /// </summary>
    public FairnessReport Report(ReportLanguage language = ReportLanguage.Dutch)
    {
        if (Looks == 0)
        {
            throw new InvalidOperationException("The monitor has not looked yet.");
        }

        var tally = _tally.Snapshot();
        var outcomes = Analysis.Run(tally, _alphaLastSpent);
        foreach (var outcome in outcomes)
        {
            string group = outcome.Tally.Key.Label;
            outcome.SelectionFlag = AlertedDirection(group, FindingKind.UnexplainedDisparity);
            outcome.MissedEligibleFlag = AlertedDirection(group, FindingKind.MissedEligible);
        }

        return ReportBuilder.Build(tally, outcomes, _alphaLastSpent, language);
    }

    private Direction? AlertedDirection(string group, FindingKind kind)
        => Enum.GetValues<Direction>().Cast<Direction?>().FirstOrDefault(d => _alerted.Contains((group, kind, d!.Value)));
}
