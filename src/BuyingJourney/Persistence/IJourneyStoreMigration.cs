using System.Threading;
using System.Threading.Tasks;

namespace BuyingJourney.Persistence;

/// <summary>
/// A store whose schema can be created or brought up to date explicitly, before the first call needs it: at deployment,
/// or at host start-up (the hosting package's <c>MigrateOnStartup</c>). The built-in SQLite and PostgreSQL stores
/// implement it; the in-memory store has nothing to migrate.
/// </summary>
public interface IJourneyStoreMigration
{
    /// <summary>Creates the store's schema, or upgrades an older one in place; does nothing when it is current. Safe to run concurrently from several processes.</summary>
    /// <param name="cancellationToken">Cancels the migration; a partly run step is rolled back.</param>
    /// <returns>A task that ends when the schema is current.</returns>
    Task MigrateAsync(CancellationToken cancellationToken = default);
}
