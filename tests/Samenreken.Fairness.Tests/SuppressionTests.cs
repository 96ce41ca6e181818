using MathNet.Numerics.LinearAlgebra;

namespace Samenreken.Fairness.Tests;

/// <summary>
/// No output reveals a group below the minimum size, also not by subtraction: an attacker who reads only the
/// published report solves the linear system of every published count (all combinations of the attribute values
/// seen in the report as unknowns) and tries to pin down each suppressed group.
/// </summary>
public sealed class SuppressionTests
{
    /// <summary>A population with rare values: 5 households in a fifth region, 3 in a fifth age band.</summary>
    private static List<HouseholdObservation> WithRareGroups(int seed)
    {
        var households = new TestPopulation(1500, seed).Generate();
        for (int i = 0; i < 8; i++)
        {
            var attributes = new Dictionary<string, string>(households[i].Attributes);
            attributes[i < 5 ? "region" : "age band"] = i < 5 ? "Caribisch" : "100+";
            households[i] = households[i] with { Attributes = attributes };
        }

        return households;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NoSuppressedGroup_CanBeRecoveredFromThePublishedReport(int seed)
    {
        var households = WithRareGroups(seed);
        var report = FairnessAnalyzer.Analyze(TestPopulation.Plan(), households);

        Assert.Equal(SuppressionReason.BelowMinimum, report.Groups.Single(g => g.Label == "region=Caribisch").Suppression);
        Assert.Null(report.Groups.Single(g => g.Label == "region=Caribisch").Figures);
        Assert.Contains(report.Groups, g => g.Suppression == SuppressionReason.Complementary);
        Assert.Empty(SubtractionAttack.Recover(report));
    }

    [Fact]
    public void WithoutComplementarySuppression_TheAttackRecoversTheHiddenCounts()
    {
        // Broken twin: primary suppression only. The attack must find the hidden sizes exactly.
        var households = WithRareGroups(1);
        var tally = Tally.Count(TestPopulation.Plan(), households);
        var report = ReportBuilder.Build(tally, Analysis.Run(tally, 0.05), 0.05, ReportLanguage.Dutch, complementarySuppression: false);

        var recovered = SubtractionAttack.Recover(report);

        Assert.Equal(5, recovered["region=Caribisch"]);
        Assert.Equal(3, recovered["age band=100+"]);
    }

    [Fact]
    public void SuppressedGroups_ShowNoFigures_AndOtherGroupsMergeThem()
    {
        var report = FairnessAnalyzer.Analyze(TestPopulation.Plan(), WithRareGroups(1));

        Assert.All(report.Groups.Where(g => g.Suppression != SuppressionReason.None), g => Assert.Null(g.Figures));
        Assert.DoesNotContain(report.Findings, f => f.RateRatio is not null && report.Groups.Single(g => g.Label == f.Group).Figures is null);
        Assert.Contains(report.Groups, g => g.Key.IsOther && g.Key.Attributes.SequenceEqual(["region"]));
        Assert.All(report.Groups.Where(g => g.Figures is not null), g => Assert.True(g.Figures!.Size >= 10));
    }
}

/// <summary>The attacker: only the report, linear algebra over the reals (independent of the monitor's modular check).</summary>
internal static class SubtractionAttack
{
    /// <summary>Every suppressed group whose size is determined by the published sizes, with that size.</summary>
    public static Dictionary<string, int> Recover(FairnessReport report)
    {
        var single = report.Groups.Where(g => !g.Key.IsOther && g.Key.Attributes.Count == 1).ToList();
        string[] attributes = [.. single.Select(g => g.Key.Attributes[0]).Distinct()];
        string[][] domains = [.. attributes.Select(a => single.Where(g => g.Key.Attributes[0] == a).Select(g => g.Key.Values![0]).ToArray())];
        var cells = Product(domains);

        double[] Indicator(GroupResult group)
        {
            var members = group.Key.IsOther
                ? report.Groups.Where(g => !g.Key.IsOther && g.Key.Attributes.SequenceEqual(group.Key.Attributes) && g.Suppression == SuppressionReason.BelowMinimum).ToList()
                : [group];
            return [.. cells.Select(cell => members.Any(m => Matches(m.Key, attributes, cell)) ? 1.0 : 0.0)];
        }

        var published = report.Groups.Where(g => g.Figures is not null).ToList();
        var rows = published.Select(Indicator).Append([.. cells.Select(_ => 1.0)]).ToArray();
        var sizes = Vector<double>.Build.DenseOfEnumerable(published.Select(g => (double)g.Figures!.Size).Append(report.Households));
        // Through the Gram matrix (published × published): the cells outnumber the published groups ten to one.
        var matrix = Matrix<double>.Build.DenseOfRowArrays(rows);
        var gramInverse = (matrix * matrix.Transpose()).PseudoInverse();
        var solution = matrix.Transpose() * (gramInverse * sizes);

        var recovered = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var hidden in report.Groups.Where(g => g.Figures is null))
        {
            var target = Vector<double>.Build.DenseOfArray(Indicator(hidden));
            var projected = matrix.Transpose() * (gramInverse * (matrix * target));
            if ((target - projected).L2Norm() < 1e-6)
            {
                recovered[hidden.Label] = (int)Math.Round(target * solution);
            }
        }

        return recovered;
    }

    private static bool Matches(GroupKey key, string[] attributes, string[] cell)
        => key.Attributes.Select((a, i) => cell[Array.IndexOf(attributes, a)] == key.Values![i]).All(x => x);

    private static List<string[]> Product(string[][] domains)
    {
        var result = new List<string[]> { Array.Empty<string>() };
        foreach (var domain in domains)
        {
            result = [.. result.SelectMany(prefix => domain.Select(value => (string[])[.. prefix, value]))];
        }

        return result;
    }
}
