using System;
using System.Collections.Generic;
using BuyingJourney.Assessment;

namespace BuyingJourney.Advice;

/// <summary>
/// The built-in ranking: actions citing no signal are left out; the rest are ordered by
/// (1) not rejected before rejected (a rejection counts until the evidence changes, see <see cref="JourneyAssessment.CurrentFeedback"/>),
/// (2) priority, highest first,
/// (3) urgency: how active the action's task is now (its decayed score), plus a bonus when the action targets a sign-off role the group misses,
/// (4) the candidates' order.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public sealed class DefaultActionRanker : IActionRanker
{
    /// <summary>The shared instance.</summary>
    public static DefaultActionRanker Instance { get; } = new();

    /// <inheritdoc />
    public IEnumerable<SellerAction> Rank(JourneyAssessment assessment, IReadOnlyList<SellerAction> candidates, int count)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(candidates);
        var keyed = new List<(bool Rejected, int Priority, double Urgency, int Index, SellerAction Action)>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var action = candidates[i];
            if (action is null || action.EvidenceSignalIds.IsEmpty)
            {
                continue;
            }

            var rejected = assessment.CurrentFeedback(action)?.Kind == FeedbackKind.Rejected;
            keyed.Add((rejected, (int)action.Priority, Urgency(assessment, action), i, action));
        }

        keyed.Sort(static (a, b) =>
        {
            var byRejection = a.Rejected.CompareTo(b.Rejected);
            if (byRejection != 0)
            {
                return byRejection;
            }

            var byPriority = b.Priority.CompareTo(a.Priority);
            if (byPriority != 0)
            {
                return byPriority;
            }

            var byUrgency = b.Urgency.CompareTo(a.Urgency);
            return byUrgency != 0 ? byUrgency : a.Index.CompareTo(b.Index);
        });

        var result = new List<SellerAction>(Math.Min(count, keyed.Count));
        for (var i = 0; i < keyed.Count && result.Count < count; i++)
        {
            result.Add(keyed[i].Action);
        }

        return result;
    }

    private static double Urgency(JourneyAssessment assessment, SellerAction action)
    {
        var urgency = 0.0;
        if (action.TaskId is { } taskId)
        {
            foreach (var task in assessment.Tasks)
            {
                if (string.Equals(task.TaskId, taskId, StringComparison.Ordinal))
                {
                    urgency += task.Score;
                }
            }
        }

        if (action.TargetRole is { } role && assessment.Coverage.MissingSignOffRoles.Contains(role))
        {
            urgency += 1;
        }

        return urgency;
    }
}
