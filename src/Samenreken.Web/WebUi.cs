using System.Net;
using System.Reflection;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Samenreken.Storage;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web;

/// <summary>
/// The web interface a node serves: Razor Pages on their own HTTPS port (the node's certificate, no client
/// certificate asked, since browsers present none), beside the mutual-TLS gRPC port. A request is served only by the
/// endpoints of the port it came in on: pages never on the peer port, the peer's gRPC service never on the browser
/// port. The host calls <see cref="AddServices"/>, <see cref="Listen"/> and <see cref="Use"/>; the node's own data
/// reaches the pages through <see cref="ISvbRunConsole"/> or <see cref="IUwvOperatorView"/>.
/// </summary>
public static class WebUi
{
    /// <summary>The sign-in page; the rate limiter's policy guards its POST.</summary>
    public const string LoginPath = "/inloggen";

    internal const string LoginPolicy = "login";

    private const string LoginUserItem = "samenreken-login-user";

    // Scripts and styles only from this origin, no inline code, no framing, forms only to this origin.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Whether the configuration asks for the pages (a <c>Web:Port</c>).</summary>
    public static bool IsEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(WebUiOptions.Section).Get<WebUiOptions>()?.Port is not null;
    }

    /// <summary>The browser port: HTTP/1.1 and HTTP/2 over TLS 1.2 or 1.3 with <paramref name="certificate"/>, no client certificate.</summary>
    public static void Listen(KestrelServerOptions kestrel, IPEndPoint endpoint, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Listen(endpoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateMode = ClientCertificateMode.NoCertificate,
            });
        });
    }

    /// <summary>The pages' services; <paramref name="database"/> gives the node's database, where the accounts live.</summary>
    public static void AddServices(IServiceCollection services, Func<IServiceProvider, string> database)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(database);
        services.AddOptions<WebUiOptions>().BindConfiguration(WebUiOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(s => WebAccountStore.Open(database(s)));
        services.AddSingleton<WebAccounts>();
        services.TryAddSingleton<IPersonalDataViewAudit, DatabasePersonalDataViewAudit>();
        services.AddSingleton<ProjectDocuments>();
        services.AddSingleton(s => WebText.For(s.GetRequiredService<IOptions<WebUiOptions>>().Value.Language));
        services.AddRazorPages().AddApplicationPart(typeof(WebUi).Assembly);
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.AccessDeniedPath = "/geen-toegang";
            // __Host-: only over HTTPS, only for this host and path "/", so no other site or path can set or read it.
            o.Cookie.Name = "__Host-samenreken";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToAccessDenied = context =>
            {
                // A signed-in user without the role gets 403 (rendered by the status page), not a redirect.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "__Host-samenreken-af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellation) =>
            {
                var text = context.HttpContext.RequestServices.GetRequiredService<WebText>();
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(text["Te veel pogingen om in te loggen. Probeer het over een minuut opnieuw."], cancellation).ConfigureAwait(false);
            };
            o.AddPolicy(LoginPolicy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                // Per address and user name: one user's guesses cannot lock out another, and spreading guesses over names costs one window each.
                var key = $"{context.Connection.RemoteIpAddress}|{context.Items[LoginUserItem] as string}";
                var limit = context.RequestServices.GetRequiredService<IOptions<WebUiOptions>>().Value.LoginAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
    }

    /// <summary>The middleware and endpoints; call right after the application is built, before other endpoints are mapped.</summary>
    public static void Use(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(IsBrowserPort, web =>
        {
            web.Use(SecurityHeaders);
            web.UseStatusCodePagesWithReExecute("/fout/{0}");
        });
        app.UseRouting();
        app.Use(PortGuard);
        app.UseAuthentication();
        app.Use(ReadLoginUser);
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapRazorPages().WithMetadata(WebEndpoint.Instance);
        app.MapGet("/static/{name}", (string name) => Asset(name)).WithMetadata(WebEndpoint.Instance);
        app.MapGet("/runs/live", LiveProgress.StreamAsync).RequireAuthorization(p => p.RequireRole(WebRoles.SvbAggregates.Split(','))).WithMetadata(WebEndpoint.Instance);
    }

    /// <summary>The browser port presents no client certificate; the peer port always does (mutual TLS is required there).</summary>
    private static bool IsBrowserPort(HttpContext context) => context.Connection.ClientCertificate is null;

    private static Task PortGuard(HttpContext context, Func<Task> next)
    {
        if (context.GetEndpoint() is { } endpoint && (endpoint.Metadata.GetMetadata<WebEndpoint>() is not null) != IsBrowserPort(context))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next();
    }

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.StrictTransportSecurity = "max-age=31536000";
        // Pages may hold personal data: no copy in any cache.
        headers.CacheControl = "no-cache, no-store";
        headers.Pragma = "no-cache";
        return next();
    }

    /// <summary>Reads a sign-in form's user name before the rate limiter, which partitions on it (the form stays buffered for the page).</summary>
    private static async Task ReadLoginUser(HttpContext context, Func<Task> next)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase) && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            context.Items[LoginUserItem] = form["UserName"].ToString();
        }

        await next().ConfigureAwait(false);
    }

    private static IResult Asset(string name)
    {
        var contentType = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => null,
        };
        var stream = contentType is null ? null : Assembly.GetExecutingAssembly().GetManifestResourceStream("Samenreken.Web.Assets." + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, contentType);
    }

    /// <summary>Marks the endpoints served on the browser port.</summary>
    private sealed class WebEndpoint
    {
        public static readonly WebEndpoint Instance = new();
    }
}
