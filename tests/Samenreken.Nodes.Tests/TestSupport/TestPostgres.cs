using System.Diagnostics;
using Npgsql;

namespace Samenreken.Nodes.Tests.TestSupport;

/// <summary>
/// The PostgreSQL server the tests run against: the Npgsql connection string in <see cref="Variable"/> (.ci/run
/// exports it). Under CI a missing variable fails every test that asks, with a message saying why, instead of
/// skipping; locally a server is started with tools/postgres/start-local.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "SAMENREKEN_TEST_POSTGRES";

    private static readonly Lazy<string> s_connectionString = new(() => Resolve(Environment.GetEnvironmentVariable, StartLocalServer));

    /// <summary>The server's connection string (its test database). Throws when there is no server.</summary>
    public static string ConnectionString => s_connectionString.Value;

    /// <summary>A fresh, empty database of its own for one test, dropped on dispose.</summary>
    public static async Task<PostgresTestDatabase> CreateDatabaseAsync()
    {
        var name = "samenreken_t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new PostgresTestDatabase(name, new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString);
    }

    /// <summary>The variable if set; else a failure under CI; else a local server.</summary>
    internal static string Resolve(Func<string, string?> environment, Func<string> startLocalServer)
    {
        if (environment(Variable) is { Length: > 0 } configured)
        {
            return configured;
        }

        if (string.Equals(environment("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set, but CI=true: .ci/run must start PostgreSQL 15 and export {Variable} "
                + "(see tools/postgres/start-local). The PostgreSQL tests do not skip.");
        }

        return startLocalServer();
    }

    /// <summary>The connection string from the <c>export NAME='…'</c> line tools/postgres/start-local prints.</summary>
    internal static string ParseExportLine(string output)
    {
        var prefix = $"export {Variable}='";
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.EndsWith('\''))
            ?? throw new InvalidOperationException($"tools/postgres/start-local printed no '{prefix}…' line: {output}");
        return line[prefix.Length..^1];
    }

    private static string StartLocalServer()
    {
        var script = Path.Combine(RepositoryRoot(), "tools", "postgres", "start-local");
        using var process = Process.Start(new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"Could not run {script}.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Variable} is not set and {script} failed ({process.ExitCode}): {error.Result}");
        }

        return ParseExportLine(output);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Samenreken.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"{Variable} is not set and no Samenreken.slnx above {AppContext.BaseDirectory} to find tools/postgres/start-local.");
    }
}

/// <summary>One test's database on the test server; disposing drops it (closing any connection still open).</summary>
internal sealed class PostgresTestDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await DropAsync(TestPostgres.ConnectionString, Name);
    }

    /// <summary>
    /// Drops a test database, closing its connections. An autovacuum worker in it belongs to the server, not to the
    /// test role, so the drop is refused (42501) until the worker is done: retried a few times, then left to the
    /// throw-away server rather than failing the test that used it.
    /// </summary>
    public static async Task DropAsync(string adminConnectionString, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(adminConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                if (attempt == 10)
                {
                    return;
                }

                await Task.Delay(200);
            }
        }
    }
}
