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

    /// <summary>
    /// The combinations of all monitored attribute values (atoms) the group is made of; suppression reasons over
    /// them. Filled by <see cref="TallyBuilder"/> when an atom is first seen.
    /// </summary>
    public HashSet<int> Atoms { get; } = [];

    /// <summary>Per stratum index: households selected and not selected (strata the group has not met are absent).</summary>
    public List<(int Selected, int NotSelected)> Strata { get; } = [];

    public (int Selected, int NotSelected) Stratum(int index) => index < Strata.Count ? Strata[index] : (0, 0);

    public void Add(in HouseholdRow row)
    {
        Size++;
        Selected += row.Selected ? 1 : 0;
        Eligible += row.Eligible ? 1 : 0;
        EligibleSelected += row.Eligible && row.Selected ? 1 : 0;
        AddToStratum(row.Stratum, row.Selected ? 1 : 0, row.Selected ? 0 : 1);
    }

    /// <summary>The union of disjoint groups (the groups of one table below the minimum size).</summary>
    public static GroupTally Merge(GroupKey key, int table, IEnumerable<GroupTally> parts)
    {
        var merged = new GroupTally(key, table);
        foreach (var part in parts)
        {
            merged.Size += part.Size;
            merged.Selected += part.Selected;
            merged.Eligible += part.Eligible;
            merged.EligibleSelected += part.EligibleSelected;
            merged.Atoms.UnionWith(part.Atoms);
            for (int s = 0; s < part.Strata.Count; s++)
            {
                merged.AddToStratum(s, part.Strata[s].Selected, part.Strata[s].NotSelected);
            }
        }

        return merged;
    }

    private void AddToStratum(int index, int selected, int notSelected)
    {
        while (Strata.Count <= index)
        {
            Strata.Add((0, 0));
        }

        var current = Strata[index];
        Strata[index] = (current.Selected + selected, current.NotSelected + notSelected);
    }
}

/// <summary>A household reduced to what the tally needs: per monitored attribute a value index, a stratum and an atom index.</summary>
internal readonly record struct HouseholdRow(int[] Values, int Stratum, int Atom, bool Selected, bool Eligible);


/// <summary>
/// All groups of a plan over a set of households: every attribute combination up to the intersection depth,
/// each observed value combination, and per combination an "other" group merging the groups below the minimum size.
/// </summary>
internal sealed class Tally
{
    internal Tally(MonitoringPlan plan, List<GroupTally> groups, GroupTally total, bool hasGroundTruth, int atomCount)
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
        var builder = new TallyBuilder(plan);
        builder.AddRange(households);
        return builder.Snapshot();
    }
}

/// <summary>
/// Counts households into groups as they arrive, so the in-run monitor touches each household once; a snapshot
/// adds the "other" groups, whose counts are sums of the groups below the minimum size at that moment.
/// </summary>
internal sealed class TallyBuilder
{
    /// <summary>Bits per attribute in a group's numeric identity: 4 attributes of up to 65,536 values fit in a long.</summary>
    private const int BitsPerValue = 16;

    private readonly MonitoringPlan _plan;
    private readonly Index[] _values;
    private readonly Index _strata = new();
    private readonly Index _atoms = new();
    private readonly List<int[]> _tables;
    private readonly Dictionary<long, GroupTally>[] _groups;
    private readonly List<HouseholdRow> _rows = [];
    private readonly List<GroupTally[]> _groupsOfAtom = [];
    private bool? _hasGroundTruth;

    public TallyBuilder(MonitoringPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        _values = [.. plan.Attributes.Select(_ => new Index())];
        _tables = Combinations(plan.Attributes.Count, plan.IntersectionDepth);
        _groups = [.. _tables.Select(_ => new Dictionary<long, GroupTally>())];
    }

    public int Households => _rows.Count;

    public void AddRange(IEnumerable<HouseholdObservation> households)
    {
        ArgumentNullException.ThrowIfNull(households);
        foreach (var household in households)
        {
            Add(household ?? throw new ArgumentException("A household is null.", nameof(households)));
        }
    }

    private void Add(HouseholdObservation household)
    {
        _hasGroundTruth ??= household.TrulyEligible.HasValue;
        if (household.TrulyEligible.HasValue != _hasGroundTruth)
        {
            throw new ArgumentException("Ground truth must be given for every household or for none.", "households");
        }

        var ids = new int[_values.Length];
        for (int a = 0; a < ids.Length; a++)
        {
            ids[a] = _values[a].Of(Value(household, _plan.Attributes[a]));
            if (ids[a] >= 1 << BitsPerValue)
            {
                throw new ArgumentException($"Attribute '{_plan.Attributes[a]}' has too many distinct values.", "households");
            }
        }

        int stratum = _strata.Of(string.Join('\u001f', _plan.LegitimateFactors.Select(a => Value(household, a))));
        int atom = _atoms.Of(string.Join(',', ids));
        var row = new HouseholdRow(ids, stratum, atom, household.Selected, household.TrulyEligible == true);
        _rows.Add(row);
        if (atom == _groupsOfAtom.Count)
        {
            _groupsOfAtom.Add(GroupsOf(ids, atom));
        }

        // An atom lies in one group per table, always the same: found once, then only counted.
        foreach (var group in _groupsOfAtom[atom])
        {
            group.Add(row);
        }
    }

    private GroupTally[] GroupsOf(int[] ids, int atom)
    {
        var groups = new GroupTally[_tables.Count];
        for (int table = 0; table < _tables.Count; table++)
        {
            long id = 0;
            foreach (int c in _tables[table])
            {
                id = (id << BitsPerValue) | (long)ids[c];
            }

            if (!_groups[table].TryGetValue(id, out var group))
            {
                string[] names = [.. _tables[table].Select(c => _plan.Attributes[c])];
                group = new GroupTally(new GroupKey(names, [.. _tables[table].Select(c => _values[c].Names[ids[c]])]), table);
                _groups[table].Add(id, group);
            }

            group.Atoms.Add(atom);
            groups[table] = group;
        }

        return groups;
    }

    /// <summary>The groups as they stand; the group objects are live and change with later batches.</summary>
    public Tally Snapshot()
    {
        var total = new GroupTally(new GroupKey([], []), -1);
        foreach (var row in _rows)
        {
            total.Add(row);
        }

        var groups = new List<GroupTally>();
        for (int table = 0; table < _tables.Count; table++)
        {
            var ordered = _groups[table].Values.OrderBy(g => g.Key.Label, StringComparer.Ordinal).ToList();
            groups.AddRange(ordered);
            var tooSmall = ordered.Where(g => g.Size < _plan.MinimumGroupSize).ToList();
            if (tooSmall.Count > 0)
            {
                groups.Add(GroupTally.Merge(new GroupKey([.. _tables[table].Select(c => _plan.Attributes[c])], null), table, tooSmall));
            }
        }

        return new Tally(_plan, groups, total, _hasGroundTruth == true, _atoms.Count);
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

    /// <summary>Numbers distinct strings in order of first appearance.</summary>
    private sealed class Index
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

        public List<string> Names { get; } = [];

        public int Count => Names.Count;

        public int Of(string name)
        {
            if (!_ids.TryGetValue(name, out int id))
            {
                id = Names.Count;
                _ids.Add(name, id);
                Names.Add(name);
            }

            return id;
        }
    }
}
