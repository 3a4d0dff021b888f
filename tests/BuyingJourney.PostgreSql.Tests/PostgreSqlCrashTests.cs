using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.PostgreSql.Tests.Support;
using BuyingJourney.Testing;
using Xunit;

namespace BuyingJourney.PostgreSql.Tests;

/// <summary>The packaged crash suite over PostgreSQL: the writer process appends in a fresh, migrated schema and is killed mid-batch.</summary>
public sealed class PostgreSqlCrashTests(PostgreSqlDatabase database) : JourneyStoreCrashSuite, IClassFixture<PostgreSqlDatabase>
{
    private string? _schema;

    private string ApplicationName => "crash-writer-" + Schema;

    /// <summary>This test's schema, made and migrated on first use.</summary>
    private string Schema
    {
        get
        {
            if (_schema is null)
            {
                var schema = database.NewSchema();
                database.CreateStore(schema: schema).MigrateAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
                _schema = schema;
            }

            return _schema;
        }
    }

    /// <inheritdoc />
    protected override ProcessStartInfo CreateWriterStartInfo(string tenant, string journeyId, int batchSize)
        => CrashWriterProcess.StartInfo("postgresql", database.ConnectionStringFor(ApplicationName), tenant, journeyId, batchSize.ToString(CultureInfo.InvariantCulture), Schema);

    /// <inheritdoc />
    protected override IJourneyStore OpenStore() => database.CreateStore(schema: Schema);

    /// <summary>
    /// A writer killed after sending a whole batch has not seen it acknowledged, but its server session still commits
    /// it: the store is only settled once that session has ended.
    /// </summary>
    protected override Task WaitForWriterSessionsToEndAsync(CancellationToken cancellationToken)
        => database.WaitForSessionsToEndAsync(ApplicationName, TimeSpan.FromSeconds(30));
}
