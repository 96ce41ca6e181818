using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Samenreken.Storage;
using Samenreken.Web.Accounts;

namespace Samenreken.Web.Tests;

/// <summary>
/// The web accounts guard personal data: each rule of a new account at its edge (name, role, password length), a
/// sign-in refused alike for an unknown name, a wrong password and nothing at all, and a password stored in an older
/// hash format upgraded on its next sign-in.
/// </summary>
public sealed class WebAccountsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("samenreken-accounts-").FullName;
    private readonly WebAccountStore _store;
    private readonly WebAccounts _accounts;

    public WebAccountsTests()
    {
        _store = WebAccountStore.Open(Path.Combine(_directory, "web.db"));
        _accounts = new WebAccounts(_store, TimeProvider.System);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Pilot-team_1.x")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void ANameOf1To64AllowedCharacters_IsAccepted(string userName)
    {
        _accounts.Add(userName, WebRoles.Auditor, "twelve chars");

        Assert.Equal(WebRoles.Auditor, _store.Find(userName)!.Role);
    }

    [Theory]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")] // 65
    [InlineData("pilot team")]
    [InlineData("pilot/team")]
    [InlineData("piloté")]
    public void ANameOutsideTheRule_IsRefusedNamingIt(string userName)
    {
        var error = Assert.Throws<ArgumentException>("userName", () => _accounts.Add(userName, WebRoles.Auditor, "twelve chars"));

        Assert.StartsWith("A user name is 1 to 64 letters, digits, '-', '_' or '.'.", error.Message, StringComparison.Ordinal);
        Assert.Null(_store.Find(userName));
    }

    [Fact]
    public void AnUnknownRole_OrAPasswordOf11Characters_OrAnExistingName_IsRefused()
    {
        var role = Assert.Throws<ArgumentException>("role", () => _accounts.Add("someone", "admin", "twelve chars"));
        Assert.StartsWith("Unknown role 'admin'; one of: pilot-team, privacy-officer, reviewer, auditor, uwv-operator.", role.Message, StringComparison.Ordinal);
        var password = Assert.Throws<ArgumentException>("password", () => _accounts.Add("someone", WebRoles.PilotTeam, "eleven char"));
        Assert.StartsWith("A password has at least 12 characters.", password.Message, StringComparison.Ordinal);
        Assert.Null(_store.Find("someone"));

        _accounts.Add("someone", WebRoles.PilotTeam, "twelve chars");
        var again = Assert.Throws<InvalidOperationException>(() => _accounts.Add("someone", WebRoles.Auditor, "another password"));
        Assert.Equal("An account 'someone' exists already.", again.Message);
        Assert.Equal(WebRoles.PilotTeam, _store.Find("someone")!.Role);

        Assert.Throws<ArgumentException>("userName", () => _accounts.Add(string.Empty, WebRoles.Auditor, "twelve chars"));
        Assert.Throws<ArgumentNullException>("userName", () => _accounts.Add(null!, WebRoles.Auditor, "twelve chars"));
        Assert.Null(_store.Find(string.Empty));
        Assert.Throws<ArgumentNullException>("password", () => _accounts.Add("other", WebRoles.Auditor, null!));
        Assert.Throws<ArgumentNullException>("store", () => new WebAccounts(null!, TimeProvider.System));
        Assert.Throws<ArgumentNullException>("time", () => new WebAccounts(_store, null!));
    }

    [Fact]
    public void SignIn_AcceptsTheRightPasswordOnly_AndRefusesAnUnknownNameAlike()
    {
        _accounts.Add("officer", WebRoles.PrivacyOfficer, "correct horse battery");
        var stored = _store.Find("officer")!.PasswordHash;
        Assert.DoesNotContain("correct horse battery", stored, StringComparison.Ordinal);

        var (verdict, account) = _accounts.SignIn("officer", "correct horse battery");
        Assert.Equal(SignInVerdict.Accepted, verdict);
        Assert.Equal(WebRoles.PrivacyOfficer, account!.Role);

        Assert.Equal((SignInVerdict.Refused, (WebAccountRecord?)null), _accounts.SignIn("officer", "correct horse batterY"));
        Assert.Equal((SignInVerdict.Refused, (WebAccountRecord?)null), _accounts.SignIn("nobody", "correct horse battery"));
        Assert.Equal((SignInVerdict.Refused, (WebAccountRecord?)null), _accounts.SignIn("nobody", "decoy-password-never-valid"));
        Assert.Equal((SignInVerdict.Refused, (WebAccountRecord?)null), _accounts.SignIn(null, null));
        Assert.Equal((SignInVerdict.Refused, (WebAccountRecord?)null), _accounts.SignIn("officer", null));
        Assert.Equal(stored, _store.Find("officer")!.PasswordHash);
    }

    [Fact]
    public void APasswordInTheOlderHashFormat_IsUpgradedOnItsNextSignIn()
    {
        // ASP.NET Core Identity's version 2 format (PBKDF2 with SHA-1, 1,000 iterations), as an account made long ago.
        var old = new PasswordHasher<WebAccountRecord>(Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 }));
        var account = new WebAccountRecord("auditor", WebRoles.Auditor, string.Empty);
        Assert.True(_store.Add(account with { PasswordHash = old.HashPassword(account, "an old password") }, 0));

        Assert.Equal(SignInVerdict.Accepted, _accounts.SignIn("auditor", "an old password").Verdict);

        var upgraded = Convert.FromBase64String(_store.Find("auditor")!.PasswordHash);
        Assert.Equal(0x01, upgraded[0]); // version 3
        Assert.Equal(SignInVerdict.Accepted, _accounts.SignIn("auditor", "an old password").Verdict);
        Assert.Equal(SignInVerdict.Refused, _accounts.SignIn("auditor", "another password").Verdict);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
