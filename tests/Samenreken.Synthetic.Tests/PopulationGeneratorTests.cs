using Samenreken.Domain;
using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;

namespace Samenreken.Synthetic.Tests;

public class PopulationGeneratorTests
{
    private static (string Svb, string Uwv, GenerationSummary Summary) Generate(int persons, ulong seed)
    {
        var svb = new StringWriter();
        var uwv = new StringWriter();
        var summary = PopulationGenerator.Generate(new GeneratorOptions(persons, seed), svb, uwv);
        return (svb.ToString(), uwv.ToString(), summary);
    }

    [Fact]
    public void SameSeed_GivesTheSameFiles_OtherSeed_Others()
    {
        var a = Generate(2_000, 11);
        var b = Generate(2_000, 11);
        var c = Generate(2_000, 12);
        Assert.Equal(a.Svb, b.Svb);
        Assert.Equal(a.Uwv, b.Uwv);
        Assert.NotEqual(a.Svb, c.Svb);
    }

    [Fact]
    public void SmallPopulation_UsesTheTestBsnRange_AndIsMarkedSynthetic()
    {
        var (svb, _, summary) = Generate(1_000, 3);
        Assert.True(summary.TestBsnRange);
        var households = SvbFile.OpenHouseholds(new StringReader(svb)).Load(CsvLoadMode.FailWholeLoad);
        Assert.True(households.Info.IsSynthetic);
        Assert.All(households.Records.SelectMany(h => h.Members), b => Assert.InRange(b.Value, 999_900_000, 999_999_999));
    }

    /// <summary>One generated sample, read back through the file readers, checked against the claims in docs/synthetic-population.md.</summary>
    public sealed class Sample
    {
        private static readonly Lazy<Sample> s_instance = new(() => new Sample());

        private Sample()
        {
            var (svb, uwv, summary) = Generate(20_000, 2025);
            Summary = summary;
            var households = SvbFile.OpenHouseholds(new StringReader(svb)).Load(CsvLoadMode.FailWholeLoad);
            var persons = PolisFile.OpenPersons(new StringReader(uwv)).Load(CsvLoadMode.FailWholeLoad);
            Assert.True(households.Succeeded, string.Join('\n', households.Errors.Take(5)));
            Assert.True(persons.Succeeded, string.Join('\n', persons.Errors.Take(5)));
            Households = households.Records;
            Polis = persons.Records.ToDictionary(p => p.Bsn, p => p.Records);
        }

        public static Sample Instance => s_instance.Value;

        public GenerationSummary Summary { get; }

        public IReadOnlyList<Household> Households { get; }

        public Dictionary<Bsn, IReadOnlyList<PolisRecord>> Polis { get; }

        public IEnumerable<AowRecipient> Recipients => Households.SelectMany(h => h.Recipients);
    }

    private static Sample S => Sample.Instance;

    private static double Share<T>(IEnumerable<T> items, Func<T, bool> predicate)
    {
        var list = items.ToList();
        return (double)list.Count(predicate) / list.Count;
    }

    [Fact]
    public void Recipients_AndBsns_AreAsRequested()
    {
        var bsns = S.Households.SelectMany(h => h.Members).ToList();
        Assert.Equal(20_000, S.Recipients.Count());
        Assert.Equal(bsns.Count, bsns.Distinct().Count());
    }

    [Fact]
    public void SingleAow_IsAbout37Percent_OfRecipients() =>
        Assert.InRange(Share(S.Recipients, r => r.HouseholdType == HouseholdType.Single), 0.35, 0.40);

    [Fact]
    public void Women_AreAbout53Percent() =>
        Assert.InRange(Share(S.Recipients, r => r.Demographics.Sex == Sex.Female), 0.51, 0.56);

    [Fact]
    public void PartialAow_IsAbout11Percent_WithALongTail()
    {
        Assert.InRange(Share(S.Recipients, r => r.BuildUpPercent < 100), 0.09, 0.14);
        Assert.Contains(S.Recipients, r => r.BuildUpPercent <= 40);
        Assert.All(S.Recipients, r => Assert.Equal(0, r.BuildUpPercent % 2));
    }

    [Fact]
    public void About28Percent_Are80OrOlder() =>
        Assert.InRange(Share(S.Recipients, r => r.BirthDate.AddYears(80) <= new DateOnly(2025, 6, 30)), 0.25, 0.31);

    [Fact]
    public void BetweenFourAndSixPercent_OfHouseholds_AreBelowTheNorm()
    {
        var parameters = ParameterSet.For(2025, 6);
        var outcomes = S.Households.Select(h => NetIncomeReference.Evaluate(h, b => S.Polis.GetValueOrDefault(b, []), parameters)).ToList();
        var below = outcomes.Count(o => o.BelowNorm);
        Assert.Equal(S.Summary.Counts["below_norm"], below);
        Assert.InRange((double)below / outcomes.Count, 0.04, 0.06);

        // About 70% of those entitled already receive AIO; only households below the norm do.
        Assert.InRange(Share(outcomes.Where(o => o.BelowNorm), o => o.Household.ReceivesAio), 0.6, 0.8);
        Assert.DoesNotContain(outcomes, o => !o.BelowNorm && o.Household.ReceivesAio);
        Assert.Contains(outcomes, o => o.IncomeCents == o.NormCents);
        Assert.Contains(outcomes, o => o.IncomeCents == o.NormCents - 1);
    }

    [Fact]
    public void EdgeCases_ArePresent()
    {
        var statements = S.Polis.Values.SelectMany(r => r).ToList();
        Assert.Contains(statements, r => r.PayPeriod == PayPeriod.FourWeeks);
        Assert.Contains(statements, r => r.PayPeriod == PayPeriod.Week);
        Assert.Contains(statements, r => r.Version > 1);
        Assert.Contains(statements, r => r.TaxableWage.Cents < 0);
        Assert.Contains(statements, r => r.HolidayAllowancePaid.Cents > 0);
        Assert.Contains(S.Polis.Values, r => r.Where(x => x.Kind == IncomeKind.Pension).Select(x => (x.PayerId, x.IkvNumber)).Distinct().Count() >= 2);
        Assert.Contains(S.Polis.Values, r => r.Where(x => x.Kind != IncomeKind.Aow).Select(x => x.PayPeriod).Distinct().Count() >= 2);
        Assert.Contains(S.Recipients, r => S.Polis[r.Bsn].All(x => x.Kind == IncomeKind.Aow)); // zero income besides the AOW
        Assert.Contains(S.Households, h => h.Type == HouseholdType.CoupleYoungerPartner && S.Polis.GetValueOrDefault(h.Members[1], []).Any(x => x.Kind == IncomeKind.Wage));
        Assert.Contains(S.Households, h => h.Type == HouseholdType.CoupleYoungerPartner && !S.Polis.ContainsKey(h.Members[1]));
    }

    [Fact]
    public void AowAmounts_FollowBuildUp()
    {
        var full = ParameterSet.For(2025, 6).AowSingle.Gross.Cents;
        foreach (var r in S.Recipients.Where(r => r.HouseholdType == HouseholdType.Single).Take(500))
        {
            Assert.Equal(((full * r.BuildUpPercent) + 50) / 100, r.GrossAowMonthly.Cents);
        }
    }
}

public class BsnAllocatorTests
{
    [Fact]
    public void HandsOutDistinctValidNumbers()
    {
        var allocator = new BsnAllocator(new SyntheticRandom(5), 100_000);
        var seen = new HashSet<Bsn>();
        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(seen.Add(allocator.Next()));
        }
    }

    [Fact]
    public void TestRange_HoldsAbout9091Numbers()
    {
        var allocator = new BsnAllocator(new SyntheticRandom(5), 100);
        var all = new HashSet<Bsn>();
        while (true)
        {
            try
            {
                all.Add(allocator.Next());
            }
            catch (InvalidOperationException)
            {
                break;
            }
        }

        Assert.InRange(all.Count, 9_080, 9_100);
    }
}

public class AowAgeTests
{
    [Theory]
    [InlineData("1958-03-10", "2025-03-10")] // 67 years in 2025
    [InlineData("1955-10-01", "2022-05-01")] // 66 years 7 months in 2022
    [InlineData("1956-09-15", "2023-07-15")] // 66 years 10 months in 2023
    [InlineData("1945-05-05", "2010-05-05")] // 65 before 2013
    public void Start_FollowsTheAowAgeTable(string birth, string start) =>
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), AowAge.Start(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture)));
}
