using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Samenreken.Cli;

/// <summary>The root of <c>samenreken</c>: each command group lives in its own file and only parses options and calls a library.</summary>
internal static class SamenrekenCommand
{
    /// <summary>The commands under the root; a new command (group) is one more line here.</summary>
    private static IEnumerable<Command> Commands() =>
    [
        BenchCommands.Create(),
        KeyCommands.Create(),
        CertCommands.Create(),
        DomainCommands.Generate(),
        DomainCommands.Explain(),
        DomainCommands.Reference(),
        PilotCommand.Create(),
        AccuracyCommand.Create(),
        NodeCommands.Node(),
        NodeCommands.Run(),
        NodeCommands.Demo(),
        ProjectCommands.Create(),
        FairnessCommands.Create(),
        AuditCommands.Create(),
        LettersCommand.Create(),
        ResponsesCommands.Create(),
        PilotStoreCommands.Key(),
        PilotStoreCommands.Retention(),
        EvaluateCommand.Create(),
        UserCommands.Create(),
    ];

    public static RootCommand Create()
    {
        var root = new RootCommand("Samenreken: privacy-preserving selection between government agencies (SVB x UWV AIO pilot).");
        foreach (var command in Commands())
        {
            root.Add(command);
        }

        root.Add(CliOptions.Verbose);
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExitCodes((SynchronousCommandLineAction)help.Action!);
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>: the entry point of the program and of the tests. A command line that
    /// does not parse is reported as one line on the error writer with exit code 2 (System.CommandLine would print the
    /// whole help and exit with 1).
    /// </summary>
    public static int Run(IReadOnlyList<string> args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        var parse = Create().Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            var errors = parse.Errors.Select(e => CliContext.OneLine(e.Message).TrimEnd('.')).Distinct(StringComparer.Ordinal);
            configuration.Error.WriteLine($"error: {string.Join("; ", errors)}; see '{CommandPath(parse.CommandResult)} --help'.");
            configuration.Error.Flush();
            return ExitCodes.Usage;
        }

        if (parse.CommandResult.Command is NodeCommands.NodeHostCommand)
        {
            // On SIGTERM or Ctrl+C System.CommandLine cancels the command and, after this timeout, forces exit code 143
            // or 130. A node's graceful stop takes up to its host's shutdown timeout, longer on a busy machine; cut
            // short, it would read as a kill.
            configuration.ProcessTerminationTimeout = NodeCommands.NodeHostCommand.GracefulStopTimeout;
        }

        return parse.Invoke(configuration);
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is not null; result = result.Parent)
        {
            if (result is CommandResult { Command: var c })
            {
                names.Insert(0, c is RootCommand ? "samenreken" : c.Name);
            }
        }

        return string.Join(' ', names);
    }

    /// <summary>The standard help, followed by the exit codes every command shares.</summary>
    private sealed class HelpWithExitCodes(SynchronousCommandLineAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var exitCode = standard.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Exit codes:");
            foreach (var (code, meaning) in ExitCodes.All)
            {
                output.WriteLine($"  {code,-5}{meaning}");
            }

            output.WriteLine();
            return exitCode;
        }
    }
}
