using Samenreken.Cryptography;
using Samenreken.Cryptography.Randomness;
using Samenreken.Domain.NetIncome;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Synthetic;

namespace Samenreken.Pilot.Tests;

/// <summary>The whole pilot in one process with small (insecure) keys: the encrypted selection equals the plaintext reference.</summary>
public sealed class PilotRunTests
{
    private static (string Svb, string Uwv) Population(int persons, ulong seed)
    {
        using var svb = new StringWriter();
        using var uwv = new StringWriter();
        PopulationGenerator.Generate(new GeneratorOptions(persons, seed), svb, uwv);
        return (svb.ToString(), uwv.ToString());
    }

    private static PilotReport Run(string svb, string uwv, int batchSize, ComparisonEngineKind engine = ComparisonEngine.Default)
        => PilotRun.Run(() => new StringReader(svb), () => new StringReader(uwv), new PilotOptions(768, KeySizePolicy.InsecureForTests, RandomSource.Secure, batchSize, engine));

    [Theory]
    [InlineData(ComparisonEngineKind.GarbledCircuit, "gc")]
    [InlineData(ComparisonEngineKind.Dgk, "dgk")]
    public void EncryptedSelection_EqualsThePlaintextReference_RowForRowAndInOrder(ComparisonEngineKind engine, string name)
    {
        var (svb, uwv) = Population(300, seed: 11);

        var report = Run(svb, uwv, batchSize: 64, engine);

        Assert.Equal(name, report.Engine);
        Assert.Equal(engine == ComparisonEngineKind.Dgk, report.DgkBits > 0);
        Assert.True(report.EqualToReference);
        Assert.Equal(0, report.OnlyEncrypted + report.OnlyReference);
        Assert.NotEmpty(report.ReferenceSelection);
        Assert.Equal(report.ReferenceSelection, report.EncryptedSelection);
        Assert.True(report.ComparisonBatches > 1);
        Assert.Equal(report.Households - report.ReceivesAio, report.HouseholdsCompared);
        Assert.True(report.PersonsAsked >= report.HouseholdsCompared);
        Assert.Equal(0, report.BadRows);
    }

    [Fact]
    public void APersonMissingFromPolis_CountsAsZero_AsInTheReference()
    {
        // Drop every Polis statement of a third of the persons: UWV answers them with encryptions of 0, and the
        // reference counts them as 0; both selections must still agree (and grow).
        var (svb, uwv) = Population(200, seed: 5);
        var kept = uwv.Split('\n').Where(line => !(line.Length > 9 && int.TryParse(line.AsSpan(0, 9), out var bsn) && bsn % 3 == 0));
        var report = Run(svb, string.Join('\n', kept), batchSize: 1024);

        Assert.True(report.PersonsUnknownToPolis > 0);
        Assert.True(report.EqualToReference);
        Assert.Equal(report.ReferenceSelection, report.EncryptedSelection);
    }

    [Fact]
    public void SelectionRow_HasTheReferenceFormat()
    {
        Assert.Equal("household_id,household_type,bsn", ReferenceSelection.Header);
        var (svb, uwv) = Population(200, seed: 3);
        var report = Run(svb, uwv, batchSize: 1024);
        Assert.All(report.EncryptedSelection, row => Assert.Equal(3, row.Split(',').Length));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("many bad rows")]
    [InlineData("no statements in the window")]
    public void AFileThatCannotBeRead_IsRefusedBeforeAnyKeyOrSelection(string damage)
    {
        var (svb, uwv) = Population(200, seed: 5);
        var lines = uwv.Split('\n');
        uwv = damage switch
        {
            // A trailer-declaring file cut off half-way.
            "truncated" => string.Join('\n', ["# integrity=trailer", .. lines[1..(lines.Length / 2)]]),
            "many bad rows" => string.Join('\n', lines.Select((l, i) => i > 2 && i % 20 == 0 ? "x" + l : l)),
            _ => string.Join('\n', lines.Select(l => l.Replace(",2025-", ",2019-", StringComparison.Ordinal))),
        };
        var error = Assert.Throws<InvalidDataException>(() => Run(svb, uwv, batchSize: 1024));
        Assert.Contains("uwv.csv", error.Message, StringComparison.Ordinal);
    }
}
