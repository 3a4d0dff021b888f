using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Testing;
using FsCheck.Xunit;
using Xunit;
using static BuyingJourney.Tests.Properties.JourneyArbitraries;

namespace BuyingJourney.Tests.Properties;

/// <summary>Law 6: loop-backs are counted exactly, once per Completed → Revisiting transition.</summary>
public sealed partial class JourneyPropertyTests
{
    [Property]
    public void Trace_LoopBacks_MatchCompletedToRevisitingTransitionsOneToOne(GeneratedJourney journey) => LoopBacksAreCountedExactly(journey);

    /// <summary>The kit's law, for the default engine and the one that keeps only the latest loop-back.</summary>
    internal static void LoopBacksAreCountedExactly(GeneratedJourney journey)
    {
        JourneyLaws.LoopBacksAreCompletedTasksReopenedOnce(Engine, journey);
        JourneyLaws.LoopBacksAreCompletedTasksReopenedOnce(ForgetfulEngine, journey);
    }
}
