using Samenreken.Nodes.Demo;
using Spectre.Console;

namespace Samenreken.Cli;

/// <summary>
/// <c>samenreken demo --ui</c>: the demo hands over when its run is checked and both nodes still run; the pages'
/// addresses and accounts are printed, and the nodes stop at Ctrl+C.
/// </summary>
internal sealed class DemoPages
{
    private readonly TaskCompletionSource<(DemoSummary Summary, DemoUiAccess Access)> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DemoUi Ui() => new((summary, access) =>
    {
        _ready.TrySetResult((summary, access));
        return _release.Task;
    });

    /// <summary>The summary once the nodes serve their pages, or the run's own result if it ends first (a failure).</summary>
    public async Task<DemoSummary> ReadyAsync(Task<DemoSummary> run)
    {
        var first = await Task.WhenAny(run, _ready.Task).ConfigureAwait(false);
        return first == run ? await run.ConfigureAwait(false) : (await _ready.Task.ConfigureAwait(false)).Summary;
    }

    /// <summary>
    /// Prints the pages' addresses and accounts to <paramref name="output"/> (the invocation's standard output, never the
    /// process console, so a test or a redirect captures them) and serves until <paramref name="cancellation"/>.
    /// </summary>
    public async Task ServeUntilCancelledAsync(IAnsiConsole output, Task<DemoSummary> run, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_ready.Task.IsCompletedSuccessfully)
        {
            var access = _ready.Task.Result.Access;
            var table = new Table().Title("web pages (development certificate: accept the browser's warning, or trust certs/ca.crt)")
                .AddColumn("node").AddColumn("address").AddColumn("user").AddColumn("role");
            foreach (var account in access.Accounts)
            {
                table.AddRow(account.Node, account.Node == "svb" ? access.SvbUrl : access.UwvUrl, account.UserName, account.Role);
            }

            output.Write(table);
            output.MarkupLineInterpolated($"password of every demo account: [bold]{access.Password}[/]");
            output.MarkupLineInterpolated($"public pages: {access.SvbUrl}/openbaar and {access.SvbUrl}/openbaar/algoritmeregister");
            output.MarkupLine("the nodes keep running; press Ctrl+C to stop them.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop the nodes below.
            }
        }

        _release.TrySetResult();
        await run.ConfigureAwait(false);
    }
}
