using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Group;
using BuyingJourney.Internal;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Playbooks;

/// <summary>Works out the guardrails of an assessed journey (see <see cref="Guardrail"/>).</summary>
/// <remarks>
/// Which guardrails hold and the signals they cite are worked out here, from the finished assessment facts and the
/// tasks' <see cref="TaskDefinition.Traits"/> (<see cref="TaskTraits.NeedForming"/>, <see cref="TaskTraits.RiskEvaluation"/>);
/// each reason is written from the facts when first read (<see cref="Reason"/>), so guardrails nobody reads cost no text.
/// </remarks>
internal static class Guardrails
{
    public const string NoDiscountWhileFormingNeed = "guardrail.no-discount.forming-need";
    public const string HoldPriceInRiskEvaluation = "guardrail.hold-price.risk-evaluation";
    public const string NoSignaturePushWithoutSignOff = "guardrail.no-signature-push.sign-off-missing";

    private const int FormingNeed = 0;
    private const int RiskEvaluation = 1;
    private const int SignOff = 2;

    private static readonly Func<object, int, string> ReasonText = static (source, which) => Reason((AssessedJourney)source, which);

    /// <summary>The guardrails of the assessed <paramref name="assessment"/>, read from its tasks' traits, group and coverage.</summary>
    public static ImmutableArray<Guardrail> For(AssessedJourney assessment)
    {
        if (assessment.Status is JourneyStatus.Won or JourneyStatus.Lost)
        {
            return ImmutableArray<Guardrail>.Empty;
        }

        var forming = ActiveAmong(assessment, TaskTraits.NeedForming, out var formingCited);
        var risk = ActiveAmong(assessment, TaskTraits.RiskEvaluation, out var riskCited);
        var signOff = !assessment.Coverage.MissingSignOffRoles.IsEmpty;
        var count = (forming ? 1 : 0) + (risk ? 1 : 0) + (signOff ? 1 : 0);
        if (count == 0)
        {
            return ImmutableArray<Guardrail>.Empty;
        }

        var result = new Guardrail[count];
        var n = 0;
        if (forming)
        {
            result[n++] = new Guardrail(
                NoDiscountWhileFormingNeed,
                ActionTactic.Discount,
                "Do not discount while the customer is still forming the need",
                ReasonText,
                assessment,
                FormingNeed,
                formingCited,
                ImmutableArray<string>.Empty);
        }

        if (risk)
        {
            result[n++] = new Guardrail(
                HoldPriceInRiskEvaluation,
                ActionTactic.Discount,
                "Hold the price: the customer is evaluating the risk of deciding",
                ReasonText,
                assessment,
                RiskEvaluation,
                riskCited,
                ImmutableArray<string>.Empty);
        }

        if (signOff)
        {
            result[n] = new Guardrail(
                NoSignaturePushWithoutSignOff,
                ActionTactic.SignaturePush,
                "Do not push for signature yet",
                ReasonText,
                assessment,
                SignOff,
                SignOffCited(assessment),
                ImmutableArray<string>.Empty);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    /// <summary>The guardrails with the codes of the candidates each one blocks (the same instances where none is blocked).</summary>
    public static ImmutableArray<Guardrail> WithBlocked(ImmutableArray<Guardrail> guardrails, List<SellerAction> candidates)
    {
        Guardrail[]? result = null;
        for (var g = 0; g < guardrails.Length; g++)
        {
            var guardrail = guardrails[g];
            List<string>? blocked = null;
            foreach (var action in candidates)
            {
                if (action.Tactic == guardrail.Tactic && !(blocked?.Contains(action.Code) ?? false))
                {
                    (blocked ??= []).Add(action.Code);
                }
            }

            if (blocked is not null || !guardrail.BlockedActionCodes.IsEmpty)
            {
                result ??= guardrails.AsSpan().ToArray();
                result[g] = guardrail.WithBlocked(blocked is null ? ImmutableArray<string>.Empty : [.. blocked]);
            }
        }

        return result is null ? guardrails : ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    private static string Reason(AssessedJourney assessment, int which)
    {
        switch (which)
        {
            case FormingNeed:
                return $"The customer is still forming the need: {Describe(assessment, TaskTraits.NeedForming)}. A clear need comes first and cost second; talking price or discounts now is premature and buys nothing.";
            case RiskEvaluation:
                return $"The customer is reducing the risk of the decision: {Describe(assessment, TaskTraits.RiskEvaluation)}. A price push now is often a bid for more margin, not a blocker; answer the risk with proof, not a concession.";
            default:
                var missing = assessment.Coverage.MissingSignOffRoles;
                var reason = new StringBuilder("Consensus coverage misses ");
                for (var i = 0; i < missing.Length; i++)
                {
                    var role = assessment.Coverage.Role(missing[i]);
                    reason.Append(i == 0 ? string.Empty : i == missing.Length - 1 ? " and " : ", ");
                    reason.Append(CultureInfo.InvariantCulture, $"the {role.Role.DisplayName.ToLowerInvariant()} ({Describe(role, assessment)})");
                }

                reason.Append(". Signing without them invites a late veto; engage them first.");
                return reason.ToString();
        }
    }

    /// <summary>The signals the sign-off guardrail cites: per missing sign-off role, the last signal of its first holder in the group.</summary>
    private static ImmutableArray<string> SignOffCited(AssessedJourney assessment)
    {
        var buffer = default(EightIds);
        var cited = new IdSet(buffer);
        foreach (var id in assessment.Coverage.MissingSignOffRoles)
        {
            if (Holder(assessment.Coverage.Role(id), assessment) is { } person)
            {
                cited.Add(person.State.LastSignalId);
            }
        }

        return cited.ToImmutableArray();
    }

    /// <summary>The first stakeholder of the group who holds <paramref name="role"/>; null when it is missing.</summary>
    private static StakeholderAssessment? Holder(RoleCoverage role, AssessedJourney assessment)
    {
        if (role.Status == EngagementStatus.Missing)
        {
            return null;
        }

        foreach (var person in assessment.BuyingGroup)
        {
            if (role.StakeholderIds.Contains(person.Id))
            {
                return person;
            }
        }

        return null;
    }

    private static string Describe(RoleCoverage role, AssessedJourney assessment)
    {
        if (role.Status == EngagementStatus.Missing)
        {
            return "nobody in that role has shown up";
        }

        if (Holder(role, assessment) is { } person)
        {
            return person.Status == EngagementStatus.Left && person.State.LeftAt is { } left
                ? string.Create(CultureInfo.InvariantCulture, $"{person.Id} left on {left:yyyy-MM-dd}, signal {person.State.LastSignalId}")
                : string.Create(CultureInfo.InvariantCulture, $"{person.Id} quiet since {person.State.LastSeenAt:yyyy-MM-dd}, signal {person.State.LastSignalId}");
        }

        return role.Status.ToString().ToLowerInvariant();
    }

    /// <summary>True when a task with the trait <paramref name="among"/> is active, with the distinct signals they last got evidence from.</summary>
    private static bool ActiveAmong(AssessedJourney assessment, TaskTraits among, out ImmutableArray<string> cited)
    {
        var tasks = assessment.Tasks;
        var any = false;
        var buffer = default(EightIds);
        var ids = new IdSet(buffer);
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = tasks[i];
            if (!task.IsActive || !task.Task.Has(among))
            {
                continue;
            }

            any = true;
            if (task.LastEvidenceSignalId is { } signalId)
            {
                ids.Add(signalId);
            }
        }

        cited = ids.ToImmutableArray();
        return any;
    }

    /// <summary>"solution exploration is being revisited (signal s95); requirements building is active (signal s80)".</summary>
    private static string Describe(AssessedJourney assessment, TaskTraits among)
    {
        var text = new StringBuilder();
        for (var i = 0; i < assessment.Tasks.Length; i++)
        {
            var task = assessment.Tasks[i];
            if (!task.IsActive || !task.Task.Has(among))
            {
                continue;
            }

            text.Append(text.Length == 0 ? string.Empty : "; ");
            text.Append(CultureInfo.InvariantCulture, $"{task.Task.DisplayName.ToLowerInvariant()} is {(task.Phase == TaskPhase.Revisiting ? "being revisited" : "active")}");
            if (task.LastEvidenceSignalId is { } signalId)
            {
                text.Append(CultureInfo.InvariantCulture, $" (signal {signalId})");
            }
        }

        return text.ToString();
    }
}
