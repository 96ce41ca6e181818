using System.Globalization;
using Samenreken.Domain.Csv;

namespace Samenreken.Domain.Polis;

/// <summary>
/// The UWV file: one row per Polis income statement, rows of one BSN adjacent (so a reader needs
/// memory for one person at a time). Columns are documented in docs/net-income.md.
/// </summary>
public static class PolisFile
{
    private static readonly string[] s_columns =
    [
        "bsn", "payer_id", "ikv", "income_code", "pay_period", "period_start", "period_end", "version",
        "taxable_wage_eur", "special_rewards_eur", "holiday_allowance_paid_eur", "holiday_allowance_accrued_eur",
        "withheld_wage_tax_eur", "withheld_zvw_eur", "tax_credit_applied",
    ];

    /// <summary>The header, in order.</summary>
    public static IReadOnlyList<string> Columns => s_columns;

    /// <summary>Opens a streamed reader that yields all statements of one person at a time.</summary>
    public static CsvReader<PersonPolis> OpenPersons(TextReader reader) => new(reader, s_columns, ReadPersons);

    /// <summary>Writes the preamble (if any) and the header.</summary>
    public static void WriteHeader(TextWriter writer, DataSetInfo? info = null) => CsvText.WriteHeader(writer, s_columns, info);

    /// <summary>Writes one statement as a row.</summary>
    public static void WriteRow(TextWriter writer, PolisRecord r)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(r);
        var c = CultureInfo.InvariantCulture;
        new CsvRowWriter(writer)
            .Field(r.Bsn.ToString(), first: true)
            .Field(r.PayerId)
            .Field(r.IkvNumber.ToString(c))
            .Field(r.IncomeCode.ToString("D2", c))
            .Field(PayPeriodCode(r.PayPeriod))
            .Field(CsvText.Date(r.PeriodStart))
            .Field(CsvText.Date(r.PeriodEnd))
            .Field(r.Version.ToString(c))
            .Field(r.TaxableWage.ToString())
            .Field(r.SpecialRewards.ToString())
            .Field(r.HolidayAllowancePaid.ToString())
            .Field(r.HolidayAllowanceAccrued.ToString())
            .Field(r.WithheldWageTax.ToString())
            .Field(r.WithheldZvw.ToString())
            .Field(CsvText.Bool(r.TaxCreditApplied))
            .End();
    }

    private static string PayPeriodCode(PayPeriod period) => period switch
    {
        PayPeriod.Month => "month",
        PayPeriod.FourWeeks => "four_weeks",
        _ => "week",
    };

    private static IEnumerable<CsvRowResult<PersonPolis>> ReadPersons(CsvTable table)
    {
        var finished = new HashSet<int>();
        var keys = new HashSet<(string, int, DateOnly, int)>();
        var group = new List<PolisRecord>();
        Bsn? current = null;
        long lastLine = 0;

        while (table.TryReadRow(out var fields, out var malformed))
        {
            var line = table.Line;
            PolisRecord? record = null;
            var error = malformed ?? ParseRow(new CsvFields(fields, s_columns, line), out record);

            // A row whose BSN cannot be read still ends the previous person's group if it names another.
            var bsn = record?.Bsn ?? (malformed is null && Bsn.TryParse(fields[0], out var b) ? b : (Bsn?)null);
            if (current is { } cur && bsn is { } next && next != cur)
            {
                yield return new CsvRowResult<PersonPolis>(lastLine, new PersonPolis(cur, group.ToArray()), null);
                finished.Add(cur.Value);
                group.Clear();
                keys.Clear();
                current = null;
            }

            if (error is null && current is null && finished.Contains(record!.Bsn.Value))
            {
                error = new CsvRowError(line, CsvErrorKind.Inconsistent, "bsn", DataProblem.PersonNotAdjacent);
            }

            if (error is null && !keys.Add((record!.PayerId, record.IkvNumber, record.PeriodStart, record.Version)))
            {
                error = new CsvRowError(line, CsvErrorKind.DuplicateKey, "version", DataProblem.DuplicateStatement);
            }

            if (error is not null)
            {
                yield return new CsvRowResult<PersonPolis>(line, null, error);
                continue;
            }

            current = record!.Bsn;
            group.Add(record);
            lastLine = line;
        }

        if (current is { } last)
        {
            yield return new CsvRowResult<PersonPolis>(lastLine, new PersonPolis(last, group.ToArray()), null);
        }
    }

    private static CsvRowError? ParseRow(CsvFields f, out PolisRecord? record)
    {
        record = null;
        var error = CsvFields.First(
            f.Bsn(0, out var bsn),
            f.Integer(2, 1, int.MaxValue, out var ikv),
            f.Integer(3, 0, 99, out var code),
            f.Code(4, IncomeCodes.PayPeriods, out var period),
            f.Date(5, out var start),
            f.Date(6, out var end),
            f.Integer(7, 1, int.MaxValue, out var version),
            f.Money(8, out var taxable),
            f.Money(9, out var special),
            f.Money(10, out var holidayPaid),
            f.Money(11, out var holidayAccrued),
            f.Money(12, out var withheldTax),
            f.Money(13, out var withheldZvw),
            f.Boolean(14, out var credit));
        if (error is not null)
        {
            return error;
        }

        var problem = PolisRecord.Check(bsn, f.Text(1), (int)ikv, (int)code, period, start, end, (int)version);
        if (problem is { } p)
        {
            return p.Parameter switch
            {
                "payerId" => f.Error(1, CsvErrorKind.UnknownCode, p.Problem),
                "incomeCode" => f.Error(3, CsvErrorKind.UnknownCode, p.Problem),
                "periodEnd" => f.Error(6, CsvErrorKind.BadDate, p.Problem),
                _ => f.Error(0, CsvErrorKind.Inconsistent, p.Problem),
            };
        }

        record = PolisRecord.Create(bsn, f.Text(1), (int)ikv, (int)code, period, start, end, (int)version, taxable, special, holidayPaid, holidayAccrued, withheldTax, withheldZvw, credit);
        return null;
    }
}
