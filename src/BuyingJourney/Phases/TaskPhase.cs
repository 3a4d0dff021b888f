namespace BuyingJourney.Phases;

/// <summary>Where one buying task of a journey stands. Each task is in exactly one phase, independently of the others.</summary>
public enum TaskPhase : byte
{
    /// <summary>No evidence has reached the activation threshold yet.</summary>
    NotStarted = 0,

    /// <summary>The customer is working on the task now (first pass, or resumed after a pause).</summary>
    Active = 1,

    /// <summary>The task was active, but its evidence has faded below the dormancy threshold.</summary>
    Dormant = 2,

    /// <summary>Completion evidence was seen; the task is done unless new evidence reopens it.</summary>
    Completed = 3,

    /// <summary>The customer came back to a completed task: a loop-back.</summary>
    Revisiting = 4,
}
