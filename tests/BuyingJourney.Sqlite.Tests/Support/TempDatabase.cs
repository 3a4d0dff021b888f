using System;
using System.IO;
using Microsoft.Data.Sqlite;

namespace BuyingJourney.Sqlite.Tests.Support;

/// <summary>A fresh database file under the temp folder, deleted (with its -wal, -shm and -journal files) on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"buyingjourney-sqlite-{Guid.NewGuid():N}.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>A connection string naming <see cref="Path"/>.</summary>
    public string ConnectionString { get; }

    /// <summary>A new store on this file.</summary>
    public SqliteJourneyStore CreateStore(TimeProvider? timeProvider = null) => new(ConnectionString, timeProvider);

    /// <summary>An open connection to the file, for looking under the store.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs one statement and returns the first column of the first row.</summary>
    public object? Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(Path + suffix);
            }
            catch (IOException)
            {
                // Best effort: a file still open elsewhere is left for the OS to clean.
            }
        }
    }
}
