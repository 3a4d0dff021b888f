using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Signals;

namespace BuyingJourney.Testing;

/// <summary>
/// What an engine does with each signal type its rulebook names, found by applying one signal of each type to a new
/// journey (and, for reopening, after a completion): the generator draws from it, so it works for any model and any
/// rulebook, built-in, JSON or code.
/// </summary>
internal sealed class SignalCatalog
{
    /// <summary>Types no rule of the engine names (always unrecognised): at least these.</summary>
    internal static readonly ImmutableArray<string> Unknown = ["x.unknown.email-opened", "x.unknown.page-viewed"];

    private static readonly string[] FeedbackTypes = [SignalTypes.ActionAccepted, SignalTypes.ActionRejected, SignalTypes.ActionDone];

    private SignalCatalog(JourneyEngine engine, string journeyId, DateTimeOffset start, ImmutableArray<SignalVariant> variants)
    {
        var model = engine.Model;
        TaskIds = [.. model.Tasks.Select(static t => t.Id)];
        var named = engine.Rulebook.Rules.SelectMany(static r => r.AppliesTo).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var weights = TaskIds.ToDictionary(static t => t, static _ => new List<SignalVariant>(), StringComparer.Ordinal);
        var completions = TaskIds.ToDictionary(static t => t, static _ => new List<SignalVariant>(), StringComparer.Ordinal);
        var stalls = new List<SignalVariant>();
        var ends = new List<SignalVariant>();
        var refused = new List<SignalVariant>();
        var quiet = new List<SignalVariant>();
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        var person = new Stakeholder("probe-person", StakeholderRoles.DecisionMaker);
        var shapes = named.Except(FeedbackTypes, StringComparer.Ordinal).Select(static t => new SignalVariant(t))
            .Concat(variants.Where(static v => !FeedbackTypes.Contains(v.Type, StringComparer.Ordinal)));
        foreach (var type in shapes)
        {
            var result = engine.Apply(engine.Start(journeyId), type.ToSignal("probe", journeyId, start, person));
            if (result.Outcome == SignalOutcome.RuleFailed)
            {
                refused.Add(type);
                continue;
            }

            var evidence = result.Evidence;
            foreach (var action in engine.Assess(result.State, start).Advice)
            {
                codes.Add(action.Code);
            }

            if (evidence.Any(static e => e.Kind == EvidenceKind.JourneyEffect && e.Effect is JourneyEffect.Won or JourneyEffect.Lost))
            {
                ends.Add(type);
            }
            else if (evidence.Any(static e => e.Kind == EvidenceKind.JourneyEffect && e.Effect == JourneyEffect.Stall))
            {
                stalls.Add(type);
            }
            else if (evidence.FirstOrDefault(static e => e.Kind == EvidenceKind.Completion && e.TaskId is not null) is { } completion)
            {
                completions[completion.TaskId!].Add(type);
            }
            else if (evidence.Where(static e => e.Kind == EvidenceKind.Weight && e.TaskId is not null && e.Weight > 0).ToList() is { Count: > 0 } weighted)
            {
                foreach (var task in weighted.Select(static e => e.TaskId!).Distinct(StringComparer.Ordinal))
                {
                    weights[task].Add(type);
                }
            }
            else
            {
                quiet.Add(type);
            }
        }

        // Reopening: a weight type that loops a just-completed task back on its own, an hour after the completion.
        var reopening = TaskIds.ToDictionary(static t => t, static _ => new List<SignalVariant>(), StringComparer.Ordinal);
        foreach (var task in TaskIds)
        {
            if (completions[task].Count == 0)
            {
                continue;
            }

            var completed = engine.Apply(engine.Start(journeyId), completions[task][0].ToSignal("probe-1", journeyId, start, person)).State;
            foreach (var type in weights[task])
            {
                var result = engine.Apply(completed, type.ToSignal("probe-2", journeyId, start.AddHours(1), person));
                if (result.LoopBacks.Any(l => l.TaskId == task))
                {
                    reopening[task].Add(type);
                }
            }
        }

        Weights = weights.ToImmutableDictionary(static p => p.Key, static p => p.Value.ToImmutableArray(), StringComparer.Ordinal);
        Completions = completions.ToImmutableDictionary(static p => p.Key, static p => p.Value.ToImmutableArray(), StringComparer.Ordinal);
        Reopening = reopening.ToImmutableDictionary(static p => p.Key, static p => p.Value.ToImmutableArray(), StringComparer.Ordinal);
        Stalls = [.. stalls];
        Ends = [.. ends];
        Refused = [.. refused];
        Quiet = [.. quiet];
        UnknownTypes = [.. Unknown.Where(t => !named.Contains(t, StringComparer.Ordinal)).Select(static t => new SignalVariant(t))];
        Feedback = [.. FeedbackTypes];
        ActionCodes = codes.Count > 0 ? [.. codes] : ["x.no-advice-seen"];
        KnowsGroupEvents = named.Contains(SignalTypes.StakeholderJoined, StringComparer.Ordinal);
        var halfLives = model.Tasks.Select(t => model.SettingsOf(t.Id).HalfLife).ToList();
        LongestHalfLife = halfLives.Count == 0 ? TimeSpan.FromDays(14) : halfLives.Max();
    }

    public ImmutableArray<string> TaskIds { get; }

    /// <summary>Per task: types that only add weight to it.</summary>
    public ImmutableDictionary<string, ImmutableArray<SignalVariant>> Weights { get; }

    /// <summary>Per task: types that complete it.</summary>
    public ImmutableDictionary<string, ImmutableArray<SignalVariant>> Completions { get; }

    /// <summary>Per task: weight types that reopen it on their own right after a completion (a loop-back).</summary>
    public ImmutableDictionary<string, ImmutableArray<SignalVariant>> Reopening { get; }

    /// <summary>Types that stall the journey.</summary>
    public ImmutableArray<SignalVariant> Stalls { get; }

    /// <summary>Types that win or lose the deal.</summary>
    public ImmutableArray<SignalVariant> Ends { get; }

    /// <summary>Types whose rules throw (the engine refuses them with RuleFailed).</summary>
    public ImmutableArray<SignalVariant> Refused { get; }

    /// <summary>Types a rule names that gave no evidence on their own (their rules read attributes, people or history).</summary>
    public ImmutableArray<SignalVariant> Quiet { get; }

    /// <summary>Types no rule names.</summary>
    public ImmutableArray<SignalVariant> UnknownTypes { get; }

    /// <summary>The seller-feedback types the engine reads itself.</summary>
    public ImmutableArray<string> Feedback { get; }

    /// <summary>Action codes the engine's playbook advised during the probe (feedback names them).</summary>
    public ImmutableArray<string> ActionCodes { get; }

    /// <summary>True when the rulebook reads stakeholders joining, leaving and changing roles.</summary>
    public bool KnowsGroupEvents { get; }

    /// <summary>The longest half-life of the model's tasks: a quiet gap of a few of these makes every task go dormant.</summary>
    public TimeSpan LongestHalfLife { get; }

    /// <summary>Tasks that have weight types (evidence the generator can give).</summary>
    public ImmutableArray<string> TasksWithEvidence => [.. TaskIds.Where(t => Weights[t].Length > 0 || Completions[t].Length > 0)];

    public static SignalCatalog Probe(JourneyEngine engine, string journeyId, DateTimeOffset start, ImmutableArray<SignalVariant> variants) => new(engine, journeyId, start, variants);

    /// <summary>What the probe found, one line per kind.</summary>
    public override string ToString()
    {
        var lines = new List<string>();
        foreach (var task in TaskIds)
        {
            lines.Add($"{task}: weight [{string.Join(", ", Weights[task])}], completes [{string.Join(", ", Completions[task])}], reopens [{string.Join(", ", Reopening[task])}]");
        }

        lines.Add($"stall [{string.Join(", ", Stalls)}]; win or loss [{string.Join(", ", Ends)}]; refused by a rule [{string.Join(", ", Refused)}]; no evidence alone [{string.Join(", ", Quiet)}]; unknown [{string.Join(", ", UnknownTypes)}]");
        lines.Add($"feedback names [{string.Join(", ", ActionCodes)}]; stakeholder events {(KnowsGroupEvents ? "read" : "not read")}; longest half-life {LongestHalfLife}");
        return string.Join(Environment.NewLine, lines);
    }
}
