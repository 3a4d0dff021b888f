using System;
using BuyingJourney.Signals;

namespace BuyingJourney.Advice;

/// <summary>
/// A seller's feedback on a recommended action, kept in the journey state: the latest per action code. Feedback is
/// itself a signal: <see cref="SignalTypes.ActionAccepted"/>, <see cref="SignalTypes.ActionRejected"/> or
/// <see cref="SignalTypes.ActionDone"/>, with the action's <see cref="SellerAction.Code"/> in the attribute
/// <see cref="ActionAttribute"/>.
/// </summary>
/// <remarks>
/// "Until the evidence changes" means: until a later signal gives evidence to the action's task (for an action without
/// a task, to any task or to the journey's status), or names the stakeholder the action targets.
/// Immutable and thread-safe. Equality is by value.
/// </remarks>
public sealed record ActionFeedback
{
    /// <summary>The attribute of a feedback signal that holds the action's code.</summary>
    public const string ActionAttribute = "action";

    internal ActionFeedback(string actionCode, FeedbackKind kind, long atTicks, string signalId)
    {
        ActionCode = actionCode;
        Kind = kind;
        AtTicks = atTicks;
        SignalId = signalId;
    }

    /// <summary>The code of the action the feedback is about.</summary>
    public string ActionCode { get; }

    /// <summary>What the seller said.</summary>
    public FeedbackKind Kind { get; }

    /// <summary>When (the feedback signal's time).</summary>
    public DateTimeOffset At => new(AtTicks, TimeSpan.Zero);

    /// <summary>The feedback signal.</summary>
    public string SignalId { get; }

    internal long AtTicks { get; }
}
