using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Samenreken.Nodes.Demo;

/// <summary>How to start <c>samenreken</c> itself: the executable and the arguments before the command (the dll under <c>dotnet</c>).</summary>
public sealed record NodeLauncher(string FileName, IReadOnlyList<string> PrefixArguments);

/// <summary>
/// One node as a child process: started with its arguments, its output appended to a log file (lines starting with
/// <c>@progress</c> are passed on), killed with SIGKILL or stopped with SIGTERM, and its peak RSS sampled from /proc.
/// </summary>
internal sealed partial class NodeProcess : IDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private readonly NodeLauncher _launcher;
    private readonly IReadOnlyList<string> _arguments;
    private readonly string _logFile;
    private readonly Action<string>? _onProgressLine;
    private readonly Lock _logLock = new();
    private readonly HashSet<Process> _killed = [];
    private Process? _process;
    private Timer? _sampler;

    public NodeProcess(string name, NodeLauncher launcher, IReadOnlyList<string> arguments, string logFile, Action<string>? onProgressLine = null)
    {
        Name = name;
        _launcher = launcher;
        _arguments = arguments;
        _logFile = logFile;
        _onProgressLine = onProgressLine;
    }

    public string Name { get; }

    /// <summary>The largest VmHWM seen over every start of this node.</summary>
    public long PeakRssBytes { get; private set; }

    public int Starts { get; private set; }

    public bool HasExited => _process is null || _process.HasExited;

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    public void Start()
    {
        var info = new ProcessStartInfo(_launcher.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _launcher.PrefixArguments.Concat(_arguments))
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        _sampler?.Dispose();
        _sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
    }

    /// <summary>Waits for the current process to end: its exit code, or null when it was killed (and restarted) meanwhile.</summary>
    public async Task<int?> WaitForExitAsync(CancellationToken cancellation)
    {
        var process = _process ?? throw new InvalidOperationException("Not started.");
        await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
        lock (_killed)
        {
            return _killed.Contains(process) ? null : process.ExitCode;
        }
    }

    /// <summary>
    /// SIGKILL to the running process, now and without waiting for it to end (so it may be called from the thread that
    /// reads the node's own output): the process gets no chance to clean up, as in a crash. False when the process has
    /// ended already or was signalled before; then nothing is sent.
    /// </summary>
    public bool SignalKill()
    {
        if (_process is not { HasExited: false } process)
        {
            return false;
        }

        lock (_killed)
        {
            if (!_killed.Add(process))
            {
                return false;
            }
        }

        Sample();
        if (NativeKill(process.Id, SigKill) != 0)
        {
            // It ended between the check and the signal: an exit of its own, not a kill.
            lock (_killed)
            {
                _killed.Remove(process);
            }

            return false;
        }

        return true;
    }

    /// <summary>After <see cref="SignalKill"/>: waits until the killed process has ended, then starts the node again (it resumes from its database).</summary>
    public void RestartAfterKill()
    {
        _process?.WaitForExit();
        Start();
    }

    /// <summary>SIGTERM, then wait up to <paramref name="timeout"/> for the graceful shutdown (SIGKILL after).</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        Sample();
        _ = NativeKill(process.Id, SigTerm);
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }
    }

    public void Dispose()
    {
        _sampler?.Dispose();
        if (_process is { HasExited: false } process)
        {
            process.Kill();
        }

        _process?.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("@progress ", StringComparison.Ordinal))
        {
            _onProgressLine?.Invoke(line);
            return;
        }

        lock (_logLock)
        {
            File.AppendAllText(_logFile, line + Environment.NewLine);
        }
    }

    private void Sample()
    {
        try
        {
            if (_process is { HasExited: false } process)
            {
                foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                        PeakRssBytes = Math.Max(PeakRssBytes, kb * 1024);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or FormatException)
        {
            // The process ended between the check and the read: its last sample stands.
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int NativeKill(int pid, int signal);
}
