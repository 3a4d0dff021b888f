using System;
using System.Collections.Immutable;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Playbooks;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Playbooks;

/// <summary>
/// A playbook and a ranker of one's own, plugged in through the same contracts as the built-in ones: what they see
/// (the finished facts), what they add, and how the engine holds a ranker that breaks the contract to it.
/// </summary>
public sealed class PluginContractTests
{
    [Fact]
    public void CustomPlaybookAndRanker_TheirActionLeadsTheNextBestActions()
    {
        var engine = new JourneyEngineBuilder().AddPlaybook(new ChoicePlaybook()).UseRanker(new OwnFirstRanker()).Build();

        var assessment = engine.Assess(JourneyId, [.. Busy, At(2, "s6", SignalTypes.DemoRequested)], Day(2));

        var first = assessment.NextBestActions[0];
        Assert.Equal(ChoicePlaybook.Code, first.Code);
        Assert.Equal(GartnerTasks.SupplierSelection, first.TaskId);
        Assert.Contains(first, assessment.Advice);
        Assert.Equal(3, assessment.NextBestActions.Length);
        Assert.Equal(assessment.NextBestActions.Skip(1), assessment.Advice.Where(static a => a.Code != ChoicePlaybook.Code && !a.EvidenceSignalIds.IsEmpty).Take(2));
    }

    [Fact]
    public void CustomPlaybook_SeesTheFinishedFactsAndTheGuardrailsBeforeAdvice()
    {
        var playbook = new RecordingPlaybook();
        var engine = new JourneyEngineBuilder().UsePlaybook(playbook).Build();

        var assessment = engine.Assess(JourneyId, Busy, Day(2));

        var seen = playbook.Seen!.Value;
        Assert.Equal(assessment.JourneyId, seen.JourneyId);
        Assert.Equal(assessment.AsOf, seen.AsOf);
        Assert.Equal(assessment.ActiveTasks, seen.ActiveTasks);
        Assert.Equal(assessment.Tasks, seen.Tasks);
        Assert.Equal(assessment.BuyingGroup, seen.BuyingGroup);
        Assert.Same(assessment.Coverage, seen.Coverage);
        Assert.Equal(assessment.Guardrails.Select(static g => g.Code), seen.Guardrails.Select(static g => g.Code));
        Assert.NotEmpty(seen.Guardrails);
        Assert.All(seen.Guardrails, static g => Assert.Empty(g.BlockedActionCodes));
        Assert.Same(BuyingModels.Gartner, seen.Model);
        Assert.Equal(BuyingModels.Gartner.IndexOf(GartnerTasks.Validation), seen.ValidationIndex);
        Assert.True(seen.ValidationRiskEvaluation);
    }

    [Fact]
    public void RankerBreakingTheContract_HeldToIt()
    {
        var playbook = new TacticPlaybook();
        var ranker = new ContractBreakingRanker(playbook);
        var engine = new JourneyEngineBuilder().AddPlaybook(playbook).UseRanker(ranker).Build();

        var assessment = engine.Assess(JourneyId, Busy, Day(2));

        // It added an invented action, a blocked discount, an uncited candidate, duplicates and more than asked for.
        Assert.True(ranker.Added > assessment.NextBestActions.Length + 3, $"added {ranker.Added}");
        Assert.Equal(3, assessment.NextBestActions.Length);
        Assert.Equal(assessment.NextBestActions.Length, assessment.NextBestActions.Distinct().Count());
        Assert.All(assessment.NextBestActions, a => Assert.Contains(a, assessment.Advice));
        Assert.All(assessment.NextBestActions, static a => Assert.NotEmpty(a.EvidenceSignalIds));
        Assert.DoesNotContain(assessment.NextBestActions, static a => a.Tactic == ActionTactic.Discount);
        Assert.Contains(assessment.Guardrails, static g => g.BlockedActionCodes.Contains(TacticPlaybook.DiscountCode));
        var citing = assessment.Advice.Where(static a => !a.EvidenceSignalIds.IsEmpty).Reverse().Take(3);
        Assert.Equal(citing, assessment.NextBestActions);
    }

    [Fact]
    public void ForwardingPlaybookAndRanker_AllocateNoMoreThanTheBuiltIns()
    {
        // A plug-in that does what the built-ins do costs what they cost: the contracts add no allocation.
        var builtIn = JourneyEngine.CreateDefault();
        var plugged = new JourneyEngineBuilder().UsePlaybook(new ForwardingPlaybook()).UseRanker(new ForwardingRanker()).Build();
        var state = builtIn.Replay(JourneyId, Busy);

        var builtInBytes = AllocatedPerAssess(builtIn, state);
        var pluggedBytes = AllocatedPerAssess(plugged, state);

        Assert.Equal(builtIn.Assess(state, Day(2)).NextBestActions.Select(static a => a.Code), plugged.Assess(state, Day(2)).NextBestActions.Select(static a => a.Code));
        Assert.True(pluggedBytes <= builtInBytes, $"plugged {pluggedBytes} B, built-in {builtInBytes} B per assessment");
    }

    [Fact]
    public void ActionCollector_NullAction_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new ActionCollector().Add(null!));

        Assert.Equal("action", ex.ParamName);
    }

    private static long AllocatedPerAssess(JourneyEngine engine, JourneyState state)
    {
        const int Runs = 200;
        for (var i = 0; i < Runs; i++)
        {
            _ = engine.Assess(state, Day(2));
        }

        var least = long.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Runs; i++)
            {
                _ = engine.Assess(state, Day(2));
            }

            least = Math.Min(least, (GC.GetAllocatedBytesForCurrentThread() - before) / Runs);
        }

        return least;
    }

    /// <summary>Proposes a pricing call on the model's choice task (read from its traits) while it is active.</summary>
    private sealed class ChoicePlaybook : IPlaybook
    {
        public const string Code = "custom.choice-call";

        public void Advise(AdviceContext context, ActionCollector actions)
        {
            foreach (var task in context.Tasks)
            {
                if (task.Task.Has(TaskTraits.Choice) && task.IsActive && task.LastEvidenceSignalId is { } signal)
                {
                    actions.Add(new SellerAction(Code, "Call about the choice", $"{task.TaskId} is active (signal {signal}).", ActionPriority.Low, task.TaskId, [signal]));
                }
            }
        }
    }

    /// <summary>Puts the candidates of its own playbook first, then the rest in order.</summary>
    private sealed class OwnFirstRanker : IActionRanker
    {
        public void Rank(AdviceContext context, ImmutableArray<SellerAction> candidates, int count, ActionCollector ranked)
        {
            foreach (var action in candidates)
            {
                if (action.Code == ChoicePlaybook.Code)
                {
                    ranked.Add(action);
                }
            }

            foreach (var action in candidates)
            {
                if (action.Code != ChoicePlaybook.Code && !action.EvidenceSignalIds.IsEmpty && ranked.Count < count)
                {
                    ranked.Add(action);
                }
            }
        }
    }

    /// <summary>Remembers what the context showed.</summary>
    private sealed class RecordingPlaybook : IPlaybook
    {
        public (string JourneyId, DateTimeOffset AsOf, ImmutableArray<string> ActiveTasks, ImmutableArray<TaskAssessment> Tasks, ImmutableArray<StakeholderAssessment> BuyingGroup, ConsensusCoverage Coverage, ImmutableArray<Guardrail> Guardrails, BuyingModel Model, int ValidationIndex, bool ValidationRiskEvaluation)? Seen { get; private set; }

        public void Advise(AdviceContext context, ActionCollector actions)
        {
            var validation = context.IndexOf(GartnerTasks.Validation);
            Seen = (context.JourneyId, context.AsOf, context.ActiveTasks, context.Tasks, context.BuyingGroup, context.Coverage, context.Guardrails, context.Model, validation, context.Tasks[validation].Task.Has(TaskTraits.RiskEvaluation));
        }
    }

    /// <summary>Proposes a High discount (which the forming-need guardrail blocks here) and an uncited High action.</summary>
    private sealed class TacticPlaybook : IPlaybook
    {
        public const string DiscountCode = "custom.discount";

        public SellerAction Discount { get; } = new(DiscountCode, "Offer 10% off", "Price talk.", ActionPriority.High, null, ["s1"]) { Tactic = ActionTactic.Discount };

        public SellerAction Uncited { get; } = new("custom.uncited", "Uncited", "Cites nothing.", ActionPriority.High);

        public void Advise(AdviceContext context, ActionCollector actions)
        {
            actions.Add(Discount);
            actions.Add(Uncited);
        }
    }

    /// <summary>Adds an invented action, the blocked discount, then every candidate reversed, twice.</summary>
    private sealed class ContractBreakingRanker(TacticPlaybook playbook) : IActionRanker
    {
        private static readonly SellerAction Invented = new("custom.invented", "Invented", "Not a candidate.", ActionPriority.High, null, ["s1"]);

        public int Added { get; private set; }

        public void Rank(AdviceContext context, ImmutableArray<SellerAction> candidates, int count, ActionCollector ranked)
        {
            ranked.Add(Invented);
            ranked.Add(playbook.Discount);
            for (var round = 0; round < 2; round++)
            {
                for (var i = candidates.Length - 1; i >= 0; i--)
                {
                    ranked.Add(candidates[i]);
                }
            }

            Added = ranked.Count;
        }
    }

    private sealed class ForwardingPlaybook : IPlaybook
    {
        public void Advise(AdviceContext context, ActionCollector actions) => DefaultPlaybook.Instance.Advise(context, actions);
    }

    private sealed class ForwardingRanker : IActionRanker
    {
        public void Rank(AdviceContext context, ImmutableArray<SellerAction> candidates, int count, ActionCollector ranked)
            => DefaultActionRanker.Instance.Rank(context, candidates, count, ranked);
    }
}
