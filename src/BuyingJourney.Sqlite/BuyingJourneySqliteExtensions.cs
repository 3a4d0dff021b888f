using System;
using BuyingJourney.Persistence;
using BuyingJourney.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BuyingJourney;

/// <summary>Chooses the SQLite journey store on a <see cref="BuyingJourneyBuilder"/> (one of its store choices, beside <see cref="BuyingJourneyBuilder.UseInMemory"/> and PostgreSQL's <c>UsePostgreSql</c>).</summary>
public static class BuyingJourneySqliteExtensions
{
    /// <summary>
    /// Keeps the <see cref="JourneyService"/>'s journeys in a <see cref="SqliteJourneyStore"/>, registered as the
    /// singleton <see cref="IJourneyStore"/> (replacing any store registered or chosen before). The store stamps signals with a registered <see cref="TimeProvider"/>, or
    /// <see cref="TimeProvider.System"/>.
    /// </summary>
    /// <param name="builder">The builder returned by <see cref="BuyingJourneyServiceCollectionExtensions.AddBuyingJourney"/>.</param>
    /// <param name="connectionString">A connection string naming the database file, e.g. <c>"Data Source=journeys.db"</c>; checked now.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="connectionString"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is not one the store accepts (see <see cref="SqliteJourneyStore(string, TimeProvider?)"/>).</exception>
    public static BuyingJourneyBuilder UseSqlite(this BuyingJourneyBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        SqliteJourneyStore.ParseConnectionString(connectionString);
        return builder.UseStore(provider => new SqliteJourneyStore(connectionString, provider.GetService<TimeProvider>()));
    }
}
