using System;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Group;
using BuyingJourney.Model;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Group;

/// <summary>
/// The engine options the buying group and the ranked advice added: checked when the engine is built (each message
/// naming the option and its range), copied into the engine, and the limits on what a journey retains.
/// </summary>
public sealed class BuyingGroupOptionsTests
{
    [Theory]
    [InlineData(nameof(JourneyEngineOptions.MaxNextBestActions), 0)]
    [InlineData(nameof(JourneyEngineOptions.MaxNextBestActions), JourneyEngineOptions.MaxNextBestActionsLimit + 1)]
    [InlineData(nameof(JourneyEngineOptions.MaxStakeholdersRetained), 0)]
    [InlineData(nameof(JourneyEngineOptions.MaxStakeholdersRetained), JourneyEngineOptions.MaxRetainedLimit + 1)]
    [InlineData(nameof(JourneyEngineOptions.MaxFeedbackRetained), -1)]
    [InlineData(nameof(JourneyEngineOptions.MaxFeedbackRetained), JourneyEngineOptions.MaxRetainedLimit + 1)]
    public void Build_OptionOutOfRange_ThrowsNamingTheOptionAndItsRange(string option, int value)
    {
        var builder = new JourneyEngineBuilder().Configure(o =>
        {
            switch (option)
            {
                case nameof(JourneyEngineOptions.MaxNextBestActions):
                    o.MaxNextBestActions = value;
                    break;
                case nameof(JourneyEngineOptions.MaxStakeholdersRetained):
                    o.MaxStakeholdersRetained = value;
                    break;
                default:
                    o.MaxFeedbackRetained = value;
                    break;
            }
        });

        var ex = Assert.Throws<ArgumentOutOfRangeException>(builder.Build);

        Assert.Equal(option, ex.ParamName);
        Assert.Equal(value, ex.ActualValue);
        var max = option == nameof(JourneyEngineOptions.MaxNextBestActions) ? JourneyEngineOptions.MaxNextBestActionsLimit : JourneyEngineOptions.MaxRetainedLimit;
        Assert.Contains($"JourneyEngineOptions.{option} is {value}; it must be between 1 and {max}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OptionsAtTheirLimits_AreAcceptedAndCopied()
    {
        var engine = new JourneyEngineBuilder().Configure(static o =>
        {
            o.MaxNextBestActions = JourneyEngineOptions.MaxNextBestActionsLimit;
            o.MaxStakeholdersRetained = 1;
            o.MaxFeedbackRetained = JourneyEngineOptions.MaxRetainedLimit;
        }).Build();

        var options = engine.Options;

        Assert.Equal((50, 1, 1000), (options.MaxNextBestActions, options.MaxStakeholdersRetained, options.MaxFeedbackRetained));
    }

    [Fact]
    public void Options_Defaults_AreThoseDocumented()
    {
        var options = new JourneyEngineOptions();

        Assert.Equal((3, 50, 64), (options.MaxNextBestActions, options.MaxStakeholdersRetained, options.MaxFeedbackRetained));
        Assert.Same(BuyingGroupDefinition.Default, options.BuyingGroup);
    }

    [Fact]
    public void Build_NullBuyingGroup_ThrowsNamingIt()
    {
        var builder = new JourneyEngineBuilder().Configure(static o => o.BuyingGroup = null!);

        var ex = Assert.Throws<ArgumentNullException>(builder.Build);

        Assert.Equal(nameof(JourneyEngineOptions.BuyingGroup), ex.ParamName);
    }

    [Fact]
    public void MaxStakeholdersRetained_GroupFull_EvictsWhoLeftBeforeWhoWasSeenLongest()
    {
        var engine = new JourneyEngineBuilder().Configure(static o => o.MaxStakeholdersRetained = 2).Build();

        var state = ApplyAll(engine,
        [
            By(0, "s1", SignalTypes.ProblemStated, "ann", StakeholderRoles.Influencer),
            By(1, "s2", SignalTypes.DemoRequested, "bob"),
            By(2, "s3", SignalTypes.StakeholderLeft, "ann"),
            By(3, "s4", SignalTypes.DemoRequested, "cleo"),
        ]);

        // Bob was seen longest ago, but Ann left: she makes room.
        Assert.Equal(["bob", "cleo"], state.BuyingGroup.Select(static p => p.Id));
    }

    [Fact]
    public void MaxStakeholdersRetained_GroupFullNobodyLeft_EvictsTheLeastRecentlySeen()
    {
        var engine = new JourneyEngineBuilder().Configure(static o => o.MaxStakeholdersRetained = 2).Build();
        Signal[] signals =
        [
            By(0, "s1", SignalTypes.ProblemStated, "ann"),
            By(1, "s2", SignalTypes.DemoRequested, "bob"),
            By(2, "s3", SignalTypes.DemoRequested, "ann"),
            By(3, "s4", SignalTypes.DemoRequested, "cleo"),
        ];

        var state = ApplyAll(engine, signals);

        Assert.Equal(["ann", "cleo"], state.BuyingGroup.Select(static p => p.Id));
        Assert.Equal(state, engine.Replay(JourneyId, signals.AsEnumerable().Reverse()));
    }

    [Fact]
    public void MaxStakeholdersRetained_EvictedStakeholderReturns_JoinsAsNewcomer()
    {
        var engine = new JourneyEngineBuilder().Configure(static o => o.MaxStakeholdersRetained = 1).Build();

        var state = ApplyAll(engine,
        [
            By(0, "s1", SignalTypes.ProblemStated, "ann", StakeholderRoles.DecisionMaker),
            By(1, "s2", SignalTypes.DemoRequested, "bob"),
            By(2, "s3", SignalTypes.DemoRequested, "ann"),
        ]);

        var ann = Assert.Single(state.BuyingGroup);
        Assert.Equal(("ann", 1, Day(2)), (ann.Id, ann.SignalCount, ann.JoinedAt));
        Assert.Empty(ann.Roles);
    }

    [Fact]
    public void MaxFeedbackRetained_MoreCodesThanRetained_DropsTheOldest()
    {
        var engine = new JourneyEngineBuilder().Configure(static o => o.MaxFeedbackRetained = 2).Build();

        var state = ApplyAll(engine,
        [
            Feedback(0, "f1", SignalTypes.ActionDone, "a"),
            Feedback(1, "f2", SignalTypes.ActionRejected, "b"),
            Feedback(2, "f3", SignalTypes.ActionAccepted, "c"),
        ]);

        Assert.Equal(["b", "c"], state.Feedback.Select(static f => f.ActionCode));
        Assert.Equal([FeedbackKind.Rejected, FeedbackKind.Accepted], state.Feedback.Select(static f => f.Kind));
    }

    [Fact]
    public void MaxFeedbackRetained_RepeatedCode_TakesOneSlot()
    {
        var engine = new JourneyEngineBuilder().Configure(static o => o.MaxFeedbackRetained = 2).Build();

        var state = ApplyAll(engine,
        [
            Feedback(0, "f1", SignalTypes.ActionDone, "a"),
            Feedback(1, "f2", SignalTypes.ActionRejected, "b"),
            Feedback(2, "f3", SignalTypes.ActionAccepted, "a"),
        ]);

        Assert.Equal(["b", "a"], state.Feedback.Select(static f => f.ActionCode));
        Assert.Equal(("f3", FeedbackKind.Accepted), (state.Feedback[1].SignalId, state.Feedback[1].Kind));
    }
}
