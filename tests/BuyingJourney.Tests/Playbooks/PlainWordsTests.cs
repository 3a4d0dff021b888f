using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using BuyingJourney.Assessment;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Playbooks;
using BuyingJourney.Signals;
using BuyingJourney.Tests.Advice;
using BuyingJourney.Tests.Support;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Playbooks;

/// <summary>Titles, rationales, effects and guardrail reasons name tasks, people and signals in plain words, with correct plurals.</summary>
public sealed class PlainWordsTests
{
    private static readonly string[] SignalTypeIds = typeof(SignalTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(static f => f.IsLiteral && f.FieldType == typeof(string)).Select(static f => (string)f.GetRawConstantValue()!).ToArray();

    public static TheoryData<string> Models => [.. BuiltInEngines.Names];

    [Theory]
    [MemberData(nameof(Models))]
    public void ABusyJourneyWithLoopBacksAndPeople_NoRawIdsInAnyText(string model)
    {
        var engine = BuiltInEngines.For(model);
        Signal[] signals =
        [
            By(0, "s1", SignalTypes.ProblemStated, "ann", StakeholderRoles.DecisionMaker),
            By(1, "s2", SignalTypes.ProblemDefined, "ann", StakeholderRoles.DecisionMaker),
            By(2, "s3", SignalTypes.SolutionResearched, "bob", StakeholderRoles.User),
            By(3, "s4", SignalTypes.ProblemMetricMissed, "bob", StakeholderRoles.User),
            By(4, "s5", SignalTypes.RequirementsDrafted, "ann", StakeholderRoles.DecisionMaker),
            By(5, "s6", SignalTypes.RequirementsApproved, "ann", StakeholderRoles.DecisionMaker),
            By(6, "s7", SignalTypes.RequirementsDrafted, "bob", StakeholderRoles.User),
            By(7, "s8", SignalTypes.DemoRequested, "pete", StakeholderRoles.Purchaser),
            By(8, "s9", SignalTypes.ReferenceRequested, "cleo", StakeholderRoles.Influencer),
            By(9, "s10", SignalTypes.SupplierChosen, "pete", StakeholderRoles.Purchaser),
            By(10, "s11", SignalTypes.StakeholderLeft, "ann"),
        ];
        var taskIds = engine.Model.Tasks.Select(static t => t.Id).Where(static id => id.Skip(1).Any(char.IsUpper)).ToArray();
        string[] roleIds = [StakeholderRoles.DecisionMaker];

        for (var i = 1; i <= signals.Length; i++)
        {
            foreach (var days in new[] { 0.0, 45 })
            {
                var assessment = engine.Assess(JourneyId, signals.Take(i), signals[i - 1].OccurredAt.AddDays(days));
                var texts = assessment.Advice.SelectMany(static a => new[] { a.Title, a.Rationale, a.ExpectedEffect ?? string.Empty })
                    .Concat(assessment.Guardrails.SelectMany(static g => new[] { g.Title, g.Reason }));
                foreach (var text in texts)
                {
                    Assert.DoesNotContain(taskIds, id => text.Contains(id, StringComparison.Ordinal));
                    Assert.DoesNotContain(roleIds, id => text.Contains(id, StringComparison.Ordinal));
                    Assert.DoesNotContain(SignalTypeIds, id => text.Contains(id, StringComparison.Ordinal));
                }
            }
        }
    }

    [Theory]
    [InlineData(3, "; and 1 more signal.")]
    [InlineData(4, "; and 2 more signals.")]
    public void EvidenceBeyondTheTwoShown_CountedWithTheRightPlural(int count, string ending)
    {
        Signal[] all =
        [
            At(0, "s1", SignalTypes.ContentInsightRead),
            At(0.1, "s2", SignalTypes.ProblemStated),
            At(0.2, "s3", SignalTypes.ProblemMetricMissed),
            At(0.3, "s4", SignalTypes.ProblemStated),
        ];

        var assessment = BuiltInEngines.For("gartner").Assess(JourneyId, all.Take(count), Day(0.5));

        Assert.Contains(ending, Advised(assessment, "ProblemIdentification.active").Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoWeights_NoCountSentence()
    {
        var assessment = BuiltInEngines.For("gartner").Assess(JourneyId, [At(0, "s1", SignalTypes.ProblemStated), At(0.1, "s2", SignalTypes.ProblemMetricMissed)], Day(0.5));

        Assert.DoesNotContain("more signal", Advised(assessment, "ProblemIdentification.active").Rationale, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "a" }, "a")]
    [InlineData(new[] { "a", "b" }, "a and b")]
    [InlineData(new[] { "a", "b", "c" }, "a, b and c")]
    public void List_InPlainWords(string[] items, string expected) => Assert.Equal(expected, PlainWords.List(items));

    [Theory]
    [InlineData(1, "1 signal")]
    [InlineData(0, "0 signals")]
    [InlineData(2, "2 signals")]
    public void Count_TheRightPlural(int count, string expected) => Assert.Equal(expected, PlainWords.Count(count, "signal", "signals"));

    [Fact]
    public void Person_NamedWithTheRoleNames_UnknownRolesAsTheyAre()
    {
        var assessment = BuiltInEngines.For("gartner").Assess(
            JourneyId, [By(0, "s1", SignalTypes.ProblemStated, "ann", StakeholderRoles.DecisionMaker), By(0, "s2", SignalTypes.ProblemStated, "zed", "auditor")], Day(0));

        var group = BuyingJourney.Group.BuyingGroupDefinition.Default;
        Assert.Equal("ann (decision maker)", PlainWords.Person(group, assessment.BuyingGroup.Single(static p => p.Id == "ann")));
        Assert.Equal("zed (auditor)", PlainWords.Person(group, assessment.BuyingGroup.Single(static p => p.Id == "zed")));
        Assert.Equal(JourneyStatus.Open, assessment.Status);
    }
}
