using Samenreken.Nodes.Svb;
using Samenreken.Synthetic;
using DamagedFiles = Samenreken.Cli.Tests.DataFiles;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>
/// Files that cannot be read never produce a selection in the nodes either (issue 14): the UWV node does not start on
/// a Polis file refused as a whole, and the SVB node starts no run on an SVB file refused as a whole; each with its
/// undamaged twin that is accepted.
/// </summary>
public sealed class NodeDataFilesTests
{
    public static TheoryData<string> Damages => ["truncated", "empty", "wrong header", "header only", "many bad rows", "changed"];

    public static TheoryData<string> SvbDamages => ["truncated", "empty", "wrong header", "header only", "many bad rows"];

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task UwvNode_OnAPolisFileThatCannotBeRead_DoesNotStart(string damage)
    {
        await using var bed = NodeTestbed.Create(300, seed: 4);
        DamagedFiles.Damage(bed.UwvFile, damage);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => bed.StartUwvAsync(Path.Combine(bed.Directory, "uwv.db")));

        Assert.StartsWith($"{PopulationGenerator.UwvFileName} is refused: ", error.Message, StringComparison.Ordinal);
        Assert.Null(bed.Uwv);
    }

    [Fact]
    public async Task UwvNode_OnAPolisFileWithoutStatementsInTheWindow_DoesNotStart_NamingTheWindow()
    {
        await using var bed = NodeTestbed.Create(300, seed: 4);
        DamagedFiles.Reseal(bed.UwvFile, rows => [.. rows.Select(r => r.Replace(",2025-", ",2019-", StringComparison.Ordinal))]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => bed.StartUwvAsync(Path.Combine(bed.Directory, "uwv.db")));

        Assert.Contains("holds no Polis statement whose pay period ends in the window 2025-04-01..2025-06-30", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UwvNode_OnAFileWithBadRowsBelowTheShare_Starts()
    {
        await using var bed = NodeTestbed.Create(300, seed: 4);
        DamagedFiles.Reseal(bed.UwvFile, rows => [.. rows, "111222334,123456789L01,1,56,month,2025-05-01,2025-05-31,1,1.00,0.00,0.00,0.00,0.00,0.00,false"]);

        await bed.StartUwvAsync(Path.Combine(bed.Directory, "uwv.db"));

        Assert.NotNull(bed.Uwv);
    }

    [Fact]
    public async Task UwvNode_TakesItsConfiguredShareOfBadRows()
    {
        await using var bed = NodeTestbed.Create(300, seed: 4);
        DamagedFiles.Damage(bed.UwvFile, "many bad rows");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => bed.StartUwvAsync(Path.Combine(bed.Directory, "uwv.db"), settings: ["--Uwv:MaxBadRowShare=0.05"]));
        Assert.Contains("more than the allowed share", error.Message, StringComparison.Ordinal);

        await bed.StartUwvAsync(Path.Combine(bed.Directory, "uwv2.db"), settings: ["--Uwv:MaxBadRowShare=0.3"]);
        Assert.NotNull(bed.Uwv);
    }

    [Fact]
    public async Task SvbPopulation_TakesItsConfiguredShareOfBadRows()
    {
        await using var bed = NodeTestbed.Create(300, seed: 4);
        DamagedFiles.Damage(bed.SvbFile, "many bad rows");

        Assert.Throws<InvalidDataException>(() => SvbPopulation.Load(bed.SvbFile));
        Assert.NotEmpty(SvbPopulation.Load(bed.SvbFile, maxBadRowShare: 0.3).Households);
    }

    [Theory]
    [MemberData(nameof(SvbDamages))]
    public async Task SvbNode_OnAnSvbFileThatCannotBeRead_StartsNoRunAndWritesNoSelection(string damage)
    {
        await using var bed = NodeTestbed.Create(300, seed: 4);
        var undamaged = SvbPopulation.Load(bed.SvbFile);
        Assert.NotEmpty(undamaged.Households);
        DamagedFiles.Damage(bed.SvbFile, damage);
        var output = Path.Combine(bed.Directory, "svb-out");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => bed.Svb(Path.Combine(bed.Directory, "svb.db"), output: output).RunAsync(CancellationToken.None));

        Assert.StartsWith($"{PopulationGenerator.SvbFileName} is refused: ", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
    }
}
