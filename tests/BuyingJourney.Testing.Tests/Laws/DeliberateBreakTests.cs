using System;
using System.Threading;
using BuyingJourney.Advice;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Playbooks;
using BuyingJourney.Rules;
using BuyingJourney.Rules.Json;
using BuyingJourney.Signals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stateless;
using Xunit;

namespace BuyingJourney.Testing.Tests.Laws;

/// <summary>
/// Engines broken on purpose, the way a user's plug-ins can break them: each law named here must catch its break
/// within a few hundred generated journeys, and holds for the healthy engine (see <see cref="BuiltInModelLawTests"/>).
/// </summary>
public sealed class DeliberateBreakTests
{
    private const int Cases = 300;

    private static readonly Func<bool> Always = static () => true;

    /// <summary>A rule that remembers across calls: it weighs every other signal it sees, so a second replay differs.</summary>
    [Fact]
    public void RuleWithMemoryAcrossCalls_IsCaughtBy_ReplayIsDeterministic()
    {
        var calls = 0;
        var engine = new JourneyEngineBuilder()
            .AddRule("remembers", [SignalTypes.SolutionResearched, SignalTypes.ProblemStated], (context, evidence) =>
            {
                if (Interlocked.Increment(ref calls) % 2 == 0)
                {
                    evidence.Add("SolutionExploration", EvidenceStrength.Strong, "every other call");
                }
            })
            .Build();

        var message = Caught(engine, JourneyLaws.ReplayIsDeterministic);

        Assert.Contains("a second replay of the same deliveries differs", message, StringComparison.Ordinal);
    }

    /// <summary>A rule that draws a random weight: the same journey is judged differently each time.</summary>
    [Fact]
    public void RuleWithRandomWeight_IsCaughtBy_ApplyInOrderEqualsReplay()
    {
        var engine = new JourneyEngineBuilder()
            .AddRule("random", [SignalTypes.RequirementsDrafted, SignalTypes.ProblemStated, SignalTypes.SolutionResearched], static (_, evidence) =>
                evidence.Add("RequirementsBuilding", 0.1 + Random.Shared.NextDouble(), "a random weight"))
            .Build();

        var message = Caught(engine, JourneyLaws.ApplyInOrderEqualsReplay);

        Assert.Contains("the state after applying the sorted distinct signals one by one differs", message, StringComparison.Ordinal);
    }

    /// <summary>A playbook that never advises on supplier selection.</summary>
    [Fact]
    public void PlaybookThatForgetsATask_IsCaughtBy_EveryActiveTaskHasAdvice()
    {
        var engine = new JourneyEngineBuilder().UsePlaybook(new ForgetfulPlaybook("SupplierSelection")).Build();

        var message = Caught(engine, static (e, j) => JourneyLaws.EveryActiveTaskHasAdvice(e, j));

        Assert.Contains("no advice for active task SupplierSelection", message, StringComparison.Ordinal);
    }

    /// <summary>A copy of the built-in JSON rulebook with one strength changed, claiming to be the built-in rulebook.</summary>
    [Fact]
    public void JsonRulebookWithOneStrengthChanged_IsCaughtBy_RulebooksAgree()
    {
        var json = RulebookJson.GartnerDefaultJson;
        var at = json.IndexOf("\"strong\"", StringComparison.Ordinal);
        Assert.True(at > 0, "the built-in rulebook has a strong evidence entry");
        var changed = new JourneyEngineBuilder().UseRulebook(RulebookJson.Load(json[..at] + "\"weak\"" + json[(at + "\"strong\"".Length)..])).Build();
        var code = JourneyEngine.CreateDefault();

        var message = Caught(new JourneyGenerator(code), j => JourneyLaws.RulebooksAgree(code, changed, j));

        Assert.Contains(" finds [", message, StringComparison.Ordinal);
    }

    /// <summary>The unchanged copy of the built-in JSON rulebook agrees with the built-in engine (so the law above can fail for the change alone).</summary>
    [Property]
    public Property JsonRulebookUnchanged_RulebooksAgree()
    {
        var code = JourneyEngine.CreateDefault();
        var copy = new JourneyEngineBuilder().UseRulebook(RulebookJson.Load(RulebookJson.GartnerDefaultJson)).Build();
        return Prop.ForAll(new JourneyGenerator(code).Journeys, JourneyGenerator.LaterOffsets, (j, later) => JourneyLaws.RulebooksAgree(code, copy, j, later));
    }

    /// <summary>A lifecycle that marks resuming a dormant task as a loop-back: the customer picking a task up again is not looping back.</summary>
    [Fact]
    public void LifecycleThatCallsAResumptionALoopBack_IsCaughtBy_LoopBacksAreCompletedTasksReopenedOnce()
    {
        var gartner = BuyingModels.Gartner;
        var model = new BuyingModel("gartner-resumption-loops", gartner.Tasks, gartner.DefaultSettings, taskLifecycle: ResumptionIsALoopBack());
        var engine = new JourneyEngineBuilder().UseModel(model).UseRulebook(Rulebooks.Gartner).Build();

        var message = Caught(engine, JourneyLaws.LoopBacksAreCompletedTasksReopenedOnce);

        Assert.Contains("is not a completed task reopened by this signal's evidence", message, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="law"/> on journeys for <paramref name="engine"/> and returns the failure's message (failing the test when the law holds).</summary>
    private static string Caught(JourneyEngine engine, Action<JourneyEngine, GeneratedJourney> law)
        => Caught(new JourneyGenerator(engine), j => law(engine, j));

    private static string Caught(JourneyGenerator generator, Action<GeneratedJourney> law)
    {
        var property = Prop.ForAll(generator.Journeys, law);
        var ex = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), property));
        return ex.ToString();
    }

    /// <summary>The built-in lifecycle, but Dormant → Active (a resumption) is declared a loop-back.</summary>
    private static StateMachine<TaskPhase, TaskTrigger> ResumptionIsALoopBack()
    {
        var machine = new StateMachine<TaskPhase, TaskTrigger>(TaskPhase.NotStarted);
        machine.Configure(TaskPhase.NotStarted)
            .Ignore(TaskTrigger.BelowActivation)
            .PermitIf(TaskTrigger.ReachesActivation, TaskPhase.Active, Always, "activation")
            .PermitIf(TaskTrigger.ReachesReopen, TaskPhase.Active, Always, "activation")
            .PermitIf(TaskTrigger.Completion, TaskPhase.Completed, Always, "completion")
            .Ignore(TaskTrigger.Fade)
            .Ignore(TaskTrigger.JourneyEffect);
        machine.Configure(TaskPhase.Active)
            .Ignore(TaskTrigger.BelowActivation)
            .Ignore(TaskTrigger.ReachesActivation)
            .Ignore(TaskTrigger.ReachesReopen)
            .PermitIf(TaskTrigger.Completion, TaskPhase.Completed, Always, "completion")
            .PermitIf(TaskTrigger.Fade, TaskPhase.Dormant, Always, "decay")
            .PermitIf(TaskTrigger.JourneyEffect, TaskPhase.Dormant, Always, "reset");
        machine.Configure(TaskPhase.Dormant)
            .Ignore(TaskTrigger.BelowActivation)
            .PermitIf(TaskTrigger.ReachesActivation, TaskPhase.Active, Tuple.Create(Always, "resumption"), Tuple.Create(Always, TaskLifecycles.LoopBack))
            .PermitIf(TaskTrigger.ReachesReopen, TaskPhase.Active, Tuple.Create(Always, "resumption"), Tuple.Create(Always, TaskLifecycles.LoopBack))
            .PermitIf(TaskTrigger.Completion, TaskPhase.Completed, Always, "completion")
            .Ignore(TaskTrigger.Fade)
            .Ignore(TaskTrigger.JourneyEffect);
        machine.Configure(TaskPhase.Completed)
            .Ignore(TaskTrigger.BelowActivation)
            .Ignore(TaskTrigger.ReachesActivation)
            .PermitIf(TaskTrigger.ReachesReopen, TaskPhase.Revisiting, Tuple.Create(Always, "reopen"), Tuple.Create(Always, TaskLifecycles.LoopBack))
            .PermitReentryIf(TaskTrigger.Completion, Always, "completion")
            .Ignore(TaskTrigger.Fade)
            .Ignore(TaskTrigger.JourneyEffect);
        machine.Configure(TaskPhase.Revisiting)
            .Ignore(TaskTrigger.BelowActivation)
            .Ignore(TaskTrigger.ReachesActivation)
            .Ignore(TaskTrigger.ReachesReopen)
            .PermitIf(TaskTrigger.Completion, TaskPhase.Completed, Always, "completion")
            .PermitIf(TaskTrigger.Fade, TaskPhase.Completed, Always, "decay")
            .PermitIf(TaskTrigger.JourneyEffect, TaskPhase.Completed, Always, "reset");
        return machine;
    }

    /// <summary>Advises "work on it" for every active task but one.</summary>
    private sealed class ForgetfulPlaybook(string forgotten) : IPlaybook
    {
        public void Advise(AdviceContext context, ActionCollector actions)
        {
            foreach (var task in context.Tasks)
            {
                if (task.IsActive && task.TaskId != forgotten)
                {
                    actions.Add(new SellerAction(task.TaskId + ".work", "Work on " + task.TaskId, "the customer is working on it", ActionPriority.Medium, task.TaskId));
                }
            }
        }
    }
}
