namespace Samenreken.Web.Runs;

/// <summary>What the node's run is doing now.</summary>
public enum RunState
{
    Idle,
    Running,
    Completed,
    Failed,
}

/// <summary>One phase's progress: units done out of total, the rate since the phase began and the time it still needs.</summary>
public sealed record PhaseProgress(string Phase, int Done, int Total, double? UnitsPerSecond, TimeSpan? Remaining);

/// <summary>A snapshot of the run's activity; <paramref name="Version"/> grows with every change.</summary>
public sealed record RunActivitySnapshot(long Version, RunState State, string? RunId, IReadOnlyList<PhaseProgress> Phases, string? Failure);

/// <summary>
/// The live state of a node's run, fed by the node's progress reports and read by the dashboard and its
/// server-sent events. The rate of a phase counts only units done in this process (a resumed phase's earlier units
/// do not inflate it).
/// </summary>
public sealed class RunActivity
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly List<Phase> _phases = [];
    private RunState _state = RunState.Idle;
    private string? _runId;
    private string? _failure;
    private long _version;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RunActivity(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    public void Started(string? runId) => Change(() =>
    {
        _phases.Clear();
        _state = RunState.Running;
        _runId = runId;
        _failure = null;
    });

    public void Report(string phase, int done, int total) => Change(() =>
    {
        var now = _time.GetTimestamp();
        var index = _phases.FindIndex(p => p.Name == phase);
        if (index < 0)
        {
            _phases.Add(new Phase(phase, done, total, done, now, now));
        }
        else
        {
            _phases[index] = _phases[index] with { Done = done, Total = total, LastAt = now };
        }

        _state = RunState.Running;
    });

    public void Completed(string runId) => Change(() =>
    {
        _state = RunState.Completed;
        _runId = runId;
    });

    public void Failed(string failure) => Change(() =>
    {
        _state = RunState.Failed;
        _failure = failure;
    });

    public RunActivitySnapshot Snapshot()
    {
        lock (_lock)
        {
            return new RunActivitySnapshot(_version, _state, _runId, [.. _phases.Select(ToProgress)], _failure);
        }
    }

    /// <summary>Completes when the version passes <paramref name="seen"/> (at once if it has already).</summary>
    public Task WaitForChangeAsync(long seen, CancellationToken cancellation)
    {
        lock (_lock)
        {
            return _version > seen ? Task.CompletedTask : _changed.Task.WaitAsync(cancellation);
        }
    }

    private PhaseProgress ToProgress(Phase phase)
    {
        var seconds = _time.GetElapsedTime(phase.StartedAt, phase.LastAt).TotalSeconds;
        var units = phase.Done - phase.DoneAtStart;
        double? rate = seconds > 0 && units > 0 ? units / seconds : null;
        TimeSpan? remaining = rate is { } r ? TimeSpan.FromSeconds((phase.Total - phase.Done) / r) : null;
        return new PhaseProgress(phase.Name, phase.Done, phase.Total, rate, remaining);
    }

    private void Change(Action change)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            change();
            _version++;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private sealed record Phase(string Name, int Done, int Total, int DoneAtStart, long StartedAt, long LastAt);
}
