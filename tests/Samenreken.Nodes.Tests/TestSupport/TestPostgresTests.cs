using Npgsql;

namespace Samenreken.Nodes.Tests.TestSupport;

public sealed class TestPostgresTests
{
    private static string NoLocalServer() => throw new InvalidOperationException("must not be started");

    [Fact]
    public void InCi_WithoutTheVariable_FailsWithAMessageNamingIt()
    {
        var environment = new Dictionary<string, string?> { ["CI"] = "true" };

        var exception = Assert.Throws<InvalidOperationException>(() => TestPostgres.Resolve(name => environment.GetValueOrDefault(name), NoLocalServer));

        Assert.Contains(TestPostgres.Variable, exception.Message, StringComparison.Ordinal);
        Assert.Contains(".ci/run", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheVariable_WinsInCiAndLocally_AndOnlyLocallyIsAServerStartedWithoutIt()
    {
        var configured = new Dictionary<string, string?> { ["CI"] = "true", [TestPostgres.Variable] = "Host=127.0.0.1;Port=1" };
        Assert.Equal("Host=127.0.0.1;Port=1", TestPostgres.Resolve(name => configured.GetValueOrDefault(name), NoLocalServer));
        Assert.Equal("started", TestPostgres.Resolve(_ => null, () => "started"));
    }

    [Fact]
    public void TheStartScriptsExportLine_IsParsed()
    {
        const string output = "PostgreSQL 15 on 127.0.0.1:5433\nexport SAMENREKEN_TEST_POSTGRES='Host=127.0.0.1;Port=5433;Password=x'\n";
        Assert.Equal("Host=127.0.0.1;Port=5433;Password=x", TestPostgres.ParseExportLine(output));
        Assert.Throws<InvalidOperationException>(() => TestPostgres.ParseExportLine("server started\n"));
    }

    [Fact]
    public async Task TheServer_GivesEachTestAnEmptyDatabaseOfItsOwn_DroppedAfterwards()
    {
        string name;
        await using (var database = await TestPostgres.CreateDatabaseAsync())
        {
            name = database.Name;
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "CREATE TABLE probe (id int PRIMARY KEY); INSERT INTO probe VALUES (1); SELECT current_database() || ':' || (SELECT count(*) FROM probe)", connection);
            Assert.Equal($"{name}:1", await command.ExecuteScalarAsync());
        }

        await using var server = new NpgsqlConnection(TestPostgres.ConnectionString);
        await server.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", server);
        exists.Parameters.AddWithValue("name", name);
        Assert.Equal(0L, await exists.ExecuteScalarAsync());
    }
}
