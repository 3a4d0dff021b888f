using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Model;
using BuyingJourney.Playbooks;
using BuyingJourney.Signals;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Advice;

/// <summary>
/// The ranked short list: its length, what each action carries, the default ranking, rankers of one's own (through
/// the builder and DI) and how the engine holds a misbehaving ranker to the contract, and playbooks that add actions.
/// </summary>
public sealed class NextBestActionTests
{
    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void NextBestActions_MaxConfigured_HoldsExactlyThatManyWhenThereAreMoreCandidates(int max)
    {
        var engine = new JourneyEngineBuilder().Configure(o => o.MaxNextBestActions = max).Build();

        var assessment = engine.Assess(JourneyId, Busy, Day(2));

        Assert.True(assessment.Advice.Count(static a => !a.EvidenceSignalIds.IsEmpty) > 5, $"the journey should have more than 5 citing actions: {Codes(assessment.Advice)}");
        Assert.Equal(max, assessment.NextBestActions.Length);
        Assert.Equal(max, assessment.NextBestActions.Select(static a => a.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(assessment.NextBestActions, a => Assert.Contains(a, assessment.Advice));
        Assert.All(assessment.NextBestActions, static a => Assert.NotEmpty(a.EvidenceSignalIds));
    }

    [Fact]
    public void NextBestActions_LargerMax_ExtendsTheSameRanking()
    {
        var three = Engine.Assess(JourneyId, Busy, Day(2)).NextBestActions.Select(static a => a.Code);
        var five = new JourneyEngineBuilder().Configure(static o => o.MaxNextBestActions = 5).Build().Assess(JourneyId, Busy, Day(2)).NextBestActions.Select(static a => a.Code);

        Assert.Equal(three, five.Take(3));
    }

    [Fact]
    public void NextBestActions_FewerCandidatesThanMax_HoldsEveryCitingCandidate()
    {
        var engine = new JourneyEngineBuilder().Configure(static o => o.MaxNextBestActions = 50).Build();

        var assessment = engine.Assess(JourneyId, Busy, Day(2));

        Assert.Equal(assessment.Advice.Where(static a => !a.EvidenceSignalIds.IsEmpty).Select(static a => a.Code).Order(StringComparer.Ordinal), assessment.NextBestActions.Select(static a => a.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NextBestActions_NoSignals_Empty()
    {
        var assessment = Engine.Assess(Engine.Start(JourneyId), Day(0));

        Assert.Empty(assessment.NextBestActions);
    }

    [Fact]
    public void DefaultRanker_SamePriority_MostActiveTaskFirst()
    {
        var assessment = Engine.Assess(JourneyId, Busy, Day(2));

        // All Medium; Validation (1.0 on day 1.5), requirements (1.0 on day 1), the problem (1.0 on day 0), by decayed score.
        Assert.Equal(["Validation.active", "RequirementsBuilding.active", "ProblemIdentification.active"], assessment.NextBestActions.Select(static a => a.Code));
    }

    [Fact]
    public void DefaultRanker_HighPriority_BeforeMoreActiveMediumTasks()
    {
        Signal[] signals = [.. Busy, At(2.5, "s6", SignalTypes.ProblemDefined), At(3, "s7", SignalTypes.ProblemMetricMissed)];

        var assessment = Engine.Assess(JourneyId, signals, Day(3));

        Assert.Equal("ProblemIdentification.revisiting", assessment.NextBestActions[0].Code);
        Assert.Equal(ActionPriority.High, assessment.NextBestActions[0].Priority);
    }

    [Fact]
    public void DefaultRanker_ActionTargetingAMissingSignOffRole_NoBonus_RanksByTheCustomersWork()
    {
        // Supplier selection is active, so a purchaser is expected: engaging them is Medium advice, ranked by the consensus
        // task's activity like any other action, not lifted above the tasks the customer is working on.
        Signal[] signals = [.. Busy, By(2.5, "s6", SignalTypes.DemoRequested, "ann")];

        var assessment = Engine.Assess(JourneyId, signals, Day(2.5));

        var engage = Advised(assessment, "group.engage.purchaser");
        Assert.Equal(ActionPriority.Medium, engage.Priority);
        Assert.NotEqual("group.engage.purchaser", assessment.NextBestActions[0].Code);
        Assert.Contains(assessment.NextBestActions[0].TaskId, assessment.ActiveTasks);
    }

    [Fact]
    public void DefaultPlaybook_EveryActionOfAnOpenOrAtRiskJourney_CarriesWhatTheSellerNeeds()
    {
        foreach (var assessment in OpenAndAtRiskJourneys())
        {
            Assert.NotEmpty(assessment.Advice);
            foreach (var action in assessment.Advice)
            {
                var where = $"{action.Code} in {assessment}";
                Assert.False(string.IsNullOrWhiteSpace(action.Rationale), where);
                Assert.False(string.IsNullOrWhiteSpace(action.Title), where);
                Assert.True(action.ExpectedEffect is not null, $"{where}: no expected effect");
                Assert.True(
                    action.TaskId is null ? action.Code.StartsWith("journey.", StringComparison.Ordinal) : BuyingModels.Gartner.IndexOf(action.TaskId) >= 0,
                    $"{where}: task {action.TaskId ?? "none"} (a task of the model, or a journey-wide action)");
                Assert.True(action.TargetRole is null || BuyingJourney.Group.BuyingGroupDefinition.Default.Role(action.TargetRole) is not null || assessment.BuyingGroup.Any(p => p.Roles.Contains(action.TargetRole)), $"{where}: target role {action.TargetRole}");
                Assert.True(action.TargetStakeholderId is null || assessment.BuyingGroup.Any(p => p.Id == action.TargetStakeholderId), $"{where}: target {action.TargetStakeholderId} is not in the group");
            }

            Assert.All(assessment.NextBestActions, a => Assert.NotEmpty(a.EvidenceSignalIds));
        }
    }

    [Fact]
    public void DefaultPlaybook_StalledWonOrLostJourney_ActionStatesItsExpectedEffect()
    {
        foreach (var type in new[] { SignalTypes.BudgetFrozen, SignalTypes.DealWon, SignalTypes.DealLost })
        {
            var assessment = Engine.Assess(JourneyId, [.. Busy, At(3, "s6", type)], Day(3));

            Assert.All(assessment.Advice, a => Assert.True(a.ExpectedEffect is not null, $"{a.Code} after {type}: no expected effect"));
        }
    }

    [Fact]
    public void UseRanker_CustomRanker_DecidesTheNextBestActions()
    {
        var ranker = new ReversedRanker();
        var engine = new JourneyEngineBuilder().UseRanker(ranker).Build();

        var assessment = engine.Assess(JourneyId, Busy, Day(2));

        Assert.Same(ranker, engine.Ranker);
        Assert.Equal(assessment.Advice.Reverse().Take(3).Select(static a => a.Code), assessment.NextBestActions.Select(static a => a.Code));
        Assert.NotEqual(Engine.Assess(JourneyId, Busy, Day(2)).NextBestActions.Select(static a => a.Code), assessment.NextBestActions.Select(static a => a.Code));
    }

    [Fact]
    public void UseRanker_Null_ThrowsNamingIt()
    {
        Assert.Equal("ranker", Assert.Throws<ArgumentNullException>(() => new JourneyEngineBuilder().UseRanker(null!)).ParamName);
        Assert.Equal("playbook", Assert.Throws<ArgumentNullException>(() => new JourneyEngineBuilder().AddPlaybook(null!)).ParamName);
    }

    [Fact]
    public void Builder_Default_UsesTheDefaultRankerAndNoAdditionalPlaybooks()
    {
        Assert.Same(DefaultActionRanker.Instance, Engine.Ranker);
        Assert.Empty(Engine.AdditionalPlaybooks);
    }

    [Fact]
    public void AddBuyingJourney_UseRankerAndAddPlaybook_TheEngineUsesBoth()
    {
        var services = new ServiceCollection();
        services.AddSingleton<CallPlaybook>();
        services.AddBuyingJourney(static (b, provider) => b.UseRanker(new ReversedRanker()).AddPlaybook(provider.GetRequiredService<CallPlaybook>()));
        using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<JourneyEngine>();
        var assessment = engine.Assess(JourneyId, Busy, Day(2));

        Assert.IsType<ReversedRanker>(engine.Ranker);
        Assert.IsType<CallPlaybook>(Assert.Single(engine.AdditionalPlaybooks));
        Assert.Single(assessment.Advice, static a => a.Code == CallPlaybook.Code);

        // Reversed: the lowest-priority candidates first, and the playbook's Low action is the last candidate of all.
        Assert.Equal(CallPlaybook.Code, assessment.NextBestActions[0].Code);
    }

    [Fact]
    public void AddBuyingJourney_UseRankerTwice_LastWins()
    {
        var services = new ServiceCollection();
        services.AddBuyingJourney(static (b, _) => b.UseRanker(new ReversedRanker()));
        services.AddBuyingJourney(static (b, _) => b.UseRanker(new FirstOnlyRanker()));
        using var provider = services.BuildServiceProvider();

        Assert.IsType<FirstOnlyRanker>(provider.GetRequiredService<JourneyEngine>().Ranker);
        Assert.Single(provider.GetRequiredService<JourneyEngine>().Assess(JourneyId, Busy, Day(2)).NextBestActions);
    }

    [Fact]
    public void Ranker_GetsTheUnblockedCandidatesInAdviceOrderAndTheFinishedFacts()
    {
        var ranker = new ScriptedRanker(static candidates => candidates);
        var engine = new JourneyEngineBuilder().UseRanker(ranker).AddPlaybook(new TacticPlaybook()).Build();

        var assessment = engine.Assess(JourneyId, Busy, Day(2));

        Assert.Equal(assessment.Advice, ranker.Candidates);
        Assert.DoesNotContain(ranker.Candidates!, static a => a.Tactic != ActionTactic.Engage);
        Assert.Equal(3, ranker.Count);
        var (guardrails, groupSize, tasks) = ranker.Seen!.Value;
        Assert.Equal(assessment.Guardrails, guardrails);
        Assert.Contains(guardrails, static g => !g.BlockedActionCodes.IsEmpty);
        Assert.Equal(assessment.BuyingGroup.Length, groupSize);
        Assert.NotEqual(0, groupSize);
        Assert.Equal(assessment.Tasks.Length, tasks);
    }

    [Fact]
    public void Ranker_AddsNothing_NoNextBestActions()
    {
        var engine = new JourneyEngineBuilder().UseRanker(new ScriptedRanker(static _ => null)).Build();

        var assessment = engine.Assess(JourneyId, Busy, Day(2));

        Assert.Empty(assessment.NextBestActions);
        Assert.NotEmpty(assessment.Advice);
    }

    [Fact]
    public void Ranker_ReturnsActionsThatAreNotCandidates_TheyAreLeftOut()
    {
        var stranger = new SellerAction("made.up", "Made up", "The ranker invented it.", ActionPriority.High, null, ["s1"]);
        var engine = new JourneyEngineBuilder().UseRanker(new ScriptedRanker(candidates =>
        [
            stranger,
            new SellerAction(candidates[0].Code, candidates[0].Title, candidates[0].Rationale, candidates[0].Priority, candidates[0].TaskId, candidates[0].EvidenceSignalIds),
            candidates[1],
        ])).Build();

        var assessment = engine.Assess(JourneyId, Busy, Day(2));

        Assert.Same(assessment.Advice[1], Assert.Single(assessment.NextBestActions));
    }

    [Fact]
    public void Ranker_AddsDuplicates_EachCandidateOnce()
    {
        var engine = new JourneyEngineBuilder().UseRanker(new ScriptedRanker(static candidates => [candidates[2], candidates[2], candidates[0], candidates[2]])).Build();

        var assessment = engine.Assess(JourneyId, Busy, Day(2));

        Assert.Equal([assessment.Advice[2], assessment.Advice[0]], assessment.NextBestActions);
    }

    [Fact]
    public void Ranker_ReturnsMoreThanAskedFor_CutAtTheMaximum()
    {
        var engine = new JourneyEngineBuilder().Configure(static o => o.MaxNextBestActions = 2).UseRanker(new ScriptedRanker(static candidates => candidates)).Build();

        var assessment = engine.Assess(JourneyId, Busy, Day(2));

        Assert.Equal(assessment.Advice.Take(2), assessment.NextBestActions);
    }

    [Fact]
    public void Ranker_ReturnsAnActionCitingNoSignal_ItIsLeftOut()
    {
        var engine = new JourneyEngineBuilder()
            .AddPlaybook(new ScriptedPlaybook(new SellerAction("uncited", "Uncited", "Cites nothing.", ActionPriority.High)))
            .UseRanker(new ScriptedRanker(static candidates => candidates))
            .Build();

        var assessment = engine.Assess(JourneyId, Busy, Day(2));

        Assert.Equal("uncited", assessment.Advice[0].Code);
        Assert.DoesNotContain(assessment.NextBestActions, static a => a.Code == "uncited");
        Assert.Equal(assessment.Advice.Skip(1).Take(3), assessment.NextBestActions);
    }

    [Fact]
    public void Ranker_ReturnsAGuardrailedAction_ItIsLeftOut()
    {
        var playbook = new TacticPlaybook();
        var engine = new JourneyEngineBuilder()
            .AddPlaybook(playbook)
            .UseRanker(new ScriptedRanker(candidates => [playbook.Discount, playbook.Signature, .. candidates]))
            .Build();

        var assessment = engine.Assess(JourneyId, Busy, Day(2));

        Assert.DoesNotContain(assessment.NextBestActions, static a => a.Tactic != ActionTactic.Engage);
        Assert.Equal(assessment.Advice.Take(3), assessment.NextBestActions);
    }

    [Fact]
    public void DefaultRanker_BadArguments_Throw()
    {
        var context = ContextOf(Engine.Assess(JourneyId, Busy, Day(2)));

        Assert.Equal("ranked", Assert.Throws<ArgumentNullException>(() => DefaultActionRanker.Instance.Rank(context, [], 3, null!)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => DefaultActionRanker.Instance.Rank(context, [], -1, new ActionCollector())).ParamName);
    }

    [Fact]
    public void DefaultRanker_CalledDirectly_SkipsNullAndUncitedCandidatesAndStopsAtCount()
    {
        var context = ContextOf(Engine.Assess(JourneyId, Busy, Day(2)));
        var low = new SellerAction("low", "Low", "Low.", ActionPriority.Low, null, ["s1"]);
        var high = new SellerAction("high", "High", "High.", ActionPriority.High, null, ["s1"]);
        var uncited = new SellerAction("uncited", "Uncited", "None.", ActionPriority.High);
        var ranked = new ActionCollector();
        var top = new ActionCollector();

        DefaultActionRanker.Instance.Rank(context, [low, null!, uncited, high], 5, ranked);
        DefaultActionRanker.Instance.Rank(context, [low, high], 1, top);

        Assert.Equal([high, low], ranked.Items);
        Assert.Equal([high], top.Items);
    }

    [Fact]
    public void AddPlaybook_ItsActionsJoinTheAdviceAfterTheMainPlaybooksWithinAPriority()
    {
        var engine = new JourneyEngineBuilder().AddPlaybook(new CallPlaybook()).AddPlaybook(new ScriptedPlaybook(new SellerAction("extra.medium", "Extra", "Extra.", ActionPriority.Medium, null, ["s1"]))).Build();

        var assessment = engine.Assess(JourneyId, Busy, Day(2));

        var codes = assessment.Advice.Select(static a => a.Code).ToList();
        var medium = codes.IndexOf("extra.medium");
        Assert.True(medium > 0, string.Join(", ", codes));
        Assert.Equal(ActionPriority.Medium, assessment.Advice[medium - 1].Priority);
        Assert.All(assessment.Advice.Skip(medium + 1), static a => Assert.Equal(ActionPriority.Low, a.Priority));
        Assert.Equal(CallPlaybook.Code, codes[^1]);
        Assert.Equal(2, engine.AdditionalPlaybooks.Length);
    }

    [Fact]
    public void AddPlaybook_AddsANullAction_RefusedNamingTheAction()
    {
        var engine = new JourneyEngineBuilder().AddPlaybook(new ScriptedPlaybook([null!])).Build();

        var ex = Assert.Throws<ArgumentNullException>(() => engine.Assess(JourneyId, Busy, Day(2)));

        Assert.Equal("action", ex.ParamName);
    }

    [Fact]
    public void Ranker_AddsANullAction_RefusedNamingTheAction()
    {
        var engine = new JourneyEngineBuilder().UseRanker(new ScriptedRanker(static _ => [null!])).Build();

        var ex = Assert.Throws<ArgumentNullException>(() => engine.Assess(JourneyId, Busy, Day(2)));

        Assert.Equal("action", ex.ParamName);
    }

    /// <summary>The context the engine gave the playbooks and ranker of <paramref name="assessment"/>.</summary>
    private static AdviceContext ContextOf(JourneyAssessment assessment) => new(assessment.Journey, assessment.Guardrails);

    /// <summary>Journeys in several situations (not stalled, won or lost), assessed at a few times.</summary>
    private static IEnumerable<JourneyAssessment> OpenAndAtRiskJourneys()
    {
        yield return Engine.Assess(JourneyId, Busy, Day(2));
        yield return Engine.Assess(JourneyId, Busy, Day(25));
        yield return Engine.Assess(JourneyId, Busy, Day(60));
        yield return Engine.Assess(JourneyId, [.. Busy, By(3, "s6", SignalTypes.StakeholderLeft, "ann")], Day(3));
        yield return Engine.Assess(JourneyId, [.. Busy, By(3, "s6", SignalTypes.RequirementsApproved, "ann"), By(4, "s7", SignalTypes.RequirementsDrafted, "bob")], Day(4));
        yield return Engine.Assess(JourneyId, [.. Busy, By(3, "s6", SignalTypes.SupplierChosen, "ann"), By(4, "s7", SignalTypes.PricingRequested, "pete", StakeholderRoles.Purchaser)], Day(4));
        yield return Engine.Assess(JourneyId, [.. Busy, By(3, "s6", SignalTypes.ConsensusReached, "ann"), By(4, "s7", SignalTypes.ProblemDefined, "ann"), By(5, "s8", SignalTypes.ProblemStated, "ann")], Day(40));
        yield return Engine.Assess(JourneyId, [.. Busy, By(40, "s6", SignalTypes.RfpIssued, "ann")], Day(40));
    }

    /// <summary>Ranks the candidates in reverse (lowest priority first).</summary>
    private sealed class ReversedRanker : IActionRanker
    {
        public void Rank(AdviceContext context, ImmutableArray<SellerAction> candidates, int count, ActionCollector ranked)
        {
            for (var i = candidates.Length - 1; i >= 0 && ranked.Count < count; i--)
            {
                ranked.Add(candidates[i]);
            }
        }
    }

    /// <summary>Only ever picks the first candidate.</summary>
    private sealed class FirstOnlyRanker : IActionRanker
    {
        public void Rank(AdviceContext context, ImmutableArray<SellerAction> candidates, int count, ActionCollector ranked)
        {
            if (!candidates.IsEmpty)
            {
                ranked.Add(candidates[0]);
            }
        }
    }

    /// <summary>Adds whatever the test says, and remembers what it was given.</summary>
    private sealed class ScriptedRanker(Func<ImmutableArray<SellerAction>, IEnumerable<SellerAction>?> rank) : IActionRanker
    {
        /// <summary>What the context showed: the guardrails and the buying group (the facts are finished before advice).</summary>
        public (ImmutableArray<Guardrail> Guardrails, int GroupSize, int Tasks)? Seen { get; private set; }

        public IReadOnlyList<SellerAction>? Candidates { get; private set; }

        public int Count { get; private set; }

        public void Rank(AdviceContext context, ImmutableArray<SellerAction> candidates, int count, ActionCollector ranked)
        {
            (Seen, Candidates, Count) = ((context.Guardrails, context.BuyingGroup.Length, context.Tasks.Length), [.. candidates], count);
            foreach (var action in rank(candidates) ?? [])
            {
                ranked.Add(action);
            }
        }
    }

    /// <summary>Proposes a Low "call the customer" action citing the journey's last signal.</summary>
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

    /// <summary>Proposes the same instances every time: a discount and a signature push, both High and citing s1.</summary>
    private sealed class TacticPlaybook : IPlaybook
    {
        public SellerAction Discount { get; } = new("custom.discount", "Offer 10% off", "Price talk.", ActionPriority.High, null, ["s1"]) { Tactic = ActionTactic.Discount };

        public SellerAction Signature { get; } = new("custom.sign", "Ask to sign", "Close.", ActionPriority.High, null, ["s1"]) { Tactic = ActionTactic.SignaturePush };

        public void Advise(AdviceContext context, ActionCollector actions)
        {
            actions.Add(Discount);
            actions.Add(Signature);
        }
    }

    private sealed class ScriptedPlaybook(params SellerAction[] actions) : IPlaybook
    {
        public void Advise(AdviceContext context, ActionCollector collector)
        {
            foreach (var action in actions)
            {
                collector.Add(action);
            }
        }
    }
}
