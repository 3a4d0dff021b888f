using System;
using System.IO;
using System.Threading.Tasks;
using BuyingJourney.Import.Mapping;
using BuyingJourney.Persistence;
using BuyingJourney.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.Import.Tests;

/// <summary>A journey service over a fresh store (in memory, or SQLite on a temp file deleted on dispose), its clock at 2026-06-01.</summary>
internal sealed class Stores : IAsyncDisposable
{
    public const string Tenant = "tenant-1";

    public static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly string? _file;

    private Stores(string kind)
    {
        Clock = new FakeTimeProvider(Now);
        if (kind == "sqlite")
        {
            _file = Path.Combine(Path.GetTempPath(), $"buyingjourney-import-{Guid.NewGuid():N}.db");
            Store = new SqliteJourneyStore($"Data Source={_file}", Clock);
        }
        else
        {
            Store = new InMemoryJourneyStore(Clock);
        }

        Engine = JourneyEngine.CreateDefault();
        Service = new JourneyService(Engine, Store, timeProvider: Clock);
    }

    public FakeTimeProvider Clock { get; }

    public IJourneyStore Store { get; }

    public JourneyEngine Engine { get; }

    public JourneyService Service { get; }

    public static Stores Create(string kind) => new(kind);

    public CrmImporter Importer(CrmMapping mapping) => new(Service, mapping);

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    public ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_file + suffix);
            }
        }

        return ValueTask.CompletedTask;
    }
}
