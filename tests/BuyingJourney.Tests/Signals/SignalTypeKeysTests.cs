using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Tests.Signals;

/// <summary>The table that interns signal types to small keys: stable keys, fixed keys for the fold's own types, and a bound.</summary>
public sealed class SignalTypeKeysTests
{
    [Fact]
    public void Of_TheSameTypeTwice_GivesTheSameKeyAndEqualStringsShareIt()
    {
        var table = new SignalTypeKeys(16);

        var key = table.Of("demo.requested");

        Assert.Equal(key, table.Of("demo.requested"));
        Assert.Equal(key, table.Of(new string("demo.requested".AsSpan())));
        Assert.NotEqual(key, table.Of("demo.cancelled"));
    }

    [Fact]
    public void Of_TheFoldsOwnTypes_HaveTheirFixedKeysAndOnlyFeedbackIsFeedback()
    {
        var table = new SignalTypeKeys(8);

        Assert.Equal(SignalTypeKeys.ActionAccepted, table.Of(SignalTypes.ActionAccepted));
        Assert.Equal(SignalTypeKeys.ActionRejected, table.Of(SignalTypes.ActionRejected));
        Assert.Equal(SignalTypeKeys.ActionDone, table.Of(SignalTypes.ActionDone));
        Assert.Equal(SignalTypeKeys.StakeholderRoleChanged, table.Of(SignalTypes.StakeholderRoleChanged));
        Assert.Equal(SignalTypeKeys.StakeholderLeft, table.Of(SignalTypes.StakeholderLeft));
        Assert.True(SignalTypeKeys.IsFeedback(table.Of(SignalTypes.ActionDone)));
        Assert.False(SignalTypeKeys.IsFeedback(table.Of(SignalTypes.StakeholderLeft)));
        Assert.False(SignalTypeKeys.IsFeedback(table.Of("custom.type")));
        Assert.False(SignalTypeKeys.IsFeedback(SignalTypeKeys.None));
    }

    [Fact]
    public void Of_MoreTypesThanTheCapacity_GivesNoneToTheRestAndKeepsTheKeysItGave()
    {
        var table = new SignalTypeKeys(8);

        var keys = Enumerable.Range(0, 5).Select(i => table.Of($"t{i}")).ToArray();

        Assert.Equal([5, 6, 7, SignalTypeKeys.None, SignalTypeKeys.None], keys);
        Assert.Equal(8, table.Count);
        Assert.Equal(7, table.Of("t2"));
        Assert.Equal(SignalTypeKeys.None, table.Of("t3"));
    }

    [Fact]
    public void Of_ManyThreadsAtOnce_HandsOutEachKeyToExactlyOneType()
    {
        var table = new SignalTypeKeys(1_000);
        var seen = new ConcurrentDictionary<string, int>();

        Parallel.For(0, 4_000, i =>
        {
            var type = $"type.{i % 500}";
            var key = table.Of(type);
            Assert.Equal(key, seen.GetOrAdd(type, key));
        });

        Assert.Equal(505, table.Count);
        Assert.Equal(500, seen.Values.Distinct().Count());
        Assert.All(seen.Values, key => Assert.InRange(key, 5, 504));
    }

    [Fact]
    public void Constructor_ACapacityBelowTheFixedKeys_IsRefused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new SignalTypeKeys(4));
}
