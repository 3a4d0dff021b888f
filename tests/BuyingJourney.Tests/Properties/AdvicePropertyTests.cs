using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Persistence;
using BuyingJourney.Phases;
using BuyingJourney.Playbooks;
using BuyingJourney.Signals;
using BuyingJourney.Testing;
using FsCheck;
using FsCheck.Xunit;
using FsCheck.Fluent;
using Xunit;
using static BuyingJourney.Tests.Properties.JourneyArbitraries;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.Tests.Properties;

/// <summary>
/// The laws of the advice and the buying group, on random journeys (<see cref="JourneyArbitraries"/>, whose signals name
/// stakeholders and carry seller feedback): guardrails always hold, done actions stay out, what-if changes nothing,
/// every recommendation cites real signals, and snapshots keep the group and the feedback.
/// </summary>
[Properties(Arbitrary = [typeof(JourneyArbitraries)])]
public sealed class AdvicePropertyTests
{


    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();

    /// <summary>The default engine plus a playbook proposing a discount and a signature push at every assessment.</summary>
    private static readonly JourneyEngine TacticEngine = new JourneyEngineBuilder().AddPlaybook(new TacticPlaybook()).Build();

    /// <summary>The same, with a short list of two and a ranker that returns junk around the candidates, reversed and twice.</summary>
    private static readonly JourneyEngine HostileEngine = new JourneyEngineBuilder()
        .AddPlaybook(new TacticPlaybook())
        .UseRanker(new HostileRanker())
        .Configure(static o => o.MaxNextBestActions = 2)
        .Build();

    /// <summary>The default engine keeping two stakeholders and one feedback, so eviction happens.</summary>
    private static readonly JourneyEngine SmallEngine = new JourneyEngineBuilder()
        .Configure(static o =>
        {
            o.MaxStakeholdersRetained = 2;
            o.MaxFeedbackRetained = 1;
        })
        .Build();

    private static readonly TimeSpan[] FixedOffsets = [TimeSpan.Zero, TimeSpan.FromDays(31)];

    [Property]
    public void NextBestActions_AnyJourneyAnyTime_NeverGuardrailedAndNeverMoreThanTheMaximum(GeneratedJourney journey, TimeSpan[] offsets) => GuardrailsHold(journey, offsets);

    internal static void GuardrailsHold(GeneratedJourney journey, TimeSpan[] offsets)
    {
        JourneyLaws.GuardrailedActionsAreNeverRanked(TacticEngine, journey, offsets);
        JourneyLaws.GuardrailedActionsAreNeverRanked(HostileEngine, journey);
        // The hostile ranker is only probed at each signal's time, to keep the law fast.
        foreach (var (engine, times) in new[] { (TacticEngine, FixedOffsets.Concat(offsets.Take(2)).ToArray()), (HostileEngine, [TimeSpan.Zero]) })
        {
            foreach (var state in StatesAfterEachStep(engine, journey))
            {
                foreach (var offset in times)
                {
                    var assessment = engine.Assess(state, (state.LastSignalAt ?? Epoch) + offset);
                    var where = $"after {state.LastSignalId ?? "nothing"}, +{offset}, max {engine.Options.MaxNextBestActions}: {assessment}";
                    var blocked = assessment.Guardrails.Select(static g => g.Tactic).ToHashSet();

                    Assert.True(assessment.NextBestActions.Length <= engine.Options.MaxNextBestActions, $"{where}: {assessment.NextBestActions.Length} next best actions");
                    Assert.True(!assessment.NextBestActions.Any(a => blocked.Contains(a.Tactic)), $"{where}: a guardrailed next best action: {Codes(assessment.NextBestActions)}");
                    Assert.True(!assessment.Advice.Any(a => blocked.Contains(a.Tactic)), $"{where}: guardrailed advice: {Codes(assessment.Advice)}");
                    Assert.True(assessment.NextBestActions.All(assessment.Advice.Contains), $"{where}: a next best action that is not advice");
                    Assert.True(assessment.NextBestActions.Distinct().Count() == assessment.NextBestActions.Length, $"{where}: a next best action twice");

                    // The guardrails are the ones the rules call for, and the playbook's tactics are out exactly when blocked.
                    var closed = assessment.Status is JourneyStatus.Won or JourneyStatus.Lost;
                    var forming = !closed && assessment.Tasks.Any(static t => t.IsActive && t.Task.Has(TaskTraits.NeedForming));
                    var risk = !closed && assessment.Tasks.Any(static t => ((t.IsActive || t.Phase == TaskPhase.Completed) && t.Task.Has(TaskTraits.RiskEvaluation))
                        || (t.Phase == TaskPhase.Completed && t.Task.Has(TaskTraits.Choice))
                        || (t.Phase != TaskPhase.NotStarted && t.Task.Has(TaskTraits.Decision)));
                    var signOff = !closed && !assessment.Coverage.MissingSignOffRoles.IsEmpty;
                    Assert.Equal(forming, assessment.Guardrails.Any(static g => g.Code == "guardrail.no-discount.forming-need"));
                    Assert.Equal(risk, assessment.Guardrails.Any(static g => g.Code == "guardrail.hold-price.decision"));
                    Assert.Equal(signOff, assessment.Guardrails.Any(static g => g.Code == "guardrail.no-signature-push.sign-off-missing"));
                    Assert.True(blocked.Contains(ActionTactic.Discount) != assessment.Advice.Any(static a => a.Code == TacticPlaybook.DiscountCode), $"{where}: discount blocked {blocked.Contains(ActionTactic.Discount)}, advice {Codes(assessment.Advice)}");
                    Assert.True(blocked.Contains(ActionTactic.SignaturePush) != assessment.Advice.Any(static a => a.Code == TacticPlaybook.SignatureCode), $"{where}: signature push blocked {blocked.Contains(ActionTactic.SignaturePush)}, advice {Codes(assessment.Advice)}");
                    foreach (var guardrail in assessment.Guardrails)
                    {
                        Assert.Contains(guardrail.Tactic == ActionTactic.Discount ? TacticPlaybook.DiscountCode : TacticPlaybook.SignatureCode, guardrail.BlockedActionCodes);
                    }
                }
            }
        }
    }

    [Property]
    public void ActionMarkedDone_NoNewEvidence_NotRecommendedAgainAtAnyLaterTime(GeneratedJourney journey, int[] picks, TimeSpan[] offsets) => DoneStaysDone(journey, picks, offsets);

    internal static void DoneStaysDone(GeneratedJourney journey, int[] picks, TimeSpan[] offsets)
    {
        var states = StatesAfterEachStep(Engine, journey);
        foreach (var pick in picks.Take(3))
        {
            var state = states[pick % states.Count];
            if (state.LastSignalAt is not { } last)
            {
                continue;
            }

            var at = last + offsets[pick % offsets.Length];
            foreach (var action in Engine.Assess(state, at).NextBestActions)
            {
                var done = Engine.Apply(state, FeedbackSignal("z-done", at, SignalTypes.ActionDone, action.Code));
                Assert.True(done.IsApplied, $"{done}: {done.Reason}");

                // Feedback on another action is not evidence either.
                var other = Engine.Apply(done.State, FeedbackSignal("z-other", at, SignalTypes.ActionAccepted, "other.action")).State;
                foreach (var later in FixedOffsets.Concat(offsets).Append(TimeSpan.FromDays(3650)))
                {
                    foreach (var after in new[] { done.State, other })
                    {
                        var assessment = Engine.Assess(after, at + later);
                        var where = $"{action.Code} done at {at:O} after {state.LastSignalId}, assessed {later} later";
                        Assert.True(!assessment.Advice.Any(a => a.Code == action.Code), $"{where}: back in the advice");
                        Assert.True(!assessment.NextBestActions.Any(a => a.Code == action.Code), $"{where}: back in the next best actions");
                    }
                }
            }
        }
    }

    [Property]
    public void WhatIf_AnyJourney_ChangesNeitherTheStoreNorTheInputs(GeneratedJourney journey, int[] picks, TimeSpan[] offsets) => WhatIfChangesNothing(journey, picks, offsets);

    internal static void WhatIfChangesNothing(GeneratedJourney journey, int[] picks, TimeSpan[] offsets)
        => WhatIfChangesNothingAsync(journey, picks, offsets).GetAwaiter().GetResult();

    private static async Task WhatIfChangesNothingAsync(GeneratedJourney journey, int[] picks, TimeSpan[] offsets)
    {
        const string Tenant = "t";
        var last = LastTime(journey.Deliveries);
        var hypothetical = picks.Select((p, i) => S(
            "h" + i.ToString(CultureInfo.InvariantCulture),
            (last + offsets[i % offsets.Length] - TimeSpan.FromHours(p % 48)).ToString("O", CultureInfo.InvariantCulture),
            KnownTypes[p % KnownTypes.Length])).ToArray();

        // The service over a store: everything it would read before equals what it reads after.
        var clock = new FakeTimeProvider(Epoch.AddYears(20));
        var store = new InMemoryJourneyStore(clock);
        var service = new JourneyService(JourneyEngine.CreateDefault(clock), store, new JourneyServiceOptions { SnapshotEvery = 5 }, clock);
        await service.RecordAsync(Tenant, journey.Deliveries);
        var version = await store.GetVersionAsync(Tenant, JourneyId);
        var stored = await store.ReadAsync(Tenant, JourneyId);
        var snapshot = await store.LoadSnapshotAsync(Tenant, JourneyId);
        var state = (await service.GetAsync(Tenant, JourneyId)).State;

        var diff = await service.WhatIfAsync(Tenant, JourneyId, hypothetical);

        Assert.Equal(version, await store.GetVersionAsync(Tenant, JourneyId));
        var reread = await store.ReadAsync(Tenant, JourneyId);
        Assert.Equal(stored.Select(static s => (s.Signal, s.Version)), reread.Select(static s => (s.Signal, s.Version)));
        Assert.Same(snapshot, await store.LoadSnapshotAsync(Tenant, JourneyId));
        Assert.Equal(state, (await service.GetAsync(Tenant, JourneyId)).State);
        Assert.Equal(state, diff.Before.State);
        Assert.Equal(Engine.Replay(JourneyId, [.. stored.Select(static s => s.Signal), .. hypothetical]), diff.After.State);

        // The engine: the input arrays keep their order and their instances.
        var signals = journey.Deliveries.ToArray();
        var extra = hypothetical.ToArray();
        var asOf = hypothetical.Select(static s => s.OccurredAt).Append(last).Max();
        var engineDiff = Engine.WhatIf(JourneyId, signals, extra, asOf);
        Assert.True(signals.Select((s, i) => ReferenceEquals(s, journey.Deliveries[i])).All(static same => same), "WhatIf changed its signals array");
        Assert.True(extra.Select((s, i) => ReferenceEquals(s, hypothetical[i])).All(static same => same), "WhatIf changed its hypothetical array");
        Assert.Equal(Engine.Assess(JourneyId, journey.Deliveries, asOf).State, engineDiff.Before.State);
    }

    [Property]
    public void Recommendations_AnyJourneyAnyTime_CiteSignalsOfTheJourneyUpToThen(GeneratedJourney journey, TimeSpan[] offsets) => RecommendationsCiteRealSignals(journey, offsets);

    internal static void RecommendationsCiteRealSignals(GeneratedJourney journey, TimeSpan[] offsets)
    {
        // From the state after each step: only the signals applied so far can be cited.
        var applied = new HashSet<string>(StringComparer.Ordinal);
        var state = Engine.Start(JourneyId);
        for (var step = 0; step <= journey.Canonical.Length; step++)
        {
            if (step > 0)
            {
                var signal = journey.Canonical[step - 1];
                state = Engine.Apply(state, signal).State;
                applied.Add(signal.Id);
            }

            foreach (var offset in FixedOffsets.Concat(offsets.Take(2)))
            {
                AssertCitesOnly(Engine.Assess(state, (state.LastSignalAt ?? Epoch) + offset), applied);
            }
        }

        // Time travel with evidence, as of some eight signals' times and the last: only signals up to then can be cited.
        var times = journey.Sorted.Select(static s => s.OccurredAt).Distinct().ToList();
        foreach (var asOf in times.Where((_, i) => i % Math.Max(1, times.Count / 8) == 0 || i == times.Count - 1))
        {
            AssertCitesOnly(Engine.Assess(JourneyId, journey.Deliveries, asOf), journey.Canonical.Where(s => s.OccurredAt <= asOf).Select(static s => s.Id).ToHashSet(StringComparer.Ordinal));
        }
    }

    [Property]
    public void SnapshotRoundTrip_AnyReplayedState_GivesAnEqualState(GeneratedJourney journey) => SnapshotsRoundTrip(journey);

    internal static void SnapshotsRoundTrip(GeneratedJourney journey)
    {
        foreach (var engine in new[] { Engine, SmallEngine })
        {
            foreach (var state in StatesAfterEachStep(engine, journey).Append(engine.Replay(JourneyId, journey.Deliveries)))
            {
                var snapshot = new JourneySnapshot(state, Math.Max(1, state.SignalCount), engine.Rulebook.Name, engine.Rulebook.Version);
                var read = JourneyRecords.DeserializeSnapshot(JourneyRecords.SerializeSnapshot(snapshot), JourneyId, "snapshot");
                Assert.False(read.IsOutdated);
                Assert.True(state.Equals(read.State), $"after {state.LastSignalId ?? "nothing"}: the snapshot round-trip changed the state; group {string.Join("; ", state.BuyingGroup)} vs {string.Join("; ", read.State.BuyingGroup)}");
            }
        }
    }

    [Property]
    public void NewcomerAfterConsensus_AnySignalThatDoesNotEndOrCompleteIt_ReopensConsensus(GeneratedJourney journey, int[] picks, TimeSpan[] offsets) => NewcomerReopensConsensus(journey, picks, offsets);

    internal static void NewcomerReopensConsensus(GeneratedJourney journey, int[] picks, TimeSpan[] offsets)
    {
        var consensus = Engine.Model.IndexOf(GartnerTasks.ConsensusCreation);
        string?[] roles = [null, .. BuyingGroupDefinition.Default.Roles.Select(static r => r.Id)];
        var states = StatesAfterEachStep(Engine, journey);
        for (var i = 0; i < states.Count; i++)
        {
            var state = states[i];
            if (state.LastSignalAt is not { } last || state.Tasks[consensus].Phase != TaskPhase.Completed)
            {
                continue;
            }

            var pick = picks[i % picks.Length];
            var type = WeightTypes[(pick + i) % WeightTypes.Length];
            var signal = new Signal("z-new", JourneyId, last + offsets[i % offsets.Length], type, new Stakeholder("newcomer", roles[pick % roles.Length]));
            var result = Engine.Apply(state, signal);

            Assert.True(result.IsApplied, $"{signal}: {result.Reason}");
            Assert.True(result.State.Tasks[consensus].Phase == TaskPhase.Revisiting, $"{signal} by a newcomer after consensus left it {result.State.Tasks[consensus].Phase} (score {result.State.Tasks[consensus].Score:R})");
            Assert.Contains(result.LoopBacks, static l => l.TaskId == GartnerTasks.ConsensusCreation && l.SignalId == "z-new");
        }
    }

    /// <summary>
    /// Pinned from a counterexample of <see cref="NewcomerReopensConsensus"/> found against the first version of the
    /// newcomer rule (which stood down whenever the signal's own rules gave consensus any weight, however little): every
    /// weight-only signal type, from a newcomer with each role, reopens consensus.
    /// </summary>
    [Fact]
    public void NewcomerAfterConsensus_EveryWeightTypeAndRole_ReopensConsensus()
    {
        var state = Engine.Replay(JourneyId, [S("s4", "2025-01-06T09:40:00.0000000+00:00", "site.visited"), S("s2", "2025-01-07T11:09:45.0000000+00:00", "consensus.reached")]);
        var consensus = Engine.Model.IndexOf(GartnerTasks.ConsensusCreation);
        Assert.Equal(TaskPhase.Completed, state.Tasks[consensus].Phase);
        foreach (var type in WeightTypes)
        {
            foreach (var role in BuyingGroupDefinition.Default.Roles.Select(static r => r.Id).Append(null))
            {
                var signal = new Signal("z-new", JourneyId, state.LastSignalAt!.Value.AddDays(1), type, new Stakeholder("newcomer", role));
                var after = Engine.Apply(state, signal).State;
                Assert.True(after.Tasks[consensus].Phase == TaskPhase.Revisiting, $"{type} from a newcomer ({role ?? "no role"}) left consensus {after.Tasks[consensus].Phase}");
            }
        }
    }

    [Property]
    public void SmallRetention_ApplyInOrder_EqualsReplayAndKeepsTheLimits(GeneratedJourney journey) => SmallRetentionFoldsAlike(journey);

    internal static void SmallRetentionFoldsAlike(GeneratedJourney journey)
    {
        var states = StatesAfterEachStep(SmallEngine, journey);
        foreach (var state in states)
        {
            Assert.True(state.BuyingGroup.Length <= 2, $"{state}: {state.BuyingGroup.Length} stakeholders");
            Assert.True(state.Feedback.Length <= 1, $"{state}: {state.Feedback.Length} feedback");
            Assert.Equal(state.BuyingGroup.Length, state.BuyingGroup.Select(static p => p.Id).Distinct(StringComparer.Ordinal).Count());
        }

        Assert.Equal(SmallEngine.Replay(JourneyId, journey.Deliveries), states[^1]);
    }

    /// <summary>Fails when an assessment's next best action cites nothing, or anything it cites is not in <paramref name="ids"/>.</summary>
    private static void AssertCitesOnly(JourneyAssessment assessment, HashSet<string> ids)
    {
        foreach (var action in assessment.NextBestActions)
        {
            Assert.True(!action.EvidenceSignalIds.IsEmpty, $"{assessment}: next best action {action.Code} cites no signal");
        }

        var cited = assessment.Advice.SelectMany(static a => a.EvidenceSignalIds.Select(id => (a.Code, Id: id)))
            .Concat(assessment.Guardrails.SelectMany(static g => g.EvidenceSignalIds.Select(id => (g.Code, Id: id))));
        foreach (var (code, id) in cited)
        {
            Assert.True(ids.Contains(id), $"{assessment}: {code} cites signal {id}, which is not among the journey's signals up to {assessment.AsOf:O}");
        }
    }

    private static List<JourneyState> StatesAfterEachStep(JourneyEngine engine, GeneratedJourney journey)
    {
        var states = new List<JourneyState> { engine.Start(JourneyId) };
        foreach (var signal in journey.Canonical)
        {
            states.Add(engine.Apply(states[^1], signal).State);
        }

        return states;
    }

    private static Signal FeedbackSignal(string id, DateTimeOffset at, string type, string code)
        => new(id, JourneyId, at, type, attributes: new Dictionary<string, string> { [ActionFeedback.ActionAttribute] = code });

    private static DateTimeOffset LastTime(IEnumerable<Signal> signals) => signals.Select(static s => s.OccurredAt).DefaultIfEmpty(Epoch).Max();

    private static string Codes(IEnumerable<SellerAction> actions) => string.Join(", ", actions.Select(static a => a.Code));




    /// <summary>Proposes a High discount and a High signature push at every assessment, citing the journey's last signal.</summary>
    private sealed class TacticPlaybook : IPlaybook
    {
        public const string DiscountCode = "prop.discount";
        public const string SignatureCode = "prop.sign";

        public void Advise(AdviceContext context, ActionCollector actions)
        {
            var cited = context.State.LastSignalId is { } last ? ImmutableArray.Create(last) : [];
            actions.Add(new SellerAction(DiscountCode, "Offer a discount", "Price.", ActionPriority.High, null, cited) { Tactic = ActionTactic.Discount });
            actions.Add(new SellerAction(SignatureCode, "Ask to sign", "Close.", ActionPriority.High, null, cited) { Tactic = ActionTactic.SignaturePush });
        }
    }

    /// <summary>Adds an invented action, and every candidate reversed, twice: the engine must keep only what the contract allows.</summary>
    private sealed class HostileRanker : IActionRanker
    {
        private static readonly SellerAction Invented = new("prop.invented", "Invented", "Not a candidate.", ActionPriority.High, null, ["s1"]) { Tactic = ActionTactic.Discount };

        public void Rank(AdviceContext context, ImmutableArray<SellerAction> candidates, int count, ActionCollector ranked)
        {
            ranked.Add(Invented);
            foreach (var action in (IEnumerable<SellerAction>)[.. candidates.Reverse(), .. candidates.Reverse()])
            {
                ranked.Add(action);
            }
        }
    }
}
