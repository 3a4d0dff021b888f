using BuyingJourney.Advice;
using BuyingJourney.Signals;

namespace BuyingJourney.Journeys;

/// <summary>
/// The feedback step of the fold: a seller's feedback signal (<see cref="SignalTypes.ActionAccepted"/>,
/// <see cref="SignalTypes.ActionRejected"/>, <see cref="SignalTypes.ActionDone"/>) must name the action it is about,
/// and is kept as the latest feedback on that action's code.
/// </summary>
internal static class FeedbackStep
{
    /// <summary>
    /// The feedback a signal carries: null for a signal that is not feedback. False, with the reason, for a feedback
    /// signal without a usable action code (the signal is refused).
    /// </summary>
    public static bool TryRead(Signal signal, out ActionFeedback? feedback, out string? reason)
    {
        feedback = null;
        reason = null;
        if (!SignalTypeKeys.IsFeedback(signal.TypeKey))
        {
            return true;
        }

        if (!signal.Attributes.TryGetValue(ActionFeedback.ActionAttribute, out var code) || string.IsNullOrWhiteSpace(code) || code.Length > SellerAction.MaxCodeLength)
        {
            reason = $"feedback signal \"{signal.Id}\" ({signal.Type}) needs the attribute \"{ActionFeedback.ActionAttribute}\" holding the code of the action it is about (at most {SellerAction.MaxCodeLength} characters).";
            return false;
        }

        var kind = signal.Type switch
        {
            SignalTypes.ActionAccepted => FeedbackKind.Accepted,
            SignalTypes.ActionRejected => FeedbackKind.Rejected,
            _ => FeedbackKind.Done,
        };
        feedback = new ActionFeedback(code, kind, signal.OccurredAt.UtcTicks, signal.Id);
        return true;
    }
}
