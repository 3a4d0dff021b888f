using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Assessment;

namespace BuyingJourney.Advice;

/// <summary>
/// Picks and orders the next best actions from the playbooks' candidates. The default is
/// <see cref="DefaultActionRanker"/>; replace it through the engine builder or DI.
/// </summary>
/// <remarks>
/// Implementations must be pure and thread-safe. The engine hands over only candidates that no guardrail blocks and
/// that were not marked done since the evidence last changed, and it enforces the contract on what comes back: only
/// those candidates, each once, each citing at least one signal, at most the count asked for.
/// </remarks>
public interface IActionRanker
{
    /// <summary>The next best actions, best first.</summary>
    /// <param name="assessment">The journey (its buying group, coverage and guardrails filled; its advice and next best actions still empty).</param>
    /// <param name="candidates">The actions to choose from, highest priority first, the playbooks' order kept within a priority.</param>
    /// <param name="count">How many to return at most.</param>
    IEnumerable<SellerAction> Rank(JourneyAssessment assessment, IReadOnlyList<SellerAction> candidates, int count);
}
