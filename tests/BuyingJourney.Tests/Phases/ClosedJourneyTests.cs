using System.Collections.Generic;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using BuyingJourney.Tests.Support;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Phases;

/// <summary>
/// A won or lost journey reopens only on evidence that actually starts, reopens or completes a task (a new problem
/// statement, a new RFP), never on a weak touch (a newsletter read, a general inquiry): the touch is recorded, the
/// status stays, and the assessment says so. In every built-in model.
/// </summary>
public sealed class ClosedJourneyTests
{
    public static TheoryData<string> Models => [.. BuiltInEngines.Names];

    public static TheoryData<string, string, string> ClosedTouchedAndReopened
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var model in BuiltInEngines.Names)
            {
                foreach (var end in (string[])[SignalTypes.DealWon, SignalTypes.DealLost])
                {
                    data.Add(model, end, SignalTypes.ProblemStated);
                    data.Add(model, end, SignalTypes.RfpIssued);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Won_ThenANewsletterReadAndAGeneralInquiry_StaysWon_RecordsTheTouches_AndSaysSo(string model)
    {
        var engine = BuiltInEngines.For(model);
        var won = engine.Replay(JourneyId, Script((0, SignalTypes.ProblemStated), (1, SignalTypes.RequirementsDrafted), (2, SignalTypes.DealWon)));
        Assert.Equal(JourneyStatus.Won, won.Status);
        Assert.Null(engine.Assess(won, Day(2)).StatusNote);

        var read = engine.Apply(won, At(3, "s4", SignalTypes.ContentInsightRead));
        var asked = engine.Apply(read.State, At(60, "s5", SignalTypes.InquiryGeneral)); // weeks later: the touches do not add up

        Assert.True(read.IsApplied);
        Assert.NotEmpty(read.Evidence);
        Assert.NotEmpty(asked.Evidence);
        var state = asked.State;
        Assert.Equal(JourneyStatus.Won, state.Status);
        Assert.Equal((Day(2), "s3"), (state.StatusSince, state.StatusSignalId));
        Assert.Equal((5, "s5"), (state.SignalCount, state.LastSignalId));

        var assessment = engine.Assess(state, Day(60));
        Assert.Empty(assessment.ActiveTasks);
        Assert.Equal("Won since 2026-03-04 (signal s3); the later signals, the last s5 on 2026-05-01, started, reopened or completed no task, so the journey stays Won", assessment.StatusNote);
    }

    [Theory]
    [MemberData(nameof(ClosedTouchedAndReopened))]
    public void ClosedAndTouched_ThenANewProblemOrANewRfp_Reopens(string model, string end, string reopening)
    {
        var engine = BuiltInEngines.For(model);
        var touched = engine.Replay(JourneyId, Script((0, SignalTypes.ProblemStated), (1, end), (2, SignalTypes.ContentInsightRead)));
        Assert.Equal(end == SignalTypes.DealWon ? JourneyStatus.Won : JourneyStatus.Lost, touched.Status);
        Assert.Contains("s3", engine.Assess(touched, Day(2)).StatusNote, System.StringComparison.Ordinal);

        var reopened = engine.Apply(touched, At(3, "s4", reopening));

        Assert.Equal(JourneyStatus.Open, reopened.State.Status);
        Assert.Equal((Day(3), "s4"), (reopened.State.StatusSince, reopened.State.StatusSignalId));
        Assert.Contains(reopened.Transitions, static t => t.To is TaskPhase.Active or TaskPhase.Revisiting);
        var assessment = engine.Assess(reopened.State, Day(3));
        Assert.Null(assessment.StatusNote);
        Assert.NotEmpty(assessment.ActiveTasks);
    }

    [Fact]
    public void Won_ThenRepeatedTouches_ReopensOnlyWhenTheyAddUpToAStartedTask()
    {
        var engine = JourneyEngine.CreateDefault();
        var won = engine.Replay(JourneyId, Script((0, SignalTypes.ProblemStated), (1, SignalTypes.DealWon)));

        var once = engine.Apply(won, At(2, "s3", SignalTypes.InquiryGeneral)).State;
        Assert.Equal(JourneyStatus.Won, once.Status);

        // Two weak pieces of solution-exploration evidence a few hours apart reach its activation threshold: the customer is exploring again.
        var twice = engine.Apply(once, At(Day(2).AddHours(2), "s4", SignalTypes.EventAttended));
        Assert.Contains(twice.Evidence, static e => e.Kind == EvidenceKind.Weight && e.TaskId == GartnerTasks.SolutionExploration);
        Assert.Equal(JourneyStatus.Open, twice.State.Status);
    }

    [Fact]
    public void Stalled_ThenAWeakTouch_Resumes()
    {
        // A stalled purchase has not ended: any task evidence resumes it (unchanged default).
        var engine = JourneyEngine.CreateDefault();

        var state = engine.Replay(JourneyId, Script((0, SignalTypes.ProblemStated), (1, SignalTypes.BudgetFrozen), (2, SignalTypes.ContentInsightRead)));

        Assert.Equal(JourneyStatus.Open, state.Status);
        Assert.Null(engine.Assess(state, Day(2)).StatusNote);
    }
}
