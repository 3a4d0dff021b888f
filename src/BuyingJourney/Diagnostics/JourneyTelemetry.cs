using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BuyingJourney.Diagnostics;

/// <summary>
/// The names under which the library reports what it does, with what .NET ships: one <see cref="Meter"/> and one
/// <see cref="ActivitySource"/>, both named <see cref="Name"/>. Listen with OpenTelemetry
/// (<c>AddMeter("BuyingJourney")</c>, <c>AddSource("BuyingJourney")</c>), <c>dotnet-counters</c>, or a
/// <see cref="MeterListener"/> and <see cref="ActivityListener"/> of your own. Nothing is measured while nobody listens.
/// </summary>
/// <remarks>
/// <para>Instruments (names and units follow OpenTelemetry's conventions; no tag carries a tenant or journey id, so
/// their number stays bounded):</para>
/// <list type="bullet">
/// <item><c>buyingjourney.signals.recorded</c> ({signal}): signals <c>JourneyService.RecordAsync</c> was given, by
/// <c>buyingjourney.record.status</c> (<c>applied</c>, <c>duplicate</c>, <c>refused</c>, <c>rule_failed</c>, <c>late_rebuilt</c>).</item>
/// <item><c>buyingjourney.loop_backs</c> ({loop_back}): loop-backs the change feed reported (<c>task.looped_back</c> events).</item>
/// <item><c>buyingjourney.status.changes</c> ({change}): status changes the change feed reported, by <c>buyingjourney.status</c> (the new one).</item>
/// <item><c>buyingjourney.append.duration</c> (s): one append to the store, conflicts included, by <c>error.type</c> when it failed.</item>
/// <item><c>buyingjourney.append.conflicts</c> ({conflict}): appends that met another writer's and were retried.</item>
/// <item><c>buyingjourney.feed.events</c> ({event}): change-feed events stored, by <c>buyingjourney.event.type</c> (a <c>JourneyEventTypes</c> name).</item>
/// <item><c>buyingjourney.due.fired</c> ({event}): of those, the ones a scheduler's due run stored, with no signal (a task fading or going quiet).</item>
/// <item><c>buyingjourney.rebuild.journeys</c> ({journey}): journeys a rebuild went through, by <c>buyingjourney.rebuild.outcome</c> (<c>rebuilt</c>, <c>current</c>: already rebuilt).</item>
/// <item><c>buyingjourney.due.failures</c> ({journey}): due journeys a scheduler's run could not bring up to date (logged; claimed again when the lease ends).</item>
/// </list>
/// <para>Activities: <c>buyingjourney.record</c> (one <c>RecordAsync</c> call), <c>buyingjourney.append</c> (one append,
/// with <c>buyingjourney.journey.id</c>), <c>buyingjourney.assess</c> (one <c>GetAsync</c>); a failure sets the
/// activity's status to error with the exception's type in <c>error.type</c>.</para>
/// </remarks>
public static class JourneyTelemetry
{
    /// <summary>The name of the library's meter and activity source: "BuyingJourney".</summary>
    public const string Name = "BuyingJourney";

    internal static readonly ActivitySource Source = new(Name, typeof(JourneyTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(Name, typeof(JourneyTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> SignalsRecorded = Meter.CreateCounter<long>("buyingjourney.signals.recorded", "{signal}", "Signals given to RecordAsync, by what became of them.");

    internal static readonly Counter<long> LoopBacks = Meter.CreateCounter<long>("buyingjourney.loop_backs", "{loop_back}", "Loop-backs the change feed reported.");

    internal static readonly Counter<long> StatusChanges = Meter.CreateCounter<long>("buyingjourney.status.changes", "{change}", "Status changes the change feed reported, by the new status.");

    internal static readonly Counter<long> FeedEvents = Meter.CreateCounter<long>("buyingjourney.feed.events", "{event}", "Change-feed events stored, by type.");

    internal static readonly Counter<long> DueFired = Meter.CreateCounter<long>("buyingjourney.due.fired", "{event}", "Change-feed events a scheduler's due run stored with no signal.");

    internal static readonly Counter<long> RebuildJourneys = Meter.CreateCounter<long>("buyingjourney.rebuild.journeys", "{journey}", "Journeys a rebuild went through, by outcome.");

    internal static readonly Counter<long> DueFailures = Meter.CreateCounter<long>("buyingjourney.due.failures", "{journey}", "Due journeys a scheduler's run could not bring up to date.");

    internal static readonly Histogram<double> AppendDuration = Meter.CreateHistogram<double>("buyingjourney.append.duration", "s", "One append of signals to the store, conflicts included.");

    internal static readonly Counter<long> AppendConflicts = Meter.CreateCounter<long>("buyingjourney.append.conflicts", "{conflict}", "Appends that met another writer's append and were retried.");

    /// <summary>Marks <paramref name="activity"/> (when there is one) as failed by <paramref name="exception"/>.</summary>
    internal static void Fail(Activity? activity, System.Exception exception)
    {
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity.SetTag("error.type", exception.GetType().FullName);
        }
    }
}
