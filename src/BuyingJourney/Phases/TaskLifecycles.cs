namespace BuyingJourney.Phases;

/// <summary>
/// The conventions of a task lifecycle declaration: a Stateless <c>StateMachine&lt;TaskPhase, TaskTrigger&gt;</c>
/// given to a <c>BuyingModel</c>, compiled once into a table the engine reads.
/// </summary>
/// <remarks>
/// Declare every <see cref="TaskPhase"/> handling every <see cref="TaskTrigger"/> exactly once: <c>PermitIf</c> (a
/// transition), <c>PermitReentryIf</c> (a re-entry: the phase stays, the diagrams show the loop) or <c>Ignore</c>. The
/// machine starts in <see cref="TaskPhase.NotStarted"/>. A row's guard descriptions are its metadata, and its guards
/// must always hold (the table never calls them): the first description is the row's label, the text of the
/// transition's reason and of the diagrams (a row without one is labelled with its trigger's name); a description equal to
/// <see cref="LoopBack"/> marks the row as a loop-back. The cause of a row is its trigger's (see <see cref="TaskTrigger"/>).
/// Active and Revisiting (the phases the customer works on) leave for another phase on <see cref="TaskTrigger.Fade"/>,
/// which the other phases ignore, and <see cref="TaskTrigger.JourneyEffect"/> leads to none of the two.
/// Thread-safe: constants only.
/// </remarks>
public static class TaskLifecycles
{
    /// <summary>The guard description that marks a lifecycle row as a loop-back (<see cref="TaskTransition.IsLoopBack"/>); the row needs a label too.</summary>
    public const string LoopBack = "loop-back";
}
