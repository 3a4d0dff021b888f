using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using BuyingJourney.Sqlite;

namespace BuyingJourney.Testing.Tests.Stores;

/// <summary>
/// The writer process of <see cref="JourneyStoreCrashSuiteTests"/>: this test executable started again with
/// <see cref="Argument"/>, running <see cref="JourneyStoreCrashWriter.RunAsync"/> on a SQLite file through the store
/// named: the SQLite store itself, or one of the broken ones below.
/// </summary>
internal static class CrashWriterChild
{
    /// <summary>The first argument that makes the test executable the writer.</summary>
    public const string Argument = "--crash-writer";

    /// <summary>The SQLite store, unbroken.</summary>
    public const string Sqlite = "sqlite";

    /// <summary><see cref="AcknowledgesWhatItKeepsInMemory"/> over SQLite.</summary>
    public const string WriteBehind = "write-behind";

    /// <summary><see cref="AppendsSignalBySignal"/> over SQLite.</summary>
    public const string SignalBySignal = "signal-by-signal";

    /// <summary>How to start the writer: <c>dotnet</c> this executable with the store, file, tenant, journey and batch size.</summary>
    public static ProcessStartInfo StartInfo(string store, string connectionString, string tenant, string journeyId, int batchSize)
    {
        var start = new ProcessStartInfo("dotnet");
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "BuyingJourney.Testing.Tests.dll"), Argument, store, connectionString, tenant, journeyId, batchSize.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Runs the writer until it is killed; 2 for bad arguments.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var kind, var connectionString, var tenant, var journey, var size] || !int.TryParse(size, CultureInfo.InvariantCulture, out var batchSize))
        {
            await Console.Error.WriteLineAsync($"usage: {Argument} {Sqlite}|{WriteBehind}|{SignalBySignal} <connection string> <tenant> <journey> <batch size>");
            return 2;
        }

        var sqlite = new SqliteJourneyStore(connectionString);
        IJourneyStore store = kind switch
        {
            Sqlite => sqlite,
            WriteBehind => new AcknowledgesWhatItKeepsInMemory(sqlite),
            SignalBySignal => new AppendsSignalBySignal(sqlite),
            _ => throw new ArgumentException($"unknown store \"{kind}\"", nameof(args)),
        };
        await JourneyStoreCrashWriter.RunAsync(store, tenant, journey, batchSize, Console.Out);
        return 0;
    }

    /// <summary>
    /// A write-behind cache that never got to write: acknowledges each append at once and keeps it in memory, to be
    /// written "later" (which a killed process never reaches).
    /// </summary>
    private sealed class AcknowledgesWhatItKeepsInMemory(IJourneyStore inner) : IJourneyStore
    {
        private readonly List<Signal> _pending = [];

        public async Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
        {
            var stored = await inner.GetVersionAsync(tenant, journeyId, cancellationToken);
            if (expectedVersion != stored + _pending.Count)
            {
                throw new JourneyVersionConflictException(journeyId, expectedVersion, stored + _pending.Count);
            }

            _pending.AddRange(signals);
            return new AppendResult(expectedVersion + signals.Count, Enumerable.Repeat(AppendOutcome.Appended, signals.Count).ToImmutableArray());
        }

        public Task<IReadOnlyList<StoredSignal>> ReadAsync(string tenant, string journeyId, long afterVersion = 0, DateTimeOffset? occurredAtOrBefore = null, CancellationToken cancellationToken = default)
            => inner.ReadAsync(tenant, journeyId, afterVersion, occurredAtOrBefore, cancellationToken);

        public Task<long> GetVersionAsync(string tenant, string journeyId, CancellationToken cancellationToken = default)
            => inner.GetVersionAsync(tenant, journeyId, cancellationToken);

        public Task SaveSnapshotAsync(string tenant, JourneySnapshot snapshot, CancellationToken cancellationToken = default)
            => inner.SaveSnapshotAsync(tenant, snapshot, cancellationToken);

        public Task<JourneySnapshot?> LoadSnapshotAsync(string tenant, string journeyId, DateTimeOffset? lastSignalBefore = null, CancellationToken cancellationToken = default)
            => inner.LoadSnapshotAsync(tenant, journeyId, lastSignalBefore, cancellationToken);

        public Task<IReadOnlyList<string>> ListJourneysAsync(string tenant, string? after = null, int limit = 1000, CancellationToken cancellationToken = default)
            => inner.ListJourneysAsync(tenant, after, limit, cancellationToken);

        public Task<IReadOnlyList<StoredJourneyEvent>> ReadEventsAsync(string tenant, long afterPosition = 0, int limit = 1000, string? journeyId = null, CancellationToken cancellationToken = default)
            => inner.ReadEventsAsync(tenant, afterPosition, limit, journeyId, cancellationToken);

        public Task<long> GetFeedCursorAsync(string tenant, string consumer, CancellationToken cancellationToken = default)
            => inner.GetFeedCursorAsync(tenant, consumer, cancellationToken);

        public Task SaveFeedCursorAsync(string tenant, string consumer, long position, CancellationToken cancellationToken = default)
            => inner.SaveFeedCursorAsync(tenant, consumer, position, cancellationToken);

        public Task<IReadOnlyList<DueJourney>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit = 100, CancellationToken cancellationToken = default)
            => inner.ClaimDueAsync(now, lease, limit, cancellationToken);
    }

    /// <summary>
    /// Not all-or-nothing: appends a batch one signal at a time, each in its own transaction, with a pause between them
    /// (a slow network), so a kill lands between two of them.
    /// </summary>
    private sealed class AppendsSignalBySignal(IJourneyStore inner) : IJourneyStore
    {
        public async Task<AppendResult> AppendAsync(string tenant, string journeyId, long expectedVersion, IReadOnlyList<Signal> signals, JourneyChangesFactory? changes = null, CancellationToken cancellationToken = default)
        {
            var version = expectedVersion;
            var outcomes = ImmutableArray.CreateBuilder<AppendOutcome>(signals.Count);
            foreach (var signal in signals)
            {
                if (outcomes.Count > 0)
                {
                    await Task.Delay(2, cancellationToken);
                }

                var result = await inner.AppendAsync(tenant, journeyId, version, [signal], changes, cancellationToken);
                version = result.Version;
                outcomes.Add(result.Outcomes[0]);
            }

            return new AppendResult(version, outcomes.MoveToImmutable());
        }

        public Task<IReadOnlyList<StoredSignal>> ReadAsync(string tenant, string journeyId, long afterVersion = 0, DateTimeOffset? occurredAtOrBefore = null, CancellationToken cancellationToken = default)
            => inner.ReadAsync(tenant, journeyId, afterVersion, occurredAtOrBefore, cancellationToken);

        public Task<long> GetVersionAsync(string tenant, string journeyId, CancellationToken cancellationToken = default)
            => inner.GetVersionAsync(tenant, journeyId, cancellationToken);

        public Task SaveSnapshotAsync(string tenant, JourneySnapshot snapshot, CancellationToken cancellationToken = default)
            => inner.SaveSnapshotAsync(tenant, snapshot, cancellationToken);

        public Task<JourneySnapshot?> LoadSnapshotAsync(string tenant, string journeyId, DateTimeOffset? lastSignalBefore = null, CancellationToken cancellationToken = default)
            => inner.LoadSnapshotAsync(tenant, journeyId, lastSignalBefore, cancellationToken);

        public Task<IReadOnlyList<string>> ListJourneysAsync(string tenant, string? after = null, int limit = 1000, CancellationToken cancellationToken = default)
            => inner.ListJourneysAsync(tenant, after, limit, cancellationToken);

        public Task<IReadOnlyList<StoredJourneyEvent>> ReadEventsAsync(string tenant, long afterPosition = 0, int limit = 1000, string? journeyId = null, CancellationToken cancellationToken = default)
            => inner.ReadEventsAsync(tenant, afterPosition, limit, journeyId, cancellationToken);

        public Task<long> GetFeedCursorAsync(string tenant, string consumer, CancellationToken cancellationToken = default)
            => inner.GetFeedCursorAsync(tenant, consumer, cancellationToken);

        public Task SaveFeedCursorAsync(string tenant, string consumer, long position, CancellationToken cancellationToken = default)
            => inner.SaveFeedCursorAsync(tenant, consumer, position, cancellationToken);

        public Task<IReadOnlyList<DueJourney>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit = 100, CancellationToken cancellationToken = default)
            => inner.ClaimDueAsync(now, lease, limit, cancellationToken);
    }
}
