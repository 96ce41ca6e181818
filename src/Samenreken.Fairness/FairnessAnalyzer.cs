namespace Samenreken.Fairness;

/// <summary>The monitor's analysis of a complete set of households, in one look at the plan's full α.</summary>
public static class FairnessAnalyzer
{
    /// <summary>
    /// Analyses the households against the plan: per group the selection rate and its comparisons, raw and
    /// conditional tests, Holm at the plan's α, flags, suppression and the worded findings. Use this for a run
    /// that was not monitored in flight; a monitored run's final report comes from <see cref="SequentialMonitor"/>,
    /// whose looks share the same α.
    /// </summary>
    public static FairnessReport Analyze(MonitoringPlan plan, IReadOnlyList<HouseholdObservation> households, ReportLanguage language = ReportLanguage.Dutch)
    {
        var tally = Tally.Count(plan, households);
        return ReportBuilder.Build(tally, Analysis.Run(tally, plan.Alpha), plan.Alpha, language);
    }
}
