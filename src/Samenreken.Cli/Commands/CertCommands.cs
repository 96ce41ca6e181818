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
        init.SetCliAction((parse, cli) =>
        {
            DevelopmentCertificateSet set;
            try
            {
                set = DevelopmentCertificates.Create(parse.GetValue(output)!.FullName, TimeProvider.System, parse.GetValue(force));
            }
            catch (IOException exception)
            {
                throw CliException.OutputExists($"{exception.Message} Pass --force to replace it.");
            }

            cli.Output.WriteLine($"CA certificate: {set.CaCertificatePath}");
            foreach (var node in new[] { set.Uwv, set.Svb })
            {
                cli.Output.WriteLine($"{node.Node}: {node.CertificatePath}, key {node.KeyPath} (mode 0600), pin {node.Pin}");
            }

            return ExitCodes.Success;
        });
        return new Command("certs", "Development certificates for mutual TLS between the nodes.") { init };
    }
}
