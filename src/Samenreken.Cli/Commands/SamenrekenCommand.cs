using System.CommandLine;

namespace Samenreken.Cli;

/// <summary>The root of <c>samenreken</c>: each command group lives in its own file and only parses options and calls a library.</summary>
internal static class SamenrekenCommand
{
    public static RootCommand Create() => new("Samenreken: privacy-preserving selection between government agencies (SVB x UWV AIO pilot).")
    {
        BenchCommands.Create(),
        KeyCommands.Create(),
        CertCommands.Create(),
        DomainCommands.Generate(),
        DomainCommands.Explain(),
        DomainCommands.Reference(),
        PilotCommand.Create(),
        ProjectCommands.Create(),
    };
}
