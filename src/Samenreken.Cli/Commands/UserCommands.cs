using System.CommandLine;
using Samenreken.Storage;
using Samenreken.Web.Accounts;

namespace Samenreken.Cli;

/// <summary><c>samenreken users add</c>: accounts of a node's web pages, in the node's own database.</summary>
internal static class UserCommands
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The user name (letters, digits, '-', '_', '.')." };
        var role = new Option<string>("--role") { Description = "The account's role.", Required = true };
        role.AcceptOnlyFromAmong([.. WebRoles.All]);
        var database = new Option<string>("--database")
        {
            Description = "The node's database: a SQLite file path or a PostgreSQL connection string (Host=…), as its Node:Database.",
            Required = true,
        };
        var passwordFile = new Option<string>("--password-file")
        {
            Description = $"A file whose first line is the password (at least {WebAccounts.MinimumPasswordLength} characters); '-' reads it from standard input.",
            Required = true,
        };
        var add = new Command("add", "Add an account to a node's web pages; its password is stored as an ASP.NET Core Identity hash.") { name, role, database, passwordFile };
        add.SetCliAction((parse, cli) =>
        {
            var path = parse.GetValue(passwordFile)!;
            var password = (path == "-" ? Console.In.ReadLine() : File.ReadLines(path).FirstOrDefault())
                ?? throw CliException.InvalidInput("the password file is empty");
            var accounts = new WebAccounts(WebAccountStore.Open(parse.GetValue(database)!), TimeProvider.System);
            try
            {
                accounts.Add(parse.GetValue(name)!, parse.GetValue(role)!, password);
            }
            catch (ArgumentException e)
            {
                throw CliException.Usage(e.Message);
            }
            catch (InvalidOperationException e)
            {
                throw CliException.OutputExists(e.Message);
            }

            cli.Output.WriteLine($"added {parse.GetValue(name)} ({parse.GetValue(role)})");
            return ExitCodes.Success;
        });
        return new Command("users", "Accounts of a node's web pages.") { add };
    }
}
