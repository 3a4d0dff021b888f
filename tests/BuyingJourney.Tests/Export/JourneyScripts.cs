using BuyingJourney.Signals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Export;

/// <summary>Scripted journeys the journey charts are drawn from.</summary>
internal static class JourneyScripts
{
    /// <summary>
    /// Forty days: the problem is defined, exploration and requirements run side by side, the customer loops back to
    /// the problem from both, selection and validation start together, the problem is defined again, and the budget
    /// freezes on day 40, when the quiet tasks have gone dormant.
    /// </summary>
    public static Signal[] ConcurrentWithALoopBack() => Script(
        (0, SignalTypes.ProblemStated),        // s1 problem identification active
        (2, SignalTypes.ProblemDefined),       // s2 ... completed
        (4, SignalTypes.SolutionResearched),   // s3 solution exploration active
        (6, SignalTypes.RequirementsDrafted),  // s4 requirements building active, alongside exploration
        (8, SignalTypes.ProblemMetricMissed),  // s5 loop-back to the problem from exploration and requirements
        (10, SignalTypes.DemoRequested),       // s6 supplier selection active
        (11, SignalTypes.ReferenceRequested),  // s7 validation active, alongside selection
        (12, SignalTypes.ProblemDefined),      // s8 the problem completed again
        (40, SignalTypes.BudgetFrozen));       // s9 the journey stalls, after the quiet tasks went dormant
}
