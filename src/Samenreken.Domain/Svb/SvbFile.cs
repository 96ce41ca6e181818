using Samenreken.Domain.Csv;

namespace Samenreken.Domain.Svb;

/// <summary>
/// The SVB file: one row per AOW recipient, rows of one household adjacent. Columns are documented
/// in docs/net-income.md; amounts are euros with two decimals, dates yyyy-MM-dd.
/// </summary>
public static class SvbFile
{
    /// <summary>The header, in order.</summary>
    public static IReadOnlyList<string> Columns => s_columns;

    private static readonly string[] s_columns =
    [
        "bsn", "household_id", "household_type", "partner_bsn", "birth_date", "aow_start", "aow_buildup_pct",
        "aow_gross_eur", "aow_net_eur", "receives_aio", "name", "street", "postcode", "city", "sex",
        "municipality_code", "country_of_birth",
    ];

    /// <summary>Opens a streamed reader that yields whole households.</summary>
    public static CsvReader<Household> OpenHouseholds(TextReader reader) => new(reader, s_columns, ReadHouseholds);

    /// <summary>Writes the preamble (if any) and the header.</summary>
    public static void WriteHeader(TextWriter writer, DataSetInfo? info = null) => CsvText.WriteHeader(writer, s_columns, info);

    /// <summary>Writes one recipient as a row.</summary>
    public static void WriteRow(TextWriter writer, AowRecipient r)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(r);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        new CsvRowWriter(writer)
            .Field(r.Bsn.ToString(), first: true)
            .Field(r.HouseholdId.ToString(c))
            .Field(SvbCodes.Code(SvbCodes.HouseholdTypes, r.HouseholdType))
            .Field(r.PartnerBsn?.ToString() ?? string.Empty)
            .Field(CsvText.Date(r.BirthDate))
            .Field(CsvText.Date(r.AowStart))
            .Field(r.BuildUpPercent.ToString(c))
            .Field(r.GrossAowMonthly.ToString())
            .Field(r.NetAowMonthly.ToString())
            .Field(CsvText.Bool(r.ReceivesAio))
            .Field(CsvText.Escape(r.Address.Name))
            .Field(CsvText.Escape(r.Address.Street))
            .Field(CsvText.Escape(r.Address.Postcode))
            .Field(CsvText.Escape(r.Address.City))
            .Field(SvbCodes.Code(SvbCodes.Sexes, r.Demographics.Sex))
            .Field(r.Demographics.MunicipalityCode)
            .Field(SvbCodes.Code(SvbCodes.Countries, r.Demographics.CountryOfBirth))
            .End();
    }

    private static IEnumerable<CsvRowResult<Household>> ReadHouseholds(CsvTable table)
    {
        var seenBsns = new HashSet<int>();
        var closedHouseholds = new HashSet<long>();
        var group = new List<AowRecipient>();
        long groupLine = 0;
        var groupBroken = false;

        while (table.TryReadRow(out var fields, out var malformed))
        {
            var line = table.Line;
            AowRecipient? recipient = null;
            var error = malformed ?? ParseRow(new CsvFields(fields, s_columns, line), out recipient);
            if (error is null && !seenBsns.Add(recipient!.Bsn.Value))
            {
                error = new CsvRowError(line, CsvErrorKind.DuplicateKey, "bsn", DataProblem.DuplicateBsn);
            }

            var householdId = error is null ? recipient!.HouseholdId : HouseholdIdOrZero(fields, malformed);
            if (group.Count > 0 || groupBroken)
            {
                var currentId = group.Count > 0 ? group[0].HouseholdId : -1;
                if (householdId != currentId || householdId == 0)
                {
                    foreach (var result in Close(group, groupLine, groupBroken, closedHouseholds))
                    {
                        yield return result;
                    }

                    group.Clear();
                    groupBroken = false;
                }
            }

            if (error is null && closedHouseholds.Contains(recipient!.HouseholdId))
            {
                error = new CsvRowError(line, CsvErrorKind.Inconsistent, "household_id", DataProblem.HouseholdNotAdjacent);
            }

            groupLine = line;
            if (error is not null)
            {
                groupBroken = householdId != 0;
                yield return new CsvRowResult<Household>(line, null, error);
                continue;
            }

            group.Add(recipient!);
        }

        foreach (var result in Close(group, groupLine, groupBroken, closedHouseholds))
        {
            yield return result;
        }
    }

    private static long HouseholdIdOrZero(IReadOnlyList<string> fields, CsvRowError? malformed) =>
        malformed is null && long.TryParse(fields[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0;

    private static IEnumerable<CsvRowResult<Household>> Close(List<AowRecipient> group, long line, bool broken, HashSet<long> closed)
    {
        if (group.Count == 0)
        {
            yield break;
        }

        closed.Add(group[0].HouseholdId);
        if (broken)
        {
            // A household that lost a member to a bad row cannot be judged: report it and skip it whole.
            yield return new CsvRowResult<Household>(line, null, new CsvRowError(line, CsvErrorKind.Inconsistent, "household_id", DataProblem.HouseholdLostAMember));
            yield break;
        }

        yield return Household.TryCreate(group, out var household, out var message)
            ? new CsvRowResult<Household>(line, household, null)
            : new CsvRowResult<Household>(line, null, new CsvRowError(line, CsvErrorKind.Inconsistent, "household_id", message!.Value));
    }

    private static CsvRowError? ParseRow(CsvFields f, out AowRecipient? recipient)
    {
        recipient = null;
        var error = CsvFields.First(
            f.Bsn(0, out var bsn),
            f.Integer(1, 1, long.MaxValue, out var householdId),
            f.Code(2, SvbCodes.HouseholdTypes, out var type),
            f.OptionalBsn(3, out var partner),
            f.Date(4, out var birth),
            f.Date(5, out var aowStart),
            f.Integer(6, 0, 100, out var buildUp),
            f.Money(7, out var gross),
            f.Money(8, out var net),
            f.Boolean(9, out var aio),
            f.Code(14, SvbCodes.Sexes, out var sex),
            f.Code(16, SvbCodes.Countries, out var country));
        if (error is not null)
        {
            return error;
        }

        var address = new LetterAddress(f.Text(10), f.Text(11), f.Text(12), f.Text(13));
        var demographics = new Demographics(sex, f.Text(15), country);
        var problem = AowRecipient.Check(bsn, householdId, type, partner, birth, aowStart, (int)buildUp, gross, net, address, demographics);
        if (problem is { } p)
        {
            var column = p.Parameter switch
            {
                "partnerBsn" => "partner_bsn",
                "aowStart" => "aow_start",
                "buildUpPercent" => "aow_buildup_pct",
                "netAowMonthly" => "aow_net_eur",
                "demographics" => "municipality_code",
                "address" => "name",
                _ => "bsn",
            };
            var kind = p.Parameter switch
            {
                "aowStart" => CsvErrorKind.BadDate,
                "buildUpPercent" => CsvErrorKind.BadNumber,
                "netAowMonthly" => CsvErrorKind.BadAmount,
                "demographics" => CsvErrorKind.UnknownCode,
                _ => CsvErrorKind.Inconsistent,
            };
            return new CsvRowError(f.Line, kind, column, p.Problem);
        }

        recipient = AowRecipient.Create(bsn, householdId, type, partner, birth, aowStart, (int)buildUp, gross, net, aio, address, demographics);
        return null;
    }
}
