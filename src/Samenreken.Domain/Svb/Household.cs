namespace Samenreken.Domain.Svb;

/// <summary>
/// An AOW household as SVB sees it: one or two AOW recipients, and for a couple with a younger
/// partner, that partner's BSN. Built from the rows of the SVB file that share a household id.
/// </summary>
public sealed class Household
{
    private Household(long id, HouseholdType type, IReadOnlyList<AowRecipient> recipients, IReadOnlyList<Bsn> members)
    {
        Id = id;
        Type = type;
        Recipients = recipients;
        Members = members;
    }

    public long Id { get; }

    public HouseholdType Type { get; }

    /// <summary>The AOW recipients: one, or two for a couple both of AOW age.</summary>
    public IReadOnlyList<AowRecipient> Recipients { get; }

    /// <summary>
    /// Every member whose Polis income counts: the recipients and, for a couple with a younger partner,
    /// the partner. The order is the recipients first, so that coefficients line up with it.
    /// </summary>
    public IReadOnlyList<Bsn> Members { get; }

    /// <summary>True when the household already receives AIO; it is not approached.</summary>
    public bool ReceivesAio => Recipients.Any(r => r.ReceivesAio);

    /// <summary>The net AOW SVB pays to the household per month (excluding holiday allowance).</summary>
    public Money NetAowMonthly => Recipients.Aggregate(Money.Zero, (sum, r) => sum + r.NetAowMonthly);

    /// <summary>Groups the rows of one household; the broken rule when they do not fit together.</summary>
    public static bool TryCreate(IReadOnlyList<AowRecipient> rows, out Household? household, out DataProblem? error)
    {
        ArgumentNullException.ThrowIfNull(rows);
        household = null;
        error = Check(rows);
        if (error is not null)
        {
            return false;
        }

        var first = rows[0];
        var members = first.HouseholdType.HasYoungerPartner()
            ? new[] { first.Bsn, first.PartnerBsn!.Value }
            : rows.Select(r => r.Bsn).ToArray();
        household = new Household(first.HouseholdId, first.HouseholdType, rows.ToArray(), members);
        return true;
    }

    private static DataProblem? Check(IReadOnlyList<AowRecipient> rows)
    {
        if (rows.Count == 0)
        {
            return DataProblem.HouseholdWithoutRecipient;
        }

        var first = rows[0];
        if (rows.Any(r => r.HouseholdId != first.HouseholdId || r.HouseholdType != first.HouseholdType))
        {
            return DataProblem.HouseholdRowsDisagree;
        }

        var expected = first.HouseholdType == HouseholdType.CoupleBothAowAge ? 2 : 1;
        if (rows.Count != expected)
        {
            return DataProblem.HouseholdWrongRecipientCount;
        }

        if (expected == 2 && (rows[0].PartnerBsn != rows[1].Bsn || rows[1].PartnerBsn != rows[0].Bsn))
        {
            return DataProblem.PartnersDoNotNameEachOther;
        }

        return null;
    }
}
