using Samenreken.Storage;
using Samenreken.Web.Accounts;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>The web pages' accounts and view records in a node's database, on both engines.</summary>
public sealed class WebAccountStoreTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Accounts_AndViewsOfPersonalData_AreStoredOnEitherEngine(string engine)
    {
        var directory = Directory.CreateTempSubdirectory("samenreken-web-store-");
        try
        {
            await using var database = await TestDatabase.CreateAsync(engine, directory.FullName);
            var store = WebAccountStore.Open(database.ConnectionString);
            var accounts = new WebAccounts(store, TimeProvider.System);
            accounts.Add("anna", WebRoles.PilotTeam, "a long enough password");

            Assert.Throws<InvalidOperationException>(() => accounts.Add("anna", WebRoles.Auditor, "another long password"));
            Assert.Equal(SignInVerdict.Accepted, accounts.SignIn("anna", "a long enough password").Verdict);
            Assert.Equal(SignInVerdict.Refused, accounts.SignIn("anna", "a wrong long password").Verdict);

            store.RecordView(new PageViewRecord(1_800_000_000, "anna", WebRoles.PilotTeam, "selection", "run-1"));
            var reopened = WebAccountStore.Open(database.ConnectionString);
            Assert.Equal(WebRoles.PilotTeam, reopened.Find("anna")!.Role);
            Assert.Equal(new PageViewRecord(1_800_000_000, "anna", WebRoles.PilotTeam, "selection", "run-1"), Assert.Single(reopened.Views()));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
