namespace Samenreken.Governance.Evaluation;

/// <summary>A published count: its row and column, the value, and whether it is suppressed.</summary>
public readonly record struct CellKey(string Row, string Column);

/// <summary>An additive relation a reader knows: the parts add up to the total (a table's margin, or one table's cell summing another's).</summary>
public sealed record LinearRelation(IReadOnlyList<CellKey> Parts, CellKey Total);

/// <summary>
/// Statistical disclosure control for published counts: cells with 1 … minimum − 1 persons are suppressed (primary),
/// and then, wherever a relation would let a reader recover a suppressed cell by subtraction (exactly one unknown in
/// it), another cell of that relation is suppressed too (secondary, the smallest), until no relation has a single
/// unknown. Zeros are shown: they reveal no person.
/// </summary>
public static class DisclosureControl
{
    public static IReadOnlySet<CellKey> Suppress(IReadOnlyDictionary<CellKey, long> cells, IReadOnlyCollection<LinearRelation> relations, int minimum)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(relations);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        var suppressed = cells.Where(c => c.Value > 0 && c.Value < minimum).Select(c => c.Key).ToHashSet();
        bool changed;
        do
        {
            changed = false;
            foreach (var relation in relations)
            {
                var members = relation.Parts.Append(relation.Total).ToList();
                if (members.Count(suppressed.Contains) != 1)
                {
                    continue;
                }

                // Suppress the smallest other member (a non-zero one first: a suppressed zero protects nothing if its zero is known).
                var partner = members.Where(m => !suppressed.Contains(m))
                    .OrderBy(m => cells[m] == 0 ? 1 : 0).ThenBy(m => cells[m]).First();
                suppressed.Add(partner);
                changed = true;
            }
        }
        while (changed);

        return suppressed;
    }
}
