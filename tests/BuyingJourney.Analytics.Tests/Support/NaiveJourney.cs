using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Assessment;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using BuyingJourney.Stages;

namespace BuyingJourney.Analytics.Tests.Support;

/// <summary>
/// The second computation: one journey worked out the straightforward way, kept whole in memory. It replays with
/// <c>JourneyEngine.Trace</c> (not the analyzer's <c>Apply</c> fold), projects the stage after every signal from a fresh
/// assessment (no cache), and assesses the end with the traced <c>Assess(journeyId, signals, asOf)</c>.
/// </summary>
internal sealed class NaiveJourney
{
    public required string Id { get; init; }

    public required JourneyAssessment Final { get; init; }

    public required List<TraceStep> Steps { get; init; }

    /// <summary>The stage projected after each applied step, in step order.</summary>
    public required List<int> StageAfter { get; init; }

    public required int StageNow { get; init; }

    public DateTimeOffset Start => Steps[0].Signal.OccurredAt;

    public JourneyStatus Status => Final.Status;

    public bool Closed => Status is JourneyStatus.Won or JourneyStatus.Lost;

    public bool Won => Status == JourneyStatus.Won;

    public DateTimeOffset? CloseAt => Closed ? Final.State.StatusSince : null;

    /// <summary>Null when the journey had no applied signal at or before <paramref name="asOf"/>.</summary>
    public static NaiveJourney? Of(JourneyEngine engine, StageMapping mapping, IEnumerable<Signal> signals, DateTimeOffset asOf)
    {
        var cut = signals.Where(s => s.OccurredAt <= asOf).ToArray();
        if (cut.Length == 0)
        {
            return null;
        }

        var id = cut[0].JourneyId;
        var trace = engine.Trace(id, cut);
        var steps = trace.Steps.Where(s => s.Outcome == SignalOutcome.Applied).ToList();
        if (steps.Count == 0)
        {
            return null;
        }

        var stages = steps.Select(s => mapping.Project(engine.Assess(s.State, s.Signal.OccurredAt)).Index).ToList();
        var final = engine.Assess(id, cut, asOf);
        return new NaiveJourney { Id = id, Final = final, Steps = steps, StageAfter = stages, StageNow = mapping.Project(final).Index };
    }

    /// <summary>The furthest non-closing stage after any step.</summary>
    public int Furthest(StageMapping mapping)
        => StageAfter.Where(s => mapping.Stages[s].Status is null).DefaultIfEmpty(0).Max();

    /// <summary>The task entries in order (as <see cref="TaskFlow"/> defines them).</summary>
    public IEnumerable<string> Entries()
        => Steps.SelectMany(s => s.Transitions)
            .Where(t => t.From is TaskPhase.NotStarted or TaskPhase.Dormant or TaskPhase.Completed && t.To is TaskPhase.Active or TaskPhase.Revisiting or TaskPhase.Completed)
            .Select(t => t.TaskId);

    public IEnumerable<LoopBack> LoopBacks => Steps.SelectMany(s => s.LoopBacks);

    public SortedSet<int> Started(JourneyEngine engine)
        => [.. Steps.SelectMany(s => s.Transitions).Where(t => t.From == TaskPhase.NotStarted).Select(t => engine.Model.IndexOf(t.TaskId))];

    public SortedSet<int> Pattern(JourneyEngine engine) => [.. LoopBacks.Select(l => engine.Model.IndexOf(l.TaskId))];

    /// <summary>Since when the journey is in its stage now.</summary>
    public DateTimeOffset StageSince()
    {
        var since = Start;
        for (var i = 1; i < StageAfter.Count; i++)
        {
            if (StageAfter[i] != StageAfter[i - 1])
            {
                since = Steps[i].Signal.OccurredAt;
            }
        }

        if (StageNow != StageAfter[^1])
        {
            var latest = Final.Tasks.Where(t => t.Since is not null).Select(t => t.Since!.Value).DefaultIfEmpty(since).Max();
            since = latest > since ? latest : since;
        }

        return since;
    }
}
