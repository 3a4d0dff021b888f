using System;
using System.Linq;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Tests.Performance;

/// <summary>
/// Replay allocates per journey (its final state), never per signal: allocation is deterministic, so this is a test,
/// not a benchmark. Two journeys that end in states of the same size must allocate the same bytes however many
/// signals each folds.
/// </summary>
public sealed class ReplayAllocationTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    // Evidence that keeps three tasks active, a stakeholder named on every other signal: no loop-back, no new
    // stakeholder after the first two, so the final state has the same size for any length.
    private static readonly string[] Pattern =
        [SignalTypes.SolutionResearched, SignalTypes.DemoRequested, SignalTypes.ReferenceRequested, SignalTypes.MeetingMultiStakeholder, "web.page-viewed"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Replay_LongerJourneyWithTheSameFinalShape_AllocatesNoMorePerSignal(bool asList)
    {
        var engine = JourneyEngine.CreateDefault();
        var shortJourney = Journey(50);
        var longJourney = Journey(2_000);
        Measure(engine, shortJourney, asList);
        Measure(engine, longJourney, asList);

        var shortBytes = Enumerable.Range(0, 3).Min(_ => Measure(engine, shortJourney, asList));
        var longBytes = Enumerable.Range(0, 3).Min(_ => Measure(engine, longJourney, asList));

        Assert.Equal(engine.Replay("j", shortJourney).BuyingGroup.Length, engine.Replay("j", longJourney).BuyingGroup.Length);
        Assert.Equal(0, engine.Replay("j", longJourney).LoopBackCount);
        Assert.True(
            longBytes == shortBytes,
            $"replaying 2,000 signals allocated {longBytes} bytes, 50 signals {shortBytes}: {(longBytes - shortBytes) / 1_950.0:0.##} bytes per extra signal");
    }

    [Fact]
    public void Apply_OfARepeatedSignal_AllocatesOnlyItsResult_NotAWorkingCopyOfTheJourney()
    {
        var engine = JourneyEngine.CreateDefault();
        var signals = Journey(50);
        var state = engine.Replay("j", signals);
        var last = signals[^1];
        engine.Apply(state, last);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = engine.Apply(state, last);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(SignalOutcome.Duplicate, result.Outcome);
        Assert.Same(state, result.State);
        var taskArray = 24 + (state.Tasks.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<BuyingJourney.Phases.TaskState>());
        Assert.True(bytes < taskArray, $"refusing a repeated signal allocated {bytes} bytes; a copy of the journey's tasks alone is {taskArray}");
    }

    private static long Measure(JourneyEngine engine, Signal[] signals, bool asList)
    {
        var list = asList ? signals.ToList() : null;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var state = list is null ? engine.Replay("j", signals) : engine.Replay("j", list);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(state);
        return bytes;
    }

    private static Signal[] Journey(int count)
    {
        var signals = new Signal[count];
        for (var i = 0; i < count; i++)
        {
            var who = i % 2 == 0 ? new Stakeholder(i % 4 == 0 ? "ana" : "ben", StakeholderRoles.Influencer) : null;
            signals[i] = new Signal($"s{i:D5}", "j", Day0.AddHours(6 * i), Pattern[i % Pattern.Length], who);
        }

        return signals;
    }
}
