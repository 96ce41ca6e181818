using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samenreken.Nodes.Tls;

namespace Samenreken.Nodes.Tests.Tls;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (a free port) behind <see cref="KestrelMutualTls"/>. Its one endpoint counts
/// the request bodies it read and answers with the client certificate's subject, so a test sees whether a refused
/// client got anything past the handshake.
/// </summary>
internal sealed class TlsTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _bodiesRead;

    private TlsTestServer(WebApplication app, CapturingLoggerProvider log)
    {
        _app = app;
        Log = log;
        app.MapPost("/echo", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            Interlocked.Increment(ref _bodiesRead);
            return $"{context.Connection.ClientCertificate?.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.DnsName, false)}:{body}";
        });
    }

    public Uri Address { get; private set; } = null!;

    public int BodiesRead => Volatile.Read(ref _bodiesRead);

    public CapturingLoggerProvider Log { get; }

    public static async Task<TlsTestServer> StartAsync(MutualTlsOptions options, TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var log = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.Services.AddSingleton(clock);
        builder.WebHost.ConfigureKestrel(kestrel => KestrelMutualTls.Configure(kestrel, new IPEndPoint(IPAddress.Loopback, 0), options));
        var server = new TlsTestServer(builder.Build(), log);
        await server._app.StartAsync();
        var bound = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Address = new Uri(bound);
        return server;
    }

    /// <summary>POSTs <paramref name="body"/> over HTTP/2 exactly (no fallback) and returns the answer.</summary>
    public async Task<string> EchoAsync(HttpMessageHandler handler, string body)
    {
        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, "/echo"))
        {
            Content = new StringContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Keeps every log message, so a test can check why the handshake refused a peer.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new Logger(_messages);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => messages.Enqueue($"{eventId.Id} {formatter(state, exception)}");
    }
}
