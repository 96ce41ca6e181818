using Samenreken.Fairness.Statistics;

namespace Samenreken.Fairness;

/// <summary>Whether, and how, a group's difference was examined conditional on the legitimate factors.</summary>
public enum ConditionalStatus
{
    /// <summary>The plan names no legitimate factors: the raw comparison is the one that counts.</summary>
    NoLegitimateFactors,

    /// <summary>The group is defined by legitimate factors alone: its difference is lawful by definition.</summary>
    LegitimateFactorGroup,

    /// <summary>Compared within strata of the legitimate factors (Cochran–Mantel–Haenszel).</summary>
    Stratified,

    /// <summary>No stratum holds both the group and the rest with variation in selection.</summary>
    NotTestable,
}

/// <summary>Under-selection (fewer than the rest) or over-selection.</summary>
public enum Direction
{
    Under,
    Over,
}

/// <summary>All figures and decisions for one group, before suppression and wording.</summary>
internal sealed record GroupOutcome(GroupTally Tally, bool Testable)
{
    public Estimate Rate { get; init; } = new(0, 0, 1);
    public Estimate? RatioToRest { get; init; }
    public Estimate? DifferenceToRest { get; init; }
    public Estimate? RatioToReference { get; init; }
    public Estimate? DifferenceToReference { get; init; }
    public GroupKey? Reference { get; init; }
    public Significance? Raw { get; set; }
    public ConditionalStatus Conditional { get; init; }
    public MantelHaenszelResult? MantelHaenszel { get; init; }
    public Significance? ConditionalTest { get; set; }
    public Estimate? Recall { get; init; }
    public Estimate? Precision { get; init; }
    public Estimate? RecallRatioToRest { get; init; }
    public Significance? RecallTest { get; set; }

    /// <summary>The ratio that decides: the MH rate ratio when stratified, else the raw ratio to the rest.</summary>
    public double? DecisiveRatio { get; init; }

    public Direction? SelectionFlag { get; set; }
    public Direction? MissedEligibleFlag { get; set; }
    public Direction? ExplainedDisparity { get; set; }
    public Direction? SmallDifference { get; set; }
    public Direction? InsufficientData { get; set; }
    public int? NeededGroupSize { get; set; }

    public bool Flagged => SelectionFlag is not null || MissedEligibleFlag is not null;
}

/// <summary>The statistics of one look: per group the comparisons, the tests, Holm over the family, and the flag rule.</summary>
internal static class Analysis
{
    public static List<GroupOutcome> Run(Tally tally, double alphaBudget)
    {
        var plan = tally.Plan;
        double z = Proportions.TwoSidedZ(plan.Alpha);
        var byKey = tally.Groups.ToDictionary(g => g.Key);
        var outcomes = tally.Groups.Select(g => Describe(tally, g, byKey, z)).ToList();
        Decide(plan, tally, outcomes, alphaBudget);
        return outcomes;
    }

    private static GroupOutcome Describe(Tally tally, GroupTally group, Dictionary<GroupKey, GroupTally> byKey, double z)
    {
        var plan = tally.Plan;
        var total = tally.Total;
        bool testable = group.Size >= plan.MinimumGroupSize && group.Size < total.Size;
        int restSize = total.Size - group.Size, restSelected = total.Selected - group.Selected;
        var reference = ReferenceOf(plan, group, byKey);
        var conditional = ConditionalStatusOf(plan, group);
        var mantelHaenszel = conditional == ConditionalStatus.Stratified && testable ? Stratified(tally, group, z) : null;
        if (conditional == ConditionalStatus.Stratified && mantelHaenszel is null)
        {
            conditional = ConditionalStatus.NotTestable;
        }

        var ratio = Proportions.Ratio(group.Selected, group.Size, restSelected, restSize, z);
        var outcome = new GroupOutcome(group, testable)
        {
            Rate = Proportions.Wilson(group.Selected, group.Size, z),
            RatioToRest = ratio,
            DifferenceToRest = restSize > 0 ? Proportions.Difference(group.Selected, group.Size, restSelected, restSize, z) : null,
            Reference = reference?.Key,
            RatioToReference = reference is null ? null : Proportions.Ratio(group.Selected, group.Size, reference.Selected, reference.Size, z),
            DifferenceToReference = reference is null ? null : Proportions.Difference(group.Selected, group.Size, reference.Selected, reference.Size, z),
            Conditional = conditional,
            MantelHaenszel = mantelHaenszel,
            DecisiveRatio = conditional switch
            {
                ConditionalStatus.Stratified => mantelHaenszel!.RateRatioPoint,
                ConditionalStatus.NoLegitimateFactors => ratio?.Value,
                _ => null,
            },
        };

        if (!testable)
        {
            return outcome;
        }

        outcome.Raw = Unadjusted(TwoByTwo.Test(new Table2x2(group.Selected, group.Size - group.Selected, restSelected, restSize - restSelected)));
        if (mantelHaenszel is not null)
        {
            outcome.ConditionalTest = new Significance(TestMethod.CochranMantelHaenszel, mantelHaenszel.PValue, 1);
        }

        if (!tally.HasGroundTruth)
        {
            return outcome;
        }

        int restEligible = total.Eligible - group.Eligible, restEligibleSelected = total.EligibleSelected - group.EligibleSelected;
        var withTruth = outcome with
        {
            Recall = Proportions.Wilson(group.EligibleSelected, group.Eligible, z),
            Precision = group.Selected > 0 ? Proportions.Wilson(group.EligibleSelected, group.Selected, z) : null,
            RecallRatioToRest = Proportions.Ratio(group.EligibleSelected, group.Eligible, restEligibleSelected, restEligible, z),
        };
        if (group.Eligible > 0 && restEligible > 0)
        {
            withTruth.RecallTest = Unadjusted(TwoByTwo.Test(new Table2x2(
                group.EligibleSelected, group.Eligible - group.EligibleSelected, restEligibleSelected, restEligible - restEligibleSelected)));
        }

        return withTruth;
    }

    private static Significance Unadjusted((TestMethod Method, double PValue) test) => new(test.Method, test.PValue, 1);

    private static ConditionalStatus ConditionalStatusOf(MonitoringPlan plan, GroupTally group)
    {
        if (plan.LegitimateFactors.Count == 0)
        {
            return ConditionalStatus.NoLegitimateFactors;
        }

        return group.Key.Attributes.All(a => plan.LegitimateFactors.Contains(a, StringComparer.Ordinal))
            ? ConditionalStatus.LegitimateFactorGroup
            : ConditionalStatus.Stratified;
    }

    /// <summary>The group made of each attribute's reference value, when the plan names one for every attribute of this group.</summary>
    private static GroupTally? ReferenceOf(MonitoringPlan plan, GroupTally group, Dictionary<GroupKey, GroupTally> byKey)
    {
        if (group.Key.IsOther || !group.Key.Attributes.All(plan.ReferenceGroups.ContainsKey))
        {
            return null;
        }

        var key = new GroupKey(group.Key.Attributes, [.. group.Key.Attributes.Select(a => plan.ReferenceGroups[a])]);
        return !key.Equals(group.Key) && byKey.TryGetValue(key, out var reference) && reference.Size >= plan.MinimumGroupSize ? reference : null;
    }

    private static MantelHaenszelResult? Stratified(Tally tally, GroupTally group, double z)
        => MantelHaenszel.Compute(
            Enumerable.Range(0, tally.Total.Strata.Count).Select(s =>
            {
                var inGroup = group.Stratum(s);
                var all = tally.Total.Stratum(s);
                return new Table2x2(inGroup.Selected, inGroup.NotSelected, all.Selected - inGroup.Selected, all.NotSelected - inGroup.NotSelected);
            }),
            z);

    /// <summary>
    /// Holm over every decisive test (conditional where the plan has legitimate factors, else raw) and every
    /// missed-eligible test, at this look's α; a flag needs both significance after correction and a ratio beyond
    /// the practical threshold. The raw tests get their own Holm family, used only to report explained differences.
    /// </summary>
    private static void Decide(MonitoringPlan plan, Tally tally, List<GroupOutcome> outcomes, double alphaBudget)
    {
        var decisive = new List<(GroupOutcome Outcome, bool IsRecall, Significance Test)>();
        foreach (var o in outcomes.Where(o => o.Testable))
        {
            var selectionTest = o.Conditional switch
            {
                ConditionalStatus.Stratified => o.ConditionalTest,
                ConditionalStatus.NoLegitimateFactors => o.Raw,
                _ => null,
            };
            if (selectionTest is not null)
            {
                decisive.Add((o, false, selectionTest));
            }

            if (o.RecallTest is not null)
            {
                decisive.Add((o, true, o.RecallTest));
            }
        }

        double[] adjusted = Holm.Adjust([.. decisive.Select(d => d.Test.PValue)]);
        for (int i = 0; i < decisive.Count; i++)
        {
            var (o, isRecall, test) = decisive[i];
            var significance = test with { AdjustedPValue = adjusted[i] };
            bool significant = adjusted[i] <= alphaBudget;
            if (isRecall)
            {
                o.RecallTest = significance;
                o.MissedEligibleFlag = significant ? Beyond(plan, o.RecallRatioToRest?.Value) : null;
                continue;
            }

            if (o.Conditional == ConditionalStatus.Stratified)
            {
                o.ConditionalTest = significance;
            }
            else
            {
                o.Raw = significance;
            }

            var beyond = Beyond(plan, o.DecisiveRatio);
            if (significant)
            {
                o.SelectionFlag = beyond;
                o.SmallDifference = beyond is null ? DirectionOf(o.DecisiveRatio) : null;
            }
            else if (beyond is not null)
            {
                o.NeededGroupSize = NeededSize(plan, tally, o, alphaBudget / decisive.Count);
                o.InsufficientData = o.NeededGroupSize > o.Tally.Size ? beyond : null;
            }
        }

        if (plan.LegitimateFactors.Count == 0)
        {
            return;
        }

        var rawFamily = outcomes.Where(o => o.Raw is not null).ToList();
        double[] rawAdjusted = Holm.Adjust([.. rawFamily.Select(o => o.Raw!.PValue)]);
        for (int i = 0; i < rawFamily.Count; i++)
        {
            var o = rawFamily[i];
            o.Raw = o.Raw! with { AdjustedPValue = rawAdjusted[i] };
            // Explained: large and significant raw, while within the strata the difference is lawful by definition or inside the threshold.
            bool explainedWithinStrata = o.Conditional == ConditionalStatus.LegitimateFactorGroup
                || (o.Conditional == ConditionalStatus.Stratified && o.SelectionFlag is null && Beyond(plan, o.DecisiveRatio) is null);
            if (rawAdjusted[i] <= alphaBudget && explainedWithinStrata)
            {
                o.ExplainedDisparity = Beyond(plan, o.RatioToRest?.Value);
            }
        }
    }

    private static Direction? Beyond(MonitoringPlan plan, double? ratio)
        => ratio < plan.LowerRateRatio ? Direction.Under : ratio > plan.UpperRateRatio ? Direction.Over : null;

    private static Direction? DirectionOf(double? ratio) => ratio < 1 ? Direction.Under : ratio > 1 ? Direction.Over : null;

    private static int? NeededSize(MonitoringPlan plan, Tally tally, GroupOutcome o, double perTestAlpha)
    {
        int restSize = tally.Total.Size - o.Tally.Size;
        double restRate = (tally.Total.Selected - o.Tally.Selected) / (double)restSize;
        if (restRate <= 0 || o.DecisiveRatio is not double ratio || !double.IsFinite(ratio))
        {
            return null;
        }

        return SampleSize.ForDifference(Math.Min(0.999, restRate * ratio), restRate, perTestAlpha, plan.TargetPower);
    }
}
