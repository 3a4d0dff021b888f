using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Playbooks;
using BuyingJourney.QuickStart;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Advice;

public sealed class DefaultPlaybookTests
{
    private const string Problem = GartnerTasks.ProblemIdentification;

    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();

    [Fact]
    public void Advise_FirstPass_MediumActiveActionCitingTheEvidence()
    {
        var signals = Script((0, SignalTypes.ProblemStated));

        var action = Action(Engine.Assess(JourneyId, signals, Day(1)), Problem + ".active");

        Assert.Equal(ActionPriority.Medium, action.Priority);
        Assert.Equal(Problem, action.TaskId);
        Assert.Equal("Understand the pain and share what the industry is doing", action.Title);
        Assert.Contains("Evidence: the customer stated a problem (signal s1, +0.95).", action.Rationale, StringComparison.Ordinal);
        Assert.Equal("s1", Assert.Single(action.EvidenceSignalIds));
    }

    [Fact]
    public void Advise_Revisiting_HighLoopBackActionNamingWhereItCameFrom()
    {
        var signals = Script(
            (0, SignalTypes.ProblemStated),
            (1, SignalTypes.ProblemDefined),
            (2, SignalTypes.SolutionResearched),
            (3, SignalTypes.ProblemMetricMissed));

        var assessment = Engine.Assess(JourneyId, signals, Day(3));

        var action = Action(assessment, Problem + ".revisiting");
        Assert.Equal(ActionPriority.High, action.Priority);
        Assert.Equal("Re-open discovery: the problem is being redefined", action.Title);
        Assert.Contains("The customer came back to it on 2026-03-05 (signal s4), from solution exploration.", action.Rationale, StringComparison.Ordinal);
        Assert.Equal("s4", action.EvidenceSignalIds[0]);
        Assert.DoesNotContain(assessment.Advice, a => a.Code == Problem + ".active");
        Assert.Same(action, assessment.Advice[0]);
    }

    [Fact]
    public void Advise_RevisitingFromNoActiveTask_SaysSoWithoutAFromList()
    {
        var signals = Script((0, SignalTypes.ProblemDefined), (1, SignalTypes.ProblemStated));

        var action = Action(Engine.Assess(JourneyId, signals, Day(1)), Problem + ".revisiting");

        Assert.Contains("The customer came back to it on 2026-03-03 (signal s2).", action.Rationale, StringComparison.Ordinal);
        Assert.DoesNotContain(", from ", action.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_Dormant_LowReEngageActionSayingSinceWhen()
    {
        var signals = Script((0, SignalTypes.ProblemStated));

        var action = Action(Engine.Assess(JourneyId, signals, Day(40)), Problem + ".dormant");

        Assert.Equal(ActionPriority.Low, action.Priority);
        Assert.Equal("Check whether the pain is still there", action.Title);
        Assert.Contains("Quiet since 2026-04-03.", action.Rationale, StringComparison.Ordinal);
        Assert.Equal("s1", Assert.Single(action.EvidenceSignalIds));
    }

    [Fact]
    public void Advise_FirstPassRevisitAndDormancy_GetDifferentAdvice()
    {
        var active = Action(Engine.Assess(JourneyId, Script((0, SignalTypes.ProblemStated)), Day(1)), Problem + ".active");
        var revisiting = Action(Engine.Assess(JourneyId, Script((0, SignalTypes.ProblemDefined), (1, SignalTypes.ProblemStated)), Day(1)), Problem + ".revisiting");
        var dormant = Action(Engine.Assess(JourneyId, Script((0, SignalTypes.ProblemStated)), Day(40)), Problem + ".dormant");

        Assert.Equal(3, new[] { active.Title, revisiting.Title, dormant.Title }.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(3, new[] { active.Rationale, revisiting.Rationale, dormant.Rationale }.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            (ActionPriority.Medium, ActionPriority.High, ActionPriority.Low),
            (active.Priority, revisiting.Priority, dormant.Priority));
    }

    [Fact]
    public void Advise_AlwaysOnTasksWithoutEvidenceWhileOthersAreActive_GetLowGapActions()
    {
        var assessment = Engine.Assess(JourneyId, Script((0, SignalTypes.ProblemStated)), Day(1));

        var validation = Action(assessment, GartnerTasks.Validation + ".gap");
        var consensus = Action(assessment, GartnerTasks.ConsensusCreation + ".gap");
        Assert.Equal(ActionPriority.Low, validation.Priority);
        Assert.Equal(ActionPriority.Low, consensus.Priority);
        Assert.Equal(GartnerTasks.Validation, validation.TaskId);
        Assert.Equal("Line up proof before they ask", validation.Title);
        Assert.Equal("Map the buying group and who must agree", consensus.Title);
        Assert.Contains("Active now: problem identification (signal s1).", validation.Rationale, StringComparison.Ordinal);
        Assert.Equal("s1", Assert.Single(validation.EvidenceSignalIds));
        Assert.DoesNotContain(assessment.Advice, a => a.Code.EndsWith(".gap", StringComparison.Ordinal) && a.TaskId is not (GartnerTasks.Validation or GartnerTasks.ConsensusCreation));
    }

    [Fact]
    public void Advise_AlwaysOnTaskWithFreshEvidenceBelowActivation_GetsNoGapAction()
    {
        // The playbook's contract: a gap is "an always-on task with no evidence while others are active".
        var signals = Script((0, SignalTypes.ProblemStated), (0.5, SignalTypes.CaseStudyRead));

        var assessment = Engine.Assess(JourneyId, signals, Day(1));

        Assert.Equal(TaskPhase.NotStarted, assessment.Task(GartnerTasks.Validation).Phase);
        Assert.NotEmpty(assessment.Task(GartnerTasks.Validation).Evidence);
        Assert.DoesNotContain(assessment.Advice, a => a.Code == GartnerTasks.Validation + ".gap");
    }

    [Fact]
    public void Advise_NothingActive_NoGapActionsOnlyTheAnticipatedFirstStep()
    {
        var fresh = Engine.Assess(Engine.Start(JourneyId), Day0);
        var weakOnly = Engine.Assess(JourneyId, Script((0, SignalTypes.EventAttended)), Day(1));

        Assert.Empty(fresh.Advice);
        var next = Assert.Single(weakOnly.Advice);
        Assert.Equal(Problem + ".next", next.Code);
        Assert.Equal(ActionTactic.Anticipate, next.Tactic);
        Assert.Equal("Share new equipment information and industry trends", next.Title);
        Assert.EndsWith("Nothing is active yet (latest signal s1).", next.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_Stalled_HighJourneyActionFirst_ThenTheDormantTasks()
    {
        var signals = Script((0, SignalTypes.ProblemStated), (1, SignalTypes.SolutionResearched), (2, SignalTypes.BudgetFrozen));

        var assessment = Engine.Assess(JourneyId, signals, Day(3));

        var stalled = assessment.Advice[0];
        Assert.Equal("journey.stalled", stalled.Code);
        Assert.Equal(ActionPriority.High, stalled.Priority);
        Assert.Null(stalled.TaskId);
        Assert.Equal("s3", Assert.Single(stalled.EvidenceSignalIds));
        Assert.StartsWith("The purchase was put on hold on 2026-03-04 (signal s3). ", stalled.Rationale, StringComparison.Ordinal);
        Assert.Equal(
            "journey.stalled, ProblemIdentification.dormant, SolutionExploration.dormant",
            string.Join(", ", assessment.Advice.Select(a => a.Code)));
    }

    [Theory]
    [InlineData(SignalTypes.DealWon, "journey.won", "Deliver well and plan the next purchase")]
    [InlineData(SignalTypes.DealLost, "journey.lost", "Debrief and keep in touch")]
    public void Advise_WonOrLost_OnlyTheJourneyAction(string type, string code, string title)
    {
        var signals = Script((0, SignalTypes.ProblemStated), (1, SignalTypes.DemoRequested), (2, SignalTypes.ProblemDefined), (3, type));

        var assessment = Engine.Assess(JourneyId, signals, Day(50));

        var action = Assert.Single(assessment.Advice);
        Assert.Equal(code, action.Code);
        Assert.Equal(title, action.Title);
        Assert.Equal(ActionPriority.Medium, action.Priority);
        Assert.Null(action.TaskId);
        Assert.Equal("s4", Assert.Single(action.EvidenceSignalIds));
        Assert.Contains(" on 2026-03-05 (signal s4)", action.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_FromAStateWithoutEvidenceDetail_CitesTheLastEvidenceSignal()
    {
        var state = Engine.Replay(JourneyId, Script((0, SignalTypes.ProblemStated), (1, SignalTypes.ProblemMetricMissed)));

        var action = Action(Engine.Assess(state, Day(2)), Problem + ".active");

        Assert.Contains("Last evidence: signal s2.", action.Rationale, StringComparison.Ordinal);
        Assert.Equal("s2", Assert.Single(action.EvidenceSignalIds));
    }

    [Fact]
    public void Advise_ShowsAtMostTheTwoLargestContributions()
    {
        var signals = Script((0, SignalTypes.ContentInsightRead), (1, SignalTypes.ProblemStated), (2, SignalTypes.ProblemMetricMissed));

        var action = Action(Engine.Assess(JourneyId, signals, Day(2)), Problem + ".active");

        Assert.Equal("s3, s2", string.Join(", ", action.EvidenceSignalIds));
        Assert.Contains("(signal s3, +1.00); the customer stated a problem (signal s2, +0.95); and 1 more signal.", action.Rationale, StringComparison.Ordinal);
        Assert.DoesNotContain("s1", action.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_SamePriority_KeepsModelOrder()
    {
        var signals = Script((0, SignalTypes.StakeholderJoined), (0, SignalTypes.SolutionResearched), (0, SignalTypes.ProblemStated));

        var assessment = Engine.Assess(JourneyId, signals, Day(1));

        Assert.Equal(
            "group.engage.decision-maker, ProblemIdentification.active, SolutionExploration.active, ConsensusCreation.active, Validation.gap, group.engage.influencer",
            string.Join(", ", assessment.Advice.Select(a => a.Code)));
    }

    public static TheoryData<string> Scenarios => ["software purchase", "looping story"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Advise_AtEveryStepOfAJourney_EveryWorkingTaskHasItsActionAndEveryCitationIsReal(string scenario)
    {
        var (journeyId, signals) = ScenarioSignals(scenario);
        var checkpoints = signals.Select(s => s.OccurredAt).Concat(signals.Select(s => s.OccurredAt.AddDays(20))).Distinct().Order().ToArray();

        foreach (var asOf in checkpoints)
        {
            var assessment = Engine.Assess(journeyId, signals, asOf);
            var codes = assessment.Advice.Select(a => a.Code).ToArray();
            if (assessment.Status is JourneyStatus.Won or JourneyStatus.Lost)
            {
                Assert.Equal("journey." + assessment.Status.ToString().ToLowerInvariant(), Assert.Single(codes));
                Assert.Empty(assessment.Guardrails);
            }
            else
            {
                foreach (var task in assessment.Tasks)
                {
                    var expected = task.Phase switch
                    {
                        TaskPhase.Active => "active",
                        TaskPhase.Revisiting => "revisiting",
                        TaskPhase.Dormant => "dormant",
                        TaskPhase.NotStarted when task.Task.AlwaysOn && !assessment.ActiveTasks.IsEmpty && task.Evidence.IsEmpty => "gap",
                        _ => null,
                    };
                    var forTask = assessment.Advice.Where(a => a.TaskId == task.TaskId && a.Code.StartsWith(task.TaskId + ".", StringComparison.Ordinal) && a.Tactic != ActionTactic.Anticipate).Select(a => a.Code).ToArray();
                    if (expected is null)
                    {
                        Assert.True(forTask.Length == 0, $"{asOf:O}: {task} has advice {string.Join(", ", forTask)}");
                    }
                    else
                    {
                        Assert.Equal(task.TaskId + "." + expected, Assert.Single(forTask));
                    }
                }

                Assert.Equal(assessment.Status == JourneyStatus.Stalled, codes.Contains("journey.stalled"));
                var anticipated = assessment.Advice.Where(static a => a.Tactic == ActionTactic.Anticipate).ToArray();
                Assert.True(anticipated.Length <= (assessment.ActiveTasks.IsEmpty && assessment.Status == JourneyStatus.Open ? 1 : 0), $"{asOf:O}: anticipatory {string.Join(", ", anticipated.Select(static a => a.Code))}");
                Assert.All(anticipated, a => Assert.Equal(ActionPriority.Low, a.Priority));
            }

            var known = signals.Where(s => s.OccurredAt <= asOf).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var action in assessment.Advice)
            {
                Assert.False(action.EvidenceSignalIds.IsEmpty, $"{asOf:O}: {action} cites no signal");
                Assert.All(action.EvidenceSignalIds, id =>
                {
                    Assert.Contains(id, known);
                    Assert.Contains(id, action.Rationale, StringComparison.Ordinal);
                });
            }

            for (var i = 1; i < assessment.Advice.Length; i++)
            {
                Assert.True(assessment.Advice[i - 1].Priority >= assessment.Advice[i].Priority, $"{asOf:O}: advice out of priority order: {string.Join(", ", codes)}");
            }
        }
    }

    [Fact]
    public void Builder_CustomPlaybook_ItsActionsAreOrderedByPriorityKeepingItsOrderWithin()
    {
        var playbook = new ScriptedPlaybook(
            Make("low.1", ActionPriority.Low),
            Make("high.1", ActionPriority.High),
            Make("odd", (ActionPriority)7),
            Make("medium.1", ActionPriority.Medium),
            Make("high.2", ActionPriority.High),
            Make("low.2", ActionPriority.Low));
        var engine = new JourneyEngineBuilder().UsePlaybook(playbook).Build();

        var assessment = engine.Assess(engine.Start(JourneyId), Day0);

        Assert.Equal("high.1, high.2, medium.1, low.1, low.2, odd", string.Join(", ", assessment.Advice.Select(a => a.Code)));
        Assert.Same(playbook, engine.Playbook);
        Assert.Equal((JourneyId, assessment.Tasks.Length), playbook.Seen);
    }

    [Fact]
    public void Builder_CustomPlaybookAddingNothing_NoAdvice()
    {
        var engine = new JourneyEngineBuilder().UsePlaybook(new ScriptedPlaybook()).Build();

        var assessment = engine.Assess(engine.Replay(JourneyId, Script((0, SignalTypes.ProblemStated))), Day(1));

        Assert.Empty(assessment.Advice);
        Assert.Single(assessment.ActiveTasks);
    }

    [Fact]
    public void Advise_NonGartnerModel_GenericActionsFromTheBuyerQuestion()
    {
        var model = new BuyingModel(
            "rackham",
            [
                new TaskDefinition("need", "Need formation", "What do we need?"),
                new TaskDefinition("options", "Option evaluation", "Which option solves it?"),
                new TaskDefinition("risk", "Risk resolution", "Is it safe to buy?", alwaysOn: true),
            ]);
        var rulebook = new Rulebook(
            "rackham-rules",
            "1",
            [
                EvidenceRule.ForSignalType("rackham:pain", "pain", EvidenceItem.For("need", EvidenceStrength.Strong, "the customer feels the pain")),
                EvidenceRule.ForSignalType("rackham:need-agreed", "need.agreed", EvidenceItem.Completes("need", "the need is agreed")),
            ]);
        var engine = new JourneyEngineBuilder().UseModel(model).UseRulebook(rulebook).Build();

        var active = engine.Assess(JourneyId, Script((0, "pain")), Day(1));
        var dormant = engine.Assess(JourneyId, Script((0, "pain")), Day(40));
        var revisiting = engine.Assess(JourneyId, Script((0, "need.agreed"), (1, "pain")), Day(1));

        var need = Action(active, "need.active");
        Assert.Equal("Engage on \"What do we need?\"", need.Title);
        Assert.StartsWith("The customer is working on need formation: help them answer \"What do we need?\".", need.Rationale, StringComparison.Ordinal);
        Assert.Equal(ActionPriority.Medium, need.Priority);
        var gap = Action(active, "risk.gap");
        Assert.Equal("Prepare for risk resolution", gap.Title);
        Assert.Contains("\"Is it safe to buy?\"", gap.Rationale, StringComparison.Ordinal);
        Assert.Equal(ActionPriority.Low, gap.Priority);
        Assert.Equal("Re-engage on need formation", Action(dormant, "need.dormant").Title);
        var reopened = Action(revisiting, "need.revisiting");
        Assert.Equal("Need formation reopened: find out what changed", reopened.Title);
        Assert.Equal(ActionPriority.High, reopened.Priority);
        Assert.DoesNotContain(active.Advice, a => a.TaskId == "options");
    }

    [Fact]
    public void Advise_TaskWithTheLongestAllowedBuyerQuestion_StillGetsItsActiveAction()
    {
        // TaskDefinition accepts a 500-character buyer question; the generic action must not break on it.
        var question = new string('q', 499) + "?";
        var model = new BuyingModel("long", [new TaskDefinition("need", "Need", question)]);
        var rulebook = new Rulebook("long-rules", "1", [EvidenceRule.ForSignalType("long:pain", "pain", EvidenceItem.For("need", EvidenceStrength.Strong, "pain"))]);
        var engine = new JourneyEngineBuilder().UseModel(model).UseRulebook(rulebook).Build();
        var state = engine.Replay(JourneyId, Script((0, "pain")));

        var assessment = engine.Assess(state, Day(1));

        var action = Action(assessment, "need.active");
        Assert.Contains(question, action.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_NullCollector_ThrowsArgumentNullNamingActions()
    {
        var assessment = new JourneyEngineBuilder().Build().Assess(JourneyId, Script((0, SignalTypes.ProblemStated)), Day(1));

        var ex = Assert.Throws<ArgumentNullException>(() => DefaultPlaybook.Instance.Advise(new AdviceContext(assessment.Journey, assessment.Guardrails), null!));

        Assert.Equal("actions", ex.ParamName);
    }

    [Fact]
    public void Advise_CalledDirectly_AddsWhatTheEngineAdvises()
    {
        var assessment = new JourneyEngineBuilder().Build().Assess(JourneyId, Script((0, SignalTypes.ProblemStated), (1, SignalTypes.SolutionResearched)), Day(1));
        var actions = new ActionCollector();

        DefaultPlaybook.Instance.Advise(new AdviceContext(assessment.Journey, assessment.Guardrails), actions);

        // The engine orders the playbook's actions by priority, keeping its order within a priority.
        Assert.Equal(assessment.Advice.Select(static a => a.Code), actions.Items.OrderByDescending(static a => a.Priority).Select(static a => a.Code));
        Assert.Equal(actions.Items.Count, actions.Count);
    }

    [Fact]
    public void Instance_IsShared()
    {
        Assert.Same(DefaultPlaybook.Instance, DefaultPlaybook.Instance);
    }

    private static SellerAction Action(JourneyAssessment assessment, string code)
    {
        var matches = assessment.Advice.Where(a => a.Code == code).ToArray();
        Assert.True(matches.Length == 1, $"expected one {code} in: {string.Join(", ", assessment.Advice.Select(a => a.Code))}");
        return matches[0];
    }

    private static SellerAction Make(string code, ActionPriority priority) => new(code, "Do " + code, "Because " + code + ".", priority);

    private static (string JourneyId, Signal[] Signals) ScenarioSignals(string scenario) => scenario switch
    {
        "software purchase" => (SoftwarePurchase.JourneyId, SoftwarePurchase.Script.Select(s => s.Signal).ToArray()),
        _ => (JourneyId, Script(
            (0, SignalTypes.ProblemStated),
            (1, SignalTypes.ContentInsightRead),
            (2, SignalTypes.ProblemDefined),
            (3, SignalTypes.SolutionResearched),
            (4, SignalTypes.CaseStudyRead),
            (5, SignalTypes.ProblemMetricMissed),
            (40, SignalTypes.RequirementsDrafted),
            (41, SignalTypes.BudgetFrozen),
            (60, SignalTypes.StakeholderJoined),
            (61, SignalTypes.ConsensusReached),
            (62, SignalTypes.ObjectionRaised),
            (63, SignalTypes.ExecutiveEngaged),
            (100, SignalTypes.DealLost),
            (130, SignalTypes.ProblemStated))),
    };

    private sealed class ScriptedPlaybook(params SellerAction[] actions) : IPlaybook
    {
        public (string JourneyId, int Tasks)? Seen { get; private set; }

        public void Advise(AdviceContext context, ActionCollector collector)
        {
            Seen = (context.JourneyId, context.Tasks.Length);
            foreach (var action in actions)
            {
                collector.Add(action);
            }
        }
    }
}
