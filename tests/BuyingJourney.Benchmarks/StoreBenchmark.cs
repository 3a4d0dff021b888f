using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BuyingJourney.PostgreSql;
using BuyingJourney.Signals;
using BuyingJourney.Sqlite;
using Npgsql;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// Batched appends (one <c>AppendAsync</c> of 100 signals per journey, one call after another) to
/// <see cref="SqliteJourneyStore"/> on a temporary file and to <see cref="PostgreSqlJourneyStore"/>, and the rebuild of
/// every journey from PostgreSQL (list, read back, <see cref="JourneyEngine.Replay"/>). One operation is one signal.
/// </summary>
/// <remarks>
/// <para>Each invocation appends <see cref="JourneyCount"/> new journeys under a tenant of its own, so the tables grow
/// during a run. PostgreSQL is the server named by <c>BUYINGJOURNEY_BENCH_POSTGRES</c> or a throw-away one (see
/// <see cref="PostgreSqlServer"/>); when it cannot be started, the PostgreSQL benchmarks fail in their setup with the
/// reason and show as NA, and the SQLite one still runs.</para>
/// </remarks>
[MemoryDiagnoser]
public class StoreBenchmark : IDisposable
{
    /// <summary>Journeys per invocation.</summary>
    public const int JourneyCount = 200;

    /// <summary>Signals per journey (and per append).</summary>
    public const int SignalsPerJourney = 100;

    private const int Signals = JourneyCount * SignalsPerJourney;
    private const string RebuildTenant = "rebuild";

    private JourneyEngine _engine = null!;
    private Signal[][] _journeys = null!;
    private SqliteJourneyStore? _sqlite;
    private string? _sqliteFile;
    private PostgreSqlServer? _server;
    private PostgreSqlJourneyStore? _postgreSql;
    private NpgsqlDataSource? _dataSource;
    private int _tenants;

    /// <summary>Builds the signals and a SQLite store on a temporary file.</summary>
    [GlobalSetup(Target = nameof(SqliteAppend))]
    public void SetupSqlite()
    {
        Generate();
        (_sqlite, _sqliteFile) = StoreWorkload.CreateSqliteStore();
    }

    /// <summary>Builds the signals, starts PostgreSQL and stores the journeys the rebuild reads.</summary>
    [GlobalSetup(Targets = [nameof(PostgreSqlAppend), nameof(PostgreSqlRebuild)])]
    public void SetupPostgreSql() => SetupPostgreSqlAsync().GetAwaiter().GetResult();

    /// <summary>Appends the journeys to SQLite under a new tenant.</summary>
    /// <returns>How many signals were stored.</returns>
    [Benchmark(OperationsPerInvoke = Signals)]
    public Task<long> SqliteAppend() => StoreWorkload.AppendAsync(_sqlite!, StoreWorkload.NewTenant("t", ref _tenants), _journeys);

    /// <summary>Appends the journeys to PostgreSQL under a new tenant.</summary>
    /// <returns>How many signals were stored.</returns>
    [Benchmark(OperationsPerInvoke = Signals)]
    public Task<long> PostgreSqlAppend() => StoreWorkload.AppendAsync(_postgreSql!, StoreWorkload.NewTenant("t", ref _tenants), _journeys);

    /// <summary>Reads every stored journey back from PostgreSQL and replays it.</summary>
    /// <returns>How many signals were replayed.</returns>
    [Benchmark(OperationsPerInvoke = Signals)]
    public Task<long> PostgreSqlRebuild() => StoreWorkload.RebuildAsync(_postgreSql!, RebuildTenant, _engine);

    /// <summary>Deletes the SQLite file and stops a throw-away PostgreSQL server.</summary>
    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    /// <inheritdoc />
    public void Dispose()
    {
        Cleanup();
        GC.SuppressFinalize(this);
    }

    private void Generate()
    {
        _engine = JourneyEngine.CreateDefault();
        _journeys = SignalGenerator.Generate(JourneyCount, SignalsPerJourney);
    }

    private async Task SetupPostgreSqlAsync()
    {
        Generate();
        try
        {
            _server = await PostgreSqlServer.StartAsync().ConfigureAwait(false);
            (_postgreSql, _dataSource) = await StoreWorkload.CreatePostgreSqlStoreAsync(_server).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or PlatformNotSupportedException or NpgsqlException or TimeoutException or ArgumentException)
        {
            Console.WriteLine($"// PostgreSQL benchmarks skipped: PostgreSQL could not be started or reached: {exception.Message}");
            throw;
        }

        Console.WriteLine("// PostgreSQL: " + _server.Description);
        await StoreWorkload.AppendAsync(_postgreSql, RebuildTenant, _journeys).ConfigureAwait(false);
    }

    private async Task CleanupAsync()
    {
        if (_sqliteFile is not null)
        {
            StoreWorkload.DeleteSqliteFile(_sqliteFile);
            _sqliteFile = null;
        }

        if (_postgreSql is not null && _dataSource is not null)
        {
            await StoreWorkload.DropPostgreSqlStoreAsync(_postgreSql, _dataSource).ConfigureAwait(false);
            _postgreSql = null;
            _dataSource = null;
        }

        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }
    }
}
