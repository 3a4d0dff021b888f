using System;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace BuyingJourney.PostgreSql.Tests.Support;

/// <summary>The test server itself: running, reachable on loopback, each class database its own, and dropped afterwards.</summary>
public sealed class PostgreSqlServerTests(PostgreSqlServer server)
{
    [Fact]
    public async Task Server_Started_AnswersOnLoopbackWithUtf8()
    {
        await server.StartAsync();
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT current_setting('server_version_num')::int, pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));

        Assert.True(reader.GetInt32(0) >= 120000, $"server version {reader.GetInt32(0)}");
        Assert.Equal("UTF8", reader.GetString(1));
        TestContext.Current.TestOutputHelper?.WriteLine($"PostgreSQL {reader.GetInt32(0)}: install {server.InstallTime.TotalSeconds:F1} s, initdb and start {server.StartTime.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task CreateDatabaseAsync_TwoCalls_GiveTwoEmptyDatabases()
    {
        var first = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));
        var second = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));
        try
        {
            Assert.NotEqual(first.Database, second.Database);
            await using var connection = new NpgsqlConnection(first.ConnectionString);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')", connection);
            Assert.Equal(0L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            await server.DropDatabaseAsync(first.ConnectionString, TestContext.Current.CancellationToken);
            await server.DropDatabaseAsync(second.ConnectionString, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task DropDatabaseAsync_ADatabaseWithAnOpenSession_IsGone()
    {
        var database = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken)) { Pooling = false };
        await using var session = new NpgsqlConnection(database.ConnectionString);
        await session.OpenAsync(TestContext.Current.CancellationToken);

        await server.DropDatabaseAsync(database.ConnectionString, TestContext.Current.CancellationToken);

        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database.Database! } } };
        Assert.Equal(0L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
