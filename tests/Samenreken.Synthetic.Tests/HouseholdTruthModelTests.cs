using Samenreken.Domain;
using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Svb;

namespace Samenreken.Synthetic.Tests;

/// <summary>The generator's ground truth (truth.csv): richer than the approximation, and without effect on the other files.</summary>
public sealed class HouseholdTruthModelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("samenreken-truth-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AnAowOnlyHousehold_IsTheYearsAssessment_WithoutTheHolidayAllowancesShare_2025()
    {
        // AOW gross 1,000.00 a month: 12,000 a year plus 8% holiday allowance 960 = 12,960 taxable.
        // Tax 17.92% × 12,960 = 2,322.43 < credits (AHK 1,536 + ouderenkorting 2,035) → 0; Zvw 5.26% × 12,960 = 681.69.
        // Net 12,278.31 a year; the regular income's share 12,000 / 12,960 → 11,368.80; per month 947.40.
        var truth = new HouseholdTruthModel(ParameterSet.For(2025, 6), seed: 1)
            .For(5, HouseholdType.CoupleBothAowAge, [new TruthMember(Bsn.Parse("111222333"), true, 100_000, 100, CountryOfBirthCategory.Netherlands)], []);
        Assert.Equal(94740, truth.TrueNetMonthly.Cents);
        Assert.Equal(5, truth.HouseholdId);
        Assert.Equal(truth.Assets.Cents > HouseholdTruthModel.AssetLimitCoupleCents, truth.AssetsAboveLimit);
    }

    [Fact]
    public void TheArbeidskortingAtAowAge_IsTheScheduleBelowAowAgeScaledByTheRates_2025()
    {
        // Wage 10,000 a year: first phase-in bracket 8.053% = 805.30, × 17.92 / 35.82 = 402.87.
        Assert.Equal(40287, AnnualTax.AowAgeLabourCreditCents(1_000_000, ParameterSet.For(2025, 6).Tax));
    }

    [Fact]
    public void GenerateToDirectory_WritesOneTruthRowPerHousehold_AndTheOtherFilesDoNotChange()
    {
        var summary = PopulationGenerator.GenerateToDirectory(new GeneratorOptions(1_500, 21), _directory, groundTruth: true);
        using var text = new StreamReader(Path.Combine(_directory, TruthFile.FileName));
        var truth = TruthFile.Open(text).Load(CsvLoadMode.FailWholeLoad);
        Assert.True(truth.Succeeded);
        Assert.True(truth.Info.IsSynthetic);
        Assert.Equal(summary.Counts["households"], truth.Records.Count);
        Assert.Equal(summary.Counts["assets_above_limit"], truth.Records.Count(t => t.AssetsAboveLimit));
        Assert.Equal(Enumerable.Range(1, truth.Records.Count).Select(i => (long)i), truth.Records.Select(t => t.HouseholdId));

        // The truth draws from its own streams: without it, the SVB and UWV files are byte for byte the same.
        var svb = new StringWriter();
        var uwv = new StringWriter();
        PopulationGenerator.Generate(new GeneratorOptions(1_500, 21), svb, uwv);
        Assert.Equal(Rows(svb.ToString()), Rows(File.ReadAllText(Path.Combine(_directory, PopulationGenerator.SvbFileName))));
        Assert.Equal(Rows(uwv.ToString()), Rows(File.ReadAllText(Path.Combine(_directory, PopulationGenerator.UwvFileName))));
    }

    [Fact]
    public void TheTruth_DiffersFromWhatTheWindowShows_WhereTheApproximationCannotSee()
    {
        var sample = PopulationGeneratorTests.Sample.Instance;
        var svb = new StringWriter();
        var uwv = new StringWriter();
        var truthText = new StringWriter();
        PopulationGenerator.Generate(new GeneratorOptions(20_000, 2025), svb, uwv, truthText);
        var truth = TruthFile.Open(new StringReader(truthText.ToString())).Load(CsvLoadMode.FailWholeLoad).Records.ToDictionary(t => t.HouseholdId);
        var p = ParameterSet.For(2025, 6);
        var errors = sample.Households
            .Select(h => TrueNetIncome.ApproximationCents(h, b => sample.Polis.GetValueOrDefault(b, []), p).After - truth[h.Id].TrueNetMonthly.Cents)
            .ToArray();
        // Foreign pensions make some households richer than the approximation sees; the holiday allowances and the
        // year's wages move others the other way. Both sides must be there, or the truth adds nothing.
        Assert.Contains(errors, e => e < -5_000);
        Assert.Contains(errors, e => e > 1_000);
        Assert.InRange(truth.Values.Count(t => t.AssetsAboveLimit) / (double)truth.Count, 0.05, 0.8);
    }

    /// <summary>The header and data rows, without the preamble and trailer lines (which the file writer adds).</summary>
    private static string[] Rows(string text) => [.. text.Split('\n').Where(l => !l.StartsWith('#'))];
}
