namespace BuyingJourney.Advice;

/// <summary>What a seller said about a recommended action (see <see cref="ActionFeedback"/>).</summary>
public enum FeedbackKind
{
    /// <summary>The seller took the action on; it stays recommended as usual.</summary>
    Accepted = 0,

    /// <summary>The seller rejected it: it is ranked after every action not rejected, until the evidence changes.</summary>
    Rejected = 1,

    /// <summary>The seller did it: it is not recommended again until the evidence changes.</summary>
    Done = 2,
}
