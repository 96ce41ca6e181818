namespace Samenreken.Fairness;

/// <summary>The language of the sentences and the verdict.</summary>
public enum ReportLanguage
{
    Dutch,
    English,
}

/// <summary>What a finding says about a group; findings are ordered with under-selection first.</summary>
public enum FindingKind
{
    /// <summary>Truly eligible households of this group were missed more (or less) often than the rest's: flagged.</summary>
    MissedEligible,

    /// <summary>A difference in selection that the legitimate factors do not explain, large and significant: flagged.</summary>
    UnexplainedDisparity,

    /// <summary>A large, significant raw difference that disappears within strata of the legitimate factors: reported, not flagged.</summary>
    ExplainedDisparity,

    /// <summary>A large difference in a group too small to confirm it; the finding says how large the group would need to be.</summary>
    InsufficientData,

    /// <summary>A significant difference inside the practical threshold: reported, not alarmed.</summary>
    SmallDifference,
}

/// <summary>A comparison of this group's selection rate with another group's: ratio and difference, with intervals.</summary>
public sealed record Comparison(string With, Estimate? RateRatio, Estimate? Difference);

/// <summary>The comparison within strata of the legitimate factors (null figures when not stratified).</summary>
public sealed record ConditionalFigures(ConditionalStatus Status, Significance? Test, double? RateRatio, Estimate? CommonRateRatio, Estimate? CommonOddsRatio);

/// <summary>On synthetic runs: how the group's truly eligible households fared.</summary>
public sealed record GroundTruthFigures(int Eligible, int EligibleSelected, Estimate Recall, Estimate? Precision, Estimate? RecallRatioToRest, Significance? Test)
{
    /// <summary>The share of truly eligible households that got no letter: the harm this monitor is first about.</summary>
    public Estimate MissedShare => new(1 - Recall.Value, 1 - Recall.Upper, 1 - Recall.Lower);
}

/// <summary>The published figures of one group.</summary>
public sealed record GroupFigures(
    int Size,
    int Selected,
    Estimate Rate,
    Comparison VersusRest,
    Comparison? VersusReference,
    Significance? RawTest,
    ConditionalFigures Conditional,
    GroundTruthFigures? GroundTruth,
    int? NeededGroupSize);

/// <summary>One group in the report; <see cref="Figures"/> is null when the group is suppressed.</summary>
public sealed record GroupResult(GroupKey Key, string Label, SuppressionReason Suppression, GroupFigures? Figures, bool Flagged);

/// <summary>One finding with its plain-language sentence; <see cref="RateRatio"/> is null when the group's figures are suppressed.</summary>
public sealed record Finding(FindingKind Kind, Direction Direction, string Group, bool Flagged, double? RateRatio, int? NeededGroupSize, string Sentence);

/// <summary>
/// The monitor's report over a set of households: per group the figures (suppressed below the minimum size and
/// where needed against subtraction), the findings with one sentence each, and a one-line verdict. Plain records,
/// so System.Text.Json serialises them as they are.
/// </summary>
public sealed record FairnessReport(
    string PlanHash,
    ReportLanguage Language,
    int Households,
    int Selected,
    bool HasGroundTruth,
    double AlphaUsed,
    IReadOnlyList<GroupResult> Groups,
    IReadOnlyList<Finding> Findings,
    string Verdict);
