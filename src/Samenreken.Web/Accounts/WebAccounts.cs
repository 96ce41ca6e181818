using Microsoft.AspNetCore.Identity;
using Samenreken.Storage;

namespace Samenreken.Web.Accounts;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInVerdict
{
    Refused,
    Accepted,
}

/// <summary>
/// The accounts of a node's web interface in its own database, with passwords hashed by ASP.NET Core Identity's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2, per-account salt, versioned format). <c>samenreken users add</c> and
/// the login page both go through here.
/// </summary>
public sealed class WebAccounts
{
    /// <summary>Shorter passwords are refused: the accounts guard personal data.</summary>
    public const int MinimumPasswordLength = 12;

    private static readonly PasswordHasher<WebAccountRecord> s_hasher = new();

    // PasswordHasher does not read the user: this record stands in for every account.
    // Stryker disable once String : no text of it is read
    private static readonly WebAccountRecord s_nobody = new(string.Empty, string.Empty, string.Empty);

    // Verified against when the user name is unknown, so an unknown name costs the same time as a wrong password.
    // Stryker disable once String : its password is never compared with anything (an unknown name is refused whatever was typed)
    private static readonly string s_decoyHash = s_hasher.HashPassword(s_nobody, "decoy-password-never-valid");

    private readonly WebAccountStore _store;
    private readonly TimeProvider _time;

    public WebAccounts(WebAccountStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _time = time;
    }

    /// <summary>Creates an account; throws <see cref="ArgumentException"/> naming what is wrong, <see cref="InvalidOperationException"/> when the name exists.</summary>
    public void Add(string userName, string role, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentNullException.ThrowIfNull(password);
        if (userName.Length > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException("A user name is 1 to 64 letters, digits, '-', '_' or '.'.", nameof(userName));
        }

        if (!WebRoles.All.Contains(role, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown role '{role}'; one of: {string.Join(", ", WebRoles.All)}.", nameof(role));
        }

        if (password.Length < MinimumPasswordLength)
        {
            throw new ArgumentException($"A password has at least {MinimumPasswordLength} characters.", nameof(password));
        }

        if (!_store.Add(new WebAccountRecord(userName, role, s_hasher.HashPassword(s_nobody, password)), _time.GetUtcNow().ToUnixTimeSeconds()))
        {
            throw new InvalidOperationException($"An account '{userName}' exists already.");
        }
    }

    /// <summary>Checks a password; returns the account when it matches (rehashing it if the format moved on).</summary>
    public (SignInVerdict Verdict, WebAccountRecord? Account) SignIn(string? userName, string? password)
    {
        var account = string.IsNullOrEmpty(userName) ? null : _store.Find(userName);
        var result = s_hasher.VerifyHashedPassword(s_nobody, account?.PasswordHash ?? s_decoyHash, password ?? string.Empty);
        if (account is null || result == PasswordVerificationResult.Failed)
        {
            return (SignInVerdict.Refused, null);
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            _store.UpdateHash(account.UserName, s_hasher.HashPassword(s_nobody, password!));
        }

        return (SignInVerdict.Accepted, account);
    }
}
