using System.CommandLine;
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

    private static int Run(Command command, params string[] args) => command.Parse(args).Invoke();

    [Fact]
    public void Generate_ThenReference_WritesOneRowPerSelectedHousehold()
    {
        Assert.Equal(0, Run(DomainCommands.Generate(), "--persons", "1500", "--seed", "9", "--out", _directory));
        var expected = PopulationGenerator.Generate(new GeneratorOptions(1500, 9), TextWriter.Null, TextWriter.Null).Counts["selected"];

        var output = Path.Combine(_directory, "reference.csv");
        Assert.Equal(0, Run(DomainCommands.Reference(), "--data", _directory, "--out", output));
        var lines = File.ReadAllLines(output);
        Assert.Equal("household_id,household_type,bsn", lines[0]);
        Assert.Equal(expected, lines.Length - 1);
        Assert.True(expected > 0);
        Assert.All(lines.Skip(1), l => Assert.All(l.Split(',')[2].Split(';'), b => Assert.True(Bsn.TryParse(b, out _))));
    }

    [Fact]
    public void Reference_WithABadRowAndFailOnBadRows_WritesNothing()
    {
        Assert.Equal(0, Run(DomainCommands.Generate(), "--persons", "200", "--seed", "4", "--out", _directory));
        var uwv = Path.Combine(_directory, PopulationGenerator.UwvFileName);
        File.AppendAllText(uwv, "111222334,123456789L01,1,56,month,2025-05-01,2025-05-31,1,1.00,0.00,0.00,0.00,0.00,0.00,false\n");
        var output = Path.Combine(_directory, "reference.csv");
        Assert.Equal(1, Run(DomainCommands.Reference(), "--data", _directory, "--out", output, "--fail-on-bad-rows"));
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));

        // Without the option the bad row is reported and skipped.
        Assert.Equal(0, Run(DomainCommands.Reference(), "--data", _directory, "--out", output));
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void Explain_ShowsEveryStepAndTheComparison()
    {
        var bsn = Bsn.Parse("111222333");
        Assert.True(Household.TryCreate([AowRecipient.Create(bsn, 1, HouseholdType.Single, null, new DateOnly(1950, 1, 1), new DateOnly(2015, 4, 1), 60, Money.FromCents(94855), Money.FromCents(89866), false, new LetterAddress("A", "B 1", "1234 AB", "C"), new Demographics(Sex.Female, "GM0363", CountryOfBirthCategory.TurkeyMorocco))], out var household, out _));
        var pension = Enumerable.Range(4, 3).Select(m => PolisRecord.Create(bsn, "123456789L01", 1, 56, PayPeriod.Month, new DateOnly(2025, m, 1), new DateOnly(2025, m, 1).AddMonths(1).AddDays(-1), 1, Money.FromCents(35000), Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero, false)).ToArray();
        var text = DomainCommands.ExplainText(household!, new Dictionary<Bsn, IReadOnlyList<PolisRecord>> { [bsn] = pension }, ParameterSet.For(2025, 6), synthetic: true);
        Assert.Contains("aio-netincome/1", text, StringComparison.Ordinal);
        Assert.Contains("WARNING", text, StringComparison.Ordinal); // 2025 has recalled tax values
        Assert.Contains("1230.25 < 1426.02", text, StringComparison.Ordinal);
        Assert.Contains("SELECTED", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ForAGeneratedPerson_Succeeds()
    {
        Assert.Equal(0, Run(DomainCommands.Generate(), "--persons", "50", "--seed", "5", "--out", _directory));
        var firstBsn = File.ReadLines(Path.Combine(_directory, PopulationGenerator.SvbFileName)).Skip(2).First().Split(',')[0];
        Assert.Equal(0, Run(DomainCommands.Explain(), "--person", firstBsn, "--data", _directory));
        Assert.Equal(2, Run(DomainCommands.Explain(), "--person", "123456789", "--data", _directory));
    }
}
