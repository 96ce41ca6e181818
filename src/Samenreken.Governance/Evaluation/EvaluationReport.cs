using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samenreken.Governance.Evaluation;

/// <summary>One run's funnel (art. 6): letters sent and what followed. <see cref="Period"/> is yyyy-MM of the letters.</summary>
public sealed record FunnelCounts(string RunId, string Period, long Approached, long Responded, long Applied, long Granted, long Refused);

/// <summary>
/// What a run cost to compute, as the SVB node recorded it: bytes each way, what UWV served, and the wall time from
/// its start to its finish (including any time it was down and resumed). Counts of the whole population, never of
/// the selected persons, so no disclosure control applies to them.
/// </summary>
public sealed record RunCost(string RunId, long BytesSvbToUwv, long BytesUwvToSvb, long DecryptionsServed, long ZeroTestsServed, double WallSeconds);

/// <summary>
/// The evaluation's tables: per run and per period, with a total row shared by both, small cells suppressed also
/// where subtraction from totals or from the other table would give them away. Rates are shown only when both counts
/// are. Simulated figures are labelled as such in every output.
/// </summary>
public sealed class EvaluationReport
{
    public static readonly string[] Stages = ["approached", "responded", "applied", "granted", "refused"];
    public const string TotalRow = "total";

    private EvaluationReport(IReadOnlyDictionary<CellKey, long> cells, IReadOnlySet<CellKey> suppressed, IReadOnlyList<string> rows, bool simulated, int minimum)
    {
        Cells = cells;
        Suppressed = suppressed;
        Rows = rows;
        IsSimulated = simulated;
        MinimumCellSize = minimum;
    }

    /// <summary>Row keys: "run:ID", "period:yyyy-MM", "total".</summary>
    public IReadOnlyList<string> Rows { get; }

    public bool IsSimulated { get; }

    public int MinimumCellSize { get; }

    public IReadOnlySet<CellKey> Suppressed { get; }

    /// <summary>Every cell before suppression: internal, never published.</summary>
    internal IReadOnlyDictionary<CellKey, long> Cells { get; }

    /// <summary>The relations a reader knows from the published tables (what <see cref="DisclosureControl"/> protects against).</summary>
    public IReadOnlyCollection<LinearRelation> Relations { get; private init; } = [];

    /// <summary>The cost figures of the runs the SVB node recorded (art. 6 asks for the pilot's costs too).</summary>
    public IReadOnlyList<RunCost> Costs { get; private init; } = [];

    /// <summary>This report with the runs' cost figures.</summary>
    public EvaluationReport WithCosts(IEnumerable<RunCost> costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        return new EvaluationReport(Cells, Suppressed, Rows, IsSimulated, MinimumCellSize) { Relations = Relations, Costs = [.. costs.OrderBy(c => c.RunId, StringComparer.Ordinal)] };
    }

    public static EvaluationReport Build(IReadOnlyCollection<FunnelCounts> runs, int minimumCellSize, bool simulated)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var cells = new Dictionary<CellKey, long>();
        var relations = new List<LinearRelation>();
        var periods = runs.GroupBy(r => r.Period, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var stage in Stages)
        {
            foreach (var run in runs)
            {
                cells[new("run:" + run.RunId, stage)] = Value(run, stage);
            }

            foreach (var period in periods)
            {
                cells[new("period:" + period.Key, stage)] = period.Sum(r => Value(r, stage));
                relations.Add(new([.. period.Select(r => new CellKey("run:" + r.RunId, stage))], new("period:" + period.Key, stage)));
            }

            var total = new CellKey(TotalRow, stage);
            cells[total] = runs.Sum(r => Value(r, stage));
            relations.Add(new([.. runs.Select(r => new CellKey("run:" + r.RunId, stage))], total));
            relations.Add(new([.. periods.Select(p => new CellKey("period:" + p.Key, stage))], total));
        }

        var rows = runs.Select(r => "run:" + r.RunId).Concat(periods.Select(p => "period:" + p.Key)).Append(TotalRow).ToList();
        return new EvaluationReport(cells, DisclosureControl.Suppress(cells, relations, minimumCellSize), rows, simulated, minimumCellSize) { Relations = relations };
    }

    /// <summary>A published value, or null when suppressed.</summary>
    public long? Published(string row, string stage) => Suppressed.Contains(new(row, stage)) ? null : Cells[new(row, stage)];

    /// <summary>numerator / denominator when both are published and the denominator is not zero.</summary>
    public double? Rate(string row, string numerator, string denominator) =>
        Published(row, numerator) is { } n && Published(row, denominator) is { } d && d > 0 ? (double)n / d : null;

    /// <summary>The published tables as JSON; suppressed cells are null, and "simulated" says whether the figures are real.</summary>
    public string ToJson()
    {
        var rows = new JsonArray();
        foreach (var row in Rows)
        {
            var item = new JsonObject { ["row"] = row };
            foreach (var stage in Stages)
            {
                item[stage] = Published(row, stage);
            }

            item["response_rate"] = Rate(row, "responded", "approached");
            item["application_rate"] = Rate(row, "applied", "approached");
            item["grant_rate"] = Rate(row, "granted", "applied");
            rows.Add(item);
        }

        var json = new JsonObject
        {
            ["simulated"] = IsSimulated,
            ["label"] = IsSimulated ? "GESIMULEERD: geen echte cijfers" : "echte cijfers",
            ["minimum_cell_size"] = MinimumCellSize,
            ["suppressed_cells"] = Suppressed.Count,
            ["rows"] = rows,
            ["costs"] = new JsonArray([.. Costs.Select(c => (JsonNode)new JsonObject
            {
                ["run"] = c.RunId,
                ["bytes_svb_to_uwv"] = c.BytesSvbToUwv,
                ["bytes_uwv_to_svb"] = c.BytesUwvToSvb,
                ["decryptions_served"] = c.DecryptionsServed,
                ["zero_tests_served"] = c.ZeroTestsServed,
                ["wall_seconds"] = Math.Round(c.WallSeconds, 1),
            })]),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>A Markdown table of the published figures ('&lt; n' for suppressed cells).</summary>
    public string ToMarkdown()
    {
        var lines = new List<string>
        {
            IsSimulated ? "> **GESIMULEERD: geen echte cijfers.**" : "",
            "| | " + string.Join(" | ", Stages) + " |",
            "|---|" + string.Concat(Stages.Select(_ => "---:|")),
        };
        lines.AddRange(Rows.Select(row => $"| {row} | " + string.Join(" | ", Stages.Select(s => Published(row, s)?.ToString(CultureInfo.InvariantCulture) ?? $"< {MinimumCellSize} of onderdrukt")) + " |"));
        if (Costs.Count > 0)
        {
            lines.Add(string.Empty);
            lines.Add("Kosten per run (costs):");
            lines.Add(string.Empty);
            lines.Add("| run | bytes SVB→UWV | bytes UWV→SVB | ontsleutelingen door UWV | nultests door UWV | seconden van start tot einde |");
            lines.Add("|---|---:|---:|---:|---:|---:|");
            lines.AddRange(Costs.Select(c => string.Create(CultureInfo.InvariantCulture, $"| run:{c.RunId} | {c.BytesSvbToUwv} | {c.BytesUwvToSvb} | {c.DecryptionsServed} | {c.ZeroTestsServed} | {c.WallSeconds:F1} |")));
        }

        return string.Join('\n', lines) + "\n";
    }

    private static long Value(FunnelCounts run, string stage) => stage switch
    {
        "approached" => run.Approached,
        "responded" => run.Responded,
        "applied" => run.Applied,
        "granted" => run.Granted,
        "refused" => run.Refused,
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };
}
