namespace Samenreken.Domain.Polis;

/// <summary>
/// One income statement (inkomstenopgave) of the Polisadministratie: the amounts of one income
/// relationship (payer + IKV number) for one pay period, in one version. A correction restates the
/// statement with a higher version; the latest version counts. Amounts may be negative (a payer
/// reclaiming an overpayment).
/// </summary>
public sealed class PolisRecord
{
    private PolisRecord()
    {
    }

    public required Bsn Bsn { get; init; }

    /// <summary>The payer's loonheffingennummer (LhNr), e.g. 123456789L01.</summary>
    public required string PayerId { get; init; }

    /// <summary>The number of the income relationship within the payer (NumIV).</summary>
    public required int IkvNumber { get; init; }

    /// <summary>Code soort inkomstenverhouding (SrtIV).</summary>
    public required int IncomeCode { get; init; }

    /// <summary>The kind that follows from <see cref="IncomeCode"/>.</summary>
    public IncomeKind Kind => IncomeCodes.Kinds[IncomeCode];

    public required PayPeriod PayPeriod { get; init; }

    public required DateOnly PeriodStart { get; init; }

    public required DateOnly PeriodEnd { get; init; }

    /// <summary>1 for the first report of the period, higher for each correction.</summary>
    public required int Version { get; init; }

    /// <summary>LnLbPh: wage for wage tax, including one-off payments and holiday allowance paid.</summary>
    public required Money TaxableWage { get; init; }

    /// <summary>LnTabBB: the part of <see cref="TaxableWage"/> taxed as a special reward (one-off payments, holiday allowance).</summary>
    public required Money SpecialRewards { get; init; }

    /// <summary>VakBsl: holiday allowance paid in this period.</summary>
    public required Money HolidayAllowancePaid { get; init; }

    /// <summary>OpgRchtVakBsl: holiday allowance accrued in this period.</summary>
    public required Money HolidayAllowanceAccrued { get; init; }

    /// <summary>IngLbPh: withheld wage tax and national-insurance premiums.</summary>
    public required Money WithheldWageTax { get; init; }

    /// <summary>BijdrZvw: withheld income-related Zvw contribution.</summary>
    public required Money WithheldZvw { get; init; }

    /// <summary>IndLhKort: this payer applied the tax credits.</summary>
    public required bool TaxCreditApplied { get; init; }

    /// <summary>Validates and builds a statement; throws <see cref="ArgumentException"/> on inconsistent values.</summary>
    public static PolisRecord Create(
        Bsn bsn, string payerId, int ikvNumber, int incomeCode, PayPeriod payPeriod, DateOnly periodStart, DateOnly periodEnd, int version,
        Money taxableWage, Money specialRewards, Money holidayAllowancePaid, Money holidayAllowanceAccrued, Money withheldWageTax, Money withheldZvw, bool taxCreditApplied)
    {
        var problem = Check(bsn, payerId, ikvNumber, incomeCode, payPeriod, periodStart, periodEnd, version);
        if (problem is { } p)
        {
            throw new ArgumentException(DataProblems.Message(p.Problem), p.Parameter);
        }

        return new PolisRecord
        {
            Bsn = bsn,
            PayerId = payerId,
            IkvNumber = ikvNumber,
            IncomeCode = incomeCode,
            PayPeriod = payPeriod,
            PeriodStart = periodStart,
            PeriodEnd = periodEnd,
            Version = version,
            TaxableWage = taxableWage,
            SpecialRewards = specialRewards,
            HolidayAllowancePaid = holidayAllowancePaid,
            HolidayAllowanceAccrued = holidayAllowanceAccrued,
            WithheldWageTax = withheldWageTax,
            WithheldZvw = withheldZvw,
            TaxCreditApplied = taxCreditApplied,
        };
    }

    /// <summary>True when <paramref name="payerId"/> has the form of a loonheffingennummer: 9 digits, 'L', 2 digits.</summary>
    public static bool IsPayerId(string payerId) =>
        payerId is { Length: 12 } && payerId[9] == 'L' && !payerId.AsSpan(0, 9).ContainsAnyExceptInRange('0', '9') && !payerId.AsSpan(10).ContainsAnyExceptInRange('0', '9');

    internal static (string Parameter, DataProblem Problem)? Check(
        Bsn bsn, string payerId, int ikvNumber, int incomeCode, PayPeriod payPeriod, DateOnly periodStart, DateOnly periodEnd, int version)
    {
        if (bsn == default)
        {
            return (nameof(bsn), DataProblem.BsnNotSet);
        }

        if (!IsPayerId(payerId))
        {
            return (nameof(payerId), DataProblem.PayerIdMalformed);
        }

        if (ikvNumber <= 0)
        {
            return (nameof(ikvNumber), DataProblem.IkvNotPositive);
        }

        if (!IncomeCodes.TryGetKind(incomeCode, out _))
        {
            return (nameof(incomeCode), DataProblem.NotACurrentIncomeCode);
        }

        var days = periodEnd.DayNumber - periodStart.DayNumber + 1;
        var fits = payPeriod switch
        {
            PayPeriod.Month => periodStart.Day == 1 && periodEnd == periodStart.AddMonths(1).AddDays(-1),
            PayPeriod.FourWeeks => days is >= 28 and <= 35, // period 13 is stretched to 31 December
            PayPeriod.Week => days == 7,
            _ => false,
        };
        if (!fits)
        {
            return (nameof(periodEnd), DataProblem.PeriodDoesNotFitPayPeriod);
        }

        if (version <= 0)
        {
            return (nameof(version), DataProblem.VersionNotPositive);
        }

        return null;
    }
}
