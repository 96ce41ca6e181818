using System.Text.Json.Nodes;
using Samenreken.Governance.Evaluation;

namespace Samenreken.Governance.Tests.Evaluation;

/// <summary>A reader with the published tables tries to recover every suppressed cell by linear algebra over the known relations.</summary>
public sealed class DisclosureControlTests
{
    // Run 1 granted 3 persons (a small cell); run 3 is the only run of March, so the period table repeats it.
    private static readonly FunnelCounts[] s_runs =
    [
        new("r1", "2026-02", 120, 41, 20, 3, 12),
        new("r2", "2026-02", 300, 95, 61, 40, 15),
        new("r3", "2026-03", 210, 77, 38, 25, 11),
    ];

    /// <summary>
    /// The attacker: every relation with published cells substituted is an equation in the suppressed cells; after
    /// Gauss-Jordan elimination a cell is recovered when a row pins it alone.
    /// </summary>
    private static Dictionary<CellKey, double> Recover(EvaluationReport report, IReadOnlySet<CellKey> hidden)
    {
        var unknowns = hidden.ToList();
        var rows = new List<double[]>();
        foreach (var relation in report.Relations)
        {
            var row = new double[unknowns.Count + 1];
            foreach (var (cell, sign) in relation.Parts.Select(p => (p, 1.0)).Append((relation.Total, -1.0)))
            {
                var index = unknowns.IndexOf(cell);
                if (index >= 0)
                {
                    row[index] += sign;
                }
                else
                {
                    row[^1] -= sign * report.Cells[cell];
                }
            }

            rows.Add(row);
        }

        var pivotRow = 0;
        for (var column = 0; column < unknowns.Count && pivotRow < rows.Count; column++)
        {
            var pivot = rows.Skip(pivotRow).Select((r, i) => (r, i: i + pivotRow)).FirstOrDefault(x => Math.Abs(x.r[column]) > 1e-9);
            if (pivot.r is null)
            {
                continue;
            }

            (rows[pivotRow], rows[pivot.i]) = (rows[pivot.i], rows[pivotRow]);
            var p = rows[pivotRow][column];
            rows[pivotRow] = [.. rows[pivotRow].Select(v => v / p)];
            for (var r = 0; r < rows.Count; r++)
            {
                if (r != pivotRow && Math.Abs(rows[r][column]) > 1e-9)
                {
                    var factor = rows[r][column];
                    rows[r] = [.. rows[r].Select((v, i) => v - factor * rows[pivotRow][i])];
                }
            }

            pivotRow++;
        }

        var recovered = new Dictionary<CellKey, double>();
        foreach (var row in rows)
        {
            var nonZero = Enumerable.Range(0, unknowns.Count).Where(i => Math.Abs(row[i]) > 1e-9).ToList();
            if (nonZero.Count == 1)
            {
                recovered[unknowns[nonZero[0]]] = row[^1] / row[nonZero[0]];
            }
        }

        return recovered;
    }

    [Fact]
    public void SmallCells_CannotBeRecoveredFromTotalsOrFromTheOtherTable()
    {
        var report = EvaluationReport.Build(s_runs, minimumCellSize: 10, simulated: true);

        Assert.Null(report.Published("run:r1", "granted"));
        Assert.Empty(Recover(report, report.Suppressed));
        Assert.All(report.Cells.Where(c => c.Value is > 0 and < 10), c => Assert.Contains(c.Key, report.Suppressed));
        Assert.Equal(68, report.Published(EvaluationReport.TotalRow, "granted"));
    }

    [Fact]
    public void WithoutSecondarySuppression_TheAttackerRecoversTheSmallCell()
    {
        // Broken twin: primary suppression only. The run table's total gives run 1 away by subtraction.
        var report = EvaluationReport.Build(s_runs, minimumCellSize: 10, simulated: true);
        var primaryOnly = report.Cells.Where(c => c.Value is > 0 and < 10).Select(c => c.Key).ToHashSet();

        var recovered = Recover(report, primaryOnly);

        Assert.Equal(3, recovered[new CellKey("run:r1", "granted")], 6);
    }

    [Fact]
    public void Rates_AreShownOnlyWhenBothCountsAre_AndSimulatedFiguresSaySo()
    {
        var report = EvaluationReport.Build(s_runs, minimumCellSize: 10, simulated: true);
        var json = JsonNode.Parse(report.ToJson())!;

        Assert.True(json["simulated"]!.GetValue<bool>());
        Assert.Contains("GESIMULEERD", report.ToMarkdown(), StringComparison.Ordinal);
        var run1 = json["rows"]!.AsArray().Single(r => r!["row"]!.GetValue<string>() == "run:r1")!;
        Assert.Null(run1["granted"]);
        Assert.Null(run1["grant_rate"]);
        Assert.Equal(41.0 / 120, run1["response_rate"]!.GetValue<double>(), 9);
        Assert.False(JsonNode.Parse(EvaluationReport.Build(s_runs, 10, simulated: false).ToJson())!["simulated"]!.GetValue<bool>());
    }

    [Fact]
    public void ZerosAreShown_AndLargeCellsAreUntouched()
    {
        var report = EvaluationReport.Build([new("a", "2026-01", 50, 20, 0, 0, 0), new("b", "2026-01", 60, 30, 15, 12, 0)], 10, simulated: false);

        Assert.Empty(report.Suppressed);
        Assert.Equal(0, report.Published("run:a", "applied"));
    }
}
