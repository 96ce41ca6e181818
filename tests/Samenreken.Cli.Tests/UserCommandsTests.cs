using Samenreken.Storage;
using Samenreken.Web.Accounts;

namespace Samenreken.Cli.Tests;

public sealed class UserCommandsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("samenreken-users-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string Database => Path.Combine(_directory.FullName, "svb.db");

    private string PasswordFile(string password)
    {
        var path = Path.Combine(_directory.FullName, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, password + "\n");
        return path;
    }

    [Fact]
    public void UsersAdd_StoresAHashThatSignsIn_NotThePassword()
    {
        var run = CliRun.Of("users", "add", "anna", "--role", "reviewer", "--database", Database, "--password-file", PasswordFile("a long enough password"));

        Assert.Equal(0, run.ExitCode);
        var store = WebAccountStore.Open(Database);
        var stored = store.Find("anna")!;
        Assert.Equal("reviewer", stored.Role);
        Assert.DoesNotContain("a long enough password", stored.PasswordHash, StringComparison.Ordinal);
        var accounts = new WebAccounts(store, TimeProvider.System);
        Assert.Equal(SignInVerdict.Accepted, accounts.SignIn("anna", "a long enough password").Verdict);
        Assert.Equal(SignInVerdict.Refused, accounts.SignIn("anna", "a long enough passworD").Verdict);
        Assert.Equal(SignInVerdict.Refused, accounts.SignIn("bert", "a long enough password").Verdict);
    }

    [Fact]
    public void UsersAdd_RefusesAnExistingName_AShortPassword_AndAnUnknownRole()
    {
        Assert.Equal(0, CliRun.Of("users", "add", "anna", "--role", "pilot-team", "--database", Database, "--password-file", PasswordFile("a long enough password")).ExitCode);

        CliRun.Of("users", "add", "anna", "--role", "auditor", "--database", Database, "--password-file", PasswordFile("another long password"))
            .AssertFailed(ExitCodes.OutputExists, "exists already");
        CliRun.Of("users", "add", "bert", "--role", "auditor", "--database", Database, "--password-file", PasswordFile("short"))
            .AssertFailed(ExitCodes.Usage, "at least 12 characters");
        Assert.Equal(ExitCodes.Usage, CliRun.Of("users", "add", "carla", "--role", "admin", "--database", Database, "--password-file", PasswordFile("a long enough password")).ExitCode);
        Assert.Equal("pilot-team", WebAccountStore.Open(Database).Find("anna")!.Role);
        Assert.Null(WebAccountStore.Open(Database).Find("bert"));
    }
}
