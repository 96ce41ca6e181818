namespace Samenreken.Fairness;

/// <summary>Counts for one group, overall and per stratum of the legitimate factors.</summary>
internal sealed class GroupTally(GroupKey key, int table)
{
    public GroupKey Key { get; } = key;

    /// <summary>Index of the attribute combination the group belongs to; its groups partition the households.</summary>
    public int Table { get; } = table;

    public int Size { get; private set; }
    public int Selected { get; private set; }
    public int Eligible { get; private set; }
    public int EligibleSelected { get; private set; }

    /// <summary>The combinations of all monitored attribute values (atoms) the group is made of; suppression reasons over them.</summary>
    public HashSet<int> Atoms { get; } = [];

    /// <summary>Per stratum: selected and not selected.</summary>
    public Dictionary<string, (int Yes, int No)> Strata { get; } = new(StringComparer.Ordinal);

    public void Add(HouseholdRow row)
    {
        Size++;
        Selected += row.Selected ? 1 : 0;
        Eligible += row.Eligible ? 1 : 0;
        EligibleSelected += row.Eligible && row.Selected ? 1 : 0;
        Atoms.Add(row.Atom);
        Strata[row.Stratum] = Strata.TryGetValue(row.Stratum, out var s)
            ? (s.Yes + (row.Selected ? 1 : 0), s.No + (row.Selected ? 0 : 1))
            : (row.Selected ? 1 : 0, row.Selected ? 0 : 1);
    }
}

/// <summary>A household reduced to what the tally needs.</summary>
internal readonly record struct HouseholdRow(string[] Values, string Stratum, int Atom, bool Selected, bool Eligible);

/// <summary>
/// All groups of a plan over a set of households: every attribute combination up to the intersection depth,
/// each observed value combination, and per combination an "other" group merging the groups below the minimum size.
/// </summary>
internal sealed class Tally
{
    private Tally(MonitoringPlan plan, List<GroupTally> groups, GroupTally total, bool hasGroundTruth, int atomCount)
    {
        Plan = plan;
        Groups = groups;
        Total = total;
        HasGroundTruth = hasGroundTruth;
        AtomCount = atomCount;
    }

    public MonitoringPlan Plan { get; }
    public List<GroupTally> Groups { get; }
    public GroupTally Total { get; }
    public bool HasGroundTruth { get; }
    public int AtomCount { get; }

    public static Tally Count(MonitoringPlan plan, IReadOnlyList<HouseholdObservation> households)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(households);
        bool hasGroundTruth = households.Count > 0 && households[0].TrulyEligible.HasValue;
        var atoms = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new HouseholdRow[households.Count];
        for (int i = 0; i < households.Count; i++)
        {
            var household = households[i] ?? throw new ArgumentException("A household is null.", nameof(households));
            if (household.TrulyEligible.HasValue != hasGroundTruth)
            {
                throw new ArgumentException("Ground truth must be given for every household or for none.", nameof(households));
            }

            string[] values = [.. plan.Attributes.Select(a => Value(household, a))];
            string stratum = string.Join('\u001f', plan.LegitimateFactors.Select(a => Value(household, a)));
            string atomKey = string.Join('\u001f', values);
            if (!atoms.TryGetValue(atomKey, out int atom))
            {
                atom = atoms.Count;
                atoms.Add(atomKey, atom);
            }

            rows[i] = new HouseholdRow(values, stratum, atom, household.Selected, household.TrulyEligible == true);
        }

        var total = new GroupTally(new GroupKey([], []), -1);
        var groups = new List<GroupTally>();
        var combinations = Combinations(plan.Attributes.Count, plan.IntersectionDepth);
        for (int table = 0; table < combinations.Count; table++)
        {
            int[] columns = combinations[table];
            string[] names = [.. columns.Select(c => plan.Attributes[c])];
            var byValues = new Dictionary<string, GroupTally>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                string[] values = [.. columns.Select(c => row.Values[c])];
                string id = string.Join('\u001f', values);
                if (!byValues.TryGetValue(id, out var group))
                {
                    group = new GroupTally(new GroupKey(names, values), table);
                    byValues.Add(id, group);
                }

                group.Add(row);
            }

            var ordered = byValues.Values.OrderBy(g => g.Key.Label, StringComparer.Ordinal).ToList();
            groups.AddRange(ordered);
            var tooSmall = ordered.Where(g => g.Size < plan.MinimumGroupSize).ToHashSet();
            if (tooSmall.Count > 0)
            {
                var other = new GroupTally(new GroupKey(names, null), table);
                foreach (var row in rows)
                {
                    string[] values = [.. columns.Select(c => row.Values[c])];
                    if (tooSmall.Contains(byValues[string.Join('\u001f', values)]))
                    {
                        other.Add(row);
                    }
                }

                groups.Add(other);
            }
        }

        foreach (var row in rows)
        {
            total.Add(row);
        }

        return new Tally(plan, groups, total, hasGroundTruth, atoms.Count);
    }

    private static string Value(HouseholdObservation household, string attribute)
        => household.Attributes.TryGetValue(attribute, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : throw new ArgumentException($"A household lacks a value for '{attribute}'.", "households");

    /// <summary>All index subsets of size 1..depth, smaller subsets first, each in ascending order.</summary>
    internal static List<int[]> Combinations(int count, int depth)
    {
        var result = new List<int[]>();
        for (int size = 1; size <= depth; size++)
        {
            AddCombinations(result, [], 0, count, size);
        }

        return result;
    }

    private static void AddCombinations(List<int[]> result, List<int> prefix, int start, int count, int size)
    {
        if (prefix.Count == size)
        {
            result.Add([.. prefix]);
            return;
        }

        for (int i = start; i < count; i++)
        {
            prefix.Add(i);
            AddCombinations(result, prefix, i + 1, count, size);
            prefix.RemoveAt(prefix.Count - 1);
        }
    }
}
