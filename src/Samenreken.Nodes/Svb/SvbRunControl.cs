using Microsoft.Extensions.Logging;
using Samenreken.Storage;
using Samenreken.Web.Runs;

namespace Samenreken.Nodes.Svb;

/// <summary>
/// One run at a time at the SVB node, whoever starts it (the node at launch, or the pilot team from the web page),
/// with its activity reported to <see cref="RunActivity"/> for the dashboard.
/// </summary>
public sealed partial class SvbRunControl(SvbRunDriver driver, SvbStore store, RunActivity activity, ILogger<SvbRunControl> log)
{
    private int _busy;

    /// <summary>Claims the node for a run (the dashboard shows it running from now on); false when a run is in progress. <see cref="RunClaimedAsync"/> releases the claim.</summary>
    public bool TryClaim()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return false;
        }

        activity.Started(store.FindUnfinishedRun());
        return true;
    }

    /// <summary>Claims the node and runs (or resumes) the run; throws <see cref="InvalidOperationException"/> when one is in progress.</summary>
    public Task<SvbRunResult> RunAsync(CancellationToken cancellation)
        => TryClaim() ? RunClaimedAsync(cancellation) : throw new InvalidOperationException("A run is in progress at this node.");

    /// <summary>Runs after a successful <see cref="TryClaim"/>, and releases the claim.</summary>
    public async Task<SvbRunResult> RunClaimedAsync(CancellationToken cancellation)
    {
        try
        {
            var result = await driver.RunAsync(cancellation).ConfigureAwait(false);
            activity.Completed(result.RunId);
            return result;
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            activity.Failed($"{e.GetType().Name}: {e.Message}");
            throw;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Starts a claimed run in the background (the web page's start); a failure is logged and shown on the dashboard.</summary>
    public void StartClaimed(CancellationToken stopping) => _ = Task.Run(
        async () =>
        {
            try
            {
                await RunClaimedAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Reported to the activity already; the background task must not fault unobserved.
                RunFailed(log, e.GetType().Name, e.Message);
            }
        },
        CancellationToken.None);

    [LoggerMessage(2020, LogLevel.Error, "SVB run started from the web pages failed: {Kind}: {Reason}")]
    private static partial void RunFailed(ILogger logger, string kind, string reason);
}
