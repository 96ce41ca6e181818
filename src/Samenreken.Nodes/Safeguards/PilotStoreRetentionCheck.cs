using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samenreken.Governance.PilotStore;
using Samenreken.Governance.Retention;
using Samenreken.Nodes.Tls;
using Samenreken.Storage;

namespace Samenreken.Nodes.Safeguards;

/// <summary>
/// The pilot store's retention at every start of the SVB node (issue 16, art. 7), when the node is given the store
/// (<see cref="SvbOptions.PilotStore"/> and its key file): runs past a term or the horizon are crypto-shredded, their
/// anonymised figures kept, each action audited in the node's log — what <c>samenreken retention enforce</c> does.
/// Runs before the run service; a key that cannot be read stops the start.
/// </summary>
internal sealed partial class PilotStoreRetentionCheck(NodeSafeguards safeguards, IOptions<SvbOptions> options, ILogger<PilotStoreRetentionCheck> log) : IHostedService
{
    public const string Actor = "svb-node (retention at start)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var svb = options.Value;
        if (string.IsNullOrWhiteSpace(svb.PilotStore))
        {
            return;
        }

        using var key = ReadKey(svb.PilotKeyFile);
        var vault = new PilotVault(PilotStoreDatabase.Open(svb.PilotStore), key, safeguards.Definition(), safeguards.Audit, safeguards.Time);
        var shredded = await PilotRetention.EnforceAsync(new PilotRecords(vault, safeguards.Audit), safeguards.Time, Actor, cancellationToken).ConfigureAwait(false);
        Enforced(log, shredded.Count, vault.Runs().Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static PilotStoreKey ReadKey(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException("Svb:PilotStore is set without Svb:PilotKeyFile, the pilot-store key.");
        }

        PrivateFiles.EnsureOwnerOnly(path);
        var bytes = new byte[64];
        try
        {
            if (!Convert.TryFromBase64String(File.ReadAllText(path).Trim(), bytes, out var written) || written != 32)
            {
                throw new InvalidOperationException($"The pilot-store key in {path} is not base64 of 32 bytes.");
            }

            return PilotStoreKey.Import(bytes.AsSpan(0, 32));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    [LoggerMessage(2031, LogLevel.Information, "Retention at start: {Shredded} pilot-store run(s) shredded, {Kept} kept")]
    private static partial void Enforced(ILogger logger, int shredded, int kept);
}
