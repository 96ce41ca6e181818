using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using Samenreken.Pilot.Fairness;
using Samenreken.Synthetic;

namespace Samenreken.Pilot.Tests;

/// <summary>The monitored attributes of a generated population: complete, realistic where the issue asks, deterministic per seed.</summary>
public sealed class MonitoredAttributesTests
{
    private static (List<Household> Households, Dictionary<Samenreken.Domain.Bsn, PolisRecord[]> Polis, ParameterSet Parameters) Population(int persons, ulong seed)
    {
        using var svb = new StringWriter();
        using var uwv = new StringWriter();
        PopulationGenerator.Generate(new GeneratorOptions(persons, seed), svb, uwv);
        var households = SvbFile.OpenHouseholds(new StringReader(svb.ToString())).Load(CsvLoadMode.FailWholeLoad, 0);
        var polis = PolisFile.OpenPersons(new StringReader(uwv.ToString())).Load(CsvLoadMode.FailWholeLoad, 0);
        return ([.. households.Records], polis.Records.ToDictionary(p => p.Bsn, p => p.Records.ToArray()), PilotParties.Parameters(households.Info, "SVB"));
    }

    private static readonly Lazy<(List<Household> Households, Dictionary<Samenreken.Domain.Bsn, PolisRecord[]> Polis, ParameterSet Parameters)> s_population = new(() => Population(12_000, seed: 3));

    private static List<IReadOnlyDictionary<string, string>> Attributes()
    {
        var (households, _, parameters) = s_population.Value;
        var day = PilotMonitoring.ReferenceDay(parameters.ReferenceMonth);
        return [.. households.Select(h => MonitoredAttributes.Of(h, day))];
    }

    private static double Share(IEnumerable<IReadOnlyDictionary<string, string>> rows, Func<IReadOnlyDictionary<string, string>, bool> predicate)
    {
        var list = rows.ToList();
        return list.Count(predicate) / (double)list.Count;
    }

    [Fact]
    public void EveryHousehold_HasEveryMonitoredAttribute_AndEveryMunicipalityARegion()
    {
        var rows = Attributes();

        Assert.All(rows, r => Assert.Equal(MonitoredAttributes.All.Order(), r.Keys.Order()));
        Assert.DoesNotContain(rows, r => r[MonitoredAttributes.Region] == Regions.Unknown);
        Assert.Equal(["noord", "oost", "west", "zuid"], rows.Select(r => r[MonitoredAttributes.Region]).Distinct().Order());
        Assert.Equal(["70-74", "75-79", "80-84", "85+", "<70"], rows.Select(r => r[MonitoredAttributes.AgeBand]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["0-58", "100", "60-78", "80-98"], rows.Select(r => r[MonitoredAttributes.AowBuildUpBand]).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(rows, r => r[MonitoredAttributes.Sex] == "F+M");
        Assert.Contains(rows, r => r[MonitoredAttributes.CountryOfBirthCategory] == "mixed");
    }

    [Fact]
    public void PartialAow_GoesWithBirthAbroad_AndPeopleBornAbroadLiveMoreInTheWest()
    {
        var rows = Attributes();
        var native = rows.Where(r => r[MonitoredAttributes.CountryOfBirthCategory] == "nl").ToList();
        var abroad = rows.Where(r => r[MonitoredAttributes.CountryOfBirthCategory] is "sr_an" or "tr_ma" or "other_non_western").ToList();

        // Years lived abroad are what makes the AOW incomplete: nearly all non-Western-born, few Dutch-born.
        Assert.InRange(Share(native, r => r[MonitoredAttributes.AowBuildUpBand] != "100"), 0.01, 0.06);
        Assert.InRange(Share(abroad, r => r[MonitoredAttributes.AowBuildUpBand] != "100"), 0.85, 1.0);
        Assert.True(Share(abroad, r => r[MonitoredAttributes.Region] == "west") > Share(native, r => r[MonitoredAttributes.Region] == "west") + 0.15);
    }

    [Fact]
    public void SameSeed_SameAttributes_OtherSeed_Others()
    {
        var first = Population(3_000, seed: 3);
        var again = Population(3_000, seed: 3);
        var other = Population(3_000, seed: 4);
        var day = PilotMonitoring.ReferenceDay(again.Parameters.ReferenceMonth);
        string Text(IEnumerable<Household> households) => string.Join('\n', households.Select(h => string.Join(',', MonitoredAttributes.Of(h, day).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Value))));

        Assert.Equal(Text(first.Households), Text(again.Households));
        Assert.NotEqual(Text(first.Households), Text(other.Households));
    }

    [Fact]
    public void GroundTruth_MostlyAgreesWithTheApproximation_ButIsNotIt()
    {
        var (households, polis, parameters) = s_population.Value;
        var truth = GroundTruth.TrulyBelowNorm(households, polis, parameters);
        var approximated = households.Where(h => NetIncomeReference.Evaluate(h, b => polis.TryGetValue(b, out var r) ? r : [], parameters).BelowNorm).Select(h => h.Id).ToHashSet();

        Assert.InRange(truth.Count / (double)households.Count, 0.03, 0.08);
        Assert.True(truth.Intersect(approximated).Count() >= 0.9 * approximated.Count);

        // Receiving AIO already: never truly eligible for a letter, whatever the income.
        var receiving = households.First(h => h.ReceivesAio);
        Assert.False(GroundTruth.TrulyEligible(receiving, new HashSet<long> { receiving.Id }));
    }

    [Theory]
    [InlineData(66, "<70")]
    [InlineData(69, "<70")]
    [InlineData(70, "70-74")]
    [InlineData(84, "80-84")]
    [InlineData(85, "85+")]
    public void AgeBands_HaveTheirBounds(int age, string band) => Assert.Equal(band, MonitoredAttributes.AgeBandOf(age));

    [Theory]
    [InlineData(100, "100")]
    [InlineData(98, "80-98")]
    [InlineData(80, "80-98")]
    [InlineData(78, "60-78")]
    [InlineData(58, "0-58")]
    [InlineData(0, "0-58")]
    public void BuildUpBands_HaveTheirBounds(int percent, string band) => Assert.Equal(band, MonitoredAttributes.BuildUpBandOf(percent));

    [Fact]
    public void Age_CountsCompletedYears() => Assert.Equal((66, 67), (MonitoredAttributes.AgeOn(new DateOnly(1958, 7, 1), new DateOnly(2025, 6, 30)), MonitoredAttributes.AgeOn(new DateOnly(1958, 6, 30), new DateOnly(2025, 6, 30))));
}
