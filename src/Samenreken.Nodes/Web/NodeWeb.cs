using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Samenreken.Nodes.Svb;
using Samenreken.Nodes.Tls;
using Samenreken.Web;
using Samenreken.Web.Runs;

namespace Samenreken.Nodes.Web;

/// <summary>
/// The nodes' web pages (Samenreken.Web) wired into their hosts when <c>Web:Port</c> is set: a second listener with
/// the node's certificate, the accounts in the node's database, and the node's data behind the pages' interfaces.
/// </summary>
internal static class NodeWeb
{
    public static void Listen(KestrelServerOptions kestrel, IConfiguration configuration, MutualTlsOptions tls)
    {
        if (configuration.GetSection(WebUiOptions.Section).Get<WebUiOptions>()?.Port is int port)
        {
            WebUi.Listen(kestrel, new IPEndPoint(IPAddress.Loopback, port), NodeCertificate.Load(tls));
        }
    }

    public static void AddSvb(WebApplicationBuilder builder)
    {
        if (Add(builder))
        {
            builder.Services.AddSingleton<ISvbRunConsole, SvbWebConsole>();
            builder.Services.AddSingleton<INodeAuditCheck>(s => new NodeAuditCheck(DevelopmentCertificates.SvbNode, DevelopmentCertificates.UwvNode, s.GetRequiredService<IOptions<NodeOptions>>()));
            builder.Services.AddOptions<PilotDeskOptions>().BindConfiguration(PilotDeskOptions.Section);
            if (builder.Configuration.GetSection(PilotDeskOptions.Section).Get<PilotDeskOptions>()?.Store is { Length: > 0 })
            {
                builder.Services.AddSingleton<ISvbPilotDesk, SvbPilotDesk>();
            }
        }
    }

    public static void AddUwv(WebApplicationBuilder builder)
    {
        if (Add(builder))
        {
            builder.Services.AddSingleton<IUwvOperatorView, UwvWebView>();
            builder.Services.AddSingleton<INodeAuditCheck>(s => new NodeAuditCheck(DevelopmentCertificates.UwvNode, DevelopmentCertificates.SvbNode, s.GetRequiredService<IOptions<NodeOptions>>()));
        }
    }

    public static void Use(WebApplication app)
    {
        if (WebUi.IsEnabled(app.Configuration))
        {
            WebUi.Use(app);
        }
    }

    private static bool Add(WebApplicationBuilder builder)
    {
        if (!WebUi.IsEnabled(builder.Configuration))
        {
            return false;
        }

        WebUi.AddServices(builder.Services, s => s.GetRequiredService<IOptions<NodeOptions>>().Value.Database);

        // The pages show and check the definition the node itself runs under: one setting, Node:Project.
        builder.Services.AddOptions<WebUiOptions>().PostConfigure<IOptions<NodeOptions>>((web, node) => web.ProjectDefinition = node.Value.Project);
        return true;
    }
}
