namespace BuyingJourney.Evidence;

/// <summary>How much a piece of evidence says about a task. The weight of each strength is a task setting.</summary>
public enum EvidenceStrength
{
    /// <summary>Needs company: on its own it does not start a task (default weight 0.3).</summary>
    Weak = 0,

    /// <summary>Starts a task on its own, but does not reopen a completed one (default weight 0.6).</summary>
    Normal = 1,

    /// <summary>Starts or reopens a task on its own (default weight 1.0).</summary>
    Strong = 2,
}
