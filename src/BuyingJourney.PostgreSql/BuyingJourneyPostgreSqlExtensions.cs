using System;
using BuyingJourney.Persistence;
using BuyingJourney.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BuyingJourney;

/// <summary>Chooses the PostgreSQL journey store on a <see cref="BuyingJourneyBuilder"/> (one of its store choices, beside <see cref="BuyingJourneyBuilder.UseInMemory"/> and SQLite's <c>UseSqlite</c>).</summary>
public static class BuyingJourneyPostgreSqlExtensions
{
    /// <summary>
    /// Keeps the <see cref="JourneyService"/>'s journeys in a <see cref="PostgreSqlJourneyStore"/>, registered as the
    /// singleton <see cref="IJourneyStore"/> (replacing any store registered or chosen before), also resolvable as <see cref="PostgreSqlJourneyStore"/> to call
    /// <see cref="PostgreSqlJourneyStore.MigrateAsync"/> at start-up. It uses a registered <see cref="TimeProvider"/>,
    /// or <see cref="TimeProvider.System"/>, and is disposed with the container.
    /// </summary>
    /// <param name="builder">The builder returned by <see cref="BuyingJourneyServiceCollectionExtensions.AddBuyingJourney"/>.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">The schema holding the tables (see <see cref="PostgreSqlJourneyStore"/>); default <c>buying_journey</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The connection string is blank, or the schema is not a plain identifier.</exception>
    public static BuyingJourneyBuilder UsePostgreSql(this BuyingJourneyBuilder builder, string connectionString, string schema = PostgreSqlJourneyStore.DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connectionString);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("connectionString must not be empty or whitespace.", nameof(connectionString));
        }

        PostgreSqlJourneyStore.ValidateSchema(schema);
        return builder.UseStore(provider => new PostgreSqlJourneyStore(connectionString, schema, provider.GetService<TimeProvider>()));
    }

    /// <summary>
    /// Keeps the <see cref="JourneyService"/>'s journeys in a <see cref="PostgreSqlJourneyStore"/> on the
    /// <see cref="NpgsqlDataSource"/> registered in the container (for example by Npgsql's <c>AddNpgsqlDataSource</c>),
    /// so the application's connection pool, credentials and logging serve the journeys too. Registered as
    /// <see cref="UsePostgreSql"/> registers its store (the singleton <see cref="IJourneyStore"/>, also resolvable as
    /// <see cref="PostgreSqlJourneyStore"/>); the data source stays the container's: the store does not dispose it.
    /// </summary>
    /// <param name="builder">The builder returned by <see cref="BuyingJourneyServiceCollectionExtensions.AddBuyingJourney"/>.</param>
    /// <param name="schema">The schema holding the tables (see <see cref="PostgreSqlJourneyStore"/>); default <c>buying_journey</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The schema is not a plain identifier.</exception>
    /// <remarks>Resolving the store without a registered <see cref="NpgsqlDataSource"/> throws an <see cref="InvalidOperationException"/> that says so.</remarks>
    public static BuyingJourneyBuilder UsePostgreSqlDataSource(this BuyingJourneyBuilder builder, string schema = PostgreSqlJourneyStore.DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(builder);
        PostgreSqlJourneyStore.ValidateSchema(schema);
        return builder.UseStore(provider => new PostgreSqlJourneyStore(
            provider.GetService<NpgsqlDataSource>()
                ?? throw new InvalidOperationException("UsePostgreSqlDataSource keeps journeys on the NpgsqlDataSource registered in the container, and none is registered: register one (for example with AddNpgsqlDataSource), or give UsePostgreSql a connection string."),
            schema,
            provider.GetService<TimeProvider>()));
    }
}
