using System.CommandLine;

namespace Samenreken.Cli;

/// <summary>
/// How every command runs: with a <see cref="CliContext"/> for its output, every failure reported as one line and an
/// exit code (<see cref="CliFailures"/>), and the log flushed at the end. A new command calls
/// <see cref="SetCliAction(Command, Func{ParseResult, CliContext, int})"/> instead of <c>SetAction</c>.
/// </summary>
internal static class CliAction
{
    public static void SetCliAction(this Command command, Func<ParseResult, CliContext, int> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(action);
        command.SetAction(parse =>
        {
            using var context = CliContext.Create(parse);
            try
            {
                return action(parse, context);
            }
            catch (Exception e)
            {
                // The boundary where every failure becomes one line and an exit code.
                return context.Fail(e);
            }
        });
    }

    /// <summary>The same for a command that awaits (a server, a network client).</summary>
    public static void SetCliAction(this Command command, Func<ParseResult, CliContext, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(action);
        command.SetAction(async (parse, cancellation) =>
        {
            // Return the task to System.CommandLine before any work: a SIGTERM that arrives before it holds the task
            // (a node that started synchronously) is otherwise answered at once with a forced exit code 143.
            await Task.Yield();
            using var context = CliContext.Create(parse);
            try
            {
                return await action(parse, context, cancellation).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                return context.Fail(e);
            }
        });
    }
}
