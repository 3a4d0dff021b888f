using System;
using System.Collections.Immutable;
using BuyingJourney.Internal;

namespace BuyingJourney.Advice;

/// <summary>A recommended seller action: a stable code, a title, a rationale that cites the evidence, and a priority.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class SellerAction
{
    /// <summary>The longest accepted <see cref="Title"/>.</summary>
    public const int MaxTitleLength = 1000;

    private readonly string? _targetStakeholderId;
    private readonly string? _targetRole;
    private readonly string? _expectedEffect;

    /// <summary>The longest accepted <see cref="Code"/>.</summary>
    public const int MaxCodeLength = 320;

    /// <summary>Creates an action (for playbooks of your own).</summary>
    /// <param name="code">A stable code, e.g. "SupplierSelection.active".</param>
    /// <param name="title">What to do, in a line.</param>
    /// <param name="rationale">Why, citing the evidence.</param>
    /// <param name="priority">How urgent.</param>
    /// <param name="taskId">The task the action serves; null for journey-wide actions.</param>
    /// <param name="evidenceSignalIds">The signals the rationale cites.</param>
    /// <exception cref="ArgumentException">A blank code, title or rationale.</exception>
    public SellerAction(string code, string title, string rationale, ActionPriority priority, string? taskId = null, ImmutableArray<string> evidenceSignalIds = default)
    {
        Code = Guard.Text(code, "code", MaxCodeLength);
        Title = Guard.Text(title, "title", MaxTitleLength);
        Rationale = Guard.NotNull(rationale);
        if (string.IsNullOrWhiteSpace(rationale))
        {
            throw new ArgumentException("rationale must not be empty.", nameof(rationale));
        }

        Priority = priority;
        TaskId = taskId;
        EvidenceSignalIds = evidenceSignalIds.IsDefault ? ImmutableArray<string>.Empty : evidenceSignalIds;
    }

    /// <summary>A stable code a CRM can key on.</summary>
    public string Code { get; }

    /// <summary>What to do.</summary>
    public string Title { get; }

    /// <summary>Why, citing the evidence.</summary>
    public string Rationale { get; }

    /// <summary>How urgent.</summary>
    public ActionPriority Priority { get; }

    /// <summary>The task the action serves; null for journey-wide actions.</summary>
    public string? TaskId { get; }

    /// <summary>The signals the rationale cites.</summary>
    public ImmutableArray<string> EvidenceSignalIds { get; }

    /// <summary>The stakeholder the action targets (a CRM contact id), or null.</summary>
    /// <exception cref="ArgumentException">Set to a blank or too long id.</exception>
    public string? TargetStakeholderId
    {
        get => _targetStakeholderId;
        init => _targetStakeholderId = Guard.OptionalText(value, nameof(TargetStakeholderId), Signals.Stakeholder.MaxLength);
    }

    /// <summary>The role the action targets (see <c>StakeholderRoles</c>), or null.</summary>
    /// <exception cref="ArgumentException">Set to a blank or too long role.</exception>
    public string? TargetRole
    {
        get => _targetRole;
        init => _targetRole = Guard.OptionalText(value, nameof(TargetRole), Signals.Stakeholder.MaxLength);
    }

    /// <summary>What the action is expected to achieve: which task it helps complete; null when not stated.</summary>
    /// <exception cref="ArgumentException">Set to a blank or too long text.</exception>
    public string? ExpectedEffect
    {
        get => _expectedEffect;
        init => _expectedEffect = Guard.OptionalText(value, nameof(ExpectedEffect), MaxTitleLength);
    }

    /// <summary>What kind of move it is; guardrails block discounts and signature pushes at some times.</summary>
    /// <value><see cref="ActionTactic.Engage"/>.</value>
    public ActionTactic Tactic { get; init; }

    /// <summary>"[High] Re-open discovery (ProblemIdentification.revisiting)".</summary>
    public override string ToString() => $"[{Priority}] {Title} ({Code})";
}
