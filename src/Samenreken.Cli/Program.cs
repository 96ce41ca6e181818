using System.CommandLine;
using Samenreken.Cli;

// Each command group lives in its own file under Commands/ and only parses options and calls a library.
var root = new RootCommand(
    "Samenreken: privacy-preserving selection between government agencies (SVB x UWV AIO pilot).")
{
    BenchCommands.Create(),
    DomainCommands.Generate(),
    DomainCommands.Explain(),
    DomainCommands.Reference(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
