namespace Samenreken.Domain.Polis;

/// <summary>The kind of an income relationship, derived from its Polis income code (SrtIV).</summary>
public enum IncomeKind
{
    /// <summary>Wage from current employment (SrtIV 11, 13, 15, 17, 18).</summary>
    Wage,

    /// <summary>The AOW itself (SrtIV 22), paid by SVB.</summary>
    Aow,

    /// <summary>Pensions and annuities, i.e. income from earlier employment (SrtIV 23, 55–60, 63).</summary>
    Pension,

    /// <summary>Benefits under social insurance laws (WW, ZW, WIA, Anw, …).</summary>
    Benefit,

    /// <summary>Social assistance under the Participatiewet (SrtIV 43).</summary>
    SocialAssistance,
}

/// <summary>How often a payer reports: the length of one Polis income statement.</summary>
public enum PayPeriod
{
    /// <summary>A calendar month: 12 a year.</summary>
    Month,

    /// <summary>Four weeks: 13 a year (the 13th stretched to 31 December).</summary>
    FourWeeks,

    /// <summary>A week: 52 a year.</summary>
    Week,
}

/// <summary>Code lists of the UWV file (see polis.md, section 3).</summary>
public static class IncomeCodes
{
    private static readonly Dictionary<int, IncomeKind> s_kinds = Build();

    /// <summary>pay_period codes.</summary>
    public static IReadOnlyDictionary<string, PayPeriod> PayPeriods { get; } = new Dictionary<string, PayPeriod>(StringComparer.Ordinal)
    {
        ["month"] = PayPeriod.Month,
        ["four_weeks"] = PayPeriod.FourWeeks,
        ["week"] = PayPeriod.Week,
    };

    /// <summary>Every current SrtIV code this system accepts, with its kind.</summary>
    public static IReadOnlyDictionary<int, IncomeKind> Kinds => s_kinds;

    /// <summary>True and the kind when <paramref name="code"/> is a current SrtIV code.</summary>
    public static bool TryGetKind(int code, out IncomeKind kind) => s_kinds.TryGetValue(code, out kind);

    /// <summary>Pay periods per year: 12, 13 or 52.</summary>
    public static int PeriodsPerYear(PayPeriod period) => period switch
    {
        PayPeriod.Month => 12,
        PayPeriod.FourWeeks => 13,
        PayPeriod.Week => 52,
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    private static Dictionary<int, IncomeKind> Build()
    {
        var kinds = new Dictionary<int, IncomeKind>();
        foreach (var code in new[] { 11, 13, 15, 17, 18 })
        {
            kinds[code] = IncomeKind.Wage;
        }

        kinds[22] = IncomeKind.Aow;
        foreach (var code in new[] { 23, 55, 56, 57, 58, 59, 60, 63 })
        {
            kinds[code] = IncomeKind.Pension;
        }

        foreach (var code in new[] { 24, 31, 32, 33, 34, 36, 37, 38, 39, 40, 42, 45, 46, 50, 52, 54, 61, 62 })
        {
            kinds[code] = IncomeKind.Benefit;
        }

        kinds[43] = IncomeKind.SocialAssistance;
        return kinds;
    }
}
