using System.Text.Json;
using System.Text.Json.Serialization;
using Samenreken.Fairness;

namespace Samenreken.Pilot.Fairness;

/// <summary>
/// What a monitored run leaves in its output directory next to <c>selection.csv</c>: the plan's hash, the looks, the
/// α spent and every alert (<see cref="FairnessRunFiles.AlertsFileName"/>). Alerts carry a group, a direction and a rounded ratio,
/// never counts, so the file reveals nothing about a small group.
/// </summary>
public sealed record MonitorRecord(string PlanHash, int PlannedHouseholds, int Households, int Looks, double AlphaSpent, IReadOnlyList<FairnessAlert> Alerts);

/// <summary>A reviewer's decision on a run's alerts (<c>samenreken fairness acknowledge</c>), for the alerts of <see cref="PlanHash"/>.</summary>
public sealed record ReviewRecord(string PlanHash, int Alerts, ReviewDecision Decision, string Reviewer, string Reason, DateTimeOffset DecidedAt);

/// <summary>The file names and the JSON of the monitor's run files (text in, text out: the caller does the I/O).</summary>
public static class FairnessRunFiles
{
    /// <summary>The monitor's alerts of a run, written by the SVB node (and by <c>fairness report</c> into its output).</summary>
    public const string AlertsFileName = "fairness-alerts.json";

    /// <summary>The reviewer's decision, written by <c>fairness acknowledge</c> into the run directory.</summary>
    public const string DecisionFileName = "fairness-decision.json";

    /// <summary>The full report (JSON) and its page (HTML).</summary>
    public const string ReportFileName = "fairness.json";

    public const string HtmlFileName = "fairness.html";

    /// <summary>Indented, enums by name, infinite ratios as strings: the options of every fairness JSON file.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static MonitorRecord Record(RunMonitor monitor, int plannedHouseholds)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        return new MonitorRecord(monitor.Plan.CanonicalHash, plannedHouseholds, monitor.Households, monitor.Looks, monitor.AlphaSpent, [.. monitor.Alerts]);
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    /// <summary>Reads a run file; null (with the reason) when the text is not one.</summary>
    public static T? TryParse<T>(string text, out string? problem)
        where T : class
    {
        try
        {
            problem = null;
            var value = JsonSerializer.Deserialize<T>(text, Json);
            if (value is null)
            {
                problem = "empty";
            }

            return value;
        }
        catch (JsonException e)
        {
            problem = e.Message;
            return null;
        }
    }
}
