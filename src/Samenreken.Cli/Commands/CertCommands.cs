using System.CommandLine;
using Samenreken.Nodes.Tls;

namespace Samenreken.Cli;

/// <summary><c>samenreken certs …</c>: development certificates for the two nodes' mutual TLS.</summary>
internal static class CertCommands
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = $"Directory for {DevelopmentCertificates.CaFileName} and the uwv and svb certificates and keys (mode 0600).",
            Required = true,
        };
        var force = new Option<bool>("--force") { Description = "Replace an existing set." };
        var init = new Command("init", "Create a development CA and a certificate for each node (uwv, svb); prints the pins each node configures for its peer.")
        {
            output,
            force,
        };
        init.SetAction(parseResult =>
        {
            DevelopmentCertificateSet set;
            try
            {
                set = DevelopmentCertificates.Create(parseResult.GetValue(output)!.FullName, TimeProvider.System, parseResult.GetValue(force));
            }
            catch (IOException exception)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"error: {exception.Message} Pass --force to replace it.");
                return 1;
            }

            var console = parseResult.InvocationConfiguration.Output;
            console.WriteLine($"CA certificate: {set.CaCertificatePath}");
            foreach (var node in new[] { set.Uwv, set.Svb })
            {
                console.WriteLine($"{node.Node}: {node.CertificatePath}, key {node.KeyPath} (mode 0600), pin {node.Pin}");
            }

            return 0;
        });
        return new Command("certs", "Development certificates for mutual TLS between the nodes.") { init };
    }
}
