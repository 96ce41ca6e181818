using Microsoft.Extensions.DependencyInjection;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Nodes.Uwv;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Nodes.Svb;
using Samenreken.Storage;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>
/// <c>samenreken run resume RUN</c> (the SVB node with <c>Svb:RunId</c>): of two interrupted runs it resumes the one
/// named, not the newest, from its stored progress, to the reference selection; the other stays unfinished.
/// </summary>
public sealed class RunResumeTests
{
    [Fact]
    public async Task ResumingANamedRun_CompletesThatRun_FromWhereItStopped_AndLeavesTheOther()
    {
        await using var bed = NodeTestbed.Create(persons: 300);
        await bed.StartUwvAsync(Path.Combine(bed.Directory, "uwv.db"));
        var database = Path.Combine(bed.Directory, "svb.db");
        var older = await InterruptedRunAsync(bed, database, SvbRunDriver.NewRunId());
        var newer = await InterruptedRunAsync(bed, database, SvbRunDriver.NewRunId());
        var store = SvbStore.Open(database);
        Assert.Equal(newer, store.FindUnfinishedRun());
        var batchesDone = store.Runs().Single(r => r.RunId == older).BatchesDone;
        Assert.True(batchesDone >= 1);

        var result = await bed.Svb(database, runId: older).RunAsync(CancellationToken.None);

        Assert.Equal(older, result.RunId);
        Assert.True(result.Resumed);
        Assert.Equal(bed.ReferenceRows().Order(StringComparer.Ordinal), result.Selection.Order(StringComparer.Ordinal));
        Assert.Equal("completed", store.Status(older));
        Assert.NotEqual("completed", store.Status(newer));
        Assert.Equal(newer, store.FindUnfinishedRun());
    }

    [Fact]
    public async Task AResumedRun_WhoseUwvNowPresentsOtherKeys_IsRefusedBySvbBeforeItAnnounces_AndResumesUnderTheRightOnes()
    {
        await using var bed = NodeTestbed.Create(persons: 200);
        var uwvDatabase = Path.Combine(bed.Directory, "uwv.db");
        await bed.StartUwvAsync(uwvDatabase);
        var database = Path.Combine(bed.Directory, "svb.db");
        var run = await InterruptedRunAsync(bed, database, SvbRunDriver.NewRunId());
        await bed.StopUwvAsync();
        await bed.StartUwvAsync(uwvDatabase, s => s.AddSingleton(OtherKeys()));
        var uwv = bed.Uwv!.Services.GetRequiredService<UwvStore>();
        var before = uwv.Counts(run);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => bed.Svb(database, runId: run).RunAsync(CancellationToken.None));

        Assert.Contains("other UWV keys", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, uwv.Counts(run));
        Assert.NotEqual("completed", SvbStore.Open(database).Status(run));

        // The twin: UWV back with the keys the run was planned under, and the same run completes.
        await bed.StopUwvAsync();
        await bed.StartUwvAsync(uwvDatabase);
        var result = await bed.Svb(database, runId: run).RunAsync(CancellationToken.None);
        Assert.Equal(bed.ReferenceRows().Order(StringComparer.Ordinal), result.Selection.Order(StringComparer.Ordinal));
    }

    private static UwvKeys OtherKeys() => UwvKeys.From(
        PaillierKeyPair.Generate(NodeTestbed.TestKeyBits, KeySizePolicy.InsecureForTests, RandomSource.Secure).PrivateKey,
        DgkKeyPair.Generate(NodeTestbed.TestKeyBits, ComparisonSettings.Default.ComparisonBits, DgkKeyPair.DefaultSubgroupBits(NodeTestbed.TestKeyBits), KeySizePolicy.InsecureForTests, RandomSource.Secure).PrivateKey);

    /// <summary>Starts a run under <paramref name="runId"/> and stops it (as a crash would) once a comparison batch is done.</summary>
    private static async Task<string> InterruptedRunAsync(NodeTestbed bed, string database, string runId)
    {
        using var stop = new CancellationTokenSource();
        var progress = new StopAfterFirstBatch(stop);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.Svb(database, progress: progress, runId: runId).RunAsync(stop.Token));
        Assert.NotEqual("completed", SvbStore.Open(database).Status(runId));
        return runId;
    }

    private sealed class StopAfterFirstBatch(CancellationTokenSource stop) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            if (value.Phase == "comparison" && value.Done >= 1)
            {
                stop.Cancel();
            }
        }
    }
}
