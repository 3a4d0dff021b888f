using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Persistence;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;
using Microsoft.Extensions.Time.Testing;

namespace BuyingJourney.Tests.Persistence;

/// <summary>
/// Snapshots record the fold fingerprint of the engine that made them (model settings, retention limits, the buying
/// group's consensus task and risk roles). The journey service uses only snapshots with its own engine's fingerprint,
/// so changing one of those options rebuilds journeys from their signals instead of continuing from stale states.
/// </summary>
public sealed class SnapshotFingerprintTests
{
    private const string Tenant = "t1";

    /// <summary>Ann, the decision maker, states the problem and then leaves: at risk only where decision makers are a risk role.</summary>
    private static readonly Signal[] DecisionMakerLeaves =
    [
        By(0, "s1", SignalTypes.ProblemStated, "ann", StakeholderRoles.DecisionMaker),
        By(1, "s2", SignalTypes.StakeholderLeft, "ann"),
    ];

    public static TheoryData<string> FoldOptions => ["loop-backs", "stakeholders", "feedback", "consensus", "risk-roles", "model-settings"];

    public static TheoryData<string> AssessmentOnlyOptions => ["quiet-after", "sign-off-roles", "role-expectations", "next-best-actions"];

    [Fact]
    public void Fingerprint_SameSettingsInAnotherEngine_Equal()
    {
        var fingerprint = JourneyEngine.CreateDefault().FoldFingerprint;

        Assert.Equal(fingerprint, Build(static _ => { }).FoldFingerprint);
        Assert.Matches("^fold\\.v1:[0-9a-f]{32}$", fingerprint);
    }

    [Theory]
    [MemberData(nameof(FoldOptions))]
    public void Fingerprint_OptionThatShapesTheState_Differs(string option)
    {
        var changed = option == "model-settings"
            ? new JourneyEngineBuilder().UseModel(new BuyingModel(BuyingModels.Gartner.Name, BuyingModels.Gartner.Tasks, TaskSettings.Default with { HalfLife = TimeSpan.FromDays(7) })).Build()
            : Build(options => Change(options, option));

        Assert.NotEqual(JourneyEngine.CreateDefault().FoldFingerprint, changed.FoldFingerprint);
    }

    [Theory]
    [MemberData(nameof(AssessmentOnlyOptions))]
    public void Fingerprint_OptionThatOnlyShapesAssessments_Unchanged(string option)
    {
        Assert.Equal(JourneyEngine.CreateDefault().FoldFingerprint, Build(options => Change(options, option)).FoldFingerprint);
    }

    [Fact]
    public void Fingerprint_RiskRolesInAnotherOrder_Equal()
    {
        var group = BuyingGroupDefinition.Default;
        string[] roles = [StakeholderRoles.DecisionMaker, StakeholderRoles.Purchaser];

        Assert.Equal(
            Build(options => options.BuyingGroup = new BuyingGroupDefinition(group.Roles, group.SignOffRoles, roles, group.ConsensusTaskId, group.QuietAfter)).FoldFingerprint,
            Build(options => options.BuyingGroup = new BuyingGroupDefinition(group.Roles, group.SignOffRoles, [roles[1], roles[0]], group.ConsensusTaskId, group.QuietAfter)).FoldFingerprint);
    }

    [Fact]
    public async Task RecordAsync_SavesTheEngineFingerprint_AndTheRecordKeepsIt()
    {
        var clock = new FakeTimeProvider(Day(20));
        var store = new InMemoryJourneyStore(clock);
        var engine = JourneyEngine.CreateDefault(clock);
        await new JourneyService(engine, store, new JourneyServiceOptions { SnapshotEvery = 1 }, clock).RecordAsync(Tenant, Busy, TestContext.Current.CancellationToken);

        var saved = await store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken);
        var json = JourneyRecords.SerializeSnapshot(saved!);

        Assert.Equal(engine.FoldFingerprint, saved!.FoldFingerprint);
        Assert.Equal(engine.FoldFingerprint, JsonNode.Parse(json)!["fold"]!.GetValue<string>());
        Assert.Equal(engine.FoldFingerprint, JourneyRecords.DeserializeSnapshot(json, JourneyId, "snapshot").FoldFingerprint);
    }

    [Fact]
    public async Task GetAsync_OwnSnapshotThroughItsRecord_IsUsed()
    {
        // The control for the tests below: a snapshot the service saved, read back from its JSON with the group
        // emptied, shows through, so the service does continue from its own snapshots.
        var (store, service) = await RecordedAsync(JourneyEngine.CreateDefault(new FakeTimeProvider(Day(20))), Busy);
        await store.SaveSnapshotAsync(Tenant, EmptiedGroup((await store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken))!), TestContext.Current.CancellationToken);

        var assessment = await service.GetAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(assessment.State.BuyingGroup);
    }

    [Fact]
    public async Task GetAsync_SnapshotWithoutFingerprint_NotUsed()
    {
        var engine = JourneyEngine.CreateDefault(new FakeTimeProvider(Day(20)));
        var (store, service) = await RecordedAsync(engine, Busy);
        var made = new JourneySnapshot(engine.Replay(JourneyId, Busy), Busy.Length, engine.Rulebook.Name, engine.Rulebook.Version);
        await store.SaveSnapshotAsync(Tenant, EmptiedGroup(made), TestContext.Current.CancellationToken);

        var assessment = await service.GetAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Null(made.FoldFingerprint);
        Assert.Equal(engine.Replay(JourneyId, Busy), assessment.State);
    }

    [Fact]
    public async Task GetAndRecord_SnapshotsOfAnEngineWithOtherRiskRoles_IgnoredAndStatesEqualThisEnginesReplay()
    {
        var clock = new FakeTimeProvider(Day(20));
        var group = BuyingGroupDefinition.Default;
        var noRiskRoles = new JourneyEngineBuilder().UseTimeProvider(clock)
            .Configure(options => options.BuyingGroup = new BuyingGroupDefinition(group.Roles, group.SignOffRoles, [], group.ConsensusTaskId, group.QuietAfter))
            .Build();
        var engine = JourneyEngine.CreateDefault(clock);
        var (store, _) = await RecordedAsync(noRiskRoles, DecisionMakerLeaves);
        var service = new JourneyService(engine, store, new JourneyServiceOptions { SnapshotEvery = 1 }, clock);
        var next = By(2, "s3", SignalTypes.RequirementsDrafted, "bob", StakeholderRoles.User);

        var read = await service.GetAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken);
        var recorded = await service.RecordAsync(Tenant, [next], TestContext.Current.CancellationToken);

        // The stale snapshot is there and would give another status.
        var stale = noRiskRoles.Replay(JourneyId, DecisionMakerLeaves);
        Assert.Equal(JourneyStatus.Open, stale.Status);
        Assert.Equal(JourneyStatus.AtRisk, engine.Replay(JourneyId, DecisionMakerLeaves).Status);
        Assert.Equal(engine.Replay(JourneyId, DecisionMakerLeaves), read.State);
        Assert.Equal(engine.Replay(JourneyId, [.. DecisionMakerLeaves, next]), recorded.Journeys[JourneyId]);
        Assert.Equal(engine.FoldFingerprint, (await store.LoadSnapshotAsync(Tenant, JourneyId, cancellationToken: TestContext.Current.CancellationToken))!.FoldFingerprint);
    }

    private static JourneyEngine Build(Action<JourneyEngineOptions> configure)
        => new JourneyEngineBuilder().Configure(configure).Build();

    private static void Change(JourneyEngineOptions options, string option)
    {
        var group = options.BuyingGroup;
        switch (option)
        {
            case "loop-backs": options.MaxLoopBacksRetained = 99; break;
            case "stakeholders": options.MaxStakeholdersRetained = 49; break;
            case "feedback": options.MaxFeedbackRetained = 63; break;
            case "consensus": options.BuyingGroup = new BuyingGroupDefinition(group.Roles, group.SignOffRoles, group.RiskRoles, GartnerTasks.Validation, group.QuietAfter); break;
            case "risk-roles": options.BuyingGroup = new BuyingGroupDefinition(group.Roles, group.SignOffRoles, [StakeholderRoles.DecisionMaker, StakeholderRoles.Purchaser], group.ConsensusTaskId, group.QuietAfter); break;
            case "quiet-after": options.BuyingGroup = new BuyingGroupDefinition(group.Roles, group.SignOffRoles, group.RiskRoles, group.ConsensusTaskId, TimeSpan.FromDays(10)); break;
            case "sign-off-roles": options.BuyingGroup = new BuyingGroupDefinition(group.Roles, [StakeholderRoles.DecisionMaker], group.RiskRoles, group.ConsensusTaskId, group.QuietAfter); break;
            case "role-expectations": options.BuyingGroup = new BuyingGroupDefinition([.. group.Roles, new RoleDefinition("champion", "Champion", expected: true)], group.SignOffRoles, group.RiskRoles, group.ConsensusTaskId, group.QuietAfter); break;
            case "next-best-actions": options.MaxNextBestActions = 5; break;
            default: throw new ArgumentOutOfRangeException(nameof(option), option, "no such option in this test");
        }
    }

    /// <summary>A service with snapshots after every signal over a fresh in-memory store, after recording <paramref name="signals"/>.</summary>
    private static async Task<(InMemoryJourneyStore Store, JourneyService Service)> RecordedAsync(JourneyEngine engine, IReadOnlyList<Signal> signals)
    {
        var clock = new FakeTimeProvider(Day(20));
        var store = new InMemoryJourneyStore(clock);
        var service = new JourneyService(engine, store, new JourneyServiceOptions { SnapshotEvery = 1 }, clock);
        await service.RecordAsync(Tenant, signals, TestContext.Current.CancellationToken);
        return (store, service);
    }

    /// <summary>The snapshot read back from its record with the buying group emptied: a state no fold of its signals makes.</summary>
    private static JourneySnapshot EmptiedGroup(JourneySnapshot snapshot)
        => JourneyRecords.DeserializeSnapshot(SnapshotBuyingGroupTests.Strip(JourneyRecords.SerializeSnapshot(snapshot)), snapshot.JourneyId, "snapshot");
}
