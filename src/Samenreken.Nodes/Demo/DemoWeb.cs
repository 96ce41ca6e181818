using Samenreken.Cryptography.Randomness;
using Samenreken.Nodes.Tls;
using Samenreken.Storage;
using Samenreken.Web.Accounts;

namespace Samenreken.Nodes.Demo;

/// <summary>What <c>samenreken demo --ui</c> adds: an account per role on each node, and waiting for the run of a node that keeps running.</summary>
internal static class DemoWeb
{
    /// <summary>One account per role the node has pages for, all with one generated password (printed by the demo).</summary>
    public static DemoUiAccess CreateAccounts(string svbDatabase, string uwvDatabase, int svbWebPort, int uwvWebPort)
    {
        Span<byte> secret = stackalloc byte[12];
        RandomSource.Secure.Fill(secret);
        var password = Convert.ToBase64String(secret).Replace('+', '-').Replace('/', '_');
        DemoAccount[] accounts =
        [
            new(DevelopmentCertificates.SvbNode, "pilot", WebRoles.PilotTeam),
            new(DevelopmentCertificates.SvbNode, "privacy", WebRoles.PrivacyOfficer),
            new(DevelopmentCertificates.SvbNode, "reviewer", WebRoles.Reviewer),
            new(DevelopmentCertificates.SvbNode, "auditor", WebRoles.Auditor),
            new(DevelopmentCertificates.UwvNode, "operator", WebRoles.UwvOperator),
            new(DevelopmentCertificates.UwvNode, "uwv-auditor", WebRoles.Auditor),
        ];
        foreach (var account in accounts)
        {
            // Both nodes may share one PostgreSQL database (--database-url): the user names differ between them.
            var database = account.Node == DevelopmentCertificates.SvbNode ? svbDatabase : uwvDatabase;
            new WebAccounts(WebAccountStore.Open(database), TimeProvider.System).Add(account.UserName, account.Role, password);
        }

        return new DemoUiAccess($"https://127.0.0.1:{svbWebPort}", $"https://127.0.0.1:{uwvWebPort}", password, accounts);
    }

    /// <summary>Waits until the SVB node wrote its run summary (0), or exited with an error (its exit code).</summary>
    public static async Task<int> WaitForRunAsync(NodeProcess svb, string runSummary, CancellationToken cancellation)
    {
        while (true)
        {
            if (File.Exists(runSummary))
            {
                // The summary is written right after the selection; let the write finish.
                await Task.Delay(500, cancellation).ConfigureAwait(false);
                return 0;
            }

            if (svb.HasExited && svb.ExitCode is { } code and not 0)
            {
                return code;
            }

            await Task.Delay(250, cancellation).ConfigureAwait(false);
        }
    }
}
