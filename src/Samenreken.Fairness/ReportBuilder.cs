namespace Samenreken.Fairness;

/// <summary>Turns one look's outcomes into the public report: suppression applied, findings worded, verdict drawn.</summary>
internal static class ReportBuilder
{
    public static FairnessReport Build(Tally tally, List<GroupOutcome> outcomes, double alphaUsed, ReportLanguage language, bool complementarySuppression = true)
    {
        var plan = tally.Plan;
        var reasons = Suppression.Decide(tally.Groups, tally.AtomCount, plan.MinimumGroupSize, complementarySuppression);
        var published = new HashSet<GroupKey>(Enumerable.Range(0, outcomes.Count).Where(i => reasons[i] == SuppressionReason.None).Select(i => outcomes[i].Tally.Key));
        var groups = new List<GroupResult>();
        var findings = new List<(int Order, Finding Finding)>();
        for (int i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            bool shown = reasons[i] == SuppressionReason.None;
            groups.Add(new GroupResult(o.Tally.Key, o.Tally.Key.Label, reasons[i], shown ? Figures(tally, o, published) : null, o.Flagged));
            findings.AddRange(FindingsOf(plan, o, shown, language));
        }

        var ordered = findings.OrderBy(f => f.Order).ThenBy(f => Extremeness(f.Finding.RateRatio)).Select(f => f.Finding).ToList();
        int tested = outcomes.Count(o => o.Testable && o.Conditional != ConditionalStatus.LegitimateFactorGroup);
        return new FairnessReport(
            plan.CanonicalHash, language, tally.Total.Size, tally.Total.Selected, tally.HasGroundTruth, alphaUsed, groups, ordered,
            Wording.Verdict(ordered, tested, reasons.Count(r => r == SuppressionReason.BelowMinimum), language));
    }

    /// <summary>Most extreme first: distance of the log ratio from zero, descending.</summary>
    private static double Extremeness(double? ratio) => ratio is double r && r > 0 && double.IsFinite(r) ? -Math.Abs(Math.Log(r)) : double.NegativeInfinity;

    private static GroupFigures Figures(Tally tally, GroupOutcome o, HashSet<GroupKey> published)
    {
        bool referenceShown = o.Reference is not null && published.Contains(o.Reference);
        var mh = o.MantelHaenszel;
        GroundTruthFigures? truth = o.Recall is null
            ? null
            : new GroundTruthFigures(o.Tally.Eligible, o.Tally.EligibleSelected, o.Recall, o.Precision, o.RecallRatioToRest, o.RecallTest);
        return new GroupFigures(
            o.Tally.Size,
            o.Tally.Selected,
            o.Rate,
            new Comparison("rest", o.RatioToRest, o.DifferenceToRest),
            referenceShown ? new Comparison(o.Reference!.Label, o.RatioToReference, o.DifferenceToReference) : null,
            o.Raw,
            new ConditionalFigures(o.Conditional, o.ConditionalTest, Finite(mh?.RateRatioPoint), mh?.CommonRateRatio, mh?.CommonOddsRatio),
            truth,
            o.InsufficientData is null ? null : o.NeededGroupSize);
    }

    private static double? Finite(double? value) => value is double v && double.IsFinite(v) ? v : null;

    private static IEnumerable<(int Order, Finding Finding)> FindingsOf(MonitoringPlan plan, GroupOutcome o, bool shown, ReportLanguage language)
    {
        string label = o.Tally.Key.Label;
        Finding Make(FindingKind kind, Direction direction, bool flagged, double? ratio, int? needed = null)
        {
            double? published = shown ? Finite(ratio) : null;
            return new Finding(kind, direction, label, flagged, published, needed,
                Wording.Sentence(kind, direction, label, published, needed, plan.LegitimateFactors, language));
        }

        if (o.MissedEligibleFlag is Direction missed)
        {
            yield return (missed == Direction.Under ? 0 : 2, Make(FindingKind.MissedEligible, missed, true, o.RecallRatioToRest?.Value));
        }

        if (o.SelectionFlag is Direction selection)
        {
            yield return (selection == Direction.Under ? 1 : 3, Make(FindingKind.UnexplainedDisparity, selection, true, o.DecisiveRatio));
        }

        // Unflagged findings about a suppressed group would say something about its figures: only flags are shown for it.
        if (!shown)
        {
            yield break;
        }

        if (o.ExplainedDisparity is Direction explained)
        {
            yield return (4, Make(FindingKind.ExplainedDisparity, explained, false, o.RatioToRest?.Value));
        }

        if (o.InsufficientData is Direction insufficient && !o.Flagged)
        {
            yield return (5, Make(FindingKind.InsufficientData, insufficient, false, o.DecisiveRatio, o.NeededGroupSize));
        }

        if (o.SmallDifference is Direction small)
        {
            yield return (6, Make(FindingKind.SmallDifference, small, false, o.DecisiveRatio));
        }
    }
}
