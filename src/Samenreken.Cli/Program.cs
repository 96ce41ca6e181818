using Samenreken.Cli;

return SamenrekenCommand.Run(args);
