using Microsoft.Extensions.Configuration;
using Samenreken.Nodes.Tls;

namespace Samenreken.Nodes.Tests.Tls;

public sealed class MutualTlsOptionsTests
{
    [Fact]
    public void BindsFromTheTlsSection_AsEnvironmentVariablesAndAppSettingsNameIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tls:CaCertificatePath"] = "/etc/samenreken/ca.crt",
            ["Tls:CertificatePath"] = "/etc/samenreken/uwv.crt",
            ["Tls:KeyPath"] = "/etc/samenreken/uwv.key",
            ["Tls:PeerPin"] = new string('a', 64),
            ["Tls:PeerName"] = "svb",
        }).Build();

        var options = configuration.GetSection(MutualTlsOptions.SectionName).Get<MutualTlsOptions>()!;

        Assert.Equal(
            ("/etc/samenreken/ca.crt", "/etc/samenreken/uwv.crt", "/etc/samenreken/uwv.key", new string('a', 64), "svb"),
            (options.CaCertificatePath, options.CertificatePath, options.KeyPath, options.PeerPin, options.PeerName));
    }
}
