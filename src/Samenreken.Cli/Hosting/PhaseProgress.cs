using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Samenreken.Cli;

/// <summary>
/// Long phases shown on standard error: on a terminal a live Spectre.Console bar per phase with rate and time left,
/// otherwise (a log, a pipe, a test) one line per phase and per counted step with the same figures.
/// </summary>
internal sealed class PhaseProgress
{
    private readonly CliContext _context;
    private readonly ProgressContext? _live;
    private readonly Stopwatch _phaseClock = new();
    private ProgressTask? _task;
    private string? _phase;

    private PhaseProgress(CliContext context, ProgressContext? live)
    {
        _context = context;
        _live = live;
    }

    /// <summary>Runs <paramref name="work"/>, which reports its phases to the <see cref="PhaseProgress"/> it receives.</summary>
    public static T Run<T>(CliContext context, Func<PhaseProgress, T> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        var console = context.Status;
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Out.IsTerminal)
        {
            return work(new PhaseProgress(context, null));
        }

        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RateColumn(), new RemainingTimeColumn())
            .Start(live =>
            {
                var progress = new PhaseProgress(context, live);
                var result = work(progress);
                progress.Finish();
                return result;
            });
    }

    /// <summary>A synchronous <see cref="IProgress{T}"/> over <see cref="Report"/> (System.Progress would post to another thread).</summary>
    public IProgress<T> For<T>(Func<T, (string Phase, long Done, long Total)> map) => new Adapter<T>(this, map);

    /// <summary>Starts <paramref name="phase"/> when it is new; <paramref name="total"/> 0 means "no count" (a spinner).</summary>
    public void Report(string phase, long done, long total)
    {
        var isNew = !string.Equals(phase, _phase, StringComparison.Ordinal);
        if (isNew)
        {
            Finish();
            _phase = phase;
            _phaseClock.Restart();
            _task = _live?.AddTask(Markup.Escape(phase), maxValue: Math.Max(total, 1));
            if (_task is not null)
            {
                _task.IsIndeterminate = total <= 0;
            }
            else
            {
                _context.Note($"{phase}…");
            }
        }

        if (total <= 0)
        {
            return;
        }

        if (_task is not null)
        {
            _task.IsIndeterminate = false;
            _task.MaxValue = total;
            _task.Value = done;
        }
        else if (!isNew || done > 0)
        {
            _context.Note(StepLine(phase, done, total, _phaseClock.Elapsed));
        }
    }

    /// <summary>"phase: 1,024 of 4,096 (120.5/s, about 26 s left)".</summary>
    internal static string StepLine(string phase, long done, long total, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        var rate = elapsed > TimeSpan.Zero ? done / elapsed.TotalSeconds : 0;
        var left = rate > 0 ? $"about {TimeSpan.FromSeconds(Math.Ceiling((total - done) / rate)).ToString("g", inv)} left" : "time left unknown";
        return $"{phase}: {done.ToString("N0", inv)} of {total.ToString("N0", inv)} ({rate.ToString("F1", inv)}/s, {left})";
    }

    private void Finish()
    {
        if (_task is { } task)
        {
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
        }

        _task = null;
    }

    /// <summary>Items per second of a counted task.</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
            => task.IsIndeterminate || task.Speed is not { } speed
                ? Text.Empty
                : new Text($"{speed.ToString("F1", CultureInfo.InvariantCulture)}/s", new Style(Color.Grey));
    }

    private sealed class Adapter<T>(PhaseProgress progress, Func<T, (string Phase, long Done, long Total)> map) : IProgress<T>
    {
        public void Report(T value)
        {
            var (phase, done, total) = map(value);
            progress.Report(phase, done, total);
        }
    }
}
