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
        await Task.Delay(50, Cancel);

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
    public async Task HandOn_NextWriterOfTheSameEngineTakesTheStateOnce_OtherEnginesAndLaterGatesGetNothing()
    {
        var store = new InMemoryJourneyStore();
        var gates = JourneyWriteGates.For(store);
        var engine = JourneyEngine.CreateDefault();
        var other = JourneyEngine.CreateDefault();
        var state = engine.Replay("j", [new Signal("s1", "j", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), SignalTypes.ProblemStated)]);

        var first = await gates.EnterAsync("t", "j", Cancel);
        var second = gates.EnterAsync("t", "j", Cancel).AsTask();
        var third = gates.EnterAsync("t", "j", Cancel).AsTask();
        first.HandOn(engine, state, 7);
        first.Dispose();
        var next = await second;
        var took = next.TryTake(engine, out var taken, out var version);
        next.HandOn(engine, state, 8);
        next.Dispose();
        var last = await third;
        var otherTook = last.TryTake(other, out _, out _);
        var afterOther = last.TryTake(engine, out _, out _);
        last.HandOn(engine, state, 9);
        last.Dispose();
        var fresh = await gates.EnterAsync("t", "j", Cancel);

        Assert.True(took);
        Assert.Same(state, taken);
        Assert.Equal(7, version);
        Assert.False(otherTook);
        Assert.False(afterOther);
        Assert.False(fresh.TryTake(engine, out _, out _));
        fresh.Dispose();
        Assert.Same(gates, JourneyWriteGates.For(store));
        Assert.NotSame(gates, JourneyWriteGates.For(new InMemoryJourneyStore()));
    }
}
