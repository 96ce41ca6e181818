using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Samenreken.Nodes.Svb;

/// <summary>Runs (or resumes) SVB's run when the node starts (unless <see cref="SvbOptions.StartOnLaunch"/> is off); with <see cref="SvbOptions.ExitWhenDone"/> the node stops afterwards.</summary>
internal sealed partial class SvbRunService(SvbRunControl control, IOptions<SvbOptions> options, IHostApplicationLifetime lifetime, ILogger<SvbRunService> log) : BackgroundService
{
    /// <summary>The result of the run, once it completed.</summary>
    public SvbRunResult? Result { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.StartOnLaunch)
        {
            // The pilot team starts the run from the web pages.
            return;
        }

        try
        {
            Result = await control.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is Protocols.ProtocolException or Governance.GovernanceException or Grpc.Core.RpcException or InvalidOperationException or IOException or InvalidDataException)
        {
            RunFailed(log, e.GetType().Name, e.Message);
            Environment.ExitCode = 1;
        }

        if (options.Value.ExitWhenDone)
        {
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(2010, LogLevel.Error, "SVB run failed: {Kind}: {Reason}")]
    private static partial void RunFailed(ILogger logger, string kind, string reason);
}
