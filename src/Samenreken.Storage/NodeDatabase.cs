using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Samenreken.Storage;

/// <summary>Which database engine a connection string names.</summary>
public enum DatabaseEngine
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// A node's database: SQLite by default (a file path or <c>Data Source=…</c>), PostgreSQL when the connection string
/// names a host (<c>Host=…</c>). The schema is created and migrated when it is opened. The SQL is the subset both
/// engines share (ON CONFLICT upserts, @parameters); only the binary column type differs.
/// </summary>
public sealed class NodeDatabase
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;

    private NodeDatabase(DatabaseEngine engine, string connectionString)
    {
        Engine = engine;
        _connectionString = connectionString;
        if (engine == DatabaseEngine.PostgreSql)
        {
            _postgres = NpgsqlDataSource.Create(connectionString);
        }
    }

    public DatabaseEngine Engine { get; }

    /// <summary>Opens (and creates or migrates) the database of <paramref name="connectionString"/> for <paramref name="store"/>, whose migrations are <paramref name="schema"/>.</summary>
    internal static NodeDatabase Open(string connectionString, string store, IReadOnlyList<string> schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(schema);
        var isPostgres = connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || connectionString.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
        var database = isPostgres
            ? new NodeDatabase(DatabaseEngine.PostgreSql, connectionString)
            : new NodeDatabase(DatabaseEngine.Sqlite, SqliteConnectionString(connectionString));
        database.Migrate(store, schema);
        return database;
    }

    internal DbConnection Connect()
    {
        if (_postgres is not null)
        {
            return _postgres.OpenConnection();
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // WAL lets the node's concurrent batches read while one writes; NORMAL sync is durable across a process kill.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction: all of it is stored, or none.</summary>
    internal T InTransaction<T>(Func<DbConnection, DbTransaction, T> work)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        var result = work(connection, transaction);
        transaction.Commit();
        return result;
    }

    internal void InTransaction(Action<DbConnection, DbTransaction> work)
        => InTransaction((c, t) =>
        {
            work(c, t);
            return 0;
        });

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    internal static int Execute(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    internal static void DropAll(string connectionString, IReadOnlyList<string> tables)
    {
        var database = new NodeDatabase(DatabaseEngine.PostgreSql, connectionString);
        using var connection = database.Connect();
        foreach (var table in tables)
        {
            Execute(connection, null, $"DROP TABLE IF EXISTS {table}");
        }
    }

    private static string SqliteConnectionString(string value)
        => value.Contains('=', StringComparison.Ordinal) ? value : new SqliteConnectionStringBuilder { DataSource = value, Pooling = true }.ToString();

    /// <summary>Applies the migrations not yet applied, each in its own transaction, recording the version reached.</summary>
    private void Migrate(string store, IReadOnlyList<string> schema)
    {
        var blob = Engine == DatabaseEngine.PostgreSql ? "BYTEA" : "BLOB";
        using var connection = Connect();
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (store TEXT PRIMARY KEY, version BIGINT NOT NULL)");
        using var read = Command(connection, null, "SELECT version FROM schema_version WHERE store = @store", ("@store", store));
        var current = read.ExecuteScalar() is { } v and not DBNull ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : 0;
        for (var version = current; version < schema.Count; version++)
        {
            using var transaction = connection.BeginTransaction();
            foreach (var statement in schema[version].Replace("{blob}", blob, StringComparison.Ordinal).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Execute(connection, transaction, statement);
            }

            Execute(
                connection,
                transaction,
                "INSERT INTO schema_version (store, version) VALUES (@store, @version) ON CONFLICT (store) DO UPDATE SET version = excluded.version",
                ("@store", store),
                ("@version", (long)(version + 1)));
            transaction.Commit();
        }
    }
}
