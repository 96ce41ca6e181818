using Samenreken.Domain.Svb;
using Samenreken.Fairness;
using Samenreken.Governance.Definition;

namespace Samenreken.Pilot.Fairness;

/// <summary>
/// The pilot's non-discrimination monitor at SVB's node: the plan from the project definition, the households as
/// the monitor sees them, and the looks of a run. The node during the run and <c>samenreken fairness report</c>
/// afterwards use the same looks, so the report replays exactly the alerts the run raised.
/// </summary>
public static class PilotMonitoring
{
    /// <summary>Reference groups: the majority the others are compared with besides "the rest".</summary>
    private static readonly Dictionary<string, string> s_referenceGroups = new(StringComparer.Ordinal)
    {
        [MonitoredAttributes.CountryOfBirthCategory] = "nl",
        [MonitoredAttributes.Region] = "west",
    };

    /// <summary>The monitoring plan the definition fixes before the run (its hash goes into the audit log at the start).</summary>
    public static MonitoringPlan Plan(FairnessMonitorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var references = s_referenceGroups.Where(r => settings.Groups.Contains(r.Key)).ToDictionary(StringComparer.Ordinal);
        return MonitoringPlan.Create(
            settings.Groups,
            settings.LegitimateFactors,
            references,
            settings.IntersectionDepth,
            (double)settings.RateRatioLower,
            (double)settings.RateRatioUpper,
            (double)settings.Alpha,
            settings.MinimumCellSize);
    }

    /// <summary>One household as the monitor sees it; <paramref name="trulyEligible"/> only on synthetic runs.</summary>
    public static HouseholdObservation Observe(Household household, DateOnly referenceDay, bool selected, bool? trulyEligible = null)
        => new(MonitoredAttributes.Of(household, referenceDay), selected, trulyEligible);

    /// <summary>The last day of the reference month: the day ages are taken at.</summary>
    public static DateOnly ReferenceDay(DateOnly referenceMonth) => referenceMonth.AddMonths(1).AddDays(-1);
}
