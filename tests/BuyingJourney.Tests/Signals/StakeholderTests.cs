using System;
using System.Globalization;
using BuyingJourney.Signals;
using Xunit;

namespace BuyingJourney.Tests.Signals;

public sealed class StakeholderTests
{
    private static readonly string[] WellKnownRoles = ["decision-maker", "user", "influencer", "purchaser", "gatekeeper", "initiator", "approver"];

    [Fact]
    public void Constructor_IdAndRole_KeepsBoth()
    {
        var stakeholder = new Stakeholder("c-42", StakeholderRoles.DecisionMaker);

        Assert.Equal("c-42", stakeholder.Id);
        Assert.Equal("decision-maker", stakeholder.Role);
    }

    [Fact]
    public void Constructor_NoRole_RoleIsNull()
    {
        var stakeholder = new Stakeholder("c-42");

        Assert.Null(stakeholder.Role);
    }

    [Fact]
    public void Constructor_AnyRoleText_IsAccepted()
    {
        var stakeholder = new Stakeholder("c-42", "head of logistics");

        Assert.Equal("head of logistics", stakeholder.Role);
    }

    [Fact]
    public void Constructor_NullId_ThrowsArgumentNullNamingTheId()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new Stakeholder(null!));

        Assert.Equal("stakeholder.id", ex.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("c\u00001")]
    [InlineData("c\n1")]
    public void Constructor_BadId_ThrowsNamingTheId(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Stakeholder(id));

        Assert.Equal("stakeholder.id", ex.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("user\u001f")]
    [InlineData("user\r\n")]
    public void Constructor_BadRole_ThrowsNamingTheRole(string role)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Stakeholder("c-1", role));

        Assert.Equal("stakeholder.role", ex.ParamName);
    }

    [Fact]
    public void Constructor_IdAtAndOverTheLimit_AcceptedThenRejected()
    {
        var longest = new string('c', Stakeholder.MaxLength);

        var accepted = new Stakeholder(longest);
        var ex = Assert.Throws<ArgumentException>(() => new Stakeholder(longest + "c"));

        Assert.Equal(longest, accepted.Id);
        Assert.Equal("stakeholder.id", ex.ParamName);
        Assert.Contains(Stakeholder.MaxLength.ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RoleAtAndOverTheLimit_AcceptedThenRejected()
    {
        var longest = new string('r', Stakeholder.MaxLength);

        var accepted = new Stakeholder("c-1", longest);
        var ex = Assert.Throws<ArgumentException>(() => new Stakeholder("c-1", longest + "r"));

        Assert.Equal(longest, accepted.Role);
        Assert.Equal("stakeholder.role", ex.ParamName);
    }

    [Fact]
    public void Equals_SameIdAndRole_AreEqualWithEqualHashCodes()
    {
        var left = new Stakeholder("c-1", StakeholderRoles.Purchaser);
        var right = new Stakeholder("c-1", StakeholderRoles.Purchaser);

        Assert.Equal(left, right);
        Assert.True(left == right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Theory]
    [InlineData("c-2", "purchaser")]
    [InlineData("c-1", "user")]
    [InlineData("c-1", null)]
    [InlineData("C-1", "purchaser")]
    [InlineData("c-1", "Purchaser")]
    public void Equals_IdOrRoleDiffers_AreNotEqual(string id, string? role)
    {
        var original = new Stakeholder("c-1", StakeholderRoles.Purchaser);

        var other = new Stakeholder(id, role);

        Assert.NotEqual(original, other);
        Assert.True(original != other);
    }

    [Fact]
    public void Roles_AreTheWellKnownLowerCaseNames()
    {
        Assert.Equal(
            WellKnownRoles,
            new[]
            {
                StakeholderRoles.DecisionMaker,
                StakeholderRoles.User,
                StakeholderRoles.Influencer,
                StakeholderRoles.Purchaser,
                StakeholderRoles.Gatekeeper,
                StakeholderRoles.Initiator,
                StakeholderRoles.Approver,
            });
    }
}
