using Samenreken.Domain.Csv;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;

namespace Samenreken.Domain.Tests;

public class SvbFileTests
{
    private const string Header = "bsn,household_id,household_type,partner_bsn,birth_date,aow_start,aow_buildup_pct,aow_gross_eur,aow_net_eur,receives_aio,name,street,postcode,city,sex,municipality_code,country_of_birth";
    private const string Single = "111222333,1,single,,1950-03-01,2015-06-01,100,1580.92,1497.77,false,\"Vries, J. de\",Dorpsstraat 1,1234 AB,Utrecht,F,GM0344,nl";

    private static CsvLoadResult<Household> Load(string text, CsvLoadMode mode = CsvLoadMode.SkipAndReport) =>
        SvbFile.OpenHouseholds(new StringReader(text)).Load(mode);

    [Fact]
    public void RoundTrip_WriteThenRead_GivesTheSameHouseholds()
    {
        var writer = new StringWriter();
        SvbFile.WriteHeader(writer, new DataSetInfo(new() { ["synthetic"] = "true" }));
        var a = TestData.Recipient(TestData.A, 7, HouseholdType.CoupleBothAowAge, TestData.B, 900m);
        var b = TestData.Recipient(TestData.B, 7, HouseholdType.CoupleBothAowAge, TestData.A, 800m, buildUp: 60);
        SvbFile.WriteRow(writer, a);
        SvbFile.WriteRow(writer, b);
        var result = Load(writer.ToString(), CsvLoadMode.FailWholeLoad);
        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
        Assert.True(result.Info.IsSynthetic);
        var household = Assert.Single(result.Records);
        Assert.Equal([TestData.A, TestData.B], household.Members);
        Assert.Equal(170_000, household.NetAowMonthly.Cents);
    }

    [Fact]
    public void QuotedName_WithComma_IsRead()
    {
        var result = Load(Header + "\n" + Single + "\n");
        Assert.Equal("Vries, J. de", Assert.Single(result.Records).Recipients[0].Address.Name);
    }

    [Theory]
    [InlineData("111222334,1,single,,1950-03-01,2015-06-01,100,1580.92,1497.77,false,n,s,p,c,F,GM0344,nl", CsvErrorKind.BadBsn, "bsn")]
    [InlineData("000000000,1,single,,1950-03-01,2015-06-01,100,1580.92,1497.77,false,n,s,p,c,F,GM0344,nl", CsvErrorKind.BadBsn, "bsn")]
    [InlineData("111222333,1,widow,,1950-03-01,2015-06-01,100,1580.92,1497.77,false,n,s,p,c,F,GM0344,nl", CsvErrorKind.UnknownCode, "household_type")]
    [InlineData("111222333,1,single,,1950-03-01,2015-06-01,100,1580.92,1497.77,false,n,s,p,c,F,GM0344,mars", CsvErrorKind.UnknownCode, "country_of_birth")]
    [InlineData("111222333,1,single,,1950-03-01,2015-06-01,100,1.580,92,1497.77,false,n,s,p,c,F,GM0344,nl", CsvErrorKind.MalformedRow, "")]
    [InlineData("111222333,1,single,,1950-03-01,2015-06-01,100,abc,1497.77,false,n,s,p,c,F,GM0344,nl", CsvErrorKind.BadAmount, "aow_gross_eur")]
    [InlineData("111222333,1,single,,1950-13-01,2015-06-01,100,1580.92,1497.77,false,n,s,p,c,F,GM0344,nl", CsvErrorKind.BadDate, "birth_date")]
    [InlineData("111222333,1,single,,1950-03-01,2015-06-01,101,1580.92,1497.77,false,n,s,p,c,F,GM0344,nl", CsvErrorKind.BadNumber, "aow_buildup_pct")]
    [InlineData("111222333,1,single,,1950-03-01,2015-06-01,99,1580.92,1497.77,false,n,s,p,c,F,GM0344,nl", CsvErrorKind.BadNumber, "aow_buildup_pct")]
    [InlineData("111222333,1,single,123456782,1950-03-01,2015-06-01,100,1580.92,1497.77,false,n,s,p,c,F,GM0344,nl", CsvErrorKind.Inconsistent, "partner_bsn")]
    [InlineData("111222333,1,single,,1950-03-01,2015-06-01,100,1580.92,1497.77,maybe,n,s,p,c,F,GM0344,nl", CsvErrorKind.UnknownCode, "receives_aio")]
    [InlineData("111222333,1,single,,1950-03-01,2015-06-01,100,1580.92,1497.77,false,\"n,s,p,c,F,GM0344,nl", CsvErrorKind.MalformedRow, "")]
    public void BadRow_GivesALineNumberedError_AndIsSkipped(string row, CsvErrorKind kind, string column)
    {
        var text = $"{Header}\n{Single.Replace("111222333", "999993847", StringComparison.Ordinal).Replace(",1,single", ",2,single", StringComparison.Ordinal)}\n{row}\n";
        var skip = Load(text);
        var error = Assert.Single(skip.Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(column, error.Column);
        Assert.Single(skip.Records);
        Assert.True(skip.Succeeded);

        var fail = Load(text, CsvLoadMode.FailWholeLoad);
        Assert.False(fail.Succeeded);
        Assert.Empty(fail.Records);
        Assert.Equal(3, Assert.Single(fail.Errors).Line);
    }

    [Fact]
    public void DuplicateBsn_IsReportedOnTheSecondLine()
    {
        var result = Load($"{Header}\n{Single}\n{Single.Replace(",1,single", ",2,single", StringComparison.Ordinal)}\n");
        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, CsvErrorKind.DuplicateKey), (error.Line, error.Kind));
    }

    [Fact]
    public void CoupleMissingItsSecondRecipient_IsInconsistent()
    {
        var row = "111222333,5,couple_both_aow_age,123456782,1950-03-01,2015-06-01,100,1081.50,1024.62,false,n,s,p,c,F,GM0344,nl";
        var result = Load($"{Header}\n{row}\n");
        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, CsvErrorKind.Inconsistent), (error.Line, error.Kind));
    }

    [Fact]
    public void CoupleWithOneBadRow_IsSkippedWhole()
    {
        var a = "111222333,5,couple_both_aow_age,123456782,1950-03-01,2015-06-01,100,1081.50,1024.62,false,n,s,p,c,F,GM0344,nl";
        var b = "123456782,5,couple_both_aow_age,111222333,1950-03-01,2015-06-01,100,x,1024.62,false,n,s,p,c,M,GM0344,nl";
        var result = Load($"{Header}\n{a}\n{b}\n");
        Assert.Empty(result.Records);
        Assert.Equal([CsvErrorKind.BadAmount, CsvErrorKind.Inconsistent], result.Errors.Select(e => e.Kind));
    }

    [Fact]
    public void WrongHeader_IsLineOne()
    {
        var result = Load("bsn,foo\n" + Single);
        Assert.Equal((1L, CsvErrorKind.BadHeader), (result.Errors[0].Line, result.Errors[0].Kind));
        Assert.Empty(result.Records);
    }
}

public class PolisFileTests
{
    private const string Header = "bsn,payer_id,ikv,income_code,pay_period,period_start,period_end,version,taxable_wage_eur,special_rewards_eur,holiday_allowance_paid_eur,holiday_allowance_accrued_eur,withheld_wage_tax_eur,withheld_zvw_eur,tax_credit_applied";
    private const string Good = "111222333,123456789L01,1,56,month,2025-04-01,2025-04-30,1,500.00,0.00,0.00,0.00,95.00,26.30,false";

    private static CsvLoadResult<PersonPolis> Load(string text, CsvLoadMode mode = CsvLoadMode.SkipAndReport) =>
        PolisFile.OpenPersons(new StringReader(text)).Load(mode);

    [Fact]
    public void RoundTrip_WriteThenRead_GroupsByPerson()
    {
        var writer = new StringWriter();
        PolisFile.WriteHeader(writer);
        PolisFile.WriteRow(writer, TestData.Monthly(TestData.A, 2025, 4, 500m));
        PolisFile.WriteRow(writer, TestData.Monthly(TestData.A, 2025, 5, -20.5m));
        PolisFile.WriteRow(writer, TestData.FourWeekly(TestData.B, new DateOnly(2025, 4, 1), 300m));
        var result = Load(writer.ToString(), CsvLoadMode.FailWholeLoad);
        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
        Assert.Equal([2, 1], result.Records.Select(p => p.Records.Count));
        Assert.Equal(-2050, result.Records[0].Records[1].TaxableWage.Cents);
    }

    [Theory]
    [InlineData("111222334,123456789L01,1,56,month,2025-05-01,2025-05-31,1,500.00,0.00,0.00,0.00,95.00,26.30,false", CsvErrorKind.BadBsn, "bsn")]
    [InlineData("111222333,123456789L01,1,99,month,2025-05-01,2025-05-31,1,500.00,0.00,0.00,0.00,95.00,26.30,false", CsvErrorKind.UnknownCode, "income_code")]
    [InlineData("111222333,123456789L01,1,56,quarter,2025-05-01,2025-05-31,1,500.00,0.00,0.00,0.00,95.00,26.30,false", CsvErrorKind.UnknownCode, "pay_period")]
    [InlineData("111222333,12345678901,1,56,month,2025-05-01,2025-05-31,1,500.00,0.00,0.00,0.00,95.00,26.30,false", CsvErrorKind.UnknownCode, "payer_id")]
    [InlineData("111222333,123456789L01,1,56,month,2025-05-01,2025-05-31,1,5OO.00,0.00,0.00,0.00,95.00,26.30,false", CsvErrorKind.BadAmount, "taxable_wage_eur")]
    [InlineData("111222333,123456789L01,1,56,month,2025-05-01,2025-05-30,1,500.00,0.00,0.00,0.00,95.00,26.30,false", CsvErrorKind.BadDate, "period_end")]
    [InlineData("111222333,123456789L01,1,56,week,2025-05-01,2025-05-31,1,500.00,0.00,0.00,0.00,95.00,26.30,false", CsvErrorKind.BadDate, "period_end")]
    [InlineData("111222333,123456789L01,1,56,month,2025-04-01,2025-04-30,1,600.00,0.00,0.00,0.00,95.00,26.30,false", CsvErrorKind.DuplicateKey, "version")]
    [InlineData("111222333,123456789L01,0,56,month,2025-05-01,2025-05-31,1,500.00,0.00,0.00,0.00,95.00,26.30,false", CsvErrorKind.BadNumber, "ikv")]
    [InlineData("111222333,123456789L01,1,56,month,2025-05-01,2025-05-31,1,500.00,0.00,0.00,0.00,95.00,26.30", CsvErrorKind.MalformedRow, "")]
    public void BadRow_GivesALineNumberedError(string row, CsvErrorKind kind, string column)
    {
        var skip = Load($"{Header}\n{Good}\n{row}\n");
        var error = Assert.Single(skip.Errors);
        Assert.Equal((3L, kind, column), (error.Line, error.Kind, error.Column));
        Assert.Single(Assert.Single(skip.Records).Records);

        var fail = Load($"{Header}\n{Good}\n{row}\n", CsvLoadMode.FailWholeLoad);
        Assert.False(fail.Succeeded);
        Assert.Empty(fail.Records);
    }

    [Fact]
    public void PersonSplitOverTwoGroups_IsInconsistent()
    {
        var other = "123456782,123456789L01,1,56,month,2025-04-01,2025-04-30,1,500.00,0.00,0.00,0.00,95.00,26.30,false";
        var again = Good.Replace("2025-04-01,2025-04-30", "2025-05-01,2025-05-31", StringComparison.Ordinal);
        var result = Load($"{Header}\n{Good}\n{other}\n{again}\n");
        var error = Assert.Single(result.Errors);
        Assert.Equal((4L, CsvErrorKind.Inconsistent), (error.Line, error.Kind));
    }

    [Fact]
    public void Correction_WithHigherVersion_IsNotADuplicate()
    {
        var correction = Good.Replace(",1,500.00", ",2,450.00", StringComparison.Ordinal);
        var result = Load($"{Header}\n{Good}\n{correction}\n", CsvLoadMode.FailWholeLoad);
        Assert.True(result.Succeeded);
        Assert.Equal(2, Assert.Single(result.Records).Records.Count);
    }
}
