using Npgsql;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>
/// The databases the node tests run against: a fresh SQLite file, or a fresh database on the PostgreSQL server named
/// by SAMENREKEN_TEST_POSTGRES (.ci/run starts one). Without that server the PostgreSQL tests fail: they never skip.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SAMENREKEN_TEST_POSTGRES";

    private readonly string? _adminConnectionString;
    private readonly string? _name;

    private TestDatabase(string connectionString, string? adminConnectionString, string? name)
    {
        ConnectionString = connectionString;
        _adminConnectionString = adminConnectionString;
        _name = name;
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string engine, string directory)
    {
        if (engine == "sqlite")
        {
            return new TestDatabase(Path.Combine(directory, Guid.NewGuid().ToString("N") + ".db"), null, null);
        }

        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        Assert.False(string.IsNullOrEmpty(admin), $"{PostgresVariable} names no PostgreSQL server (see .ci/run and tools/postgres/start-local).");
        var name = "nodes_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_adminConnectionString is null)
        {
            return;
        }

        await TestSupport.PostgresTestDatabase.DropAsync(_adminConnectionString, _name!);
    }
}
