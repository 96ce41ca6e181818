using Microsoft.Extensions.DependencyInjection;
using Samenreken.Nodes.Svb;
using Samenreken.Storage;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>Both nodes as real servers over mutual TLS on loopback: the selection equals the plaintext reference.</summary>
public sealed class EndToEndTests
{
    [Theory]
    [InlineData("sqlite", "gc")]
    [InlineData("sqlite", "dgk")]
    [InlineData("postgresql", "gc")]
    [InlineData("postgresql", "dgk")]
    public async Task Run_ThroughBothNodes_EqualsTheReference(string database, string engine)
    {
        await using var bed = NodeTestbed.Create(persons: 800);
        bed.UseEngine(engine);
        await using var uwvDb = await TestDatabase.CreateAsync(database, bed.Directory);
        await using var svbDb = await TestDatabase.CreateAsync(database, bed.Directory);
        await bed.StartUwvAsync(uwvDb.ConnectionString);

        var result = await bed.Svb(svbDb.ConnectionString, engine: engine).RunAsync(CancellationToken.None);

        Assert.Equal(engine, result.Engine);
        Assert.Equal(engine == "dgk", result.Uwv.ZeroTests > 0);

        var reference = bed.ReferenceRows();
        Assert.NotEmpty(reference);
        Assert.Equal(reference.Order(StringComparer.Ordinal), result.Selection.Order(StringComparer.Ordinal));
        Assert.Equal(result.Persons, result.Comparisons);
        Assert.True(result.Uwv.Decryptions > 0);
        Assert.Equal((ulong)result.Persons, result.Uwv.PersonsServed);
        Assert.Equal(0UL, result.Uwv.RepliesReplayed);
        Assert.True(result.BytesSvbToUwv > 0 && result.BytesUwvToSvb > 0);
        Assert.True(File.Exists(Path.Combine(bed.Directory, "svb-out", "selection.csv")));

        // Art. 7: right after the run neither node keeps its protocol state; the counts and the selection stay.
        var uwvStore = bed.Uwv!.Services.GetRequiredService<UwvStore>();
        Assert.Equal(0, uwvStore.ProtocolStateRows(result.RunId));
        Assert.Equal((long)result.Uwv.RepliesStored, uwvStore.Counts(result.RunId).RepliesStored);
        Assert.True(result.Uwv.RepliesStored > 0);
        var svbStore = SvbStore.Open(svbDb.ConnectionString);
        Assert.Equal(0, svbStore.ProtocolStateRows(result.RunId));
        Assert.Equal(result.Selection.Count, SvbSelection.Households(svbStore, result.RunId, SvbPopulation.Load(bed.SvbFile)).Count);
    }
}
