using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Diagnostics;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using BuyingJourney.Tests.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Diagnostics;

/// <summary>The meter, the activities and the log events of the journey service, collected as an operator's tools would.</summary>
/// <remarks>The meter and activity source are process-wide: these tests run alone, so no other test's signals are counted.</remarks>
[Collection(nameof(TelemetryRunsAlone))]
public sealed class TelemetryTests
{
    private const string Tenant = "t1";

    private static Task<RecordResult> Record(JourneyService service, params Signal[] signals)
        => service.RecordAsync(Tenant, signals, TestContext.Current.CancellationToken);

    private static (JourneyService Service, FakeLogger<JourneyService> Log, ScriptedStore Store) Service()
    {
        var log = new FakeLogger<JourneyService>();
        var store = new ScriptedStore();
        var clock = new FakeTimeProvider(Day(30));
        return (new JourneyService(JourneyEngine.CreateDefault(), store, timeProvider: clock, logger: log), log, store);
    }

    [Fact]
    public async Task RecordAsync_CountsEverySignalByWhatBecameOfIt_AndTheLoopBacksAndStatusChangesItCaused()
    {
        using var recorded = new MetricCollector<long>(null, JourneyTelemetry.Name, "buyingjourney.signals.recorded");
        using var loopBacks = new MetricCollector<long>(null, JourneyTelemetry.Name, "buyingjourney.loop_backs");
        using var statuses = new MetricCollector<long>(null, JourneyTelemetry.Name, "buyingjourney.status.changes");
        var (service, log, _) = Service();

        await Record(service, At(1, "a", SignalTypes.ProblemStated), At(2, "b", SignalTypes.ProblemDefined), At(3, "c", SignalTypes.SolutionResearched));
        await Record(service, At(4, "d", SignalTypes.ProblemStated), At(1, "a", SignalTypes.ProblemStated), At(90, "future", SignalTypes.SiteVisited));
        await Record(service, At(5, "e", SignalTypes.BudgetFrozen));

        int Count(string status) => (int)recorded.GetMeasurementSnapshot().Where(m => m.MatchesTags(new KeyValuePair<string, object?>("buyingjourney.record.status", status))).Sum(m => m.Value);
        Assert.Equal((5, 1, 1), (Count("applied"), Count("duplicate"), Count("refused")));
        Assert.Equal(1, loopBacks.GetMeasurementSnapshot().Sum(m => m.Value));
        var change = Assert.Single(statuses.GetMeasurementSnapshot());
        Assert.True(change.MatchesTags(new KeyValuePair<string, object?>("buyingjourney.status", "stalled")));

        // The refused signal is named in a warning with its event id; nothing else was worth a warning.
        var warning = Assert.Single(log.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal((2, "SignalRefused"), (warning.Id.Id, warning.Id.Name));
        Assert.Contains("future", warning.Message, StringComparison.Ordinal);
        Assert.Contains(Tenant, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_AConflictWithAnotherWriter_IsCountedLoggedAndTimedWithTheAppends()
    {
        using var conflicts = new MetricCollector<long>(null, JourneyTelemetry.Name, "buyingjourney.append.conflicts");
        using var durations = new MetricCollector<double>(null, JourneyTelemetry.Name, "buyingjourney.append.duration");
        var (service, log, store) = Service();
        var first = true;
        store.OnAppend = async (tenant, journey, version, _, append) =>
        {
            if (first)
            {
                // Another process appends first: this append, at the old version, conflicts once.
                first = false;
                await store.Inner.AppendAsync(tenant, journey, version, [At(0.5, "other", SignalTypes.SiteVisited)]);
            }

            return await append();
        };

        var result = await Record(service, At(1, "a", SignalTypes.ProblemStated));

        Assert.Equal(1, result.ConflictRetries);
        Assert.Equal(1, conflicts.GetMeasurementSnapshot().Sum(m => m.Value));
        var times = durations.GetMeasurementSnapshot();
        Assert.Equal(2, times.Count);
        Assert.Single(times, m => m.MatchesTags(new KeyValuePair<string, object?>("error.type", typeof(JourneyVersionConflictException).FullName)));
        Assert.All(times, m => Assert.True(m.Value >= 0));
        var retry = Assert.Single(log.Collector.GetSnapshot(), r => r.Id.Id == 3);
        Assert.Equal(LogLevel.Information, retry.Level);
        Assert.Contains(JourneyId, retry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAndGet_RunInsideActivities_AndADamagedRecordFailsItsActivityAndIsLoggedAsAnError()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == JourneyTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (stopped)
                {
                    stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var (service, log, store) = Service();

        await Record(service, At(1, "a", SignalTypes.ProblemStated), At(2, "b", SignalTypes.ProblemDefined));
        await service.GetAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken);

        var record = Assert.Single(stopped, a => a.OperationName == "buyingjourney.record");
        var append = Assert.Single(stopped, a => a.OperationName == "buyingjourney.append");
        Assert.Equal(record.SpanId, append.ParentSpanId);
        Assert.Equal(JourneyId, append.GetTagItem("buyingjourney.journey.id"));
        Assert.Equal(2, append.GetTagItem("buyingjourney.signal.count"));
        Assert.Equal(ActivityStatusCode.Unset, record.Status);
        Assert.Single(stopped, a => a.OperationName == "buyingjourney.assess");

        // A stored signal that cannot be read: the read fails, its activity says so, the log names journey and record.
        store.OnRead = _ => throw new JourneyRecordException(JourneyId, "signal version 2", "is not valid JSON.");
        stopped.Clear();
        var other = new JourneyService(JourneyEngine.CreateDefault(), store, logger: log);
        await Assert.ThrowsAsync<JourneyRecordException>(() => other.GetAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken));

        var failed = Assert.Single(stopped, a => a.OperationName == "buyingjourney.assess");
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal(typeof(JourneyRecordException).FullName, failed.GetTagItem("error.type"));
        var error = Assert.Single(log.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Equal((4, "DamagedRecord"), (error.Id.Id, error.Id.Name));
        Assert.Contains("signal version 2", error.Message, StringComparison.Ordinal);
        Assert.IsType<JourneyRecordException>(error.Exception);
    }

    [Fact]
    public async Task Feed_CountsEventsByType_DueTransitionsAndRebuilds_AndLogsEachRebuildPage()
    {
        using var events = new MetricCollector<long>(null, JourneyTelemetry.Name, "buyingjourney.feed.events");
        using var fired = new MetricCollector<long>(null, JourneyTelemetry.Name, "buyingjourney.due.fired");
        using var rebuilt = new MetricCollector<long>(null, JourneyTelemetry.Name, "buyingjourney.rebuild.journeys");
        var store = new InMemoryJourneyStore();
        var clock = new FakeTimeProvider(Day(4));
        var log = new FakeLogger<JourneyService>();
        var service = new JourneyService(JourneyEngine.CreateDefault(), store, timeProvider: clock, logger: log);

        var recorded = await Record(service, At(1, "a", SignalTypes.ProblemStated), At(2, "b", SignalTypes.ProblemDefined), At(3, "d", SignalTypes.ProblemStated));
        clock.Advance(TimeSpan.FromDays(400));
        var due = await new JourneyScheduler(service, store, timeProvider: clock).RunDueAsync(TestContext.Current.CancellationToken);
        await service.RebuildAllAsync(Tenant, cancellationToken: TestContext.Current.CancellationToken);

        int Count(string type) => (int)events.GetMeasurementSnapshot().Where(m => m.MatchesTags(new KeyValuePair<string, object?>("buyingjourney.event.type", type))).Sum(m => m.Value);
        Assert.Equal(recorded.Events.Count(e => e.Type == JourneyEventTypes.TaskLoopedBack), Count(JourneyEventTypes.TaskLoopedBack));
        Assert.Equal(1, Count(JourneyEventTypes.TaskLoopedBack));
        Assert.True(due > 0);
        Assert.Equal(due, fired.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(recorded.Events.Length + due, events.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Single(rebuilt.GetMeasurementSnapshot(), m => m.MatchesTags(new KeyValuePair<string, object?>("buyingjourney.rebuild.outcome", "rebuilt")));
        var page = Assert.Single(log.Collector.GetSnapshot(), r => r.Id.Id == 6);
        Assert.Equal("RebuildProgress", page.Id.Name);
        Assert.Contains("1 journeys rebuilt", page.Message, StringComparison.Ordinal);
    }
}

/// <summary>The telemetry tests: alone, since the meter and activity source see every test's work.</summary>
[CollectionDefinition(nameof(TelemetryRunsAlone), DisableParallelization = true)]
public sealed class TelemetryRunsAlone;
