using System;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Stateless;
using Xunit;

namespace BuyingJourney.Tests.Phases;

/// <summary>The compiled task lifecycle: classification, reasons, custom lifecycles on a model and their validation.</summary>
public sealed class TaskLifecycleTableTests
{
    private static readonly TaskDefinition[] Tasks = [new TaskDefinition("need", "Need", "Why?")];
    private static readonly TaskParameters Default = TaskSettings.Default.ToParameters(TaskLifecycleTable.BuiltIn);

    [Theory]
    [InlineData(0.499, TaskTrigger.BelowActivation)]
    [InlineData(0.5, TaskTrigger.ReachesActivation)]
    [InlineData(0.799, TaskTrigger.ReachesActivation)]
    [InlineData(0.8, TaskTrigger.ReachesReopen)]
    [InlineData(5, TaskTrigger.ReachesReopen)]
    public void Classify_DefaultThresholds_OneBandPerScore(double score, TaskTrigger expected)
        => Assert.Equal(expected, TaskLifecycleTable.Classify(score, Default));

    [Fact]
    public void Classify_ActivationEqualsReopen_ReachingItReachesReopen()
    {
        var equal = (TaskSettings.Default with { ActivationThreshold = 0.7, ReopenThreshold = 0.7 }).ToParameters(TaskLifecycleTable.BuiltIn);

        Assert.Equal(TaskTrigger.BelowActivation, TaskLifecycleTable.Classify(0.69, equal));
        Assert.Equal(TaskTrigger.ReachesReopen, TaskLifecycleTable.Classify(0.7, equal));
        var state = Completed();
        Assert.Equal(TaskPhase.Revisiting, TaskLifecycle.AddWeight(state, equal, 10, 0.7, "s").Phase);
        Assert.Equal(TaskPhase.Active, TaskLifecycle.AddWeight(default, equal, 10, 0.7, "s").Phase);
    }

    [Theory]
    [InlineData(0.3, TaskTrigger.BelowActivation, TaskPhase.NotStarted)]
    [InlineData(0.6, TaskTrigger.ReachesActivation, TaskPhase.Active)]
    [InlineData(1.0, TaskTrigger.ReachesReopen, TaskPhase.Active)]
    public void AddWeight_FromNotStarted_GivesTheTriggerItsScorePicked(double weight, TaskTrigger expected, TaskPhase phase)
    {
        var after = TaskLifecycle.AddWeight(default, Default, 10, weight, "s1", out var trigger);

        Assert.Equal((expected, phase), (trigger, after.Phase));
        Assert.Equal(TaskLifecycleTable.BuiltIn.Next(TaskPhase.NotStarted, trigger), after.Phase);
    }

    [Theory]
    [InlineData(TaskPhase.NotStarted, TaskTrigger.ReachesActivation, "evidence reached the activation threshold (score 0.6)")]
    [InlineData(TaskPhase.NotStarted, TaskTrigger.ReachesReopen, "evidence reached the activation threshold (score 0.6)")]
    [InlineData(TaskPhase.Dormant, TaskTrigger.ReachesActivation, "evidence resumed the task (score 0.6)")]
    [InlineData(TaskPhase.Completed, TaskTrigger.ReachesReopen, "evidence after completion reached the reopen threshold (score 0.6)")]
    [InlineData(TaskPhase.Active, TaskTrigger.Completion, "completion evidence")]
    [InlineData(TaskPhase.Active, TaskTrigger.Fade, "the score decayed below the dormancy threshold")]
    [InlineData(TaskPhase.Revisiting, TaskTrigger.Fade, "the score decayed below the dormancy threshold")]
    [InlineData(TaskPhase.Revisiting, TaskTrigger.JourneyEffect, "a stall, win or loss dropped the score to zero (the journey is Won)")]
    public void Reason_BuiltIn_IsTheRowLabelWithItsDetail(TaskPhase from, TaskTrigger trigger, string expected)
        => Assert.Equal(expected, TaskLifecycleTable.BuiltIn.Reason(from, trigger, 0.6, JourneyStatus.Won));

    [Fact]
    public void BuiltIn_OnlyTheReopenRowIsALoopBack_AndEachTriggerHasItsCause()
    {
        foreach (var row in TaskLifecycleTable.BuiltIn.Rows)
        {
            var loopBack = (TaskPhase)row.From == TaskPhase.Completed && (TaskTrigger)row.Trigger == TaskTrigger.ReachesReopen;
            Assert.Equal(loopBack, row.IsLoopBack);
        }

        Assert.Equal(TransitionCause.Evidence, TaskLifecycleTable.CauseOf(TaskTrigger.BelowActivation));
        Assert.Equal(TransitionCause.Evidence, TaskLifecycleTable.CauseOf(TaskTrigger.ReachesReopen));
        Assert.Equal(TransitionCause.Completion, TaskLifecycleTable.CauseOf(TaskTrigger.Completion));
        Assert.Equal(TransitionCause.Decay, TaskLifecycleTable.CauseOf(TaskTrigger.Fade));
        Assert.Equal(TransitionCause.JourneyEffect, TaskLifecycleTable.CauseOf(TaskTrigger.JourneyEffect));
        Assert.True(TaskLifecycleTable.BuiltIn.IsLoopBack(TaskPhase.Completed, TaskTrigger.ReachesReopen));
        Assert.False(TaskLifecycleTable.BuiltIn.IsLoopBack(TaskPhase.Dormant, TaskTrigger.ReachesActivation));
    }

    [Fact]
    public void TaskTransition_IsLoopBack_IsTheRowsFlag()
    {
        var at = DateTimeOffset.UnixEpoch;

        Assert.True(new TaskTransition("t", TaskPhase.Dormant, TaskPhase.Active, at, TransitionCause.Evidence, "s", "r", isLoopBack: true).IsLoopBack);
        Assert.False(new TaskTransition("t", TaskPhase.Completed, TaskPhase.Revisiting, at, TransitionCause.Evidence, "s", "r", isLoopBack: false).IsLoopBack);
    }

    [Fact]
    public void Model_WithoutALifecycle_UsesTheBuiltInTable()
    {
        Assert.Same(TaskLifecycleTable.BuiltIn, new BuyingModel("m", Tasks).Lifecycle);
        Assert.Same(TaskLifecycleTable.BuiltIn, BuyingModels.Gartner.Lifecycle);
    }

    [Fact]
    public void CustomLifecycle_CompletionIsFinal_StrongEvidenceAfterCompletionNoLongerReopens()
    {
        var model = Model(new RowChange(TaskPhase.Completed, TaskTrigger.ReachesReopen, null));
        var parameters = model.DefaultSettings.ToParameters(model.Lifecycle);

        var custom = TaskLifecycle.AddWeight(Completed(), parameters, 10, 1.0, "s2");
        var builtIn = TaskLifecycle.AddWeight(Completed(), Default, 10, 1.0, "s2");

        Assert.Equal((TaskPhase.Completed, 0, 1.0, TaskLifecycle.Never), (custom.Phase, custom.LoopBackCount, custom.Score, TaskLifecycle.FadesAtTicks(custom, parameters)));
        Assert.Equal((TaskPhase.Revisiting, 1), (builtIn.Phase, builtIn.LoopBackCount));
    }

    [Fact]
    public void CustomLifecycle_ReachesTheEngine_CompletionIsFinalInReplayApplyAndTheSnapshotFingerprint()
    {
        var model = Model(new RowChange(TaskPhase.Completed, TaskTrigger.ReachesReopen, null));
        var rulebook = new Rulebook("need-rules", "1", [
            EvidenceRule.ForSignalType("need:done", "done", EvidenceItem.Completes("need", "decided")),
            EvidenceRule.ForSignalType("need:pain", "pain", EvidenceItem.For("need", EvidenceStrength.Strong, "pain"))]);
        var custom = new JourneyEngineBuilder().UseModel(model).UseRulebook(rulebook).Build();
        var builtIn = new JourneyEngineBuilder().UseModel(Model()).UseRulebook(rulebook).Build();
        var signals = new[]
        {
            new Signal("s1", "j", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "done"),
            new Signal("s2", "j", new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), "pain"),
        };

        var kept = custom.Replay("j", signals);
        var reopened = builtIn.Replay("j", signals);
        var applied = custom.Apply(custom.Apply(custom.Start("j"), signals[0]).State, signals[1]);

        Assert.Equal((TaskPhase.Completed, 0), (kept.Tasks[0].Phase, kept.LoopBackCount));
        Assert.Equal((TaskPhase.Revisiting, 1), (reopened.Tasks[0].Phase, reopened.LoopBackCount));
        Assert.Equal(kept, applied.State);
        Assert.Empty(applied.Transitions);
        Assert.NotEqual(custom.FoldFingerprint, builtIn.FoldFingerprint);
    }

    [Fact]
    public void CustomLifecycle_DormantNeedsReopen_ActivationEvidenceLeavesItDormant_ReopenEvidenceResumes()
    {
        var model = Model(new RowChange(TaskPhase.Dormant, TaskTrigger.ReachesActivation, null));
        var parameters = model.DefaultSettings.ToParameters(model.Lifecycle);
        var active = TaskLifecycle.AddWeight(default, parameters, 1, 1.0, "s1");
        var dormant = TaskLifecycle.Fade(active, parameters, TaskLifecycle.FadesAtTicks(active, parameters));
        Assert.Equal(TaskPhase.Dormant, dormant.Phase);

        var weak = TaskLifecycle.AddWeight(dormant, parameters, dormant.SinceTicks, 0.5, "s2");
        var strong = TaskLifecycle.AddWeight(dormant, parameters, dormant.SinceTicks, 1.0, "s2");

        Assert.Equal(TaskPhase.Dormant, weak.Phase);
        Assert.Equal(TaskLifecycle.Never, TaskLifecycle.FadesAtTicks(weak, parameters));
        Assert.Equal(TaskPhase.Active, strong.Phase);
        Assert.Equal(dormant.SinceTicks, strong.SinceTicks);
        Assert.Equal(TaskPhase.Active, TaskLifecycle.AddWeight(dormant, Default, dormant.SinceTicks, 0.5, "s2").Phase);
    }

    [Fact]
    public void CustomLifecycle_LoopBackRowElsewhere_CountsLoopBacksAndNamesTheReason()
    {
        var model = Model(new RowChange(TaskPhase.Dormant, TaskTrigger.ReachesActivation, TaskPhase.Active, "picked up again", LoopBack: true));
        var parameters = model.DefaultSettings.ToParameters(model.Lifecycle);
        var active = TaskLifecycle.AddWeight(default, parameters, 1, 1.0, "s1");
        var dormant = TaskLifecycle.Fade(active, parameters, TaskLifecycle.FadesAtTicks(active, parameters));

        var resumed = TaskLifecycle.AddWeight(dormant, parameters, dormant.SinceTicks, 0.5, "s2");

        Assert.Equal((TaskPhase.Active, 1), (resumed.Phase, resumed.LoopBackCount));
        Assert.True(model.Lifecycle.IsLoopBack(TaskPhase.Dormant, TaskTrigger.ReachesActivation));
        Assert.Equal("picked up again (score 0.6)", model.Lifecycle.Reason(TaskPhase.Dormant, TaskTrigger.ReachesActivation, 0.6, JourneyStatus.Open));
    }

    [Fact]
    public void CustomLifecycle_FadeBackToNotStarted_PhaseAtAndFadeFollowTheRow()
    {
        var model = Model(new RowChange(TaskPhase.Active, TaskTrigger.Fade, TaskPhase.NotStarted, "forgotten"));
        var parameters = model.DefaultSettings.ToParameters(model.Lifecycle);
        var active = TaskLifecycle.AddWeight(default, parameters, 1, 1.0, "s1");
        var fadesAt = TaskLifecycle.FadesAtTicks(active, parameters);

        Assert.Equal(TaskPhase.Active, TaskLifecycle.PhaseAt(active, parameters, fadesAt - 1));
        Assert.Equal(TaskPhase.NotStarted, TaskLifecycle.PhaseAt(active, parameters, fadesAt));
        Assert.Equal(TaskPhase.Dormant, TaskLifecycle.PhaseAt(active, fadesAt, TaskLifecycleTable.BuiltIn, fadesAt));
        Assert.True(TaskLifecycle.TryFade(active, parameters, fadesAt, out var faded));
        Assert.Equal((TaskPhase.NotStarted, fadesAt, TaskLifecycle.Never), (faded.Phase, faded.SinceTicks, TaskLifecycle.FadesAtTicks(faded, parameters)));
        Assert.Equal("forgotten", model.Lifecycle.Reason(TaskPhase.Active, TaskTrigger.Fade, faded.Score, JourneyStatus.Open));
    }

    [Fact]
    public void CustomLifecycle_LaterChangesToTheMachine_DoNotReachTheModel()
    {
        var machine = LifecycleDeclarations.Machine(TaskPhase.NotStarted, []);
        var model = new BuyingModel("m", Tasks, taskLifecycle: machine);

        machine.Configure(TaskPhase.Active).Ignore(TaskTrigger.Completion);

        Assert.Equal(TaskPhase.Completed, model.Lifecycle.Next(TaskPhase.Active, TaskTrigger.Completion));
    }

    [Fact]
    public void CustomLifecycle_UnhandledTrigger_IsRejectedNamingPhaseAndTrigger()
        => AssertInvalid("Dormant does not handle Completion; every phase handles every trigger with a transition, a re-entry or an explicit ignore", LifecycleDeclarations.Machine(TaskPhase.NotStarted, [], (TaskPhase.Dormant, TaskTrigger.Completion)));

    [Fact]
    public void CustomLifecycle_TriggerHandledTwice_IsRejected()
    {
        var machine = LifecycleDeclarations.Machine(TaskPhase.NotStarted, []);
        machine.Configure(TaskPhase.Active).Permit(TaskTrigger.BelowActivation, TaskPhase.Dormant);

        AssertInvalid("Active handles BelowActivation more than once", machine);
    }

    [Fact]
    public void CustomLifecycle_StartingElsewhere_IsRejected()
        => AssertInvalid("it starts in Dormant; it must have exactly one start phase, NotStarted, where everything starts", LifecycleDeclarations.Machine(TaskPhase.Dormant, []));

    [Fact]
    public void CustomLifecycle_LoopBackWithoutAName_IsRejected()
        => AssertInvalid(
            "Dormant's loop-back on ReachesActivation has no name; give it a label besides \"loop-back\"",
            LifecycleDeclarations.Machine(TaskPhase.NotStarted, [new RowChange(TaskPhase.Dormant, TaskTrigger.ReachesActivation, TaskPhase.Active, LoopBack: true)]));

    [Fact]
    public void CustomLifecycle_IgnoreMarkedALoopBack_IsRejected()
        => AssertInvalid(
            "Completed ignores ReachesActivation but marks it a loop-back; a loop-back changes the phase",
            LifecycleDeclarations.Machine(TaskPhase.NotStarted, [new RowChange(TaskPhase.Completed, TaskTrigger.ReachesActivation, null, "x", LoopBack: true)]));

    [Fact]
    public void CustomLifecycle_RowWithTwoLabels_IsRejected()
    {
        var machine = LifecycleDeclarations.Machine(TaskPhase.NotStarted, [], (TaskPhase.Active, TaskTrigger.Completion));
        machine.Configure(TaskPhase.Active).PermitIf(TaskTrigger.Completion, TaskPhase.Completed, Tuple.Create<Func<bool>, string>(static () => true, "one"), Tuple.Create<Func<bool>, string>(static () => true, "two"));

        AssertInvalid("Active's row for Completion has two labels, \"one\" and \"two\"; give each row one", machine);
    }

    [Fact]
    public void CustomLifecycle_ActivePhaseIgnoringFade_IsRejected()
        => AssertInvalid(
            "Active must leave for a phase the customer is not working on when its score fades (Fade); it ignores it",
            LifecycleDeclarations.Machine(TaskPhase.NotStarted, [new RowChange(TaskPhase.Active, TaskTrigger.Fade, null)]));

    [Fact]
    public void CustomLifecycle_FadeIntoAnActivePhase_IsRejected()
        => AssertInvalid(
            "Revisiting must leave for a phase the customer is not working on when its score fades (Fade); it goes to Active",
            LifecycleDeclarations.Machine(TaskPhase.NotStarted, [new RowChange(TaskPhase.Revisiting, TaskTrigger.Fade, TaskPhase.Active)]));

    [Fact]
    public void CustomLifecycle_FadeOutOfAPhaseWithoutAFadeTick_IsRejected()
        => AssertInvalid(
            "Dormant has no fade tick, so it must ignore Fade; it goes to NotStarted",
            LifecycleDeclarations.Machine(TaskPhase.NotStarted, [new RowChange(TaskPhase.Dormant, TaskTrigger.Fade, TaskPhase.NotStarted)]));

    [Fact]
    public void CustomLifecycle_JourneyEffectLeavingATaskActive_IsRejected()
        => AssertInvalid(
            "a stall, win or loss leaves no task active, but Active re-enters itself on JourneyEffect",
            LifecycleDeclarations.Machine(TaskPhase.NotStarted, [new RowChange(TaskPhase.Active, TaskTrigger.JourneyEffect, TaskPhase.Active)]));

    [Fact]
    public void CustomLifecycle_InternalTransition_IsRejected()
    {
        var machine = LifecycleDeclarations.Machine(TaskPhase.NotStarted, [], (TaskPhase.Active, TaskTrigger.BelowActivation));
        machine.Configure(TaskPhase.Active).InternalTransition(TaskTrigger.BelowActivation, static () => { });

        AssertInvalid("Active has an internal transition on BelowActivation; use a re-entry (PermitReentry) or an ignore", machine);
    }

    [Fact]
    public void CustomLifecycle_DynamicTransition_IsRejected()
    {
        var machine = LifecycleDeclarations.Machine(TaskPhase.NotStarted, [], (TaskPhase.Active, TaskTrigger.Completion));
        machine.Configure(TaskPhase.Active).PermitDynamic(TaskTrigger.Completion, static () => TaskPhase.Completed);

        AssertInvalid("Active has a dynamic transition on Completion; declare each transition with its destination", machine);
    }

    [Fact]
    public void CustomLifecycle_Substates_AreRejected()
    {
        var machine = LifecycleDeclarations.Machine(TaskPhase.NotStarted, []);
        machine.Configure(TaskPhase.Revisiting).SubstateOf(TaskPhase.Active);

        AssertInvalid("has a superstate or substates; a lifecycle is flat", machine);
    }

    private static void AssertInvalid(string problem, StateMachine<TaskPhase, TaskTrigger> machine)
    {
        var error = Assert.Throws<ArgumentException>(() => new BuyingModel("custom", Tasks, taskLifecycle: machine));
        Assert.Equal("taskLifecycle", error.ParamName);
        Assert.StartsWith("model \"custom\" task lifecycle: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem + ".", error.Message, StringComparison.Ordinal);
    }

    private static BuyingModel Model(params RowChange[] changes)
        => new("custom", Tasks, taskLifecycle: LifecycleDeclarations.Machine(TaskPhase.NotStarted, changes));

    private static TaskState Completed() => TaskLifecycle.Complete(default, Default, 5, "done");
}
