namespace Samenreken.Protocols.FileComparison;

/// <summary>The shape rules of the income request, checked by both parties.</summary>
internal static class IncomeRequestRules
{
    public const int RequestIdBytes = 16;

    /// <summary>Strictly ascending in ordinal order: sorted and without duplicates, so the order carries no household structure.</summary>
    public static bool IsStrictlyAscending(IReadOnlyList<string> ids)
    {
        for (var i = 1; i < ids.Count; i++)
        {
            if (string.CompareOrdinal(ids[i - 1], ids[i]) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
