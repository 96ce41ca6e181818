using Samenreken.Domain;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using Samenreken.Synthetic;

namespace Samenreken.Cli.Tests;

public sealed class DomainCommandsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "samenreken-domain-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int Run(string command, params string[] args) => CliRun.Of([command, .. args]).ExitCode;

    private void GenerateData(int persons, int seed) => Assert.Equal(0, Run("generate", "--persons", $"{persons}", "--seed", $"{seed}", "--out", _directory));

    private string InData(string name) => Path.Combine(_directory, name);

    [Fact]
    public void Generate_ThenReference_WritesOneRowPerSelectedHousehold()
    {
        Assert.Equal(0, Run("generate", "--persons", "1500", "--seed", "9", "--out", _directory));
        var expected = PopulationGenerator.Generate(new GeneratorOptions(1500, 9), TextWriter.Null, TextWriter.Null).Counts["selected"];

        var output = Path.Combine(_directory, "reference.csv");
        Assert.Equal(0, Run("reference", "--data", _directory, "--out", output));
        var lines = File.ReadAllLines(output);
        Assert.Equal("household_id,household_type,bsn", lines[0]);
        Assert.Equal(expected, lines.Length - 1);
        Assert.True(expected > 0);
        Assert.All(lines.Skip(1), l => Assert.All(l.Split(',')[2].Split(';'), b => Assert.True(Bsn.TryParse(b, out _))));
    }

    [Fact]
    public void Reference_WithABadRowAndFailOnBadRows_WritesNothing()
    {
        Assert.Equal(0, Run("generate", "--persons", "200", "--seed", "4", "--out", _directory));
        var uwv = Path.Combine(_directory, PopulationGenerator.UwvFileName);
        DataFiles.Reseal(uwv, rows => [.. rows, "111222334,123456789L01,1,56,month,2025-05-01,2025-05-31,1,1.00,0.00,0.00,0.00,0.00,0.00,false"]);
        var output = Path.Combine(_directory, "reference.csv");
        Assert.Equal(1, Run("reference", "--data", _directory, "--out", output, "--fail-on-bad-rows"));
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));

        // Without the option the bad row is reported and skipped.
        Assert.Equal(0, Run("reference", "--data", _directory, "--out", output));
        Assert.True(File.Exists(output));
    }

    public static TheoryData<string, string> BrokenFiles => new()
    {
        { PopulationGenerator.UwvFileName, "truncated" },
        { PopulationGenerator.SvbFileName, "truncated" },
        { PopulationGenerator.UwvFileName, "empty" },
        { PopulationGenerator.SvbFileName, "empty" },
        { PopulationGenerator.UwvFileName, "wrong header" },
        { PopulationGenerator.UwvFileName, "header only" },
        { PopulationGenerator.UwvFileName, "many bad rows" },
        { PopulationGenerator.SvbFileName, "many bad rows" },
        { PopulationGenerator.UwvFileName, "changed" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Reference_OnAFileThatCannotBeRead_IsRefusedAndWritesNothing(string file, string damage)
    {
        Assert.Equal(0, Run("generate", "--persons", "300", "--seed", "4", "--out", _directory));
        DataFiles.Damage(Path.Combine(_directory, file), damage);
        var output = Path.Combine(_directory, "reference.csv");
        var (code, _, error) = CliRun.Of("reference", "--data", _directory, "--out", output);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_directory, "*reference*", SearchOption.AllDirectories));
        Assert.Contains("refused", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Explain_OnAFileThatCannotBeRead_IsRefusedAndNeverSaysSelected(string file, string damage)
    {
        Assert.Equal(0, Run("generate", "--persons", "300", "--seed", "4", "--out", _directory));
        var firstBsn = File.ReadLines(Path.Combine(_directory, PopulationGenerator.SvbFileName)).Skip(2).First().Split(',')[0];
        DataFiles.Damage(Path.Combine(_directory, file), damage);
        var (code, output, error) = CliRun.Of("explain", "--person", firstBsn, "--data", _directory);
        Assert.NotEqual(0, code);
        Assert.DoesNotContain("SELECTED", output, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("refused", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Pilot_OnAFileThatCannotBeRead_IsRefusedBeforeAnyKeyAndWritesNothing(string file, string damage)
    {
        GenerateData(300, 4);
        DataFiles.Damage(InData(file), damage);
        var output = InData("pilot");
        var run = CliRun.Of("pilot", "--data", _directory, "--bits", "2048", "--out", output).AssertFailed(ExitCodes.InvalidInput, $"{file} is refused");
        Assert.DoesNotContain("generates", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Explain_ForAMonthWithoutStatements_IsRefusedNamingTheWindow_TheDataSetsMonthExplains()
    {
        GenerateData(100, 4);
        var firstBsn = File.ReadLines(InData(PopulationGenerator.SvbFileName)).Skip(2).First().Split(',')[0];
        var run = CliRun.Of("explain", "--person", firstBsn, "--data", _directory, "--month", "2024-03").AssertFailed(ExitCodes.InvalidInput, "2024-01-01..2024-03-31");
        Assert.DoesNotContain("SELECTED", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, Run("explain", "--person", firstBsn, "--data", _directory, "--month", "2025-06"));
    }

    [Fact]
    public void Explain_WithABadMonth_NamesIt()
    {
        GenerateData(50, 4);
        var firstBsn = File.ReadLines(InData(PopulationGenerator.SvbFileName)).Skip(2).First().Split(',')[0];
        CliRun.Of("explain", "--person", firstBsn, "--data", _directory, "--month", "2024-13").AssertFailed(ExitCodes.Usage, "must be a month yyyy-MM");
    }

    [Fact]
    public void Explain_WithoutItsDataDirectoryOrAFileInIt_IsOneLine()
    {
        CliRun.Of("explain", "--person", "111222333", "--data", _directory).AssertFailed(ExitCodes.FileAccess, "no such data directory");
        GenerateData(20, 3);
        File.Delete(InData(PopulationGenerator.UwvFileName));
        CliRun.Of("explain", "--person", "111222333", "--data", _directory).AssertFailed(ExitCodes.FileAccess, $"{PopulationGenerator.UwvFileName}: no such file");
    }

    [Fact]
    public void Explain_ShowsTheNetIncomeBasis_AndTakesTheOtherOne()
    {
        Assert.Equal(0, Run("generate", "--persons", "300", "--seed", "4", "--out", _directory));
        var firstBsn = File.ReadLines(Path.Combine(_directory, PopulationGenerator.SvbFileName)).Skip(2).First().Split(',')[0];
        var assessment = CliRun.Of("explain", "--person", firstBsn, "--data", _directory);
        Assert.Equal(0, assessment.ExitCode);
        Assert.Contains("basis:assessment", assessment.Output, StringComparison.Ordinal);
        Assert.Contains("Net income basis: assessment", assessment.Output, StringComparison.Ordinal);
        var withholding = CliRun.Of("explain", "--person", firstBsn, "--data", _directory, "--basis", "withholding");
        Assert.Equal(0, withholding.ExitCode);
        Assert.Contains("basis:withholding", withholding.Output, StringComparison.Ordinal);
        Assert.Contains("Net income basis: withholding", withholding.Output, StringComparison.Ordinal);
        CliRun.Of("explain", "--person", firstBsn, "--data", _directory, "--basis", "guess").AssertFailed(ExitCodes.Usage, "not recognized");
    }

    [Fact]
    public void Explain_WithSkippedBadRows_ReportsThemAndDoesNotDecide()
    {
        var bsn = Bsn.Parse("111222333");
        Assert.True(Household.TryCreate([AowRecipient.Create(bsn, 1, HouseholdType.Single, null, new DateOnly(1950, 1, 1), new DateOnly(2015, 4, 1), 60, Money.FromCents(94855), Money.FromCents(89866), false, new LetterAddress("A", "B 1", "1234 AB", "C"), new Demographics(Sex.Female, "GM0363", CountryOfBirthCategory.TurkeyMorocco))], out var household, out _));
        var text = NetIncomeExplanation.Text(household!, new Dictionary<Bsn, IReadOnlyList<PolisRecord>>(), ParameterSet.For(2025, 6), synthetic: true, unreadableRows: 2);
        Assert.Contains("2 bad rows were skipped", text, StringComparison.Ordinal);
        Assert.Contains("NOT DECIDED", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SELECTED:", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-13", "must be a month yyyy-MM")]
    [InlineData("abc", "must be a month yyyy-MM")]
    [InlineData("2030-01", "no parameters for 2030-01")]
    public void Reference_WithABadMonth_NamesIt(string month, string message)
    {
        Assert.Equal(0, Run("generate", "--persons", "50", "--seed", "4", "--out", _directory));
        var output = Path.Combine(_directory, "reference.csv");
        var (code, _, error) = CliRun.Of("reference", "--data", _directory, "--out", output, "--month", month);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Reference_ForAMonthWithoutStatements_IsRefusedNamingTheWindow()
    {
        Assert.Equal(0, Run("generate", "--persons", "100", "--seed", "4", "--out", _directory));
        var output = Path.Combine(_directory, "reference.csv");
        var (code, _, error) = CliRun.Of("reference", "--data", _directory, "--out", output, "--month", "2024-03");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("2024-01-01..2024-03-31", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Reference_OnAMissingDirectory_IsOneLine()
    {
        var (code, _, error) = CliRun.Of("reference", "--data", Path.Combine(_directory, "nowhere"), "--out", Path.Combine(_directory, "r.csv"));
        Assert.Equal(ExitCodes.FileAccess, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Generate_InterruptedWriter_LeavesNoDataFile()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, PopulationGenerator.SvbFileName);
        using (var writer = Samenreken.Domain.Csv.CsvFileWriter.Create(path))
        {
            SvbFile.WriteHeader(writer);
        }

        Assert.Empty(Directory.GetFiles(_directory));
    }


    [Fact]
    public void Explain_ShowsEveryStepAndTheComparison()
    {
        var bsn = Bsn.Parse("111222333");
        Assert.True(Household.TryCreate([AowRecipient.Create(bsn, 1, HouseholdType.Single, null, new DateOnly(1950, 1, 1), new DateOnly(2015, 4, 1), 60, Money.FromCents(94855), Money.FromCents(89866), false, new LetterAddress("A", "B 1", "1234 AB", "C"), new Demographics(Sex.Female, "GM0363", CountryOfBirthCategory.TurkeyMorocco))], out var household, out _));
        var pension = Enumerable.Range(4, 3).Select(m => PolisRecord.Create(bsn, "123456789L01", 1, 56, PayPeriod.Month, new DateOnly(2025, m, 1), new DateOnly(2025, m, 1).AddMonths(1).AddDays(-1), 1, Money.FromCents(35000), Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero, false)).ToArray();
        var text = NetIncomeExplanation.Text(household!, new Dictionary<Bsn, IReadOnlyList<PolisRecord>> { [bsn] = pension }, ParameterSet.For(2025, 6), synthetic: true);
        Assert.Contains("aio-netincome/2", text, StringComparison.Ordinal);
        Assert.Contains("WARNING", text, StringComparison.Ordinal); // 2025 has recalled tax values
        Assert.Contains("1230.25 < 1426.02", text, StringComparison.Ordinal);
        Assert.Contains("SELECTED", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ForAGeneratedPerson_Succeeds()
    {
        Assert.Equal(0, Run("generate", "--persons", "50", "--seed", "5", "--out", _directory));
        var firstBsn = File.ReadLines(Path.Combine(_directory, PopulationGenerator.SvbFileName)).Skip(2).First().Split(',')[0];
        Assert.Equal(0, Run("explain", "--person", firstBsn, "--data", _directory));
        Assert.Equal(2, Run("explain", "--person", "123456789", "--data", _directory));
    }

    [Fact]
    public void Reference_OntoItsOwnInput_IsRefused_EvenWithForce()
    {
        GenerateData(50, 3);
        var svb = File.ReadAllBytes(InData(PopulationGenerator.SvbFileName));

        CliRun.Of("reference", "--data", _directory, "--out", InData(PopulationGenerator.SvbFileName)).AssertFailed(ExitCodes.OutputExists, "is an input of this command");
        CliRun.Of("reference", "--data", _directory, "--out", InData(PopulationGenerator.SvbFileName), "--force").AssertFailed(ExitCodes.OutputExists, "is an input of this command");

        Assert.Equal(svb, File.ReadAllBytes(InData(PopulationGenerator.SvbFileName)));
        AssertOnlyTheDataFiles();
    }

    [Fact]
    public void Reference_OntoAnExistingFile_NeedsForce()
    {
        GenerateData(50, 3);
        var output = InData("reference.csv");
        File.WriteAllText(output, "earlier");

        CliRun.Of("reference", "--data", _directory, "--out", output).AssertFailed(ExitCodes.OutputExists, "use --force");
        Assert.Equal("earlier", File.ReadAllText(output));

        Assert.Equal(0, Run("reference", "--data", _directory, "--out", output, "--force"));
        Assert.StartsWith("household_id,household_type,bsn", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_WithoutItsDataDirectoryOrAFileInIt_FailsWithExitCode3()
    {
        var output = Path.Combine(Path.GetTempPath(), "samenreken-unused-" + Guid.NewGuid().ToString("N"), "reference.csv");
        CliRun.Of("reference", "--data", _directory, "--out", output).AssertFailed(ExitCodes.FileAccess, "no such data directory");

        GenerateData(20, 3);
        File.Delete(InData(PopulationGenerator.UwvFileName));
        CliRun.Of("reference", "--data", _directory, "--out", output).AssertFailed(ExitCodes.FileAccess, $"{PopulationGenerator.UwvFileName}: no such file");
        Assert.False(Directory.Exists(Path.GetDirectoryName(output)));
    }

    [Fact]
    public void Reference_WithADirectoryWhereADataFileShouldBe_SaysSo_AndWritesNothing()
    {
        GenerateData(20, 3);
        File.Delete(InData(PopulationGenerator.SvbFileName));
        Directory.CreateDirectory(InData(PopulationGenerator.SvbFileName));
        var output = InData("reference.csv");

        CliRun.Of("reference", "--data", _directory, "--out", output).AssertFailed(ExitCodes.FileAccess, $"{PopulationGenerator.SvbFileName}: is a directory, not a data file");

        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Reference_BadRows_AreReportedByLineColumnAndReason_WithoutTheirValues()
    {
        GenerateData(200, 4);
        var uwv = InData(PopulationGenerator.UwvFileName);
        var lines = File.ReadAllLines(uwv).Length - 1; // without the end line, which Reseal writes again after the new rows
        DataFiles.Reseal(uwv, rows =>
        [
            .. rows,
            "111222334,123456789L01,1,56,month,2025-05-01,2025-05-31,1,1.00,0.00,0.00,0.00,0.00,0.00,false",
            "999999990,123456789L01,1,56,month,2025-05-01,2025-05-31,1,12.3456,0.00,0.00,0.00,0.00,0.00,false",
        ]);

        var run = CliRun.Of("reference", "--data", _directory, "--out", InData("reference.csv"), "--fail-on-bad-rows");

        run.AssertFailed(ExitCodes.CheckFailed, "2 bad rows; nothing was written");
        Assert.Contains($"bad row: line {lines + 1}, column 'bsn': not a valid BSN", run.Error, StringComparison.Ordinal);
        Assert.Contains($"bad row: line {lines + 2}, column", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("111222334", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("999999990", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("12.3456", run.Error, StringComparison.Ordinal);
        AssertOnlyTheDataFiles();
    }

    [Fact]
    public void Generate_IntoADirectoryWithData_NeedsForce_AndLeavesTheOldFiles()
    {
        GenerateData(20, 3);
        var svb = File.ReadAllText(InData(PopulationGenerator.SvbFileName));

        CliRun.Of("generate", "--persons", "30", "--seed", "8", "--out", _directory).AssertFailed(ExitCodes.OutputExists, "use --force");
        Assert.Equal(svb, File.ReadAllText(InData(PopulationGenerator.SvbFileName)));
        AssertOnlyTheDataFiles();

        Assert.Equal(0, Run("generate", "--persons", "30", "--seed", "8", "--out", _directory, "--force"));
        Assert.NotEqual(svb, File.ReadAllText(InData(PopulationGenerator.SvbFileName)));
    }

    [Fact]
    public void Explain_APersonNotInTheData_ExitsWith1_AndAnInvalidBsnIsNotEchoed()
    {
        GenerateData(20, 3);

        CliRun.Of("explain", "--person", "111222333", "--data", _directory).AssertFailed(ExitCodes.CheckFailed, "the BSN is in no household");
        var run = CliRun.Of("explain", "--person", "123456780", "--data", _directory).AssertFailed(ExitCodes.Usage, "--person is not a valid BSN");
        Assert.DoesNotContain("123456780", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_ADataSetWithoutItsReferenceMonth_IsAnInputError_AndWritesNothing()
    {
        GenerateData(20, 3);
        var svb = InData(PopulationGenerator.SvbFileName);
        File.WriteAllLines(svb, File.ReadAllLines(svb).Skip(1));

        CliRun.Of("reference", "--data", _directory, "--out", InData("reference.csv")).AssertFailed(ExitCodes.InvalidInput, "names no reference_month");

        AssertOnlyTheDataFiles();
        Assert.Equal(0, Run("reference", "--data", _directory, "--out", InData("reference.csv"), "--month", "2025-06"));
    }

    /// <summary>Nothing but svb.csv, truth.csv and uwv.csv: no output, no partial file, no staging directory.</summary>
    private void AssertOnlyTheDataFiles()
        => Assert.Equal(
            [PopulationGenerator.SvbFileName, Samenreken.Domain.NetIncome.TruthFile.FileName, PopulationGenerator.UwvFileName],
            Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
}
