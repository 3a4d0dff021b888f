using System.Collections.Immutable;
using BuyingJourney.Advice;

namespace BuyingJourney.Playbooks;

/// <summary>
/// Picks and orders the next best actions from the playbooks' candidates. The default is
/// <see cref="DefaultActionRanker"/>; replace it through the engine builder or DI. The built-in ranker implements this
/// contract like any other and the engine calls every ranker the same way.
/// </summary>
/// <remarks>
/// Implementations must be pure and thread-safe. The engine hands over only candidates that no guardrail blocks and
/// that were not marked done since the evidence last changed, and it holds every ranker to the contract on what it
/// adds: only those candidates (the same instances), each once, each citing at least one signal, none a guardrail
/// blocks, at most <c>count</c>. Anything else is left out, in order; the first <c>count</c> that keep to it are the
/// next best actions.
/// </remarks>
public interface IActionRanker
{
    /// <summary>Adds the next best actions to <paramref name="ranked"/>, best first.</summary>
    /// <param name="context">The finished assessment facts, with the guardrails listing the candidates they kept out (valid only during the call).</param>
    /// <param name="candidates">The actions to choose from, highest priority first, the playbooks' order kept within a priority.</param>
    /// <param name="count">How many to add at most.</param>
    /// <param name="ranked">Where the picked actions go, best first (valid only during the call; do not keep it).</param>
    void Rank(AdviceContext context, ImmutableArray<SellerAction> candidates, int count, ActionCollector ranked);
}
