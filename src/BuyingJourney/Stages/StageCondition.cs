namespace BuyingJourney.Stages;

/// <summary>What a <see cref="StageRequirement"/> asks of its task, read from the task's phase at the assessment time.</summary>
public enum StageCondition : byte
{
    /// <summary>The customer has entered the task: any phase but <c>NotStarted</c>.</summary>
    Entered = 0,

    /// <summary>The customer has completed the task and not reopened it: phase <c>Completed</c>.</summary>
    Completed = 1,

    /// <summary>The customer is not revisiting the task (any phase but <c>Revisiting</c>): what they settled stays settled.</summary>
    NotReopened = 2,
}
