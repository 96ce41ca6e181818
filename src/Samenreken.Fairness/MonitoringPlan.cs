using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Samenreken.Fairness;

/// <summary>
/// What the non-discrimination monitor looks at and when it alarms, fixed before a run starts: the monitored
/// attributes and how deep their intersections go, the practical threshold on the rate ratio, α, the legitimate
/// factors a disparity may be explained by, the minimum group size below which figures are suppressed, and the
/// reference group per attribute. <see cref="CanonicalHash"/> goes into the audit log when the run starts.
/// </summary>
public sealed class MonitoringPlan
{
    private MonitoringPlan(
        IReadOnlyList<string> attributes, int intersectionDepth, double lowerRateRatio, double upperRateRatio, double alpha,
        IReadOnlyList<string> legitimateFactors, int minimumGroupSize, IReadOnlyDictionary<string, string> referenceGroups,
        double targetPower)
    {
        Attributes = attributes;
        IntersectionDepth = intersectionDepth;
        LowerRateRatio = lowerRateRatio;
        UpperRateRatio = upperRateRatio;
        Alpha = alpha;
        LegitimateFactors = legitimateFactors;
        MinimumGroupSize = minimumGroupSize;
        ReferenceGroups = referenceGroups;
        TargetPower = targetPower;
        CanonicalText = BuildCanonicalText();
        CanonicalHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText)));
    }

    /// <summary>The monitored attributes (e.g. sex, age band, country-of-birth category), in report order.</summary>
    public IReadOnlyList<string> Attributes { get; }

    /// <summary>Deeper intersections than this make groups too small to say anything about.</summary>
    public const int MaximumIntersectionDepth = 4;

    /// <summary>1: each attribute on its own; 2: also every pair of attributes; and so on, up to <see cref="MaximumIntersectionDepth"/>.</summary>
    public int IntersectionDepth { get; }

    /// <summary>A rate ratio below this is a practically relevant under-selection (default 0.8).</summary>
    public double LowerRateRatio { get; }

    /// <summary>A rate ratio above this is a practically relevant over-selection (default 1.25).</summary>
    public double UpperRateRatio { get; }

    /// <summary>The family-wise false-alarm rate for the whole run, over all groups and all looks.</summary>
    public double Alpha { get; }

    /// <summary>Attributes that lawfully explain a difference (e.g. AOW build-up band, household type); the conditional analysis stratifies by them.</summary>
    public IReadOnlyList<string> LegitimateFactors { get; }

    /// <summary>Groups smaller than this are suppressed in every output and merged into "other" for tests (default 10).</summary>
    public int MinimumGroupSize { get; }

    /// <summary>Per attribute, the value that groups are compared with besides "the rest" (optional per attribute).</summary>
    public IReadOnlyDictionary<string, string> ReferenceGroups { get; }

    /// <summary>The power used to say how large a group must be before a difference can be confirmed (default 0.8).</summary>
    public double TargetPower { get; }

    /// <summary>An unambiguous text of every setting (length-prefixed strings, invariant numbers, sorted sets).</summary>
    public string CanonicalText { get; }

    /// <summary>SHA-256 of <see cref="CanonicalText"/>, lowercase hex.</summary>
    public string CanonicalHash { get; }

    /// <summary>Validates and creates a plan.</summary>
    public static MonitoringPlan Create(
        IEnumerable<string> attributes,
        IEnumerable<string>? legitimateFactors = null,
        IReadOnlyDictionary<string, string>? referenceGroups = null,
        int intersectionDepth = 2,
        double lowerRateRatio = 0.8,
        double upperRateRatio = 1.25,
        double alpha = 0.05,
        int minimumGroupSize = 10,
        double targetPower = 0.8)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        string[] monitored = [.. attributes];
        string[] legitimate = [.. legitimateFactors ?? []];
        var references = new Dictionary<string, string>(referenceGroups ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (monitored.Length == 0)
        {
            throw new ArgumentException("At least one attribute must be monitored.", nameof(attributes));
        }

        RequireDistinctNames(monitored, nameof(attributes));
        RequireDistinctNames(legitimate, nameof(legitimateFactors));
        foreach (var (attribute, value) in references)
        {
            if (!monitored.Contains(attribute, StringComparer.Ordinal) || string.IsNullOrEmpty(value))
            {
                throw new ArgumentException($"Reference group '{attribute}' must name a monitored attribute and a value.", nameof(referenceGroups));
            }
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(intersectionDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(intersectionDepth, Math.Min(monitored.Length, MaximumIntersectionDepth));
        if (!(lowerRateRatio > 0 && lowerRateRatio < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lowerRateRatio), lowerRateRatio, "Must lie in (0, 1).");
        }

        if (!(upperRateRatio > 1 && double.IsFinite(upperRateRatio)))
        {
            throw new ArgumentOutOfRangeException(nameof(upperRateRatio), upperRateRatio, "Must be finite and above 1.");
        }

        if (!(alpha > 0 && alpha < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Must lie in (0, 0.5).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(minimumGroupSize, 1);
        if (!(targetPower > 0.5 && targetPower < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(targetPower), targetPower, "Must lie in (0.5, 1).");
        }

        return new MonitoringPlan(monitored, intersectionDepth, lowerRateRatio, upperRateRatio, alpha, legitimate, minimumGroupSize, references, targetPower);
    }

    private static void RequireDistinctNames(string[] names, string parameter)
    {
        if (names.Any(string.IsNullOrEmpty) || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new ArgumentException("Attribute names must be non-empty and distinct.", parameter);
        }
    }

    private string BuildCanonicalText()
    {
        var text = new StringBuilder("samenreken-fairness-plan/v1\n");
        // Attribute order decides report order only, so the hash uses sorted sets.
        Line(text, "attributes", Attributes.Order(StringComparer.Ordinal).Select(Prefixed));
        Line(text, "intersection-depth", [Number(IntersectionDepth)]);
        Line(text, "rate-ratio-threshold", [Number(LowerRateRatio), Number(UpperRateRatio)]);
        Line(text, "alpha", [Number(Alpha)]);
        Line(text, "legitimate-factors", LegitimateFactors.Order(StringComparer.Ordinal).Select(Prefixed));
        Line(text, "minimum-group-size", [Number(MinimumGroupSize)]);
        Line(text, "reference-groups", ReferenceGroups.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => Prefixed(r.Key) + Prefixed(r.Value)));
        Line(text, "target-power", [Number(TargetPower)]);
        return text.ToString();
    }

    private static void Line(StringBuilder text, string name, IEnumerable<string> values)
        => text.Append(name).Append('=').AppendJoin(',', values).Append('\n');

    private static string Prefixed(string value) => value.Length.ToString(CultureInfo.InvariantCulture) + ":" + value;

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
