using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Assessment;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using BuyingJourney.Sqlite;
using BuyingJourney.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace BuyingJourney.Orleans.Tests;

/// <summary>
/// The shared journey-service suite with every call through the three-silo cluster: records and reads of now go to the
/// journeys' grains, which use the test's service on its SQLite store (a temp file).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class SqliteClusterServiceSuiteTests(ClusterFixture cluster) : JourneyServiceSuite, IDisposable
{
    private readonly List<string> _files = [];

    protected override IJourneyStore CreateStore()
    {
        var path = Path.Combine(Path.GetTempPath(), $"buyingjourney-orleans-{Guid.NewGuid():N}.db");
        _files.Add(path);
        return new SqliteJourneyStore(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
    }

    protected override int ManyWritersSignalCount => 1_000;

    protected override IJourneyServiceCalls Service(IJourneyStore store, int snapshotEvery = 100, JourneyEngine? engine = null)
        => ClusterCalls.Through(cluster, CreateService(store, snapshotEvery, engine));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in _files)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(file + suffix);
            }
        }
    }
}

/// <summary>
/// The shared journey-service suite through the three-silo cluster on PostgreSQL: each store in a fresh, migrated schema
/// of a throw-away server's database.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class PostgreSqlClusterServiceSuiteTests(ClusterFixture cluster, ClusterPostgreSql postgreSql) : JourneyServiceSuite
{
    protected override IJourneyStore CreateStore() => postgreSql.CreateMigratedStore();

    protected override int ManyWritersSignalCount => 1_000;

    protected override IJourneyServiceCalls Service(IJourneyStore store, int snapshotEvery = 100, JourneyEngine? engine = null)
        => ClusterCalls.Through(cluster, CreateService(store, snapshotEvery, engine));
}

/// <summary>The suite's calls through a cluster whose silos use <paramref name="service"/>.</summary>
internal sealed class ClusterCalls(JourneyCluster front, JourneyService service) : IJourneyServiceCalls
{
    /// <summary>Points the silos at <paramref name="service"/> (every grain deactivated, so none keeps an earlier test's state) and returns its calls.</summary>
    public static ClusterCalls Through(ClusterFixture cluster, JourneyService service)
    {
        ClusterFixture.Service = service;
        cluster.DeactivateAllAsync().GetAwaiter().GetResult();
        return new ClusterCalls(cluster.Front(service), service);
    }

    public Task<RecordResult> RecordAsync(string tenant, IEnumerable<Signal> signals, CancellationToken cancellationToken = default)
        => front.RecordAsync(tenant, signals, cancellationToken);

    public Task<JourneyAssessment> GetAsync(string tenant, string journeyId, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
        => front.GetAsync(tenant, journeyId, asOf, cancellationToken);

    public Task<JourneyAssessment> GetAtVersionAsync(string tenant, string journeyId, long version, CancellationToken cancellationToken = default)
        => service.GetAtVersionAsync(tenant, journeyId, version, cancellationToken);
}
