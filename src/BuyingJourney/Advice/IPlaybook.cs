using System.Collections.Generic;
using BuyingJourney.Assessment;

namespace BuyingJourney.Advice;

/// <summary>
/// Turns an assessment into seller actions. The default is <see cref="DefaultPlaybook"/>; register your own
/// through the engine builder or DI.
/// </summary>
/// <remarks>
/// Implementations must be pure and thread-safe: one instance serves every journey at once. The engine
/// orders the actions by priority (highest first), keeping the playbook's order within a priority.
/// </remarks>
public interface IPlaybook
{
    /// <summary>The actions for the assessed journey.</summary>
    /// <param name="assessment">The journey as of the assessment time (its <c>Advice</c> is still empty).</param>
    IEnumerable<SellerAction> Advise(JourneyAssessment assessment);
}
