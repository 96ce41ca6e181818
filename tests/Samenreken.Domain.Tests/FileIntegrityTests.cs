using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using static Samenreken.Domain.Tests.TestData;

namespace Samenreken.Domain.Tests;

public sealed class FileIntegrityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("samenreken-integrity-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WritePolis(int persons)
    {
        var path = Path.Combine(_directory, "uwv.csv");
        using var writer = CsvFileWriter.Create(path);
        PolisFile.WriteHeader(writer);
        for (var p = 0; p < persons; p++)
        {
            var bsn = Bsn.Parse(ValidBsn(p));
            foreach (var m in new[] { 4, 5, 6 })
            {
                PolisFile.WriteRow(writer, Monthly(bsn, 2025, m, 500m));
            }
        }

        writer.Complete();
        return path;
    }

    private static readonly string[] s_bsns = [.. Enumerable.Range(100_000_000, 5_000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Where(t => Bsn.TryParse(t, out _)).Take(120)];

    private static string ValidBsn(int index) => s_bsns[index];

    private static CsvFileRefusal? ReadToEnd(string path, double share = CsvReader<PersonPolis>.DefaultMaxBadRowShare)
    {
        using var text = new StreamReader(path);
        var reader = PolisFile.OpenPersons(text);
        foreach (var _ in reader.Read())
        {
        }

        return reader.Refusal(share);
    }

    [Fact]
    public void WrittenFile_CarriesATrailer_AndReadsWithoutRefusal()
    {
        var path = WritePolis(5);
        Assert.StartsWith("#end rows=15 sha256=", File.ReadLines(path).Last(), StringComparison.Ordinal);
        Assert.Null(ReadToEnd(path));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void TruncatedFile_IsRefusedAsTruncated()
    {
        var path = WritePolis(5);
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, lines[..^4]);
        Assert.Equal(DataProblem.MissingTrailer, ReadToEnd(path)?.Problem);
    }

    [Fact]
    public void RowRemovedButTrailerKept_IsRefusedForItsCount()
    {
        var path = WritePolis(5);
        var lines = File.ReadAllLines(path).ToList();
        lines.RemoveAt(4);
        File.WriteAllLines(path, lines);
        Assert.Equal(DataProblem.RowCountMismatch, ReadToEnd(path)?.Problem);
    }

    [Fact]
    public void ChangedAmount_IsRefusedForItsChecksum()
    {
        var path = WritePolis(5);
        var lines = File.ReadAllLines(path);
        lines[3] = lines[3].Replace("500.00", "50.00", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);
        Assert.Equal(DataProblem.ChecksumMismatch, ReadToEnd(path)?.Problem);
    }

    [Fact]
    public void RowAfterTheTrailer_IsRefused()
    {
        var path = WritePolis(2);
        File.AppendAllLines(path, [File.ReadLines(path).ElementAt(3)]);
        Assert.Equal(DataProblem.RowAfterTrailer, ReadToEnd(path)?.Problem);
    }

    [Fact]
    public void HeaderOnly_IsRefusedAsEmpty_AndAZeroByteFileToo()
    {
        var path = WritePolis(0);
        Assert.Equal(DataProblem.EmptyFile, ReadToEnd(path)?.Problem);
        File.WriteAllText(path, string.Empty);
        Assert.Equal(DataProblem.EmptyFile, ReadToEnd(path)?.Problem);
    }

    [Fact]
    public void BadRowShare_AboveTheLimit_IsRefused_AtOrBelowItIsNot()
    {
        const string header = "bsn,payer_id,ikv,income_code,pay_period,period_start,period_end,version,taxable_wage_eur,special_rewards_eur,holiday_allowance_paid_eur,holiday_allowance_accrued_eur,withheld_wage_tax_eur,withheld_zvw_eur,tax_credit_applied";
        var good = Enumerable.Range(0, 99).Select(i => $"{ValidBsn(i)},123456789L01,1,56,month,2025-05-01,2025-05-31,1,500.00,0.00,0.00,0.00,0.00,0.00,false");
        var path = Path.Combine(_directory, "hand.csv");
        File.WriteAllLines(path, [header, .. good, "111222334,123456789L01,1,56,month,2025-05-01,2025-05-31,1,500.00,0.00,0.00,0.00,0.00,0.00,false"]);
        Assert.Null(ReadToEnd(path)); // 1 of 100 = 1%: allowed
        File.AppendAllLines(path, ["bad"]);
        var refusal = ReadToEnd(path);
        Assert.Equal((DataProblem.TooManyBadRows, 2L, 101L), (refusal?.Problem, refusal?.BadRows, refusal?.DataRows));
        Assert.Null(ReadToEnd(path, share: 0.05));
    }

    [Fact]
    public void RowErrors_NameLineColumnAndReason_NeverTheValue()
    {
        const string header = "bsn,payer_id,ikv,income_code,pay_period,period_start,period_end,version,taxable_wage_eur,special_rewards_eur,holiday_allowance_paid_eur,holiday_allowance_accrued_eur,withheld_wage_tax_eur,withheld_zvw_eur,tax_credit_applied";
        var text = $"{header}\n111222334,123456789L01,1,56,month,2025-05-01,2025-05-31,1,500.00,0.00,0.00,0.00,0.00,0.00,false\n111222333,123456789L01,1,56,month,2025-05-01,2025-05-31,1,5O1.23,0.00,0.00,0.00,0.00,0.00,false\n";
        var errors = PolisFile.OpenPersons(new StringReader(text)).Load(CsvLoadMode.SkipAndReport).Errors;
        Assert.Equal(["line 2, column 'bsn': not a valid BSN (9 digits, 11-test)", "line 3, column 'taxable_wage_eur': not an amount in euros with at most two decimals"], errors.Select(e => e.ToString()));
        Assert.All(Enum.GetValues<DataProblem>(), p => Assert.False(string.IsNullOrWhiteSpace(DataProblems.Message(p))));
    }

    [Theory]
    [InlineData("2024-13", false)]
    [InlineData("2024-00", false)]
    [InlineData("24-01", false)]
    [InlineData("2024-1", false)]
    [InlineData("abc", false)]
    [InlineData("2024-12", true)]
    public void ReferenceMonth_IllFormed_IsNamedAsSuch(string text, bool wellFormed)
    {
        Assert.Equal(wellFormed, ParameterSet.TryParseMonth(text, out _, out _));
        if (!wellFormed)
        {
            Assert.False(ParameterSet.TryForMonth(text, out _, out var refusal));
            Assert.Equal(ParameterSetRefusalReason.NotAMonth, refusal.Reason);
            Assert.Equal($"'{text}' is not a month: write yyyy-MM with a month from 01 to 12", refusal.Message);
        }
    }

    [Fact]
    public void Reference_WithoutStatementsInTheWindow_IsRefusedNamingIt()
    {
        var svb = new StringWriter();
        SvbFile.WriteHeader(svb);
        SvbFile.WriteRow(svb, Recipient(A, 1, HouseholdType.Single, null, 900m));
        var uwv = new StringWriter();
        PolisFile.WriteHeader(uwv);
        PolisFile.WriteRow(uwv, Monthly(A, 2024, 1, 500m));
        var summary = ReferenceSelection.Run(SvbFile.OpenHouseholds(new StringReader(svb.ToString())), PolisFile.OpenPersons(new StringReader(uwv.ToString())), ParameterSet.For(2025, 6), CsvLoadMode.SkipAndReport, TextWriter.Null);
        Assert.Equal(RunRefusalReason.NoStatementsInWindow, summary.Refusal?.Reason);
        Assert.Contains("2025-04-01..2025-06-30", summary.Refusal!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_CountsPersonsWhoseCorrectionsNetTheWindowToNothing()
    {
        var svb = new StringWriter();
        SvbFile.WriteHeader(svb);
        SvbFile.WriteRow(svb, Recipient(A, 1, HouseholdType.Single, null, 900m));
        SvbFile.WriteRow(svb, Recipient(B, 2, HouseholdType.Single, null, 900m));
        var uwv = new StringWriter();
        PolisFile.WriteHeader(uwv);
        foreach (var r in new[] { Monthly(A, 2025, 4, 300m), Monthly(A, 2025, 5, -900m), Monthly(A, 2025, 6, 300m), Monthly(B, 2025, 6, 300m) })
        {
            PolisFile.WriteRow(uwv, r);
        }

        var summary = ReferenceSelection.Run(SvbFile.OpenHouseholds(new StringReader(svb.ToString())), PolisFile.OpenPersons(new StringReader(uwv.ToString())), ParameterSet.For(2025, 6), CsvLoadMode.SkipAndReport, TextWriter.Null);
        Assert.True(summary.Succeeded);
        Assert.Equal((1L, 2L), (summary.PersonsCorrectedToNothing, summary.PersonsWithStatementsInWindow));
    }
}
