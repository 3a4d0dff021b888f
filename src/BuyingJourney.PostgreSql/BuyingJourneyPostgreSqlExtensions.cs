using System;
using BuyingJourney.Persistence;
using BuyingJourney.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BuyingJourney;

/// <summary>Registers the PostgreSQL journey store on a <see cref="BuyingJourneyBuilder"/>.</summary>
public static class BuyingJourneyPostgreSqlExtensions
{
    /// <summary>
    /// Registers a <see cref="PostgreSqlJourneyStore"/> as the singleton <see cref="IJourneyStore"/> (replacing any
    /// registered before), also resolvable as <see cref="PostgreSqlJourneyStore"/> to call
    /// <see cref="PostgreSqlJourneyStore.MigrateAsync"/> at start-up. It uses a registered <see cref="TimeProvider"/>,
    /// or <see cref="TimeProvider.System"/>, and is disposed with the container.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddBuyingJourney</c>.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">The schema holding the tables (see <see cref="PostgreSqlJourneyStore"/>); default <c>buying_journey</c>.</param>
    /// <returns>The builder, to chain more registrations on.</returns>
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
        builder.Services.RemoveAll<PostgreSqlJourneyStore>();
        builder.Services.RemoveAll<IJourneyStore>();
        builder.Services.AddSingleton(provider => new PostgreSqlJourneyStore(connectionString, schema, provider.GetService<TimeProvider>()));
        builder.Services.AddSingleton<IJourneyStore>(provider => provider.GetRequiredService<PostgreSqlJourneyStore>());
        return builder;
    }
}
