using System;
using System.Collections.Immutable;
using BuyingJourney.Advice;
using Xunit;

namespace BuyingJourney.Tests.Advice;

public sealed class SellerActionTests
{
    [Fact]
    public void Constructor_ValidArguments_KeepsEveryField()
    {
        var action = new SellerAction("x.active", "Do x", "Because.", ActionPriority.High, "x", ImmutableArray.Create("s1", "s2"));

        Assert.Equal("x.active", action.Code);
        Assert.Equal("Do x", action.Title);
        Assert.Equal("Because.", action.Rationale);
        Assert.Equal(ActionPriority.High, action.Priority);
        Assert.Equal("x", action.TaskId);
        Assert.Equal("s1, s2", string.Join(", ", action.EvidenceSignalIds));
        Assert.Equal("[High] Do x (x.active)", action.ToString());
    }

    [Fact]
    public void Constructor_NoTaskOrEvidence_NullTaskAndEmptyEvidence()
    {
        var action = new SellerAction("journey.x", "Do x", "Because.", ActionPriority.Low);

        Assert.Null(action.TaskId);
        Assert.False(action.EvidenceSignalIds.IsDefault);
        Assert.Empty(action.EvidenceSignalIds);
    }

    [Theory]
    [InlineData("", "title", "code")]
    [InlineData(" ", "title", "code")]
    [InlineData("code\n", "title", "code")]
    [InlineData("code", "", "title")]
    [InlineData("code", "\t", "title")]
    public void Constructor_BlankCodeOrTitle_ThrowsNamingIt(string code, string title, string field)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SellerAction(code, title, "Because.", ActionPriority.Low));

        Assert.Equal(field, ex.ParamName);
    }

    [Fact]
    public void Constructor_CodeOrTitleTooLong_ThrowsNamingIt()
    {
        Assert.Equal("code", Assert.Throws<ArgumentException>(() => new SellerAction(new string('c', SellerAction.MaxCodeLength + 1), "t", "r", ActionPriority.Low)).ParamName);
        Assert.Equal("title", Assert.Throws<ArgumentException>(() => new SellerAction("c", new string('t', SellerAction.MaxTitleLength + 1), "r", ActionPriority.Low)).ParamName);
        Assert.Equal(SellerAction.MaxCodeLength, new SellerAction(new string('c', SellerAction.MaxCodeLength), new string('t', SellerAction.MaxTitleLength), "r", ActionPriority.Low).Code.Length);
    }

    [Fact]
    public void Constructor_BlankRationale_ThrowsNamingRationale()
    {
        Assert.Equal("rationale", Assert.Throws<ArgumentNullException>(() => new SellerAction("c", "t", null!, ActionPriority.Low)).ParamName);
        Assert.Equal("rationale", Assert.Throws<ArgumentException>(() => new SellerAction("c", "t", "  ", ActionPriority.Low)).ParamName);
    }

    [Fact]
    public void Constructor_MultiLineRationale_IsAccepted()
    {
        var action = new SellerAction("c", "t", "Line one.\nLine two.", ActionPriority.Medium);

        Assert.Contains('\n', action.Rationale);
    }

    [Fact]
    public void ActionPriority_HighIsGreatestLowIsLeast()
    {
        Assert.True(ActionPriority.High > ActionPriority.Medium);
        Assert.True(ActionPriority.Medium > ActionPriority.Low);
    }
}
