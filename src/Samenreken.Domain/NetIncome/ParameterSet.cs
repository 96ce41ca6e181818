using System.Globalization;
using Samenreken.Domain.Svb;

namespace Samenreken.Domain.NetIncome;

/// <summary>
/// The tax parameters of one calendar year, as integers: amounts in euro cents per year, rates in
/// units of 1/100,000 (so 19.17 percent is 19,170). Integers keep the computation exact and repeatable.
/// </summary>
public sealed class TaxYear
{
    /// <summary>The denominator of every rate: a rate r means r / 100,000.</summary>
    public const long RateScale = 100_000;

    internal TaxYear()
    {
    }

    public required int Year { get; init; }

    /// <summary>Upper bound of box 1 bracket 1 (AOW age), cents per year.</summary>
    public required long Bracket1UpperCents { get; init; }

    public required long Bracket2UpperCents { get; init; }

    /// <summary>First-bracket rate for people of AOW age (no AOW premium).</summary>
    public required long Rate1AowAge { get; init; }

    public required long Rate2 { get; init; }

    public required long Rate3 { get; init; }

    /// <summary>General tax credit (algemene heffingskorting) at AOW age, maximum.</summary>
    public required long GeneralCreditMaxCents { get; init; }

    public required long GeneralCreditPhaseOutStartCents { get; init; }

    public required long GeneralCreditPhaseOutRate { get; init; }

    /// <summary>Ouderenkorting, maximum.</summary>
    public required long ElderlyCreditMaxCents { get; init; }

    public required long ElderlyCreditThresholdCents { get; init; }

    public required long ElderlyCreditPhaseOutRate { get; init; }

    /// <summary>Alleenstaande ouderenkorting: for single-AOW recipients only (a household fact).</summary>
    public required long SingleElderlyCreditCents { get; init; }

    /// <summary>First-bracket rate below AOW age (with the AOW premium); later brackets are the same for both ages.</summary>
    public required long Rate1BelowAowAge { get; init; }

    /// <summary>General tax credit below AOW age, maximum (same phase-out start).</summary>
    public required long GeneralCreditMaxBelowAowAgeCents { get; init; }

    public required long GeneralCreditPhaseOutRateBelowAowAge { get; init; }

    /// <summary>Arbeidskorting below AOW age: upper bounds of the three phase-in brackets (on income from work).</summary>
    public required IReadOnlyList<long> LabourCreditBracketUpperCents { get; init; }

    /// <summary>Arbeidskorting below AOW age: the rate in each phase-in bracket.</summary>
    public required IReadOnlyList<long> LabourCreditRates { get; init; }

    public required long LabourCreditMaxCents { get; init; }

    /// <summary>Arbeidskorting reduction per euro above the third bracket.</summary>
    public required long LabourCreditPhaseOutRate { get; init; }

    /// <summary>Income-related Zvw contribution withheld on pensions and benefits.</summary>
    public required long ZvwRate { get; init; }

    public required long ZvwMaxIncomeCents { get; init; }
}

/// <summary>
/// The months of the three-month Polis window that fall in one tax year, with that year's tax parameters. A window
/// across a year change has two segments, so that each month is taxed under its own year's rules.
/// </summary>
/// <param name="From">First day of the segment.</param>
/// <param name="To">Last day of the segment.</param>
/// <param name="Months">Calendar months in the segment (1–3).</param>
/// <param name="Tax">The tax parameters of the segment's year.</param>
public sealed record WindowSegment(DateOnly From, DateOnly To, int Months, TaxYear Tax);

/// <summary>
/// What "net income" means (issue 14): what the final annual assessment leaves, or what the payers withhold each month.
/// A parameter of the algorithm version (<c>basis:assessment</c> or <c>basis:withholding</c>), shown by <c>explain</c>.
/// </summary>
public enum NetIncomeBasis
{
    /// <summary>
    /// The default: the annual box 1 rules on the window's income, annualised (steps 4–5), with the AOW in Polis as
    /// the tax base and the credits the person is entitled to. What the household finally keeps.
    /// </summary>
    AnnualAssessment,

    /// <summary>
    /// What the payers withheld: per statement the regular income minus its share of the withheld wage tax (IngLbPh)
    /// and Zvw (BijdrZvw), annualised like the gross. What arrives in the bank account each month; too low when a
    /// payer withholds without the tax credit, too high when two payers apply it. No single supplement.
    /// </summary>
    Withholding,
}

/// <summary>The AOW amounts per month of one half year for one AOW type (single, or couple per person).</summary>
/// <param name="Gross">Gross AOW excluding holiday allowance.</param>
/// <param name="Zvw">Zvw contribution SVB withholds.</param>
/// <param name="Net">Net AOW with the payroll tax credit applied, excluding holiday allowance.</param>
public sealed record AowAmounts(Money Gross, Money Zvw, Money Net);

/// <summary>
/// Every parameter a run needs for one reference month: the tax year, the AIO norms of the half
/// year (excluding holiday allowance) and the full AOW amounts. Built only from the parameter files.
/// </summary>
public sealed class ParameterSet
{
    /// <summary>The algorithm's own version; raise it whenever a step of the computation changes.</summary>
    public const string AlgorithmVersion = "aio-netincome/2";

    private readonly Dictionary<HouseholdType, Money> _norms;

    private readonly string _versionWithoutBasis;

    private ParameterSet(DateOnly referenceMonth, IReadOnlyList<WindowSegment> segments, Dictionary<HouseholdType, Money> norms, AowAmounts aowSingle, AowAmounts aowCouple, DateOnly normsFrom, DateOnly aowFrom, IReadOnlyList<ParameterValue> values)
        : this(referenceMonth, segments, norms, aowSingle, aowCouple, values, NetIncomeBasis.AnnualAssessment, string.Create(CultureInfo.InvariantCulture, $"{AlgorithmVersion} params:{ParameterFiles.Data.Hash} tax:{string.Join('+', segments.Select(g => g.Tax.Year))} norms:{normsFrom:yyyy-MM-dd} aow:{aowFrom:yyyy-MM-dd}"))
    {
    }

    private ParameterSet(DateOnly referenceMonth, IReadOnlyList<WindowSegment> segments, Dictionary<HouseholdType, Money> norms, AowAmounts aowSingle, AowAmounts aowCouple, IReadOnlyList<ParameterValue> values, NetIncomeBasis basis, string versionWithoutBasis)
    {
        ReferenceMonth = referenceMonth;
        Segments = segments;
        var tax = segments[^1].Tax;
        Tax = tax;
        _norms = norms;
        AowSingle = aowSingle;
        AowCouplePerPerson = aowCouple;
        Values = values;
        Basis = basis;
        _versionWithoutBasis = versionWithoutBasis;
        Version = $"{versionWithoutBasis} basis:{BasisCode(basis)}";
    }

    /// <summary>What net income means in this set: the annual assessment (default) or the monthly withholding.</summary>
    public NetIncomeBasis Basis { get; }

    /// <summary>The codes of <see cref="NetIncomeBasis"/> on the command line and in the version string.</summary>
    public static IReadOnlyDictionary<string, NetIncomeBasis> BasisCodes { get; } = new Dictionary<string, NetIncomeBasis>(StringComparer.Ordinal)
    {
        ["assessment"] = NetIncomeBasis.AnnualAssessment,
        ["withholding"] = NetIncomeBasis.Withholding,
    };

    /// <summary>The code of a basis (<c>assessment</c>, <c>withholding</c>).</summary>
    public static string BasisCode(NetIncomeBasis basis) => BasisCodes.First(c => c.Value == basis).Key;

    /// <summary>The same parameters with another meaning of net income (a different algorithm version).</summary>
    public ParameterSet WithBasis(NetIncomeBasis basis) =>
        basis == Basis ? this : new ParameterSet(ReferenceMonth, Segments, _norms, AowSingle, AowCouplePerPerson, Values, basis, _versionWithoutBasis);

    /// <summary>The first day of the month whose income is compared.</summary>
    public DateOnly ReferenceMonth { get; }

    /// <summary>The first day of the three-month Polis window (two months before the reference month).</summary>
    public DateOnly WindowStart => ReferenceMonth.AddMonths(-2);

    /// <summary>The last day of the window: the reference month's last day.</summary>
    public DateOnly WindowEnd => ReferenceMonth.AddMonths(1).AddDays(-1);

    /// <summary>Algorithm version, hash of the parameter files, and which rows were chosen.</summary>
    public string Version { get; }

    /// <summary>The tax parameters of the reference month's year.</summary>
    public TaxYear Tax { get; }

    /// <summary>The window's months grouped by tax year, oldest first (one segment unless the window spans a year change).</summary>
    public IReadOnlyList<WindowSegment> Segments { get; }

    /// <summary>Full AOW for a single person.</summary>
    public AowAmounts AowSingle { get; }

    /// <summary>Full AOW for one partner of a couple.</summary>
    public AowAmounts AowCouplePerPerson { get; }

    /// <summary>Every parameter value this set uses, with status and source.</summary>
    public IReadOnlyList<ParameterValue> Values { get; }

    /// <summary>One warning per used value that is recalled or estimated.</summary>
    public IReadOnlyList<string> Warnings => Values
        .Where(v => v.NeedsWarning)
        .Select(v => $"parameter {v.File} {v.Name} = {v.Text} is {ParameterValue.StatusText(v.Status)}" + (v.Notes.Length > 0 ? $" ({v.Notes})" : string.Empty))
        .ToArray();

    /// <summary>The monthly AIO norm (net, excluding holiday allowance) for a household type.</summary>
    public Money Norm(HouseholdType type) => _norms[type];

    /// <summary>The tax years the parameter files cover.</summary>
    public static IReadOnlyList<int> Years { get; } = [2022, 2023, 2024, 2025, 2026];

    /// <summary>
    /// Reads a reference month written <c>yyyy-MM</c> (month 01–12). Says nothing about whether parameters cover it:
    /// an ill-formed month (<c>2024-13</c>, <c>abc</c>) and a month outside the parameter files are different errors.
    /// </summary>
    public static bool TryParseMonth(string? text, out int year, out int month)
    {
        year = 0;
        month = 0;
        return text is { Length: 7 } && text[4] == '-'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out month)
            && month is >= 1 and <= 12 && year >= 1;
    }

    /// <summary>The parameters for a month written yyyy-MM, or why there are none (a code; its message is one line).</summary>
    public static bool TryForMonth(
        string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ParameterSet? set, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out ParameterSetRefusal? refusal)
    {
        set = null;
        if (!TryParseMonth(text, out var year, out var month))
        {
            refusal = new ParameterSetRefusal(ParameterSetRefusalReason.NotAMonth, text ?? string.Empty);
            return false;
        }

        return TryFor(year, month, out set, out refusal);
    }

    /// <summary>The parameters for a reference month; throws <see cref="ArgumentOutOfRangeException"/> when not covered.</summary>
    public static ParameterSet For(int year, int month) =>
        TryFor(year, month, out var set, out var refusal) ? set : throw new ArgumentOutOfRangeException(nameof(year), refusal.Message);

    /// <summary>The parameters for a reference month, or why there are none (a code; its message is one line).</summary>
    public static bool TryFor(
        int year, int month, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ParameterSet? set, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out ParameterSetRefusal? refusal)
    {
        set = null;
        var named = string.Create(CultureInfo.InvariantCulture, $"{year}-{month:D2}");
        if (!Years.Contains(year) || month is < 1 or > 12)
        {
            refusal = new ParameterSetRefusal(ParameterSetRefusalReason.NotCovered, named);
            return false;
        }

        var data = ParameterFiles.Data;
        var reference = new DateOnly(year, month, 1);
        var values = new List<ParameterValue>();
        try
        {
            var windowStart = reference.AddMonths(-2);
            if (!Years.Contains(windowStart.Year))
            {
                refusal = new ParameterSetRefusal(ParameterSetRefusalReason.WindowNotCovered, named, windowStart.Year);
                return false;
            }

            var segments = Enumerable.Range(0, 3)
                .Select(i => windowStart.AddMonths(i))
                .GroupBy(m => m.Year)
                .Select(g => new WindowSegment(g.First(), g.Last().AddMonths(1).AddDays(-1), g.Count(), ReadTax(data.Tax, g.Key, values)))
                .ToArray();
            var normsFrom = data.Norms.Select(r => ParameterFiles.Date(r[0])).Where(d => d <= reference).Max();
            var norms = new Dictionary<HouseholdType, Money>
            {
                [HouseholdType.Single] = Norm(data.Norms, normsFrom, "single_aow_age", values),
                [HouseholdType.CoupleBothAowAge] = Norm(data.Norms, normsFrom, "couple_both_aow_age", values),
                [HouseholdType.CoupleYoungerPartner] = Norm(data.Norms, normsFrom, "couple_one_below_aow_age", values),
            };
            // The supplement changes what SVB pays, not the norm: the couple norm applies when one partner has AOW age.
            norms[HouseholdType.CoupleYoungerPartnerWithSupplement] = norms[HouseholdType.CoupleYoungerPartner];
            var aowFrom = data.Aow.Select(r => ParameterFiles.Date(r[0])).Where(d => d <= reference).Max();
            var single = Aow(data.Aow, aowFrom, "single", values);
            var couple = Aow(data.Aow, aowFrom, "couple_per_person", values);
            set = new ParameterSet(reference, segments, norms, single, couple, normsFrom, aowFrom, values);
            refusal = null;
            return true;
        }
        catch (InvalidDataException e)
        {
            refusal = new ParameterSetRefusal(ParameterSetRefusalReason.ParameterFilesMalformed, named, Detail: e.Message);
            return false;
        }
    }

    private static Money Norm(IReadOnlyList<string[]> rows, DateOnly from, string type, List<ParameterValue> values)
    {
        var key = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var row = rows.Single(r => r[0] == key && r[1] == type && r[3] == "false");
        return Use("norms.csv", $"{key} {type} excl. holiday allowance", row[2], row[5], row[4], row[6], values);
    }

    private static AowAmounts Aow(IReadOnlyList<string[]> rows, DateOnly from, string type, List<ParameterValue> values)
    {
        var key = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var row = rows.Single(r => r[0] == key && r[1] == type);
        var gross = Use("aow.csv", $"{key} {type} gross", row[2], row[11], row[10], row[12], values);
        var zvw = Use("aow.csv", $"{key} {type} zvw", row[5], row[11], row[10], row[12], values);
        var net = Use("aow.csv", $"{key} {type} net", row[7], row[11], row[10], row[12], values);
        return new AowAmounts(gross, zvw, net);
    }

    private static Money Use(string file, string name, string text, string status, string source, string notes, List<ParameterValue> values)
    {
        var value = new ParameterValue(file, name, text, ParameterValue.ParseStatus(status), source, notes);
        if (value.Status == ParameterStatus.NotFound || !Money.TryParse(text, out var money))
        {
            throw new InvalidDataException($"{file}: {name} is {ParameterValue.StatusText(value.Status)} ('{text}'); a run for this period cannot proceed");
        }

        values.Add(value);
        return money;
    }

    private static TaxYear ReadTax(IReadOnlyList<string[]> rows, int year, List<ParameterValue> values)
    {
        var yearText = year.ToString(CultureInfo.InvariantCulture);
        ParameterValue Row(string name)
        {
            var row = rows.SingleOrDefault(r => r[0] == yearText && r[1] == name)
                ?? throw new InvalidDataException($"tax.csv: {year} {name} is missing");
            var value = new ParameterValue("tax.csv", $"{year} {name}", row[2], ParameterValue.ParseStatus(row[5]), row[4], row[6]);
            if (value.Status == ParameterStatus.NotFound || row[2].Length == 0)
            {
                throw new InvalidDataException($"tax.csv: {year} {name} was not found; a run for this year cannot proceed");
            }

            values.Add(value);
            return value;
        }

        long Euros(string name) => checked(Money.Parse(Row(name).Text).Cents);
        long Rate(string name)
        {
            var scaled = decimal.Parse(Row(name).Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * (TaxYear.RateScale / 100);
            return scaled == decimal.Truncate(scaled)
                ? (long)scaled
                : throw new InvalidDataException($"tax.csv: {year} {name} has more than three decimals");
        }

        return new TaxYear
        {
            Year = year,
            Bracket1UpperCents = Euros("box1_bracket1_upper"),
            Bracket2UpperCents = Euros("box1_bracket2_upper"),
            Rate1AowAge = Rate("box1_rate1_aow_age"),
            Rate2 = Rate("box1_rate2"),
            Rate3 = Rate("box1_rate3"),
            GeneralCreditMaxCents = Euros("ahk_max_aow_age"),
            GeneralCreditPhaseOutStartCents = Euros("ahk_phaseout_start"),
            GeneralCreditPhaseOutRate = Rate("ahk_phaseout_rate_aow_age"),
            ElderlyCreditMaxCents = Euros("ouderenkorting_max"),
            ElderlyCreditThresholdCents = Euros("ouderenkorting_threshold"),
            ElderlyCreditPhaseOutRate = Rate("ouderenkorting_phaseout_rate"),
            SingleElderlyCreditCents = Euros("alleenstaande_ouderenkorting"),
            Rate1BelowAowAge = Rate("box1_rate1_below_aow_age"),
            GeneralCreditMaxBelowAowAgeCents = Euros("ahk_max_below_aow_age"),
            GeneralCreditPhaseOutRateBelowAowAge = Rate("ahk_phaseout_rate_below_aow_age"),
            LabourCreditBracketUpperCents = [Euros("arbeidskorting_bracket1_upper"), Euros("arbeidskorting_bracket2_upper"), Euros("arbeidskorting_bracket3_upper")],
            LabourCreditRates = [Rate("arbeidskorting_rate1"), Rate("arbeidskorting_rate2"), Rate("arbeidskorting_rate3")],
            LabourCreditMaxCents = Euros("arbeidskorting_max_below_aow_age"),
            LabourCreditPhaseOutRate = Rate("arbeidskorting_phaseout_rate"),
            ZvwRate = Rate("zvw_rate_withheld"),
            ZvwMaxIncomeCents = Euros("zvw_max_income"),
        };
    }
}

/// <summary>Why a month has no parameters.</summary>
public enum ParameterSetRefusalReason
{
    /// <summary>The text is not a month yyyy-MM with a month from 01 to 12.</summary>
    NotAMonth,

    /// <summary>The month is outside the years the parameter files cover.</summary>
    NotCovered,

    /// <summary>The month is covered, but its three-month window starts in a year the files do not hold.</summary>
    WindowNotCovered,

    /// <summary>The bundled parameter files do not read (a defect of the build, not of the caller's input).</summary>
    ParameterFilesMalformed,
}

/// <summary>
/// Why <see cref="ParameterSet.TryFor"/> gave no parameters: a code, with the one-line message made from it here, in
/// one place (ParseResult-style, like <see cref="DataProblems.Message"/>).
/// </summary>
/// <param name="Reason">The code.</param>
/// <param name="Month">The month as yyyy-MM, or the text that was not a month.</param>
/// <param name="WindowStartYear">For <see cref="ParameterSetRefusalReason.WindowNotCovered"/>: the year the window starts in.</param>
/// <param name="Detail">For <see cref="ParameterSetRefusalReason.ParameterFilesMalformed"/>: what did not read.</param>
public sealed record ParameterSetRefusal(ParameterSetRefusalReason Reason, string Month, int WindowStartYear = 0, string? Detail = null)
{
    private static string Covered => string.Create(CultureInfo.InvariantCulture, $"covered: {ParameterSet.Years[0]}-03 to {ParameterSet.Years[^1]}-12");

    /// <summary>One line for a person: what is wrong and what is covered.</summary>
    public string Message => Reason switch
    {
        ParameterSetRefusalReason.NotAMonth => $"'{Month}' is not a month: write yyyy-MM with a month from 01 to 12",
        ParameterSetRefusalReason.NotCovered => $"no parameters for {Month}; {Covered}",
        ParameterSetRefusalReason.WindowNotCovered => string.Create(
            CultureInfo.InvariantCulture, $"the window of {Month} starts in {WindowStartYear}, whose tax parameters the files do not hold; {Covered}"),
        _ => $"the parameter files do not read: {Detail}",
    };
}
