using System;
using System.Collections.Immutable;
using BuyingJourney.Advice;

namespace BuyingJourney.Playbooks;

/// <summary>
/// The built-in ranking: actions citing no signal are left out; the rest are ordered by
/// (1) not rejected before rejected (a rejection counts until the evidence changes, see <see cref="AdviceContext.CurrentFeedback(SellerAction)"/>),
/// (2) priority, highest first,
/// (3) urgency: how active the action's task is now (its decayed score; zero for a journey-wide action, which carries no task),
/// (4) the candidates' order.
/// </summary>
/// <remarks>
/// The top-ranked action serves what the customer is working on now. Nothing outranks that work for targeting a
/// person: a buying-group gap comes first only when the playbook rates it above the task work (the built-in playbook
/// does so while the gap blocks the decision the customer is making, see <see cref="DefaultPlaybook"/>).
/// Stateless and thread-safe.
/// </remarks>
public sealed class DefaultActionRanker : IActionRanker
{
    /// <summary>Above this many candidates the keys are kept on the heap rather than the stack.</summary>
    private const int MaxStackCandidates = 128;

    /// <summary>The shared instance.</summary>
    public static DefaultActionRanker Instance { get; } = new();

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">A null <paramref name="ranked"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative <paramref name="count"/>.</exception>
    public void Rank(AdviceContext context, ImmutableArray<SellerAction> candidates, int count, ActionCollector ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var total = candidates.IsDefault ? 0 : candidates.Length;
        if (total == 0 || count == 0)
        {
            return;
        }

        // Each eligible candidate's key: rank group (rejected after not rejected, then by priority) and urgency.
        var groups = total <= MaxStackCandidates ? stackalloc long[total] : new long[total];
        var urgencies = total <= MaxStackCandidates ? stackalloc double[total] : new double[total];
        var eligible = 0;
        var feedback = !context.State.Feedback.IsEmpty;
        for (var i = 0; i < total; i++)
        {
            var action = candidates[i];
            if (action is null || action.EvidenceSignalIds.IsEmpty)
            {
                groups[i] = long.MaxValue;
                continue;
            }

            var rejected = feedback && context.CurrentFeedback(action)?.Kind == FeedbackKind.Rejected;

            // Smaller is better: not rejected first, then the highest priority.
            groups[i] = ((rejected ? 1L : 0L) << 33) - (long)action.Priority;
            urgencies[i] = Urgency(context, action);
            eligible++;
        }

        // Picks the best remaining candidate, count times: the candidate lists are short and so is the result.
        var picks = Math.Min(count, eligible);
        for (var n = 0; n < picks; n++)
        {
            var best = -1;
            for (var i = 0; i < total; i++)
            {
                if (groups[i] != long.MaxValue && (best < 0 || Better(groups[i], urgencies[i], groups[best], urgencies[best])))
                {
                    best = i;
                }
            }

            ranked.Add(candidates[best]);
            groups[best] = long.MaxValue;
        }
    }

    /// <summary>True when a candidate with this key ranks before one with that key and a smaller index.</summary>
    private static bool Better(long group, double urgency, long otherGroup, double otherUrgency)
        => group != otherGroup ? group < otherGroup : urgency.CompareTo(otherUrgency) > 0;

    private static double Urgency(AdviceContext context, SellerAction action)
    {
        if (action.TaskId is not { } taskId)
        {
            return 0;
        }

        var tasks = context.Tasks;
        var known = action.TaskIndex;
        if ((uint)known < (uint)tasks.Length && ReferenceEquals(tasks[known].TaskId, taskId))
        {
            // The built-in playbook knows its task's place; the model's ids are distinct.
            return tasks[known].Score;
        }

        foreach (var task in tasks)
        {
            if (string.Equals(task.TaskId, taskId, StringComparison.Ordinal))
            {
                return task.Score;
            }
        }

        return 0;
    }
}
