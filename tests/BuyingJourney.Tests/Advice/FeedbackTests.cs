using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Playbooks;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Advice;

/// <summary>
/// Seller feedback as signals: done actions leave the advice until the evidence changes, rejected ones sink to the
/// bottom of the ranking, accepted ones change nothing, the latest word per action counts, and a feedback signal
/// without the action it is about is refused.
/// </summary>
public sealed class FeedbackTests
{
    private const string Problem = "ProblemIdentification.active";

    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();

    /// <summary>The default engine that ranks every candidate (so the whole ranking can be seen).</summary>
    private static readonly JourneyEngine RankAll = new JourneyEngineBuilder().Configure(static o => o.MaxNextBestActions = 50).Build();

    [Fact]
    public void Done_ActionLeavesAdviceAndNextBestActions()
    {
        var before = Engine.Assess(JourneyId, Busy, Day(2));
        Assert.Contains(before.NextBestActions, static a => a.Code == Problem);

        var after = Engine.Assess(JourneyId, [.. Busy, Feedback(2.1, "f1", SignalTypes.ActionDone, Problem)], Day(2.2));

        Assert.DoesNotContain(after.Advice, static a => a.Code == Problem);
        Assert.DoesNotContain(after.NextBestActions, static a => a.Code == Problem);
        Assert.Equal(3, after.NextBestActions.Length);
        var feedback = Assert.Single(after.State.Feedback);
        Assert.Equal((Problem, FeedbackKind.Done, Day(2.1), "f1"), (feedback.ActionCode, feedback.Kind, feedback.At, feedback.SignalId));
    }

    [Fact]
    public void Done_LaterSignalForAnotherTask_StaysOut()
    {
        var assessment = Engine.Assess(JourneyId, [.. Busy, Feedback(2.1, "f1", SignalTypes.ActionDone, Problem), At(3, "s6", SignalTypes.DemoRequested)], Day(3));

        Assert.DoesNotContain(assessment.Advice, static a => a.Code == Problem);
    }

    [Fact]
    public void Done_MuchLater_StillOutWhileTheTaskIsActive()
    {
        Signal[] signals = [.. Busy, Feedback(2.1, "f1", SignalTypes.ActionDone, Problem)];

        foreach (var days in new[] { 2.1, 5, 10, 20 })
        {
            var assessment = Engine.Assess(JourneyId, signals, Day(days));
            Assert.True(assessment.Task("ProblemIdentification").IsActive, $"day {days}");
            Assert.DoesNotContain(assessment.Advice, static a => a.Code == Problem);
        }
    }

    [Fact]
    public void Done_LaterSignalScoringTheSameTask_BringsItBack()
    {
        Signal[] signals = [.. Busy, Feedback(2.1, "f1", SignalTypes.ActionDone, Problem), At(3, "s6", SignalTypes.DemoRequested), At(4, "s7", SignalTypes.ContentInsightRead)];

        var assessment = Engine.Assess(JourneyId, signals, Day(4));

        var action = Advised(assessment, Problem);
        Assert.Null(assessment.CurrentFeedback(action));
        Assert.Single(assessment.State.Feedback);
    }

    [Fact]
    public void Done_LaterSignalNamingTheTargetStakeholder_BringsItBack()
    {
        var before = Engine.Assess(JourneyId, Busy, Day(2));
        Assert.Equal("ann", Advised(before, Problem).TargetStakeholderId);

        var assessment = Engine.Assess(JourneyId, [.. Busy, Feedback(2.1, "f1", SignalTypes.ActionDone, Problem), By(3, "s6", SignalTypes.DemoRequested, "ann")], Day(3));

        Assert.Contains(assessment.Advice, static a => a.Code == Problem);
    }

    [Fact]
    public void Done_ActionWithoutTask_BackOnlyWhenAnyTaskGetsEvidence()
    {
        var engine = new JourneyEngineBuilder().AddPlaybook(new CallPlaybook()).Build();
        Signal[] done = [.. Busy, Feedback(2.1, "f1", SignalTypes.ActionDone, CallPlaybook.Code)];

        var gone = engine.Assess(JourneyId, [.. done, At(3, "s6", "crm.note")], Day(3));
        var back = engine.Assess(JourneyId, [.. done, At(3, "s6", "crm.note"), At(4, "s7", SignalTypes.DemoRequested)], Day(4));

        Assert.DoesNotContain(gone.Advice, static a => a.Code == CallPlaybook.Code);
        Assert.Contains(back.Advice, static a => a.Code == CallPlaybook.Code);
    }

    [Fact]
    public void Done_ActionWithoutTask_BackWhenTheStatusChanges()
    {
        var engine = new JourneyEngineBuilder().AddPlaybook(new CallPlaybook()).Build();
        Signal[] signals = [At(0, "s1", "crm.note"), Feedback(1, "f1", SignalTypes.ActionDone, CallPlaybook.Code)];

        var gone = engine.Assess(JourneyId, signals, Day(1));
        var back = engine.Assess(JourneyId, [.. signals, At(2, "s2", SignalTypes.DealLost)], Day(2));

        Assert.DoesNotContain(gone.Advice, static a => a.Code == CallPlaybook.Code);
        Assert.Contains(back.Advice, static a => a.Code == CallPlaybook.Code);
    }

    [Fact]
    public void Done_SameTimeAsTheLastEvidence_StillCountsAsDone()
    {
        var assessment = Engine.Assess(JourneyId, [By(0, "s1", SignalTypes.ProblemStated, "ann"), Feedback(0, "s2", SignalTypes.ActionDone, Problem)], Day(0));

        Assert.DoesNotContain(assessment.Advice, static a => a.Code == Problem);
    }

    [Fact]
    public void Rejected_RankedAfterEveryActionNotRejected()
    {
        var before = RankAll.Assess(JourneyId, Busy, Day(2));
        var top = before.NextBestActions[0].Code;

        var after = RankAll.Assess(JourneyId, [.. Busy, Feedback(2.1, "f1", SignalTypes.ActionRejected, top)], Day(2.1));

        Assert.Equal(top, after.NextBestActions[^1].Code);
        Assert.Equal(before.NextBestActions.Skip(1).Select(static a => a.Code), after.NextBestActions.SkipLast(1).Select(static a => a.Code));
        Assert.Contains(after.Advice, a => a.Code == top);
        Assert.Equal(before.Advice.Select(static a => a.Code), after.Advice.Select(static a => a.Code));
        Assert.Equal(FeedbackKind.Rejected, after.CurrentFeedback(after.NextBestActions[^1])!.Kind);
    }

    [Fact]
    public void Rejected_OutOfTheShortListWhenEnoughOthersRemain()
    {
        var top = Engine.Assess(JourneyId, Busy, Day(2)).NextBestActions[0].Code;

        var after = Engine.Assess(JourneyId, [.. Busy, Feedback(2.1, "f1", SignalTypes.ActionRejected, top)], Day(2.1));

        Assert.DoesNotContain(after.NextBestActions, a => a.Code == top);
        Assert.Equal(3, after.NextBestActions.Length);
    }

    [Fact]
    public void Rejected_HighPriorityAction_RankedAfterLowPriorityOnes()
    {
        Signal[] signals = [.. Busy, By(3, "s6", SignalTypes.StakeholderLeft, "ann"), Feedback(3.1, "f1", SignalTypes.ActionRejected, "journey.at-risk")];

        var assessment = RankAll.Assess(JourneyId, signals, Day(3.1));

        Assert.Equal(JourneyStatus.AtRisk, assessment.Status);
        Assert.Equal("journey.at-risk", assessment.NextBestActions[^1].Code);
        Assert.Equal(ActionPriority.High, assessment.NextBestActions[^1].Priority);
        Assert.Contains(assessment.NextBestActions.SkipLast(1), static a => a.Priority < ActionPriority.High);
        Assert.Equal("journey.at-risk", assessment.Advice[0].Code);
    }

    [Fact]
    public void Rejected_EvidenceChanges_RankedNormallyAgain()
    {
        var before = RankAll.Assess(JourneyId, Busy, Day(2));
        var top = before.NextBestActions[0];
        Assert.Equal("Validation.active", top.Code);

        var after = RankAll.Assess(JourneyId, [.. Busy, Feedback(2.1, "f1", SignalTypes.ActionRejected, top.Code), At(2.2, "s6", SignalTypes.CaseStudyRead)], Day(2.2));

        Assert.Equal(top.Code, after.NextBestActions[0].Code);
        Assert.Null(after.CurrentFeedback(after.NextBestActions[0]));
    }

    [Fact]
    public void Accepted_RankingUnchanged()
    {
        var top = Engine.Assess(JourneyId, Busy, Day(2)).NextBestActions[0].Code;
        var without = RankAll.Assess(JourneyId, [.. Busy, At(2.1, "f0", "crm.note")], Day(2.1));

        var with = RankAll.Assess(JourneyId, [.. Busy, Feedback(2.1, "f1", SignalTypes.ActionAccepted, top)], Day(2.1));

        Assert.Equal(without.NextBestActions.Select(static a => a.Code), with.NextBestActions.Select(static a => a.Code));
        Assert.Equal(without.Advice.Select(static a => a.Code), with.Advice.Select(static a => a.Code));
        Assert.Equal(FeedbackKind.Accepted, with.CurrentFeedback(with.NextBestActions[0])!.Kind);
    }

    [Fact]
    public void LatestFeedbackWins_DoneThenAccepted_BackInTheAdvice()
    {
        Signal[] signals = [.. Busy, Feedback(2.1, "f1", SignalTypes.ActionDone, Problem), Feedback(2.2, "f2", SignalTypes.ActionAccepted, Problem)];

        var assessment = Engine.Assess(JourneyId, signals, Day(2.2));

        var action = Advised(assessment, Problem);
        Assert.Equal((FeedbackKind.Accepted, "f2"), (assessment.CurrentFeedback(action)!.Kind, assessment.CurrentFeedback(action)!.SignalId));
        Assert.Single(assessment.State.Feedback);
    }

    [Fact]
    public void LatestFeedbackWins_RejectedThenDone_Out()
    {
        Signal[] signals = [.. Busy, Feedback(2.1, "f1", SignalTypes.ActionRejected, Problem), Feedback(2.2, "f2", SignalTypes.ActionDone, Problem)];

        var assessment = Engine.Assess(JourneyId, signals, Day(2.2));

        Assert.DoesNotContain(assessment.Advice, static a => a.Code == Problem);
        Assert.Equal(FeedbackKind.Done, Assert.Single(assessment.State.Feedback).Kind);
    }

    [Fact]
    public void Feedback_OnSeveralCodes_KeptOldestFirst()
    {
        var state = ApplyAll(Engine, [.. Busy, Feedback(3, "f1", SignalTypes.ActionDone, "a"), Feedback(4, "f2", SignalTypes.ActionRejected, "b"), Feedback(5, "f3", SignalTypes.ActionDone, "a")]);

        Assert.Equal([("b", FeedbackKind.Rejected), ("a", FeedbackKind.Done)], state.Feedback.Select(static f => (f.ActionCode, f.Kind)));
    }

    [Fact]
    public void CurrentFeedback_NoFeedbackForTheCode_Null()
    {
        var assessment = Engine.Assess(JourneyId, [.. Busy, Feedback(2.1, "f1", SignalTypes.ActionDone, "something.else")], Day(2.1));

        Assert.Null(assessment.CurrentFeedback(Advised(assessment, Problem)));
        Assert.Contains(assessment.Advice, static a => a.Code == Problem);
    }

    [Fact]
    public void CurrentFeedback_NullAction_ThrowsNamingIt()
    {
        var assessment = Engine.Assess(JourneyId, Busy, Day(2));

        Assert.Equal("action", Assert.Throws<ArgumentNullException>(() => assessment.CurrentFeedback(null!)).ParamName);
    }

    [Theory]
    [InlineData(SignalTypes.ActionAccepted)]
    [InlineData(SignalTypes.ActionRejected)]
    [InlineData(SignalTypes.ActionDone)]
    public void FeedbackSignal_WithoutTheActionAttribute_RefusedNamingTheAttributeAndStateUnchanged(string type)
    {
        var state = ApplyAll(Engine, Busy);

        var result = Engine.Apply(state, At(3, "f1", type));

        Assert.Equal(SignalOutcome.RuleFailed, result.Outcome);
        Assert.Same(state, result.State);
        Assert.Contains("needs the attribute \"action\"", result.Reason, StringComparison.Ordinal);
        Assert.Contains("\"f1\"", result.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Evidence);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData(null)]
    public void FeedbackSignal_BlankOrTooLongAction_Refused(string? code)
    {
        var state = ApplyAll(Engine, Busy);
        var signal = new Signal("f1", JourneyId, Day(3), SignalTypes.ActionDone, attributes: new Dictionary<string, string> { [ActionFeedback.ActionAttribute] = code ?? new string('a', SellerAction.MaxCodeLength + 1) });

        var result = Engine.Apply(state, signal);

        Assert.Equal(SignalOutcome.RuleFailed, result.Outcome);
        Assert.Same(state, result.State);
        Assert.Contains("at most 320 characters", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FeedbackSignal_Refused_ReplaySkipsIt()
    {
        var state = Engine.Replay(JourneyId, [.. Busy, At(3, "f1", SignalTypes.ActionDone)]);

        Assert.Equal(Engine.Replay(JourneyId, Busy), state);
        Assert.Empty(state.Feedback);
    }

    [Fact]
    public void FeedbackSignal_NamingAStakeholder_DoesNotTouchTheGroupAndIsNotUnrecognized()
    {
        var state = ApplyAll(Engine, Busy);
        var signal = new Signal("f1", JourneyId, Day(3), SignalTypes.ActionDone, new Stakeholder("zoe", StakeholderRoles.Purchaser), attributes: new Dictionary<string, string> { [ActionFeedback.ActionAttribute] = Problem });

        var after = Engine.Apply(state, signal).State;

        Assert.Equal(state.BuyingGroup, after.BuyingGroup);
        Assert.Equal(state.UnrecognizedSignalCount, after.UnrecognizedSignalCount);
        Assert.Equal(state.SignalCount + 1, after.SignalCount);
        Assert.Equal(state.Tasks, after.Tasks);
        Assert.Equal("f1", after.LastSignalId);
    }

    /// <summary>Proposes a task-less Low "call the customer" action citing the journey's last signal.</summary>
    private sealed class CallPlaybook : IPlaybook
    {
        public const string Code = "custom.call";

        public void Advise(AdviceContext context, ActionCollector actions)
        {
            if (context.State.LastSignalId is { } last)
            {
                actions.Add(new SellerAction(Code, "Call", "Keep in touch.", ActionPriority.Low, null, [last]));
            }
        }
    }
}
