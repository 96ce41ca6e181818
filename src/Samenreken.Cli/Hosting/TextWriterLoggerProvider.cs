using Microsoft.Extensions.Logging;

namespace Samenreken.Cli;

/// <summary>
/// The log, one line per message, written synchronously to the invocation's error writer: nothing is queued, so nothing
/// is lost when the process exits, and a test that passes its own writer sees the log.
/// </summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    private readonly Lock _lock = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        lock (_lock)
        {
            writer.Flush();
        }
    }

    private void Write(LogLevel level, string category, string message)
    {
        var line = $"{DateTime.Now:HH:mm:ss} {Label(level)} {category}: {CliContext.OneLine(message)}";
        lock (_lock)
        {
            writer.WriteLine(line);
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class Logger(TextWriterLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, formatter(state, exception));
            }
        }
    }
}
