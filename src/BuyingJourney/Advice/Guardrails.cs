using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using BuyingJourney.Assessment;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;

namespace BuyingJourney.Advice;

/// <summary>Works out the guardrails of an assessed journey (see <see cref="Guardrail"/>).</summary>
internal static class Guardrails
{
    public const string NoDiscountWhileFormingNeed = "guardrail.no-discount.forming-need";
    public const string HoldPriceInRiskEvaluation = "guardrail.hold-price.risk-evaluation";
    public const string NoSignaturePushWithoutSignOff = "guardrail.no-signature-push.sign-off-missing";

    public static ImmutableArray<Guardrail> For(JourneyAssessment assessment, JourneyEngineOptions options)
    {
        if (assessment.Status is JourneyStatus.Won or JourneyStatus.Lost)
        {
            return ImmutableArray<Guardrail>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<Guardrail>();
        if (ActiveAmong(assessment, options.NeedFormingTasks, out var forming, out var formingCited))
        {
            result.Add(new Guardrail(
                NoDiscountWhileFormingNeed,
                ActionTactic.Discount,
                "Do not discount while the customer is still forming the need",
                $"The customer is still forming the need: {forming}. A clear need comes first and cost second; talking price or discounts now is premature and buys nothing.",
                formingCited,
                ImmutableArray<string>.Empty));
        }

        if (ActiveAmong(assessment, options.RiskEvaluationTasks, out var risk, out var riskCited))
        {
            result.Add(new Guardrail(
                HoldPriceInRiskEvaluation,
                ActionTactic.Discount,
                "Hold the price: the customer is evaluating the risk of deciding",
                $"The customer is reducing the risk of the decision: {risk}. A price push now is often a bid for more margin, not a blocker; answer the risk with proof, not a concession.",
                riskCited,
                ImmutableArray<string>.Empty));
        }

        var missing = assessment.Coverage.MissingSignOffRoles;
        if (!missing.IsEmpty)
        {
            var reason = new StringBuilder("Consensus coverage misses ");
            var cited = ImmutableArray.CreateBuilder<string>();
            for (var i = 0; i < missing.Length; i++)
            {
                var role = assessment.Coverage.Role(missing[i]);
                reason.Append(i == 0 ? string.Empty : i == missing.Length - 1 ? " and " : ", ");
                reason.Append(CultureInfo.InvariantCulture, $"the {role.Role.DisplayName.ToLowerInvariant()} ({Describe(role, assessment, cited)})");
            }

            reason.Append(". Signing without them invites a late veto; engage them first.");
            result.Add(new Guardrail(
                NoSignaturePushWithoutSignOff,
                ActionTactic.SignaturePush,
                "Do not push for signature yet",
                reason.ToString(),
                cited.ToImmutable(),
                ImmutableArray<string>.Empty));
        }

        return result.ToImmutable();
    }

    /// <summary>The guardrails with the codes of the candidates each one blocks.</summary>
    public static ImmutableArray<Guardrail> WithBlocked(ImmutableArray<Guardrail> guardrails, List<SellerAction> candidates)
    {
        var result = ImmutableArray.CreateBuilder<Guardrail>(guardrails.Length);
        foreach (var guardrail in guardrails)
        {
            var blocked = ImmutableArray.CreateBuilder<string>();
            foreach (var action in candidates)
            {
                if (action.Tactic == guardrail.Tactic && !blocked.Contains(action.Code))
                {
                    blocked.Add(action.Code);
                }
            }

            result.Add(new Guardrail(guardrail.Code, guardrail.Tactic, guardrail.Title, guardrail.Reason, guardrail.EvidenceSignalIds, blocked.ToImmutable()));
        }

        return result.MoveToImmutable();
    }

    private static string Describe(RoleCoverage role, JourneyAssessment assessment, ImmutableArray<string>.Builder cited)
    {
        if (role.Status == EngagementStatus.Missing)
        {
            return "nobody in that role has shown up";
        }

        foreach (var person in assessment.BuyingGroup)
        {
            if (role.StakeholderIds.Contains(person.Id))
            {
                if (!cited.Contains(person.State.LastSignalId))
                {
                    cited.Add(person.State.LastSignalId);
                }

                return person.Status == EngagementStatus.Left && person.State.LeftAt is { } left
                    ? string.Create(CultureInfo.InvariantCulture, $"{person.Id} left on {left:yyyy-MM-dd}, signal {person.State.LastSignalId}")
                    : string.Create(CultureInfo.InvariantCulture, $"{person.Id} quiet since {person.State.LastSeenAt:yyyy-MM-dd}, signal {person.State.LastSignalId}");
            }
        }

        return role.Status.ToString().ToLowerInvariant();
    }

    private static bool ActiveAmong(JourneyAssessment assessment, IList<string> taskIds, out string description, out ImmutableArray<string> cited)
    {
        var text = new StringBuilder();
        var ids = ImmutableArray.CreateBuilder<string>();
        foreach (var task in assessment.Tasks)
        {
            if (!task.IsActive || !taskIds.Contains(task.TaskId))
            {
                continue;
            }

            text.Append(text.Length == 0 ? string.Empty : "; ");
            text.Append(CultureInfo.InvariantCulture, $"{task.Task.DisplayName.ToLowerInvariant()} is {(task.Phase == TaskPhase.Revisiting ? "being revisited" : "active")}");
            if (task.LastEvidenceSignalId is { } signalId)
            {
                text.Append(CultureInfo.InvariantCulture, $" (signal {signalId})");
                if (!ids.Contains(signalId))
                {
                    ids.Add(signalId);
                }
            }
        }

        description = text.ToString();
        cited = ids.ToImmutable();
        return text.Length > 0;
    }
}
