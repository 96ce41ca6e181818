using Samenreken.Cli;

return await SamenrekenCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
