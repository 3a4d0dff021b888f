using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.PostgreSql;
using BuyingJourney.Sqlite;
using Microsoft.Data.Sqlite;

namespace BuyingJourney.Cli;

/// <summary>The store options every command shares (<c>--db</c>, <c>--postgres</c>, <c>--tenant</c>), and the store they open.</summary>
internal static class StoreOptions
{
    /// <summary>The SQLite file used when neither <c>--db</c> nor <c>--postgres</c> is given, in the working folder.</summary>
    public const string DefaultDatabase = "buyingjourney.db";

    /// <summary>The tenant used when <c>--tenant</c> is not given.</summary>
    public const string DefaultTenant = "default";

    public static readonly OptionSpec[] Options =
    [
        new("db", "FILE", $"The embedded SQLite database file (default: {DefaultDatabase} in the current folder)."),
        new("postgres", "CONNECTION", "A PostgreSQL connection string, instead of --db, e.g. \"Host=db;Database=crm;Username=bj;Password=...\"."),
        new("tenant", "ID", $"The tenant the journeys belong to (default: {DefaultTenant})."),
    ];

    public static string Tenant(ParsedArguments args) => args.Value("tenant") ?? DefaultTenant;

    /// <summary>Opens the store; <paramref name="create"/> false refuses a SQLite file that does not exist (nothing was imported there).</summary>
    public static async Task<OpenStore> OpenAsync(ParsedArguments args, CliConsole console, bool create, CancellationToken cancellationToken)
    {
        var postgres = args.Value("postgres");
        var db = args.Value("db");
        if (postgres is not null && db is not null)
        {
            throw new UsageException("give --db or --postgres, not both.");
        }

        if (postgres is not null)
        {
            PostgreSqlJourneyStore store;
            try
            {
                store = new PostgreSqlJourneyStore(postgres);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--postgres is not a valid connection string: {e.Message}");
            }

            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return new OpenStore(store, "PostgreSQL", store);
        }

        var path = console.PathOf(db ?? DefaultDatabase);
        if (!create && !File.Exists(path))
        {
            throw new InputException($"there is no database at {path}; import an export first (buyingjourney import --help), or give the file with --db.");
        }

        var sqlite = new SqliteJourneyStore(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
        return new OpenStore(sqlite, path, null);
    }
}

/// <summary>An open store, what to call it in messages, and what to dispose.</summary>
internal sealed class OpenStore(IJourneyStore store, string description, IAsyncDisposable? owner) : IAsyncDisposable
{
    public IJourneyStore Store { get; } = store;

    public string Description { get; } = description;

    public ValueTask DisposeAsync()
    {
        if (owner is not null)
        {
            return owner.DisposeAsync();
        }

        // SQLite: release the pooled connections, so the file is not held open after the command.
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
