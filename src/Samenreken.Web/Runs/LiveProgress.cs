using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Samenreken.Web.Runs;

/// <summary>One phase as the page shows it: the numbers already formatted in the interface language.</summary>
public sealed record LivePhase(string Phase, int Done, int Total, int Percent, string Rate, string Remaining);

/// <summary>The run's activity as the page shows it; the same shape is rendered on the server and sent as events.</summary>
public sealed record LiveView(string State, string StateText, string? RunId, IReadOnlyList<LivePhase> Phases, string? Failure)
{
    public static LiveView From(RunActivitySnapshot snapshot, WebText text)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(text);
        var phases = snapshot.Phases.Select(p => new LivePhase(
            text.Phase(p.Phase),
            p.Done,
            p.Total,
            p.Total == 0 ? 100 : (int)(100L * p.Done / p.Total),
            p.UnitsPerSecond is { } rate ? text.Format("{0} per seconde", rate.ToString("0.00", CultureInfo.InvariantCulture)) : "–",
            p.Done >= p.Total ? text["klaar"] : p.Remaining is { } left ? text.Duration(left) : "–"));
        return new LiveView(snapshot.State.ToString().ToLowerInvariant(), text.State(snapshot.State), snapshot.RunId, [.. phases], snapshot.Failure);
    }
}

/// <summary>The dashboard's live progress as server-sent events: one event per change (at most four a second), a comment every 15 seconds to keep the stream open.</summary>
internal static class LiveProgress
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static async Task StreamAsync(HttpContext context, CancellationToken cancellation)
    {
        if (context.RequestServices.GetService<ISvbRunConsole>() is not { } console)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var text = context.RequestServices.GetRequiredService<WebText>();
        context.Response.ContentType = "text/event-stream";
        var seen = -1L;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var snapshot = console.Activity.Snapshot();
                if (snapshot.Version != seen)
                {
                    seen = snapshot.Version;
                    await context.Response.WriteAsync($"data: {JsonSerializer.Serialize(LiveView.From(snapshot, text), s_json)}\n\n", cancellation).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(cancellation).ConfigureAwait(false);
                    await Task.Delay(250, cancellation).ConfigureAwait(false);
                }

                try
                {
                    await console.Activity.WaitForChangeAsync(seen, cancellation).WaitAsync(TimeSpan.FromSeconds(15), cancellation).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", cancellation).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(cancellation).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The browser left the page.
        }
    }
}
