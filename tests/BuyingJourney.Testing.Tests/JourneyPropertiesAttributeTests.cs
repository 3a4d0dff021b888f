using System;
using Xunit;

namespace BuyingJourney.Testing.Tests;

public sealed class JourneyPropertiesAttributeTests
{
    [Theory]
    [InlineData(null, JourneyPropertiesAttribute.DefaultCases)]
    [InlineData("", JourneyPropertiesAttribute.DefaultCases)]
    [InlineData("  ", JourneyPropertiesAttribute.DefaultCases)]
    [InlineData("1", 1)]
    [InlineData(" 2500 ", 2500)]
    public void Cases_UnsetOrAPositiveNumber_GivesThatCount(string? value, int expected)
        => Assert.Equal(expected, JourneyPropertiesAttribute.Cases(value));

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("ten")]
    [InlineData("1e3")]
    [InlineData("99999999999")]
    public void Cases_NotAPositiveWholeNumber_ThrowsNamingTheVariable(string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => JourneyPropertiesAttribute.Cases(value));

        Assert.Contains(JourneyPropertiesAttribute.CasesVariable, ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cases_LongText_IsCutInTheMessage()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => JourneyPropertiesAttribute.Cases(new string('x', 10_000)));

        Assert.True(ex.Message.Length < 200, ex.Message);
    }
}
