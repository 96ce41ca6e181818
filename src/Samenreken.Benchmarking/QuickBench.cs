using System.Diagnostics;

namespace Samenreken.Benchmarking;

/// <summary>One measured operation: its speed, the speed of its raw baseline measured in the same run, and their ratio.</summary>
/// <param name="Name">A dotted name such as <c>paillier.decrypt</c>.</param>
/// <param name="OpsPerSecond">Median operations per second of the subject.</param>
/// <param name="BaselineOpsPerSecond">Median operations per second of the baseline, or null when the operation has none.</param>
public sealed record QuickBenchResult(string Name, double OpsPerSecond, double? BaselineOpsPerSecond)
{
    /// <summary>OpsPerSecond / BaselineOpsPerSecond: 1.0 means the subject costs what the baseline costs.</summary>
    public double? Ratio => BaselineOpsPerSecond is > 0 ? OpsPerSecond / BaselineOpsPerSecond : null;
}

/// <summary>A quick benchmark run, written as <c>{"backend":…,"bits":…,"results":[{"name":…,"opsPerSecond":…,"baselineOpsPerSecond":…,"ratio":…}]}</c>.</summary>
public sealed record QuickBenchReport(string Backend, int Bits, IReadOnlyList<QuickBenchResult> Results)
{
    /// <summary>The report as JSON in the shape every quick bench shares (<see cref="BenchJson"/>); a missing baseline is <c>null</c>.</summary>
    public string ToJson() => BenchJson.Serialize(this);

    /// <summary>A fixed-width table for the console.</summary>
    public string ToTable()
    {
        var lines = new List<string> { $"{Backend}, {Bits} bits", $"{"name",-24}{"ops/s",12}{"baseline ops/s",16}{"ratio",8}" };
        lines.AddRange(Results.Select(r => string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{r.Name,-24}{r.OpsPerSecond,12:F1}{(r.BaselineOpsPerSecond is { } b ? b.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "-"),16}{(r.Ratio is { } x ? x.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "-"),8}")));
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>
/// Measures a subject against a baseline on a noisy, shared machine: short rounds that alternate baseline and
/// subject (in alternating order, so a slow drift hits both alike), each round timed separately; the result is the
/// median over rounds of each side. Reusable for any quick bench (Paillier here, the comparison protocol next to it).
/// </summary>
public static class InterleavedMeasurement
{
    /// <summary>Runs <paramref name="subject"/> (and <paramref name="baseline"/>, when given) within about <paramref name="budget"/>.</summary>
    public static QuickBenchResult Run(string name, Action subject, Action? baseline, TimeSpan budget, int rounds = 9)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);

        // Warm-up: JIT, lazy tables and first-touch allocations stay out of the timed rounds.
        subject();
        baseline?.Invoke();

        var sides = baseline is null ? 1 : 2;
        var roundTime = budget / (rounds * sides);
        var subjectRates = new double[rounds];
        var baselineRates = new double[rounds];
        for (var round = 0; round < rounds; round++)
        {
            if (baseline is not null && round % 2 == 0)
            {
                baselineRates[round] = Rate(baseline, roundTime);
            }

            subjectRates[round] = Rate(subject, roundTime);
            if (baseline is not null && round % 2 == 1)
            {
                baselineRates[round] = Rate(baseline, roundTime);
            }
        }

        return new QuickBenchResult(name, Median(subjectRates), baseline is null ? null : Median(baselineRates));
    }

    /// <summary>Operations per second of <paramref name="operation"/> run back to back for at least <paramref name="duration"/> (at least once).</summary>
    public static double Rate(Action operation, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var count = 0;
        var start = Stopwatch.GetTimestamp();
        long now;
        do
        {
            operation();
            count++;
            now = Stopwatch.GetTimestamp();
        }
        while (Stopwatch.GetElapsedTime(start, now) < duration);

        return count / Stopwatch.GetElapsedTime(start, now).TotalSeconds;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
