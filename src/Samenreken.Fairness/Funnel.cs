using Samenreken.Fairness.Statistics;

namespace Samenreken.Fairness;

/// <summary>
/// One sampled household after evaluation (art. 6): whether it was approached (got a letter), responded, applied and
/// was granted AIO, and on synthetic runs whether it was truly eligible. A household that was not approached has all
/// later stages false.
/// </summary>
public sealed record FunnelHousehold(IReadOnlyDictionary<string, string> Attributes, bool Approached, bool Responded, bool Applied, bool Granted, bool? TrulyEligible = null);

/// <summary>A count and its share of the group's approached households (Wilson interval); both null when suppressed.</summary>
public sealed record FunnelCell(int? Count, Estimate? Share);

/// <summary>
/// The funnel of one group (one value of one monitored attribute): sampled → approached → responded → applied →
/// granted; the granted share of the approached compared with the rest's (Katz ratio, chi-square or Fisher, Holm over
/// all groups); on synthetic runs the truly eligible households missed (never approached) and the approached who
/// were not truly eligible (false hope, which the letter's caveat is about). Null counts are suppressed.
/// </summary>
public sealed record FunnelGroup(
    string Attribute,
    string Value,
    int? Sampled,
    FunnelCell Approached,
    FunnelCell Responded,
    FunnelCell Applied,
    FunnelCell Granted,
    Estimate? GrantedRatioToRest,
    Significance? GrantedTest,
    bool Flagged,
    FunnelCell? EligibleMissed,
    FunnelCell? ApproachedNotEligible);

/// <summary>Error-based fairness after evaluation: the funnel per group, totals always published.</summary>
public sealed record FunnelReport(string PlanHash, int Sampled, int Approached, int Responded, int Applied, int Granted, bool HasGroundTruth, IReadOnlyList<FunnelGroup> Groups);

/// <summary>
/// The funnel per group after evaluation (issue 17, "after the run and after evaluation"). Groups are the values of
/// each monitored attribute on its own: the funnel's counts are small (about 1,000 letters in the pilot), too small
/// for intersections. Shares of a stage are of the group's approached households, except the missed share (of its
/// truly eligible) on synthetic runs. A group is flagged when its granted share differs from the rest's beyond the
/// plan's practical threshold and significantly after Holm over all groups at the plan's α (one look: evaluation
/// happens once). Suppression: every count below the minimum is hidden with its share, and where that leaves one
/// hidden cell in a column of an attribute, the smallest other cell of that column is hidden too, so the total
/// minus the published cells recovers nothing.
/// </summary>
public static class FunnelAnalyzer
{
    public static FunnelReport Analyze(MonitoringPlan plan, IReadOnlyList<FunnelHousehold> households)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(households);
        bool truth = households.Count > 0 && households.All(h => h.TrulyEligible is not null);
        double z = Proportions.TwoSidedZ(plan.Alpha);
        var drafts = new List<Draft>();
        foreach (var attribute in plan.Attributes)
        {
            foreach (var value in households.Select(h => h.Attributes[attribute]).Distinct().Order(StringComparer.Ordinal))
            {
                var inGroup = households.Where(h => h.Attributes[attribute] == value).ToList();
                var rest = households.Where(h => h.Attributes[attribute] != value).ToList();
                drafts.Add(new Draft(attribute, value, Counts(inGroup), Counts(rest)));
            }
        }

        var tests = drafts.Select(d => TwoByTwo.Test(new Table2x2(d.Group[Granted], d.Group[Approached] - d.Group[Granted], d.Rest[Granted], d.Rest[Approached] - d.Rest[Granted]))).ToList();
        var adjusted = Holm.Adjust([.. tests.Select(t => t.PValue)]);
        var hidden = Suppress(drafts, plan.MinimumGroupSize, truth);
        var groups = new List<FunnelGroup>();
        for (int i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            var g = d.Group;
            var ratio = Proportions.Ratio(g[Granted], g[Approached], d.Rest[Granted], d.Rest[Approached], z);
            bool flagged = adjusted[i] <= plan.Alpha && ratio is { } r && (r.Value < plan.LowerRateRatio || r.Value > plan.UpperRateRatio);
            bool shown = !hidden[i][Sampled];
            FunnelCell Cell(int column, int of) => hidden[i][column] ? new FunnelCell(null, null) : new FunnelCell(g[column], g[of] == 0 ? null : Proportions.Wilson(g[column], g[of], z));
            groups.Add(new FunnelGroup(
                d.Attribute,
                d.Value,
                shown ? g[Sampled] : null,
                hidden[i][Approached] ? new FunnelCell(null, null) : new FunnelCell(g[Approached], null),
                Cell(Responded, Approached),
                Cell(Applied, Approached),
                Cell(Granted, Approached),
                hidden[i][Granted] || hidden[i][Approached] ? null : ratio,
                hidden[i][Granted] || hidden[i][Approached] ? null : new Significance(tests[i].Method, tests[i].PValue, adjusted[i]),
                flagged,
                truth ? Cell(EligibleMissed, Eligible) : null,
                truth ? Cell(ApproachedNotEligible, Approached) : null));
        }

        int Total(Func<FunnelHousehold, bool> stage) => households.Count(stage);
        return new FunnelReport(plan.CanonicalHash, households.Count, Total(h => h.Approached), Total(h => h.Responded), Total(h => h.Applied), Total(h => h.Granted), truth, groups);
    }

    private const int Sampled = 0, Approached = 1, Responded = 2, Applied = 3, Granted = 4, Eligible = 5, EligibleMissed = 6, ApproachedNotEligible = 7, Columns = 8;

    private sealed record Draft(string Attribute, string Value, int[] Group, int[] Rest);

    private static int[] Counts(List<FunnelHousehold> households)
    {
        var counts = new int[Columns];
        foreach (var h in households)
        {
            counts[Sampled]++;
            counts[Approached] += h.Approached ? 1 : 0;
            counts[Responded] += h.Approached && h.Responded ? 1 : 0;
            counts[Applied] += h.Approached && h.Applied ? 1 : 0;
            counts[Granted] += h.Approached && h.Granted ? 1 : 0;
            counts[Eligible] += h.TrulyEligible == true ? 1 : 0;
            counts[EligibleMissed] += h.TrulyEligible == true && !h.Approached ? 1 : 0;
            counts[ApproachedNotEligible] += h.TrulyEligible == false && h.Approached ? 1 : 0;
        }

        return counts;
    }

    /// <summary>
    /// Per group and column, whether the count is hidden: below the minimum (primary); every column of a group whose
    /// size is hidden; and, until nothing changes, one more cell in each column of an attribute that hides exactly one.
    /// </summary>
    private static bool[][] Suppress(List<Draft> drafts, int minimum, bool truth)
    {
        var hidden = drafts.Select(d => Enumerable.Range(0, Columns).Select(c => d.Group[c] > 0 && d.Group[c] < minimum).ToArray()).ToArray();
        int[] columns = truth ? [Sampled, Approached, Responded, Applied, Granted, Eligible, EligibleMissed, ApproachedNotEligible] : [Sampled, Approached, Responded, Applied, Granted];
        var attributes = drafts.Select(d => d.Attribute).Distinct().Select(a => Enumerable.Range(0, drafts.Count).Where(i => drafts[i].Attribute == a).ToArray()).ToList();
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var row in hidden.Where(r => r[Sampled] && r.Contains(false)))
            {
                Array.Fill(row, true);
                changed = true;
            }

            foreach (var members in attributes)
            {
                foreach (int column in columns)
                {
                    // One hidden cell would follow from the published total minus the published cells: hide the smallest other.
                    if (members.Count(i => hidden[i][column]) != 1)
                    {
                        continue;
                    }

                    var candidates = members.Where(i => !hidden[i][column]).ToList();
                    if (candidates.Count > 0)
                    {
                        hidden[candidates.MinBy(i => drafts[i].Group[column])][column] = true;
                        changed = true;
                    }
                }
            }
        }

        return hidden;
    }
}
