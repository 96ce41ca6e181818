namespace Samenreken.Fairness.Tests;

/// <summary>
/// Seeded synthetic populations for measuring the monitor. Eligibility follows the legitimate factors only
/// (AOW build-up band, household type), and people born abroad more often have an incomplete AOW, so their raw
/// over-representation is lawful. A planted bias lowers (or raises) the chance that an eligible member of one
/// group is selected: a flaw the project does not justify, e.g. a bad annualisation of 4-weekly pay.
/// </summary>
internal sealed record TestPopulation(int Households, int Seed)
{
    /// <summary>Which households the planted bias hits; null for an unbiased population.</summary>
    public Func<IReadOnlyDictionary<string, string>, bool>? BiasedGroup { get; init; }

    /// <summary>The factor applied to a biased household's chance of being selected when eligible.</summary>
    public double BiasFactor { get; init; } = 1;

    /// <summary>Share of households paid every four weeks (the group the planted bias usually hits).</summary>
    public double FourWeeklyShare { get; init; } = 0.2;

    public const double Recall = 0.8;
    public const double FalsePositiveRate = 0.01;

    public static readonly string[] MonitoredAttributes = ["sex", "age band", "region", "country of birth", "pay frequency", "AOW build-up"];
    public static readonly string[] LegitimateFactors = ["AOW build-up", "household type"];

    public static MonitoringPlan Plan(int depth = 2, bool withLegitimateFactors = true)
        => MonitoringPlan.Create(
            MonitoredAttributes,
            withLegitimateFactors ? LegitimateFactors : [],
            new Dictionary<string, string> { ["sex"] = "M", ["country of birth"] = "NL", ["pay frequency"] = "monthly" },
            intersectionDepth: depth);

    public List<HouseholdObservation> Generate()
    {
        var random = new Random(Seed);
        var households = new List<HouseholdObservation>(Households);
        for (int i = 0; i < Households; i++)
        {
            bool abroad = random.NextDouble() < 0.2;
            double u = random.NextDouble();
            string aow = abroad
                ? (u < 0.3 ? "full" : u < 0.8 ? "partial" : "low")
                : (u < 0.93 ? "full" : "partial");
            string household = random.NextDouble() < 0.4 ? "single" : "couple";
            var attributes = new Dictionary<string, string>
            {
                ["sex"] = random.NextDouble() < 0.55 ? "V" : "M",
                ["age band"] = Pick(random, ["66-70", "71-75", "76-80", "81+"]),
                ["region"] = Pick(random, ["Noord", "Oost", "Zuid", "West"]),
                ["country of birth"] = abroad ? "abroad" : "NL",
                ["pay frequency"] = random.NextDouble() < FourWeeklyShare ? "4-weekly" : "monthly",
                ["AOW build-up"] = aow,
                ["household type"] = household,
            };
            double eligibleChance = (aow switch { "full" => 0.04, "partial" => 0.3, _ => 0.6 }) * (household == "single" ? 1.3 : 0.8);
            bool eligible = random.NextDouble() < eligibleChance;
            double selectChance = eligible ? Recall : FalsePositiveRate;
            if (BiasedGroup?.Invoke(attributes) == true)
            {
                selectChance = Math.Min(1, selectChance * BiasFactor);
            }

            households.Add(new HouseholdObservation(attributes, random.NextDouble() < selectChance, eligible));
        }

        return households;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
