using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using Xunit;

namespace BuyingJourney.Tests.Phases;

/// <summary>The journey status lifecycle's table, row by row against the fold's status rules.</summary>
public sealed class JourneyStatusLifecycleTests
{
    [Theory]
    [InlineData(JourneyStatus.Stalled, JourneyStatus.Open)]
    [InlineData(JourneyStatus.Won, JourneyStatus.Open)]
    [InlineData(JourneyStatus.Lost, JourneyStatus.Open)]
    [InlineData(JourneyStatus.Open, JourneyStatus.Open)]
    [InlineData(JourneyStatus.AtRisk, JourneyStatus.AtRisk)]
    public void ReopeningEvidence_ReopensStalledWonAndLostOnly(JourneyStatus status, JourneyStatus expected)
        => Assert.Equal(expected, JourneyStatusLifecycle.Next(status, JourneyStatusTrigger.ReopeningEvidence));

    [Theory]
    [InlineData(JourneyStatus.Stalled, JourneyStatus.Open)]
    [InlineData(JourneyStatus.Won, JourneyStatus.Won)]
    [InlineData(JourneyStatus.Lost, JourneyStatus.Lost)]
    [InlineData(JourneyStatus.Open, JourneyStatus.Open)]
    [InlineData(JourneyStatus.AtRisk, JourneyStatus.AtRisk)]
    public void TaskEvidence_ATouch_ResumesAStalledJourneyButNeverReopensAClosedOne(JourneyStatus status, JourneyStatus expected)
        => Assert.Equal(expected, JourneyStatusLifecycle.Next(status, JourneyStatusTrigger.TaskEvidence));

    [Theory]
    [InlineData(JourneyStatus.AtRisk, JourneyStatus.Open)]
    [InlineData(JourneyStatus.Open, JourneyStatus.Open)]
    [InlineData(JourneyStatus.Stalled, JourneyStatus.Stalled)]
    [InlineData(JourneyStatus.Won, JourneyStatus.Won)]
    [InlineData(JourneyStatus.Lost, JourneyStatus.Lost)]
    public void RiskRoleReturned_EndsAtRiskOnly(JourneyStatus status, JourneyStatus expected)
        => Assert.Equal(expected, JourneyStatusLifecycle.Next(status, JourneyStatusTrigger.RiskRoleReturned));

    [Theory]
    [InlineData(JourneyStatus.Open, JourneyStatus.AtRisk)]
    [InlineData(JourneyStatus.AtRisk, JourneyStatus.AtRisk)]
    [InlineData(JourneyStatus.Stalled, JourneyStatus.Stalled)]
    [InlineData(JourneyStatus.Won, JourneyStatus.Won)]
    [InlineData(JourneyStatus.Lost, JourneyStatus.Lost)]
    public void AtRiskEffect_PutsAnOpenJourneyAtRisk(JourneyStatus status, JourneyStatus expected)
        => Assert.Equal(expected, JourneyStatusLifecycle.Next(status, JourneyStatusTrigger.AtRiskEffect));

    [Theory]
    [InlineData((int)JourneyStatusTrigger.StallEffect, JourneyStatus.Stalled)]
    [InlineData((int)JourneyStatusTrigger.WonEffect, JourneyStatus.Won)]
    [InlineData((int)JourneyStatusTrigger.LostEffect, JourneyStatus.Lost)]
    public void StallWonLost_LeadThereFromEveryStatus(int effect, JourneyStatus expected)
    {
        var trigger = (JourneyStatusTrigger)effect;
        foreach (var status in new[] { JourneyStatus.Open, JourneyStatus.Stalled, JourneyStatus.Won, JourneyStatus.Lost, JourneyStatus.AtRisk })
        {
            Assert.Equal(expected, JourneyStatusLifecycle.Next(status, trigger));
        }
    }

    [Theory]
    [InlineData(JourneyEffect.AtRisk, (int)JourneyStatusTrigger.AtRiskEffect)]
    [InlineData(JourneyEffect.Stall, (int)JourneyStatusTrigger.StallEffect)]
    [InlineData(JourneyEffect.Won, (int)JourneyStatusTrigger.WonEffect)]
    [InlineData(JourneyEffect.Lost, (int)JourneyStatusTrigger.LostEffect)]
    public void EffectTrigger_EachEffect_HasItsTrigger(JourneyEffect effect, int expected)
    {
        Assert.True(JourneyStatusLifecycle.EffectTrigger(effect, out var trigger));
        Assert.Equal((JourneyStatusTrigger)expected, trigger);
    }

    [Fact]
    public void EffectTrigger_None_HasNone() => Assert.False(JourneyStatusLifecycle.EffectTrigger(JourneyEffect.None, out _));

    [Fact]
    public void TryNext_TrueOnlyWhenTheStatusChanges()
    {
        Assert.True(JourneyStatusLifecycle.TryNext(JourneyStatus.Open, JourneyStatusTrigger.StallEffect, out var stalled));
        Assert.Equal(JourneyStatus.Stalled, stalled);
        Assert.False(JourneyStatusLifecycle.TryNext(JourneyStatus.Stalled, JourneyStatusTrigger.StallEffect, out var still));
        Assert.Equal(JourneyStatus.Stalled, still);
    }

    [Fact]
    public void Label_ReadsTheDeclaredRow()
    {
        Assert.Equal("evidence that starts, reopens or completes a task reopens the journey", JourneyStatusLifecycle.Label(JourneyStatus.Won, JourneyStatusTrigger.ReopeningEvidence));
        Assert.Equal("task evidence reopens the journey", JourneyStatusLifecycle.Label(JourneyStatus.Stalled, JourneyStatusTrigger.TaskEvidence));
        Assert.Equal("TaskEvidence", JourneyStatusLifecycle.Label(JourneyStatus.Won, JourneyStatusTrigger.TaskEvidence));
        Assert.Equal("someone in a risk role is back in the group", JourneyStatusLifecycle.Label(JourneyStatus.AtRisk, JourneyStatusTrigger.RiskRoleReturned));
        Assert.Equal("the purchase is on hold", JourneyStatusLifecycle.Label(JourneyStatus.AtRisk, JourneyStatusTrigger.StallEffect));
        Assert.Equal("TaskEvidence", JourneyStatusLifecycle.Label(JourneyStatus.Open, JourneyStatusTrigger.TaskEvidence));
    }
}
