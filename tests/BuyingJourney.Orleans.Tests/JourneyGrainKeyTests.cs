using System;
using System.Diagnostics.CodeAnalysis;
using FsCheck;
using FsCheck.Xunit;
using Xunit;

namespace BuyingJourney.Orleans.Tests;

[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expected.")]
public sealed class JourneyGrainKeyTests
{
    /// <summary>Two different (tenant, journey) pairs never share a key, and a key gives its pair back.</summary>
    [Property(MaxTest = 500)]
    public bool Of_TwoPairs_SameKeyOnlyForTheSamePair(NonEmptyString tenant1, NonEmptyString journey1, NonEmptyString tenant2, NonEmptyString journey2)
    {
        if (!Valid(tenant1.Get, journey1.Get) || !Valid(tenant2.Get, journey2.Get))
        {
            return true;
        }

        var key1 = JourneyGrainKey.Of(tenant1.Get, journey1.Get);
        var key2 = JourneyGrainKey.Of(tenant2.Get, journey2.Get);
        var samePair = tenant1.Get == tenant2.Get && journey1.Get == journey2.Get;
        return samePair == (key1 == key2) && JourneyGrainKey.Parse(key1) == (tenant1.Get, journey1.Get);
    }

    /// <summary>A tenant that ends where another's journey begins: naive concatenation would collide, the length prefix does not.</summary>
    [Fact]
    public void Of_SplitAtAnotherPlace_DifferentKeys()
    {
        Assert.NotEqual(JourneyGrainKey.Of("t1", "j"), JourneyGrainKey.Of("t", "1j"));
        Assert.NotEqual(JourneyGrainKey.Of("2:ab", "c"), JourneyGrainKey.Of("2", ":abc"));
        Assert.Equal(("2:ab", "c"), JourneyGrainKey.Parse(JourneyGrainKey.Of("2:ab", "c")));
    }

    /// <summary>A bad tenant or journey id, or a string that is no key, is refused with the argument named.</summary>
    [Fact]
    public void OfAndParse_BadInput_ArgumentException()
    {
        Assert.Equal("tenant", Assert.ThrowsAny<ArgumentException>(() => JourneyGrainKey.Of("", "j")).ParamName);
        Assert.Equal("journeyId", Assert.ThrowsAny<ArgumentException>(() => JourneyGrainKey.Of("t", "")).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => JourneyGrainKey.Parse("9:ab")).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => JourneyGrainKey.Parse("x:ab")).ParamName);
    }

    private static bool Valid(string tenant, string journeyId)
    {
        try
        {
            JourneyGrainKey.Of(tenant, journeyId);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
