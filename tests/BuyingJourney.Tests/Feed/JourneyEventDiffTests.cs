using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Feed;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BuyingJourney.Tests.Feed;

public sealed class JourneyEventDiffTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyDictionary<string, TimeSpan> NoQuiet = new Dictionary<string, TimeSpan>();

    [Fact]
    public void Between_FewerLoopBacksThanTold_WithdrawsEachOne()
    {
        var engine = JourneyEngine.CreateDefault();
        var assessment = engine.Assess("j", [new Signal("a", "j", Day0, SignalTypes.ProblemStated)], Day0);
        var now = JourneyView.Of(assessment, NoQuiet);
        var told = JourneyView.Parse(now.Serialize().Replace("\"loops\":0", "\"loops\":2", StringComparison.Ordinal));

        var events = JourneyEventDiff.Between(told, now, assessment, [], NoQuiet);

        var withdrawn = events.Where(e => e.Type == JourneyEventTypes.TaskLoopBackWithdrawn).ToArray();
        Assert.Equal(6 * 2, withdrawn.Length);
        Assert.Equal([("2", "1"), ("1", "0")], withdrawn.Where(e => e.TaskId == "ProblemIdentification").Select(e => (e.From!, e.To!)));
        Assert.All(withdrawn, e => Assert.Null(e.SignalId));
    }

    [Fact]
    public void Between_TheSameView_IsNoEvent()
    {
        var engine = JourneyEngine.CreateDefault();
        var assessment = engine.Assess("j", [new Signal("a", "j", Day0, SignalTypes.ProblemStated)], Day0.AddDays(1));
        var view = JourneyView.Of(assessment, NoQuiet);

        Assert.Empty(JourneyEventDiff.Between(JourneyView.Parse(view.Serialize()), view, assessment, [], NoQuiet));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"v\":2,\"at\":0,\"status\":\"Open\",\"missingSignOff\":[],\"tasks\":[]}")]
    [InlineData("{\"v\":1,\"at\":0,\"status\":\"7\",\"missingSignOff\":[],\"tasks\":[]}")]
    [InlineData("{\"v\":1,\"at\":0,\"status\":\"Open\",\"missingSignOff\":[],\"tasks\":[{\"id\":\"x\",\"phase\":\"Active\",\"loops\":-1}]}")]
    public async Task RecordAsync_DamagedStoredView_ThrowsNamingTheViewAndStoresNothing(string view)
    {
        var store = new InMemoryJourneyStore();
        await store.AppendAsync("t", "j", 0, [new Signal("a", "j", Day0, SignalTypes.ProblemStated)], (_, _) => new JourneyChanges([], view, null), TestContext.Current.CancellationToken);
        var service = new JourneyService(JourneyEngine.CreateDefault(), store, timeProvider: new FakeTimeProvider(Day0));

        var error = await Assert.ThrowsAsync<JourneyRecordException>(() => service.RecordAsync("t", [new Signal("b", "j", Day0, SignalTypes.ProblemDefined)], TestContext.Current.CancellationToken));

        Assert.Contains("feed view", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await store.GetVersionAsync("t", "j", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Service_QuietAfter_IsCheckedAgainstTheModelAndItsRange()
    {
        var engine = JourneyEngine.CreateDefault();
        var unknown = new JourneyServiceOptions();
        unknown.QuietAfter["NoSuchTask"] = TimeSpan.FromDays(3);
        var tooShort = new JourneyServiceOptions();
        tooShort.QuietAfter["Validation"] = TimeSpan.FromSeconds(5);

        Assert.Contains("NoSuchTask", Assert.Throws<ArgumentException>(() => new JourneyService(engine, new InMemoryJourneyStore(), unknown)).Message, StringComparison.Ordinal);
        Assert.Equal("QuietAfter", Assert.Throws<ArgumentOutOfRangeException>(() => new JourneyService(engine, new InMemoryJourneyStore(), tooShort)).ParamName);
    }

    [Fact]
    public void AddBuyingJourney_RegistersTheFeedAndTheSchedulerWithTheirOptions()
    {
        var services = new ServiceCollection();
        services.AddBuyingJourney().UseInMemory().ConfigureScheduler(o => o.Lease = TimeSpan.Zero);
        using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<JourneyFeed>(), provider.GetRequiredService<JourneyFeed>());
        Assert.Equal("Lease", Assert.Throws<ArgumentOutOfRangeException>(() => provider.GetRequiredService<JourneyScheduler>()).ParamName);
    }

    [Fact]
    public void Event_BadArguments_AreRefusedNamingThem()
    {
        Assert.Equal("type", Assert.Throws<ArgumentException>(() => new JourneyEvent("j", "task.unknown", Day0, null, null, null, null)).ParamName);
        Assert.Equal("journeyId", Assert.Throws<ArgumentException>(() => new JourneyEvent(" ", JourneyEventTypes.StatusChanged, Day0, null, null, null, null)).ParamName);
        Assert.Equal("schemaVersion", Assert.Throws<ArgumentOutOfRangeException>(() => new JourneyEvent("j", JourneyEventTypes.StatusChanged, Day0, null, null, null, null, 2)).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => new JourneyEvent("j", JourneyEventTypes.StatusChanged, Day0, null, null, null, new string('x', JourneyEvent.MaxValueLength + 1))).ParamName);
    }

    [Fact]
    public void EventRecord_RoundTripsAndRefusesDamage()
    {
        var @event = new JourneyEvent("j", JourneyEventTypes.TaskPhaseChanged, Day0, "s1", "Validation", "Active", "Dormant");

        var stored = JourneyRecords.DeserializeEventRow(JourneyRecords.SerializeEvent(@event), "j", 7, Day0);

        Assert.Equal(@event, stored.Event);
        Assert.Equal(7, stored.Position);
        Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeEventRow(JourneyRecords.SerializeEvent(@event), "other", 7, Day0));
        Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeEventRow("{\"type\":\"journey-event.v1\",\"schema\":1,\"journeyId\":\"j\",\"eventType\":\"nope\",\"eventSchema\":1,\"at\":0}", "j", 7, Day0));
        Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeEventRow("[", "j", 7, Day0));
    }
}
