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
