using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;

namespace Samenreken.Domain.Tests;

public class TruthFileTests
{
    [Fact]
    public void Rows_RoundTrip_AndARepeatedHouseholdIsABadRow()
    {
        var text = new StringWriter();
        TruthFile.WriteHeader(text);
        TruthFile.WriteRow(text, new HouseholdTruth(1, Money.FromCents(123456), Money.FromCents(800000), true));
        TruthFile.WriteRow(text, new HouseholdTruth(2, Money.FromCents(99), Money.Zero, false));
        TruthFile.WriteRow(text, new HouseholdTruth(1, Money.FromCents(5), Money.Zero, false));
        var loaded = TruthFile.Open(new StringReader(text.ToString())).Load(CsvLoadMode.SkipAndReport);
        Assert.Equal([new HouseholdTruth(1, Money.FromCents(123456), Money.FromCents(800000), true), new HouseholdTruth(2, Money.FromCents(99), Money.Zero, false)], loaded.Records);
        var error = Assert.Single(loaded.Errors);
        Assert.Equal((4L, CsvErrorKind.DuplicateKey, "household_id"), (error.Line, error.Kind, error.Column));
    }
}
