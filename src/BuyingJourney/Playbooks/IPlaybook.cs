using BuyingJourney.Advice;

namespace BuyingJourney.Playbooks;

/// <summary>
/// Turns an assessed journey into seller actions. The default is <see cref="DefaultPlaybook"/>; register your own
/// through the engine builder or DI. The built-in playbook implements this contract like any other and the engine
/// calls every playbook the same way.
/// </summary>
/// <remarks>
/// Implementations must be pure and thread-safe: one instance serves every journey at once. They add nothing rather
/// than throw: an exception fails the assessment, and adding a null action is an <see cref="System.ArgumentNullException"/>.
/// The engine orders the actions by priority (highest first), keeping the playbooks' order within a priority, drops
/// those marked done since the evidence last changed and keeps out those a guardrail blocks. The context and the
/// collector cost nothing to pass or fill (a readonly struct and a reused list), so a playbook of your own is as cheap
/// as the built-in one.
/// </remarks>
public interface IPlaybook
{
    /// <summary>Adds the actions for the assessed journey to <paramref name="actions"/>, in the playbook's order.</summary>
    /// <param name="context">The finished assessment facts (valid only during the call; do not keep it).</param>
    /// <param name="actions">Where the actions go (valid only during the call; do not keep it).</param>
    void Advise(AdviceContext context, ActionCollector actions);
}
