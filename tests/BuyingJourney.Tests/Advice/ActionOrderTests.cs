using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Signals;
using BuyingJourney.Tests.Support;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Advice;

/// <summary>
/// Seed 000's headline skill: recognise which tasks the customer is in now and act on it. The top-ranked action serves
/// the customer's current work; an unengaged decision maker ranks first only while the gap blocks the decision the
/// customer is making; journey-wide actions carry no task.
/// </summary>
public sealed class ActionOrderTests
{
    private const string EngageDecisionMaker = "group.engage.decision-maker";

    public static TheoryData<string, string> Deciding => new()
    {
        { "gartner", SignalTypes.DemoRequested },
        { "rackham-3", SignalTypes.DemoRequested },
        { "rackham-5", SignalTypes.DemoRequested },
        { "practitioner-3", SignalTypes.DemoRequested },
        { "buygrid-8", SignalTypes.ProcurementEngaged },
    };

    public static TheoryData<string> Models => [.. BuiltInEngines.Names];

    [Theory]
    [MemberData(nameof(Models))]
    public void FormingTheNeed_NoDecisionMaker_TheNeedComesFirst(string model)
    {
        var assessment = BuiltInEngines.For(model).Assess(JourneyId, [By(0, "s1", SignalTypes.ProblemStated, "bob", StakeholderRoles.User)], Day(0.5));

        var engage = Advised(assessment, EngageDecisionMaker);
        Assert.NotEqual(ActionPriority.High, engage.Priority);
        var top = assessment.NextBestActions[0];
        Assert.Contains(top.TaskId, assessment.ActiveTasks);
        Assert.True(assessment.NextBestActions.ToList().IndexOf(engage) is -1 or > 0);
    }

    [Theory]
    [MemberData(nameof(Deciding))]
    public void Deciding_NoDecisionMaker_EngagingThemComesFirst(string model, string signal)
    {
        var assessment = BuiltInEngines.For(model).Assess(JourneyId, [By(0, "s1", signal, "bob", StakeholderRoles.User)], Day(0.5));

        var top = assessment.NextBestActions[0];
        Assert.True(top.Code == EngageDecisionMaker, $"{model}: the top action is {top.Code}; all: {Codes(assessment.NextBestActions)}");
        Assert.Equal(ActionPriority.High, top.Priority);
    }

    [Fact]
    public void Deciding_DecisionMakerQuiet_ReEngagingThemComesFirst()
    {
        Signal[] signals = [By(0, "s1", SignalTypes.ExecutiveEngaged, "ann", StakeholderRoles.DecisionMaker), By(40, "s2", SignalTypes.DemoRequested, "bob", StakeholderRoles.User)];

        var assessment = BuiltInEngines.For("gartner").Assess(JourneyId, signals, Day(40));

        Assert.Equal("group.re-engage.ann", assessment.NextBestActions[0].Code);
        Assert.Equal("Re-engage ann (decision maker)", assessment.NextBestActions[0].Title);
    }

    [Fact]
    public void MissingPurchaser_NoFlatBonus_TheCustomersWorkRanksFirst()
    {
        Signal[] signals = [By(0, "s1", SignalTypes.ExecutiveEngaged, "ann", StakeholderRoles.DecisionMaker), By(0.5, "s2", SignalTypes.DemoRequested, "ann", StakeholderRoles.DecisionMaker)];

        var assessment = BuiltInEngines.For("gartner").Assess(JourneyId, signals, Day(0.5));

        Assert.Equal(ActionPriority.Medium, Advised(assessment, "group.engage.purchaser").Priority);
        Assert.Equal("SupplierSelection.active", assessment.NextBestActions[0].Code);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void JourneyWideActions_CarryNoTask(string model)
    {
        var engine = BuiltInEngines.For(model);
        Signal[] start = [By(0, "s1", SignalTypes.ProblemStated, "ann", StakeholderRoles.DecisionMaker)];

        var stalled = engine.Assess(JourneyId, [.. start, At(1, "s2", SignalTypes.BudgetFrozen)], Day(1));
        var atRisk = engine.Assess(JourneyId, [.. start, By(1, "s2", SignalTypes.StakeholderLeft, "ann")], Day(1));
        var won = engine.Assess(JourneyId, [.. start, At(1, "s2", SignalTypes.DealWon)], Day(1));
        var lost = engine.Assess(JourneyId, [.. start, At(1, "s2", SignalTypes.DealLost)], Day(1));

        Assert.Null(Advised(stalled, "journey.stalled").TaskId);
        Assert.Null(Advised(atRisk, "journey.at-risk").TaskId);
        Assert.Null(Advised(won, "journey.won").TaskId);
        Assert.Null(Advised(lost, "journey.lost").TaskId);
        Assert.All(new[] { stalled, atRisk, won, lost }.SelectMany(static a => a.Advice).Where(static a => a.Code.StartsWith("journey.", System.StringComparison.Ordinal)), static a => Assert.Equal(["s2"], a.EvidenceSignalIds));
    }
}
