namespace Samenreken.Fairness;

/// <summary>Why a group's figures are left out of every output.</summary>
public enum SuppressionReason
{
    /// <summary>Published.</summary>
    None,

    /// <summary>Fewer households than the plan's minimum group size.</summary>
    BelowMinimum,

    /// <summary>Large enough, but suppressed so that a smaller group cannot be recovered by subtraction.</summary>
    Complementary,
}

/// <summary>
/// Primary and complementary cell suppression over every published group count. Each group is a set of atoms
/// (the households' combinations of all monitored attribute values); a published count is the sum of its atoms'
/// counts, and the total is always published. A suppressed group is recoverable by subtraction exactly when its
/// atom-indicator vector lies in the span of the published groups' vectors. The attacker modelled here knows which
/// atoms are empty (only non-empty atoms are variables), which can only make recovery easier: a conservative check.
/// While some suppressed group is recoverable, the smallest published group used in its recovery is suppressed too.
/// Selected, eligible and eligible-and-selected counts are sums over the same atoms, so one check covers them all.
/// </summary>
internal static class Suppression
{
    /// <summary>A Mersenne prime: exact linear algebra modulo p; a dependency found mod p but not over the rationals only suppresses more.</summary>
    private const long Prime = 2_147_483_647;

    public static SuppressionReason[] Decide(IReadOnlyList<GroupTally> groups, int atomCount, int minimumSize, bool complementary = true)
    {
        var reasons = groups.Select(g => g.Size < minimumSize ? SuppressionReason.BelowMinimum : SuppressionReason.None).ToArray();
        if (!complementary)
        {
            return reasons;
        }

        while (true)
        {
            var published = Enumerable.Range(0, groups.Count).Where(i => reasons[i] == SuppressionReason.None).ToList();
            var span = new Span(atomCount, published.Count);
            span.Add(Enumerable.Range(0, atomCount), published.Count);
            for (int p = 0; p < published.Count; p++)
            {
                span.Add(groups[published[p]].Atoms, p);
            }

            // One rebuild of the span per pass: break every recovery found in it, then check again.
            var chosen = new HashSet<int>();
            for (int i = 0; i < groups.Count; i++)
            {
                // Recoverable from the total alone means the group is everyone: nothing to protect it with.
                if (reasons[i] == SuppressionReason.None || span.Represent(groups[i].Atoms) is not { Length: > 0 } used)
                {
                    continue;
                }

                int[] candidates = [.. used.Select(p => published[p])];
                if (!candidates.Any(chosen.Contains))
                {
                    chosen.Add(candidates.OrderBy(g => groups[g].Size).ThenBy(g => groups[g].Table != groups[i].Table).First());
                }
            }

            if (chosen.Count == 0)
            {
                return reasons;
            }

            foreach (int suppress in chosen)
            {
                reasons[suppress] = SuppressionReason.Complementary;
            }
        }
    }

    /// <summary>An echelon basis of published vectors, each row remembering which published groups it combines.</summary>
    private sealed class Span(int atomCount, int totalIndex)
    {
        private readonly List<(int Pivot, long[] Vector, long[] Combination)> _rows = [];

        public void Add(IEnumerable<int> atoms, int index)
        {
            var (vector, combination) = Reduce(atoms);
            combination[index] = Mod(combination[index] + 1);
            int pivot = Array.FindIndex(vector, v => v != 0);
            if (pivot < 0)
            {
                return;
            }

            long inverse = Inverse(vector[pivot]);
            Scale(vector, inverse);
            Scale(combination, inverse);
            _rows.Add((pivot, vector, combination));
        }

        /// <summary>The published groups (by index, the total excluded) whose combination gives these atoms, or null when none does.</summary>
        public int[]? Represent(IEnumerable<int> atoms)
        {
            var (vector, combination) = Reduce(atoms);
            return vector.Any(v => v != 0)
                ? null
                : [.. Enumerable.Range(0, totalIndex).Where(p => combination[p] != 0)];
        }

        /// <summary>Subtracts basis rows until no pivot column is left; tracks the subtracted combination (negated).</summary>
        private (long[] Vector, long[] Combination) Reduce(IEnumerable<int> atoms)
        {
            var vector = new long[atomCount];
            foreach (int atom in atoms)
            {
                vector[atom] = 1;
            }

            var combination = new long[totalIndex + 1];
            foreach (var (pivot, row, rowCombination) in _rows)
            {
                long factor = vector[pivot];
                if (factor == 0)
                {
                    continue;
                }

                SubtractMultiple(vector, row, factor);
                SubtractMultiple(combination, rowCombination, factor);
            }

            return (vector, combination);
        }

        private static void SubtractMultiple(long[] target, long[] row, long factor)
        {
            for (int j = 0; j < target.Length; j++)
            {
                if (row[j] != 0)
                {
                    target[j] = Mod(target[j] - (factor * row[j] % Prime));
                }
            }
        }

        private static void Scale(long[] target, long factor)
        {
            for (int j = 0; j < target.Length; j++)
            {
                target[j] = target[j] * factor % Prime;
            }
        }

        private static long Mod(long x) => ((x % Prime) + Prime) % Prime;

        private static long Inverse(long x) => (long)System.Numerics.BigInteger.ModPow(x, Prime - 2, Prime);
    }
}
