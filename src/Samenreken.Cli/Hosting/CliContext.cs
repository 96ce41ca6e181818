using System.CommandLine;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Samenreken.Cli;

/// <summary>
/// What one invocation writes to, made from the invocation's two writers (so a test captures everything by passing
/// its own): <see cref="Out"/> for results, <see cref="Status"/> for progress, warnings, the log and failures. Disposing
/// it flushes the log and both writers.
/// </summary>
internal sealed class CliContext : IDisposable
{
    private readonly TextWriter _error;
    private readonly ILoggerFactory _logs;

    private CliContext(TextWriter output, TextWriter error, bool verbose)
    {
        _error = error;
        Output = output;
        Verbose = verbose;
        Out = Console(output);
        Status = Console(error);
        _logs = LoggerFactory.Create(builder => builder
            .AddProvider(new TextWriterLoggerProvider(error))
            .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information));
    }

    /// <summary>Standard output as plain text lines (long lines are not wrapped), for results a script reads.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard output for tables and markup (the same writer as <see cref="Output"/>).</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Standard error: progress, warnings, the diagnostic log; never results.</summary>
    public IAnsiConsole Status { get; }

    /// <summary>True with <c>--verbose</c>: debug logging and the stack trace of a failure.</summary>
    public bool Verbose { get; }

    public static CliContext Create(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new CliContext(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(CliOptions.Verbose));
    }

    public ILogger Logger(string category) => _logs.CreateLogger(category);

    /// <summary>One line of status on standard error (not wrapped, not markup).</summary>
    public void Note(string line) => _error.WriteLine(OneLine(line));

    /// <summary>One line on standard error starting with "warning:".</summary>
    public void Warn(string line) => _error.WriteLine($"warning: {OneLine(line)}");

    /// <summary>Reports <paramref name="failure"/> as one line on standard error and returns its exit code.</summary>
    public int Fail(Exception failure)
    {
        var (code, message) = CliFailures.Describe(failure);
        _error.WriteLine($"error: {OneLine(message)}");
        if (Verbose)
        {
            _error.WriteLine(failure.ToString());
        }

        return code;
    }

    public void Dispose()
    {
        _logs.Dispose();
        _error.Flush();
        Output.Flush();
    }

    /// <summary>A message on one line, so that a failure is always exactly one line of output.</summary>
    internal static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>Colours and live displays on a terminal only: a file, a pipe or a test's writer gets plain text.</summary>
    private static IAnsiConsole Console(TextWriter writer)
    {
        var output = new AnsiConsoleOutput(writer);
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = output,
            Ansi = output.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = output.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }
}
