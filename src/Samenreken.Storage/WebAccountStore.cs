namespace Samenreken.Storage;

/// <summary>One account of a node's web interface: its role and its password hash (never the password).</summary>
public sealed record WebAccountRecord(string UserName, string Role, string PasswordHash);

/// <summary>One page view of personal data: who, in which role, which page and which subject (a run id, never a BSN).</summary>
public sealed record PageViewRecord(long AtUnixSeconds, string UserName, string Role, string Page, string Subject);

/// <summary>
/// The accounts of a node's web interface and the record of their views of personal data, in the node's own database
/// (SQLite or PostgreSQL, as <see cref="NodeDatabase"/>). Hashes are opaque strings: the web layer hashes.
/// </summary>
public sealed class WebAccountStore
{
    internal static readonly string[] Tables = ["web_accounts", "web_page_views"];

    private static readonly string[] s_schema =
    [
        """
        CREATE TABLE IF NOT EXISTS web_accounts (user_name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, created BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS web_page_views (at BIGINT NOT NULL, user_name TEXT NOT NULL, role TEXT NOT NULL, page TEXT NOT NULL, subject TEXT NOT NULL)
        """,
    ];

    private readonly NodeDatabase _database;

    private WebAccountStore(NodeDatabase database)
    {
        _database = database;
    }

    public DatabaseEngine Engine => _database.Engine;

    public static WebAccountStore Open(string connectionString) => new(NodeDatabase.Open(connectionString, "web", s_schema));

    /// <summary>Adds an account; false (and nothing stored) when the user name exists already.</summary>
    public bool Add(WebAccountRecord account, long createdUnixSeconds)
    {
        ArgumentNullException.ThrowIfNull(account);
        return _database.InTransaction((c, t) => NodeDatabase.Execute(
            c,
            t,
            "INSERT INTO web_accounts (user_name, role, password_hash, created) VALUES (@user, @role, @hash, @created) ON CONFLICT (user_name) DO NOTHING",
            ("@user", account.UserName),
            ("@role", account.Role),
            ("@hash", account.PasswordHash),
            ("@created", createdUnixSeconds))) == 1;
    }

    public WebAccountRecord? Find(string userName)
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT user_name, role, password_hash FROM web_accounts WHERE user_name = @user", ("@user", userName));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new WebAccountRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    /// <summary>Replaces an account's hash (a rehash after the hasher's format moved on).</summary>
    public void UpdateHash(string userName, string passwordHash)
        => _database.InTransaction((c, t) => NodeDatabase.Execute(
            c, t, "UPDATE web_accounts SET password_hash = @hash WHERE user_name = @user", ("@user", userName), ("@hash", passwordHash)));

    /// <summary>Records a view of personal data; the page is not shown unless this succeeds.</summary>
    public void RecordView(PageViewRecord view)
    {
        ArgumentNullException.ThrowIfNull(view);
        _database.InTransaction((c, t) => NodeDatabase.Execute(
            c,
            t,
            "INSERT INTO web_page_views (at, user_name, role, page, subject) VALUES (@at, @user, @role, @page, @subject)",
            ("@at", view.AtUnixSeconds),
            ("@user", view.UserName),
            ("@role", view.Role),
            ("@page", view.Page),
            ("@subject", view.Subject)));
    }

    /// <summary>The recorded views, oldest first.</summary>
    public IReadOnlyList<PageViewRecord> Views()
    {
        using var connection = _database.Connect();
        using var command = NodeDatabase.Command(connection, null, "SELECT at, user_name, role, page, subject FROM web_page_views ORDER BY at, user_name");
        using var reader = command.ExecuteReader();
        var views = new List<PageViewRecord>();
        while (reader.Read())
        {
            views.Add(new PageViewRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return views;
    }
}
