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
/// tasks' <see cref="TaskDefinition.Traits"/> (<see cref="TaskTraits.NeedForming"/>, <see cref="TaskTraits.RiskEvaluation"/>,
/// <see cref="TaskTraits.Choice"/>, <see cref="TaskTraits.Decision"/>);
/// each reason is written from the facts when first read (<see cref="Reason"/>), so guardrails nobody reads cost no text.
/// </remarks>
internal static class Guardrails
{
    public const string NoDiscountWhileFormingNeed = "guardrail.no-discount.forming-need";
    public const string HoldPriceThroughTheDecision = "guardrail.hold-price.decision";
    public const string NoSignaturePushWithoutSignOff = "guardrail.no-signature-push.sign-off-missing";

    private const int FormingNeed = 0;
    private const int InTheDecision = 1;
    private const int SignOff = 2;

    private static readonly Func<object, int, string> ReasonText = static (source, which) => Reason((AssessedJourney)source, which);

    /// <summary>The guardrails of the assessed <paramref name="assessment"/>, read from its tasks' traits, group and coverage.</summary>
    public static ImmutableArray<Guardrail> For(AssessedJourney assessment)
    {
        if (assessment.Status is JourneyStatus.Won or JourneyStatus.Lost)
        {
            return ImmutableArray<Guardrail>.Empty;
        }

        var forming = Among(assessment, FormingNeed, out var formingCited);
        var risk = Among(assessment, InTheDecision, out var riskCited);
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
                HoldPriceThroughTheDecision,
                ActionTactic.Discount,
                "Hold the price until the order is signed: the customer is deciding",
                ReasonText,
                assessment,
                InTheDecision,
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
                return $"The customer is still forming the need: {Describe(assessment, FormingNeed)}. A clear need comes first and cost second; talking price or discounts now is premature and buys nothing.";
            case InTheDecision:
                return $"The customer is in the purchase decision and has not signed the order yet: {Describe(assessment, InTheDecision)}. In the decision the customer is reducing its risk; a price push now (procurement's included) is often a bid for more margin, not a blocker. Answer it with proof and terms, not a concession, until the order is signed.";
            default:
                return $"Consensus coverage misses {SignOffGaps(assessment)}. Signing without them invites a late veto (the surprises come from legal, accounting and other approvers); engage them first.";
        }
    }

    /// <summary>
    /// The sign-off roles not engaged and where each stands: "the decision maker (ann quiet since 2026-03-02, signal s1)
    /// and the purchaser (nobody in that role has shown up)".
    /// </summary>
    internal static string SignOffGaps(AssessedJourney assessment)
    {
        var missing = assessment.Coverage.MissingSignOffRoles;
        var parts = new string[missing.Length];
        for (var i = 0; i < missing.Length; i++)
        {
            var role = assessment.Coverage.Role(missing[i]);
            parts[i] = "the " + PlainWords.WithNote(role.Role.DisplayName.ToLowerInvariant(), Describe(role, assessment));
        }

        return PlainWords.List(parts);
    }

    /// <summary>
    /// Whom to engage for the sign-off roles not engaged: the quiet holder by name ("ann (decision maker)"), a new holder
    /// where everyone left ("a new decision maker"), else the role ("the approver (finance, legal)").
    /// </summary>
    internal static string SignOffWho(AssessedJourney assessment)
    {
        var missing = assessment.Coverage.MissingSignOffRoles;
        var parts = new string[missing.Length];
        for (var i = 0; i < missing.Length; i++)
        {
            var role = assessment.Coverage.Role(missing[i]);
            var name = role.Role.DisplayName.ToLowerInvariant();
            parts[i] = Holder(role, assessment) is { } person
                ? person.Status == EngagementStatus.Left ? $"a new {name}" : PlainWords.Person(assessment.Plan.Group, person)
                : $"the {name}";
        }

        return PlainWords.List(parts);
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

    /// <summary>The first stakeholder of the group still present who holds <paramref name="role"/>, else the first who left; null when it is missing.</summary>
    private static StakeholderAssessment? Holder(RoleCoverage role, AssessedJourney assessment)
    {
        if (role.Status == EngagementStatus.Missing)
        {
            return null;
        }

        StakeholderAssessment? gone = null;
        foreach (var person in assessment.BuyingGroup)
        {
            if (role.StakeholderIds.Contains(person.Id))
            {
                if (person.Status != EngagementStatus.Left)
                {
                    return person;
                }

                gone ??= person;
            }
        }

        return gone;
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

    /// <summary>
    /// Whether the task counts for the guardrail <paramref name="which"/>: for <see cref="FormingNeed"/> a
    /// <see cref="TaskTraits.NeedForming"/> task that is active or revisiting; for <see cref="InTheDecision"/> a
    /// <see cref="TaskTraits.RiskEvaluation"/> task that is active, revisiting or completed (risk checked out while the
    /// supplier is still being chosen is still the decision), a <see cref="TaskTraits.Choice"/> task completed (the
    /// supplier is chosen), or a <see cref="TaskTraits.Decision"/> task that has started.
    /// </summary>
    private static bool Counts(TaskAssessment task, int which)
        => which == FormingNeed
            ? task.IsActive && task.Task.Has(TaskTraits.NeedForming)
            : ((task.IsActive || task.Phase == TaskPhase.Completed) && task.Task.Has(TaskTraits.RiskEvaluation))
                || (task.Phase == TaskPhase.Completed && task.Task.Has(TaskTraits.Choice))
                || (task.Phase != TaskPhase.NotStarted && task.Task.Has(TaskTraits.Decision));

    /// <summary>True when a task counts for the guardrail <paramref name="which"/>, with the distinct signals they last got evidence from.</summary>
    private static bool Among(AssessedJourney assessment, int which, out ImmutableArray<string> cited)
    {
        var tasks = assessment.Tasks;
        var any = false;
        var buffer = default(EightIds);
        var ids = new IdSet(buffer);
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = tasks[i];
            if (!Counts(task, which))
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

    /// <summary>"solution exploration is being revisited (signal s95); supplier selection was completed on 2026-03-10 (signal s80)".</summary>
    private static string Describe(AssessedJourney assessment, int which)
    {
        var text = new StringBuilder();
        for (var i = 0; i < assessment.Tasks.Length; i++)
        {
            var task = assessment.Tasks[i];
            if (!Counts(task, which))
            {
                continue;
            }

            text.Append(text.Length == 0 ? string.Empty : "; ");
            var state = task.Phase switch
            {
                TaskPhase.Revisiting => "is being revisited",
                TaskPhase.Active => "is active",
                TaskPhase.Completed when task.Since is { } since => string.Create(CultureInfo.InvariantCulture, $"was completed on {since:yyyy-MM-dd}"),
                TaskPhase.Completed => "was completed",
                _ => "has started and gone quiet",
            };
            text.Append(CultureInfo.InvariantCulture, $"{task.Task.DisplayName.ToLowerInvariant()} {state}");
            if (task.LastEvidenceSignalId is { } signalId)
            {
                text.Append(CultureInfo.InvariantCulture, $" (signal {signalId})");
            }
        }

        return text.ToString();
    }
}
