using System;
using System.Collections.Immutable;
using BuyingJourney.Import.Mapping;
using Xunit;

namespace BuyingJourney.Import.Tests.Mapping;

public sealed class CrmDatesTests
{
    [Theory]
    [InlineData("2026-03-01T10:00:00.000+0000", "2026-03-01T10:00:00+00:00")]
    [InlineData("2026-03-01T10:00:00.000-0500", "2026-03-01T15:00:00+00:00")]
    [InlineData("2026-03-01T10:00:00Z", "2026-03-01T10:00:00+00:00")]
    [InlineData("2026-03-01T10:00:00.123+01:00", "2026-03-01T09:00:00.123+00:00")]
    [InlineData("2026-03-01T10:00", "2026-03-01T10:00:00+00:00")]
    [InlineData("2026-03-01 10:00:00", "2026-03-01T10:00:00+00:00")]
    [InlineData("1772359200000", "2026-03-01T10:00:00+00:00")]
    [InlineData(" 2026-03-01 ", "2026-03-01T00:00:00+00:00")]
    public void TryParse_TheFormatsExportsUse_ReadsTheInstant(string text, string expected)
    {
        Assert.True(CrmDates.TryParse(text, [], out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("03/01/2026")]
    [InlineData("20260301")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    public void TryParse_OtherText_IsRefused(string text)
    {
        Assert.False(CrmDates.TryParse(text, [], out _));
    }

    [Fact]
    public void TryParse_TheMappingsFormats_AreTriedFirst()
    {
        Assert.True(CrmDates.TryParse("01/03/2026 10:30", ImmutableArray.Create("dd/MM/yyyy HH:mm"), out var value));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("dd/MM/yyyy", true)]
    [InlineData("%", false)]
    public void IsValidFormat_ChecksTheFormatReadsBack(string format, bool valid)
    {
        Assert.Equal(valid, CrmDates.IsValidFormat(format));
    }
}
