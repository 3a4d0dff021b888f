using System;
using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Signals;

namespace BuyingJourney.Testing;

// The journey laws, part: the advice laws (every active task has advice; guardrailed actions are never advised or ranked).
public static partial class JourneyLaws
{
    /// <summary>
    /// Every active task has advice: on the journey without seller feedback (which may dismiss advice on purpose),
    /// at every signal's time and at later times, each active task is named by at least one advised action, and the
    /// assessment's active tasks are exactly the tasks it says are active.
    /// </summary>
    /// <param name="engine">The engine under test.</param>
    /// <param name="journey">The signals, as delivered.</param>
    /// <param name="later">More times after the last signal to look at (besides the fixed ones); none when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="journey"/> is null.</exception>
    public static void EveryActiveTaskHasAdvice(JourneyEngine engine, GeneratedJourney journey, IReadOnlyList<TimeSpan>? later = null)
    {
        Check(engine, journey);
        var withoutFeedback = new GeneratedJourney(journey.Deliveries.Where(static s => s.Type is not (SignalTypes.ActionAccepted or SignalTypes.ActionRejected or SignalTypes.ActionDone)));
        foreach (var (state, asOf) in Probes(engine, withoutFeedback, later))
        {
            var assessment = engine.Assess(state, asOf);
            var active = assessment.Tasks.Where(static t => t.IsActive).Select(static t => t.TaskId).ToList();
            if (!active.SequenceEqual(assessment.ActiveTasks))
            {
                Fail($"after {Step(state)} at {asOf:O}: ActiveTasks are [{string.Join(", ", assessment.ActiveTasks)}] but the active tasks are [{string.Join(", ", active)}]", withoutFeedback);
            }

            foreach (var task in active.Where(t => !assessment.Advice.Any(a => a.TaskId == t)))
            {
                Fail($"after {Step(state)} at {asOf:O}: no advice for active task {assessment.Task(task)}; advice: [{string.Join(", ", assessment.Advice.Select(static a => a.Code))}]", withoutFeedback);
            }
        }
    }

    /// <summary>
    /// Guardrailed actions are never ranked: at every signal's time and at later times, no next best action and no
    /// advice uses a tactic a guardrail blocks or a code it names; the next best actions are advice, distinct, and
    /// at most the engine's maximum.
    /// </summary>
    /// <param name="engine">The engine under test.</param>
    /// <param name="journey">The signals, as delivered.</param>
    /// <param name="later">More times after the last signal to look at (besides the fixed ones); none when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="journey"/> is null.</exception>
    public static void GuardrailedActionsAreNeverRanked(JourneyEngine engine, GeneratedJourney journey, IReadOnlyList<TimeSpan>? later = null)
    {
        Check(engine, journey);
        foreach (var (state, asOf) in Probes(engine, journey, later))
        {
            var assessment = engine.Assess(state, asOf);
            var where = $"after {Step(state)} at {asOf:O}";
            var tactics = assessment.Guardrails.Select(static g => g.Tactic).ToHashSet();
            var codes = assessment.Guardrails.SelectMany(static g => g.BlockedActionCodes).ToHashSet(StringComparer.Ordinal);
            foreach (var action in assessment.NextBestActions.Concat(assessment.Advice))
            {
                if (tactics.Contains(action.Tactic) || codes.Contains(action.Code))
                {
                    Fail($"{where}: {action.Code} ({action.Tactic}) is advised or ranked although a guardrail blocks it: [{string.Join("; ", assessment.Guardrails)}]", journey);
                }
            }

            if (assessment.NextBestActions.Length > engine.Options.MaxNextBestActions
                || !assessment.NextBestActions.All(assessment.Advice.Contains)
                || assessment.NextBestActions.Distinct().Count() != assessment.NextBestActions.Length)
            {
                Fail($"{where}: next best actions [{string.Join(", ", assessment.NextBestActions.Select(static a => a.Code))}] are not at most {engine.Options.MaxNextBestActions} distinct actions of the advice [{string.Join(", ", assessment.Advice.Select(static a => a.Code))}]", journey);
            }
        }
    }
}
