using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Internal;
using BuyingJourney.Journeys;

namespace BuyingJourney.Assessment;

/// <summary>
/// What changes for one journey between two assessments of it, typically the same signals under two rulebook
/// versions (re-interpretation): which tasks changed phase or loop-back count, which loop-backs appeared or
/// vanished, and whether the journey's status changed.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class JourneyDiff
{
    private JourneyDiff(JourneyAssessment before, JourneyAssessment after, ImmutableArray<TaskPhaseChange> tasks, ImmutableArray<LoopBack> appeared, ImmutableArray<LoopBack> vanished)
    {
        Before = before;
        After = after;
        Tasks = tasks;
        LoopBacksAppeared = appeared;
        LoopBacksVanished = vanished;
    }

    /// <summary>The first assessment (e.g. under the current rulebook).</summary>
    public JourneyAssessment Before { get; }

    /// <summary>The second assessment (e.g. under the candidate rulebook).</summary>
    public JourneyAssessment After { get; }

    /// <summary>The journey.</summary>
    public string JourneyId => Before.JourneyId;

    /// <summary>The tasks whose phase or loop-back count differ, in model order.</summary>
    public ImmutableArray<TaskPhaseChange> Tasks { get; }

    /// <summary>Loop-backs (by task and signal) in the second assessment but not the first.</summary>
    public ImmutableArray<LoopBack> LoopBacksAppeared { get; }

    /// <summary>Loop-backs (by task and signal) in the first assessment but not the second.</summary>
    public ImmutableArray<LoopBack> LoopBacksVanished { get; }

    /// <summary>True when the journey's status differs.</summary>
    public bool StatusChanged => Before.Status != After.Status;

    /// <summary>True when anything differs.</summary>
    public bool HasChanges => StatusChanged || !Tasks.IsEmpty || !LoopBacksAppeared.IsEmpty || !LoopBacksVanished.IsEmpty;

    /// <summary>Compares two assessments of the same journey and model.</summary>
    /// <param name="before">The assessment to compare from (the journey as it is).</param>
    /// <param name="after">The assessment to compare to (the journey under another engine or with more signals).</param>
    /// <exception cref="ArgumentNullException">A null assessment.</exception>
    /// <exception cref="ArgumentException">The assessments are of different journeys or models.</exception>
    public static JourneyDiff Compare(JourneyAssessment before, JourneyAssessment after)
    {
        Guard.NotNull(before);
        Guard.NotNull(after);
        if (!string.Equals(before.JourneyId, after.JourneyId, StringComparison.Ordinal)
            || !string.Equals(before.State.ModelName, after.State.ModelName, StringComparison.Ordinal)
            || before.Tasks.Length != after.Tasks.Length)
        {
            throw new ArgumentException(
                $"cannot compare journey \"{before.JourneyId}\" (model \"{before.State.ModelName}\") with journey \"{after.JourneyId}\" (model \"{after.State.ModelName}\").",
                nameof(after));
        }

        var tasks = ImmutableArray.CreateBuilder<TaskPhaseChange>();
        for (var i = 0; i < before.Tasks.Length; i++)
        {
            var (b, a) = (before.Tasks[i], after.Tasks[i]);
            if (b.Phase != a.Phase || b.LoopBackCount != a.LoopBackCount)
            {
                tasks.Add(new TaskPhaseChange(b.TaskId, b.Phase, a.Phase, b.LoopBackCount, a.LoopBackCount));
            }
        }

        return new JourneyDiff(before, after, tasks.ToImmutable(), Missing(after.LoopBacks, before.LoopBacks), Missing(before.LoopBacks, after.LoopBacks));
    }

    /// <summary>"acme: 2 tasks changed, 1 loop-back appeared, 0 vanished".</summary>
    public override string ToString()
        => $"{JourneyId}: {Tasks.Length} tasks changed, {LoopBacksAppeared.Length} loop-backs appeared, {LoopBacksVanished.Length} vanished{(StatusChanged ? $", status {Before.Status} → {After.Status}" : string.Empty)}";

    /// <summary>The loop-backs of <paramref name="from"/> that <paramref name="other"/> lacks, matched by task and signal.</summary>
    private static ImmutableArray<LoopBack> Missing(ImmutableArray<LoopBack> from, ImmutableArray<LoopBack> other)
    {
        var keys = new HashSet<(string, string)>();
        foreach (var loopBack in other)
        {
            keys.Add((loopBack.TaskId, loopBack.SignalId));
        }

        var missing = ImmutableArray.CreateBuilder<LoopBack>();
        foreach (var loopBack in from)
        {
            if (!keys.Contains((loopBack.TaskId, loopBack.SignalId)))
            {
                missing.Add(loopBack);
            }
        }

        return missing.ToImmutable();
    }
}
