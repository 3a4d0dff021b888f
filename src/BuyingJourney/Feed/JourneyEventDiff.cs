using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using BuyingJourney.Assessment;
using BuyingJourney.Phases;
using BuyingJourney.Signals;

namespace BuyingJourney.Feed;

/// <summary>
/// The events between two views of a journey: what changed from what the feed last told (<c>before</c>) to the
/// journey now (<c>after</c>, with its assessment), each naming the signal that caused it when one did. Pure.
/// </summary>
internal static class JourneyEventDiff
{
    /// <summary>The events from <paramref name="before"/> to <paramref name="after"/>, in journey time (ties in the order: tasks, status, group, advice).</summary>
    /// <param name="before">What the feed last told.</param>
    /// <param name="after">The view of <paramref name="now"/>.</param>
    /// <param name="now">The journey's assessment the view was taken from.</param>
    /// <param name="appended">The signals this append stores; empty when the change comes with no signal.</param>
    /// <param name="quietAfter">The quiet period per task id.</param>
    public static ImmutableArray<JourneyEvent> Between(JourneyView before, JourneyView after, JourneyAssessment now, IReadOnlyList<Signal> appended, IReadOnlyDictionary<string, TimeSpan> quietAfter)
    {
        var journeyId = now.JourneyId;
        var ids = new HashSet<string>(appended.Select(s => s.Id), StringComparer.Ordinal);
        var latest = appended.Count == 0 ? null : appended.Max(Comparer<Signal>.Create(Signal.CompareOrder));
        var asOf = now.AsOf;
        var events = new List<JourneyEvent>();
        var previous = before.Tasks.ToDictionary(t => t.TaskId, StringComparer.Ordinal);
        for (var i = 0; i < after.Tasks.Length; i++)
        {
            var task = after.Tasks[i];
            var assessed = now.Tasks[i];
            var old = previous.TryGetValue(task.TaskId, out var seen) ? seen : new JourneyView.TaskView(task.TaskId, TaskPhase.NotStarted, 0, false);
            var evidence = assessed.LastEvidenceSignalId is { } last && ids.Contains(last) ? last : null;
            if (old.Phase != task.Phase)
            {
                // A task that fell out of an active phase with no new evidence faded: no signal caused it.
                var faded = evidence is null && TaskIsActive(old.Phase) && !TaskIsActive(task.Phase) && task.Phase != TaskPhase.NotStarted;
                var cause = evidence ?? (faded ? null : latest?.Id);
                events.Add(new JourneyEvent(journeyId, JourneyEventTypes.TaskPhaseChanged, assessed.Since ?? asOf, cause, task.TaskId, old.Phase.ToString(), task.Phase.ToString()));
            }

            LoopBacks(events, now, task, old.LoopBacks, evidence ?? latest?.Id, asOf);
            if (task.Quiet && !old.Quiet)
            {
                var lastEvidence = now.State.Tasks[i].ScoredAt ?? asOf;
                var quietAt = JourneyView.QuietSince(now, i, quietAfter) is { } quiet ? new DateTimeOffset(quiet, TimeSpan.Zero) : asOf;
                var period = quietAfter[task.TaskId].ToString("c", CultureInfo.InvariantCulture);
                events.Add(new JourneyEvent(journeyId, JourneyEventTypes.TaskQuiet, quietAt, null, task.TaskId, lastEvidence.ToString("O", CultureInfo.InvariantCulture), period));
            }
        }

        var changeAt = latest?.OccurredAt ?? asOf;
        if (before.Status != after.Status)
        {
            var cause = now.State.StatusSignalId is { } statusSignal && ids.Contains(statusSignal) ? statusSignal : latest?.Id;
            events.Add(new JourneyEvent(journeyId, JourneyEventTypes.StatusChanged, now.State.StatusSince ?? changeAt, cause, null, before.Status.ToString(), after.Status.ToString()));
        }

        foreach (var role in after.MissingSignOff.Except(before.MissingSignOff, StringComparer.Ordinal))
        {
            events.Add(new JourneyEvent(journeyId, JourneyEventTypes.SignOffRoleLost, changeAt, latest?.Id, null, null, role));
        }

        foreach (var role in before.MissingSignOff.Except(after.MissingSignOff, StringComparer.Ordinal))
        {
            events.Add(new JourneyEvent(journeyId, JourneyEventTypes.SignOffRoleCovered, changeAt, latest?.Id, null, null, role));
        }

        if (!string.Equals(before.TopAction, after.TopAction, StringComparison.Ordinal))
        {
            events.Add(new JourneyEvent(journeyId, JourneyEventTypes.NextBestActionChanged, changeAt, latest?.Id, null, before.TopAction, after.TopAction));
        }

        // A stable sort: events of one moment keep the order above.
        return [.. events.OrderBy(e => e.At)];
    }

    private static bool TaskIsActive(TaskPhase phase) => phase is TaskPhase.Active or TaskPhase.Revisiting;

    /// <summary>A loop-back event per loop-back the task gained (from the journey's retained loop-backs where they are kept), or a withdrawal per one it lost.</summary>
    private static void LoopBacks(List<JourneyEvent> events, JourneyAssessment now, JourneyView.TaskView task, int before, string? cause, DateTimeOffset asOf)
    {
        var journeyId = now.JourneyId;
        if (task.LoopBacks > before)
        {
            var retained = now.LoopBacks.Where(l => string.Equals(l.TaskId, task.TaskId, StringComparison.Ordinal)).ToArray();
            for (var count = before + 1; count <= task.LoopBacks; count++)
            {
                // The count-th loop-back of the task is the retained one that many from the end, when it is retained.
                var index = retained.Length - (task.LoopBacks - count) - 1;
                var loopBack = index >= 0 ? retained[index] : null;
                events.Add(new JourneyEvent(
                    journeyId,
                    JourneyEventTypes.TaskLoopedBack,
                    loopBack?.At ?? asOf,
                    loopBack?.SignalId ?? cause,
                    task.TaskId,
                    (count - 1).ToString(CultureInfo.InvariantCulture),
                    count.ToString(CultureInfo.InvariantCulture)));
            }
        }

        for (var count = before - 1; count >= task.LoopBacks; count--)
        {
            events.Add(new JourneyEvent(
                journeyId, JourneyEventTypes.TaskLoopBackWithdrawn, asOf, cause, task.TaskId, (count + 1).ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
