using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using BuyingJourney.Group;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Group;

/// <summary>
/// A stakeholder's task entry keeps its task and approval in a shared mark and a member's departure as a flag: every
/// value reads back as it was made, entries of the same task share one mark, and a departure is the last sighting.
/// </summary>
public sealed class StakeholderTaskEvidenceTests
{
    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();

    [Theory]
    [InlineData(0L, null, 0L, null)]
    [InlineData(5L, "e", 0L, null)]
    [InlineData(0L, null, 7L, "a")]
    [InlineData(5L, "e", 7L, "a")]
    [InlineData(5L, null, 7L, null)]
    [InlineData(0L, "e", 0L, "a")]
    [InlineData(5L, "e", 0L, "a")]
    [InlineData(0L, null, 7L, null)]
    public void Constructor_AnyEvidenceAndApproval_ReadsBackEveryValue(long lastEvidenceTicks, string? lastEvidenceId, long approvedTicks, string? approvedId)
    {
        var entry = new StakeholderTaskEvidence("Validation", 4, 0.25, 9, lastEvidenceTicks, lastEvidenceId, approvedTicks, approvedId);

        Assert.Equal(("Validation", 4, 0.25, 9L), (entry.TaskId, entry.TaskIndex, entry.Score, entry.ScoredAtTicks));
        Assert.Equal((lastEvidenceTicks, lastEvidenceId), (entry.LastEvidenceTicks, entry.LastEvidenceSignalId));
        Assert.Equal((approvedTicks, approvedId), (entry.ApprovedTicks, entry.ApprovedSignalId));
        Assert.Equal(entry, new StakeholderTaskEvidence("Validation", 4, 0.25, 9, lastEvidenceTicks, lastEvidenceId, approvedTicks, approvedId));
        Assert.NotEqual(entry, new StakeholderTaskEvidence("Validation", 4, 0.25, 9, lastEvidenceTicks + 1, lastEvidenceId, approvedTicks, approvedId));
        Assert.NotEqual(entry, new StakeholderTaskEvidence("Validation", 4, 0.25, 9, lastEvidenceTicks, lastEvidenceId, approvedTicks + 1, approvedId));
    }

    [Fact]
    public void Default_ReadsAsUnsetFields()
    {
        var entry = default(StakeholderTaskEvidence);

        Assert.Null(entry.TaskId);
        Assert.Equal((0, 0.0, 0L, 0L, 0L), (entry.TaskIndex, entry.Score, entry.ScoredAtTicks, entry.LastEvidenceTicks, entry.ApprovedTicks));
        Assert.Null(entry.LastEvidenceSignalId);
        Assert.Null(entry.ApprovedSignalId);
        Assert.Equal(default, entry);
    }

    [Fact]
    public void Replay_EntriesOfOneTaskWithoutApprovalOfTheirOwn_ShareOneMarkAcrossJourneys()
    {
        var first = Engine.Replay(JourneyId, GroupSignals.Busy);
        var second = JourneyEngine.CreateDefault().Replay(JourneyId, GroupSignals.Busy);

        var entries = first.BuyingGroup.Concat(second.BuyingGroup).SelectMany(static member => member.Tasks).ToArray();
        Assert.NotEmpty(entries);
        foreach (var group in entries.GroupBy(static entry => entry.TaskIndex))
        {
            Assert.Single(group.Select(static entry => entry.Mark).Distinct());
        }
    }

    [Fact]
    public void Apply_ALaterSignalOfTheApprover_KeepsTheApprovalsMark()
    {
        Signal[] signals = [.. GroupSignals.Busy, By(3, "s6", SignalTypes.RequirementsApproved, "ann", StakeholderRoles.Approver)];
        var approved = Engine.Replay(JourneyId, signals);
        var later = Engine.Apply(approved, By(4, "s7", SignalTypes.ProblemStated, "ann")).State;

        var before = approved.BuyingGroup.Single(static member => member.Id == "ann").Tasks.Single(static entry => entry.ApprovedSignalId == "s6");
        var after = later.BuyingGroup.Single(static member => member.Id == "ann").Tasks.Single(static entry => entry.ApprovedSignalId == "s6");
        Assert.NotNull(before.LastEvidenceSignalId);
        Assert.Same(before.Mark, after.Mark);
        Assert.Equal(later, Engine.Replay(JourneyId, [.. signals, By(4, "s7", SignalTypes.ProblemStated, "ann")]));
    }

    [Fact]
    public void Replay_AMemberWhoLeft_LeftWhenLastSeen()
    {
        var state = Engine.Replay(JourneyId, [.. GroupSignals.Busy, By(3, "s6", SignalTypes.StakeholderLeft, "cleo")]);

        var cleo = state.BuyingGroup.Single(static member => member.Id == "cleo");
        Assert.False(cleo.IsPresent);
        Assert.Equal(cleo.LastSeenAt, cleo.LeftAt);
        Assert.All(state.BuyingGroup.Where(static member => member.Id != "cleo"), static member => Assert.Null(member.LeftAt));
    }

    [Fact]
    public void DeserializeSnapshot_AMemberWhoLeftAtAnotherTimeThanLastSeen_IsRejected()
    {
        var state = Engine.Replay(JourneyId, [.. GroupSignals.Busy, By(3, "s6", SignalTypes.StakeholderLeft, "cleo")]);
        var root = JsonNode.Parse(JourneyRecords.SerializeSnapshot(new JourneySnapshot(state, 6, "gartner-default", "1.0.0")))!.AsObject();
        var member = root["buyingGroup"]![2]!;
        member["left"] = member["lastSeen"]!.GetValue<long>() - 1;

        var ex = Assert.Throws<JourneyRecordException>(() => JourneyRecords.DeserializeSnapshot(root.ToJsonString(), JourneyId, "snapshot version 6"));

        Assert.Contains("buying group member 2 is incomplete or out of range", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeSnapshot_MembersWithOneRole_ShareTheRoleListsOfFoldedStates()
    {
        var state = Engine.Replay(JourneyId, GroupSignals.Busy);
        var read = JourneyRecords.DeserializeSnapshot(JourneyRecords.SerializeSnapshot(new JourneySnapshot(state, 5, "gartner-default", "1.0.0")), JourneyId, "snapshot version 5").State;

        Assert.Equal(state, read);
        Assert.All(state.BuyingGroup.Zip(read.BuyingGroup), static pair =>
        {
            Assert.Single(pair.First.Roles);
            Assert.Same(ImmutableCollectionsMarshal.AsArray(pair.First.Roles), ImmutableCollectionsMarshal.AsArray(pair.Second.Roles));
        });
    }
}
