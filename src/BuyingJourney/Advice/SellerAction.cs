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
        Code = Guard.Text(code, "code", 128);
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

    /// <summary>"[High] Re-open discovery (ProblemIdentification.revisiting)".</summary>
    public override string ToString() => $"[{Priority}] {Title} ({Code})";
}
