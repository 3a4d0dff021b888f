using System;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.PostgreSql.Tests.Support;
using BuyingJourney.Signals;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.PostgreSql.Tests;

/// <summary>Registering the PostgreSQL store with dependency injection.</summary>
public sealed class BuyingJourneyPostgreSqlExtensionsTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UsePostgreSql_RegistersOneSingletonStoreUsingTheRegisteredClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var schema = database.NewSchema();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddBuyingJourney().UsePostgreSql(database.ConnectionString, schema);

        await using (var provider = services.BuildServiceProvider())
        {
            var store = Assert.IsType<PostgreSqlJourneyStore>(provider.GetRequiredService<IJourneyStore>());
            Assert.Same(store, provider.GetRequiredService<PostgreSqlJourneyStore>());
            Assert.Same(store, provider.GetRequiredService<IJourneyStore>());
            Assert.Single(services, d => d.ServiceType == typeof(IJourneyStore));
            Assert.Equal(schema, store.Schema);

            await store.MigrateAsync(Ct);
            await store.AppendAsync("t1", "j", 0, [new Signal("a", "j", clock.GetUtcNow().AddDays(-1), SignalTypes.ProblemStated)], cancellationToken: Ct);
            Assert.Equal(clock.GetUtcNow(), Assert.Single(await store.ReadAsync("t1", "j", cancellationToken: Ct)).RecordedAt);
        }

        // The container disposed the store (and its own data source) once or more without failing; the rows stay.
        await using var check = new PostgreSqlJourneyStore(database.DataSource, schema);
        Assert.Equal(1, await check.GetVersionAsync("t1", "j", Ct));
    }

    [Fact]
    public void UsePostgreSql_CalledTwice_KeepsTheLastRegistrationOnly()
    {
        var services = new ServiceCollection();
        services.AddBuyingJourney().UsePostgreSql(database.ConnectionString, "first").UsePostgreSql(database.ConnectionString, "second");

        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(IJourneyStore));
        Assert.Single(services, d => d.ServiceType == typeof(PostgreSqlJourneyStore));
        Assert.Equal("second", Assert.IsType<PostgreSqlJourneyStore>(provider.GetRequiredService<IJourneyStore>()).Schema);
    }

    [Fact]
    public void UsePostgreSql_DefaultSchema_IsBuyingJourney()
    {
        var services = new ServiceCollection();
        services.AddBuyingJourney().UsePostgreSql(database.ConnectionString);

        using var provider = services.BuildServiceProvider();

        Assert.Equal("buying_journey", provider.GetRequiredService<PostgreSqlJourneyStore>().Schema);
    }

    [Fact]
    public void UsePostgreSql_BadArguments_ThrowAtRegistration()
    {
        var builder = new ServiceCollection().AddBuyingJourney();

        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => ((BuyingJourneyBuilder)null!).UsePostgreSql("Host=x")).ParamName);
        Assert.Equal("connectionString", Assert.Throws<ArgumentNullException>(() => builder.UsePostgreSql(null!)).ParamName);
        Assert.Equal("connectionString", Assert.Throws<ArgumentException>(() => builder.UsePostgreSql(" ")).ParamName);
        Assert.Equal("schema", Assert.Throws<ArgumentException>(() => builder.UsePostgreSql("Host=x", "Bad-Schema")).ParamName);
        Assert.Equal("schema", Assert.Throws<ArgumentNullException>(() => builder.UsePostgreSql("Host=x", null!)).ParamName);
    }

    [Fact]
    public async Task UsePostgreSqlDataSource_KeepsJourneysOnTheRegisteredDataSource_AndLeavesItToTheContainer()
    {
        var schema = database.NewSchema();
        var services = new ServiceCollection();
        // The application's own data source, told apart on the server by its application name.
        var application = "bj-" + Guid.NewGuid().ToString("N");
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = application }.ConnectionString);
        services.AddSingleton(dataSource);
        services.AddBuyingJourney().UsePostgreSqlDataSource(schema);

        await using (var provider = services.BuildServiceProvider())
        {
            var store = Assert.IsType<PostgreSqlJourneyStore>(provider.GetRequiredService<IJourneyStore>());
            Assert.Same(store, provider.GetRequiredService<PostgreSqlJourneyStore>());
            Assert.Equal(schema, store.Schema);
            await store.MigrateAsync(Ct);
            var service = provider.GetRequiredService<JourneyService>();
            await service.RecordAsync("t1", [new Signal("a", "j", DateTimeOffset.UtcNow.AddDays(-1), SignalTypes.ProblemStated)], Ct);

            // The store's connections came from the registered data source's pool (they stay open, idle, in it).
            await using (var count = database.DataSource.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1"))
            {
                count.Parameters.AddWithValue(application);
                Assert.True((long)(await count.ExecuteScalarAsync(Ct))! > 0);
            }

            // Disposing the store leaves the registered data source working.
            await store.DisposeAsync();
            await using var connection = await dataSource.OpenConnectionAsync(Ct);
            Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        }

        // The rows are in the database the data source points at.
        await using var check = new PostgreSqlJourneyStore(database.DataSource, schema);
        Assert.Equal(1, await check.GetVersionAsync("t1", "j", Ct));
    }

    [Fact]
    public void UsePostgreSqlDataSource_NoDataSourceRegistered_ThrowsSayingSoWhenTheStoreIsResolved()
    {
        var services = new ServiceCollection();
        services.AddBuyingJourney().UsePostgreSqlDataSource();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IJourneyStore>());

        Assert.Contains("NpgsqlDataSource", ex.Message, StringComparison.Ordinal);
        Assert.Contains("none is registered", ex.Message, StringComparison.Ordinal);
        Assert.Equal("schema", Assert.Throws<ArgumentException>(() => services.AddBuyingJourney().UsePostgreSqlDataSource("Bad-Schema")).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => ((BuyingJourneyBuilder)null!).UsePostgreSqlDataSource()).ParamName);
    }
}
