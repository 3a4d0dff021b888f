using System;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Tests.Persistence;

/// <summary>The in-process turns of a journey's writers, and the state one writer hands on to the next.</summary>
public sealed class JourneyWriteGatesTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EnterAsync_SecondWriterOfAJourney_WaitsUntilTheFirstLeaves()
    {
        var gates = JourneyWriteGates.For(new InMemoryJourneyStore());
        var first = await gates.EnterAsync("t", "j", Cancel);

        var second = gates.EnterAsync("t", "j", Cancel).AsTask();
        var other = await gates.EnterAsync("t", "k", Cancel);
        var otherTenant = await gates.EnterAsync("u", "j", Cancel);

        // The gate is taken, so the second writer's wait cannot have completed: no sleep needed to see it wait.
        Assert.False(second.IsCompleted);
        Assert.Equal(2, gates.Users("t", "j"));
        first.Dispose();
        (await second).Dispose();
        other.Dispose();
        otherTenant.Dispose();
        Assert.Equal(0, gates.Users("t", "j"));
    }

    [Fact]
    public async Task EnterAsync_CancelledWhileWaiting_HoldsNothingAndLeavesNoGate()
    {
        var gates = JourneyWriteGates.For(new InMemoryJourneyStore());
        var first = await gates.EnterAsync("t", "j", Cancel);
        using var cancel = new CancellationTokenSource();

        var waiting = gates.EnterAsync("t", "j", cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, gates.Users("t", "j"));
        first.Dispose();
        Assert.Equal(0, gates.Users("t", "j"));
        (await gates.EnterAsync("t", "j", Cancel)).Dispose();
    }

    [Fact]
    public async Task Remember_NextWriterOfTheSameEngineRecallsIt_OtherEnginesAndForgottenJourneysGetNothing()
    {
        var store = new InMemoryJourneyStore();
        var gates = JourneyWriteGates.For(store);
        var engine = JourneyEngine.CreateDefault();
        var other = JourneyEngine.CreateDefault();
        var state = engine.Replay("j", [new Signal("s1", "j", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), SignalTypes.ProblemStated)]);

        using (var first = await gates.EnterAsync("t", "j", Cancel))
        {
            Assert.False(first.TryRecall(engine, out _, out _, out _));
            first.Remember(engine, state, 7);
        }

        using (var next = await gates.EnterAsync("t", "j", Cancel))
        {
            Assert.True(next.TryRecall(engine, out var recalled, out var version, out var handedOver));
            Assert.Same(state, recalled);
            Assert.Equal(7, version);
            Assert.False(handedOver);
            Assert.False(next.TryRecall(other, out _, out _, out _));
            next.Forget();
        }

        using (var last = await gates.EnterAsync("t", "j", Cancel))
        {
            Assert.False(last.TryRecall(engine, out _, out _, out _));
        }

        Assert.Same(gates, JourneyWriteGates.For(store));
        Assert.NotSame(gates, JourneyWriteGates.For(new InMemoryJourneyStore()));
    }

    [Fact]
    public async Task TryRecall_StateLeftByTheWriterAheadInTheSameQueue_IsHandedOver()
    {
        var gates = JourneyWriteGates.For(new InMemoryJourneyStore());
        var engine = JourneyEngine.CreateDefault();
        var state = engine.Replay("j", [new Signal("s1", "j", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), SignalTypes.ProblemStated)]);
        var first = await gates.EnterAsync("t", "j", Cancel);
        var queued = gates.EnterAsync("t", "j", Cancel).AsTask();

        first.Remember(engine, state, 3);
        first.Dispose();
        using var second = await queued;

        Assert.True(second.TryRecall(engine, out _, out var version, out var handedOver));
        Assert.Equal(3, version);
        Assert.True(handedOver);
    }

    [Fact]
    public async Task Remember_MoreJourneysThanTheCapacity_ForgetsTheLeastRecentlyWritten()
    {
        var gates = JourneyWriteGates.For(new InMemoryJourneyStore());
        var engine = JourneyEngine.CreateDefault();
        var state = engine.Replay("j", [new Signal("s1", "j", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), SignalTypes.ProblemStated)]);
        for (var i = 0; i <= JourneyWriteGates.RecentCapacity; i++)
        {
            using var turn = await gates.EnterAsync("t", "j" + i, Cancel);
            turn.Remember(engine, state, i);
            if (i == JourneyWriteGates.RecentCapacity - 1)
            {
                // Journey 0 written again just before the table overflows: journey 1 is now the least recent.
                using var again = await gates.EnterAsync("t", "j0", Cancel);
                again.Remember(engine, state, 0);
            }
        }

        Assert.Equal(JourneyWriteGates.RecentCapacity, gates.RecentCount);
        using (var zero = await gates.EnterAsync("t", "j0", Cancel))
        {
            Assert.True(zero.TryRecall(engine, out _, out _, out _));
        }

        using var one = await gates.EnterAsync("t", "j1", Cancel);
        Assert.False(one.TryRecall(engine, out _, out _, out _));
    }
}
