using System;
using System.Linq;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Group;

/// <summary>
/// The fold reuses each thread's working copies of stakeholders from one fold to the next. Whatever the mix of
/// models (different task counts), and even when a rule folds another journey in the middle of a signal, every state
/// must equal the one a fresh engine gives.
/// </summary>
public sealed class WorkingCopyReuseTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 4, 6, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Types =
        [SignalTypes.ProblemStated, SignalTypes.SolutionResearched, SignalTypes.RfpIssued, SignalTypes.SupplierChosen, SignalTypes.ReferenceRequested, SignalTypes.StakeholderLeft, SignalTypes.MeetingMultiStakeholder];

    [Fact]
    public void ReplayAndApply_AlternatingBetweenModelsOfDifferentSizes_GiveTheStatesOfFreshEngines()
    {
        var gartner = JourneyEngine.CreateDefault();
        var rackham = new JourneyEngineBuilder().UseModel(BuyingModels.Rackham3).UseRulebook(Rulebooks.Rackham3).Build();
        var expectedGartner = Enumerable.Range(0, 6).Select(j => JourneyEngine.CreateDefault().Replay($"g{j}", Journey($"g{j}", j))).ToArray();
        var expectedRackham = Enumerable.Range(0, 6).Select(j => new JourneyEngineBuilder().UseModel(BuyingModels.Rackham3).UseRulebook(Rulebooks.Rackham3).Build().Replay($"r{j}", Journey($"r{j}", j))).ToArray();

        for (var j = 0; j < 6; j++)
        {
            Assert.Equal(expectedGartner[j], gartner.Replay($"g{j}", Journey($"g{j}", j)));
            Assert.Equal(expectedRackham[j], rackham.Replay($"r{j}", Journey($"r{j}", j)));
            Assert.Equal(expectedGartner[j], ApplyEach(gartner, $"g{j}", Journey($"g{j}", j)));
            Assert.Equal(expectedRackham[j], ApplyEach(rackham, $"r{j}", Journey($"r{j}", j)));
        }

        Assert.Contains(expectedGartner, state => state.BuyingGroup.Length >= 3);
    }

    [Fact]
    public void Replay_ARuleThatFoldsAnotherJourneyMidSignal_DoesNotDisturbTheOuterFold()
    {
        var inner = JourneyEngine.CreateDefault();
        var nested = new JourneyEngineBuilder()
            .AddRule("test:nested", [SignalTypes.ReferenceRequested], (context, evidence) =>
            {
                var other = inner.Replay("inner", Journey("inner", 3));
                if (other.BuyingGroup.Length > 0)
                {
                    evidence.Add(GartnerTasks.Validation, 0.01, "another journey was folded meanwhile");
                }
            })
            .Build();
        var plain = new JourneyEngineBuilder()
            .AddRule("test:nested", [SignalTypes.ReferenceRequested], static (_, evidence) => evidence.Add(GartnerTasks.Validation, 0.01, "another journey was folded meanwhile"))
            .Build();

        for (var j = 0; j < 4; j++)
        {
            Assert.Equal(plain.Replay($"n{j}", Journey($"n{j}", j)), nested.Replay($"n{j}", Journey($"n{j}", j)));
        }
    }

    private static Signal[] Journey(string journeyId, int seed)
    {
        var random = new Random(seed);
        var people = new[] { "ana", "ben", "cy", "dee" };
        var roles = new[] { StakeholderRoles.DecisionMaker, StakeholderRoles.User, StakeholderRoles.Purchaser, StakeholderRoles.Influencer };
        return Enumerable.Range(0, 60).Select(i =>
        {
            var who = random.Next(3) == 0 ? null : new Stakeholder(people[random.Next(people.Length)], roles[random.Next(roles.Length)]);
            return new Signal($"s{i:D3}", journeyId, Day0.AddHours(9 * i + random.Next(8)), Types[random.Next(Types.Length)], who);
        }).ToArray();
    }
}
