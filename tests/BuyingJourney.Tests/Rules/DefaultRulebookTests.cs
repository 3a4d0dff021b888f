using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using BuyingJourney.Tests.Support;
using Xunit;

namespace BuyingJourney.Tests.Rules;

/// <summary>
/// The default Gartner rulebook, row by row: the evidence each well-known signal type produces through the engine.
/// Expected evidence is written as "Task +weight", "Task completed" or "journey Effect", joined by "; " in rule order.
/// </summary>
public sealed class DefaultRulebookTests
{
    private static readonly JourneyEngine Engine = JourneyEngine.CreateDefault();

    /// <summary>Every row of the default rulebook, from the documentation of <see cref="SignalTypes"/>.</summary>
    private static readonly (string Type, string Evidence)[] RowData =
    [
        (SignalTypes.ProblemStated, "ProblemIdentification +1.0"),
        (SignalTypes.ProblemMetricMissed, "ProblemIdentification +1.0"),
        (SignalTypes.ProblemDefined, "ProblemIdentification completed"),
        (SignalTypes.ContentInsightRead, "ProblemIdentification +0.3; SolutionExploration +0.3"),
        (SignalTypes.SolutionResearched, "SolutionExploration +0.6"),
        (SignalTypes.EventAttended, "SolutionExploration +0.3"),
        (SignalTypes.InquiryGeneral, "SolutionExploration +0.3"),
        (SignalTypes.SolutionApproachChosen, "SolutionExploration completed"),
        (SignalTypes.RequirementsQuestion, "RequirementsBuilding +0.6"),
        (SignalTypes.DeadlineSet, "RequirementsBuilding +0.6"),
        (SignalTypes.RequirementsDrafted, "RequirementsBuilding +1.0"),
        (SignalTypes.BudgetSet, "RequirementsBuilding +0.6; ConsensusCreation +0.3"),
        (SignalTypes.RfiIssued, "RequirementsBuilding +0.6; SolutionExploration +0.3"),
        (SignalTypes.RequirementsApproved, "RequirementsBuilding completed"),
        (SignalTypes.RfpIssued, "SupplierSelection +1.0; RequirementsBuilding completed"),
        (SignalTypes.DemoRequested, "SupplierSelection +0.6"),
        (SignalTypes.PricingRequested, "SupplierSelection +0.6"),
        (SignalTypes.ShortlistAdded, "SupplierSelection +0.6"),
        (SignalTypes.SampleRequested, "SupplierSelection +0.6; Validation +0.3"),
        (SignalTypes.SiteVisited, "SupplierSelection +0.6; Validation +0.6"),
        (SignalTypes.SupplierChosen, "SupplierSelection completed"),
        (SignalTypes.ReferenceRequested, "Validation +1.0"),
        (SignalTypes.CaseStudyRead, "Validation +0.3"),
        (SignalTypes.TrialStarted, "Validation +0.6; SupplierSelection +0.3"),
        (SignalTypes.SecurityReview, "Validation +0.6"),
        (SignalTypes.RoiReviewed, "Validation +0.6; ConsensusCreation +0.3"),
        (SignalTypes.ValidationPassed, "Validation completed"),
        (SignalTypes.StakeholderJoined, "ConsensusCreation +1.0"),
        (SignalTypes.MeetingMultiStakeholder, "ConsensusCreation +0.6"),
        (SignalTypes.ExecutiveEngaged, "ConsensusCreation +0.6"),
        (SignalTypes.LegalReview, "ConsensusCreation +0.6"),
        (SignalTypes.ObjectionRaised, "ConsensusCreation +0.6; Validation +0.6"),
        (SignalTypes.ProcurementEngaged, "ConsensusCreation +0.6; SupplierSelection +0.3"),
        (SignalTypes.StakeholderLeft, "ConsensusCreation +0.6"),
        (SignalTypes.ConsensusReached, "ConsensusCreation completed"),
        (SignalTypes.BudgetFrozen, "journey Stall"),
        (SignalTypes.ProjectPostponed, "journey Stall"),
        (SignalTypes.DealWon, "journey Won"),
        (SignalTypes.DealLost, "journey Lost"),
    ];

    public static TheoryData<string, string> Rows
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (type, evidence) in RowData)
            {
                data.Add(type, evidence);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Apply_WellKnownSignalType_ProducesTheDocumentedEvidence(string signalType, string expected)
    {
        var signal = TestSignals.At(0, "s1", signalType);

        var result = Engine.Apply(Engine.Start(TestSignals.JourneyId), signal);

        Assert.Equal(SignalOutcome.Applied, result.Outcome);
        Assert.Equal(expected, Describe(result.Evidence));
        Assert.All(result.Evidence, record =>
        {
            Assert.Equal("gartner:" + signalType, record.RuleId);
            Assert.Equal("s1", record.SignalId);
            Assert.Equal(signalType, record.SignalType);
            Assert.Equal(signal.OccurredAt, record.OccurredAt);
            Assert.False(string.IsNullOrWhiteSpace(record.Reason));
            Assert.Equal(record.Kind == EvidenceKind.JourneyEffect, record.TaskId is null);
            Assert.Equal(record.Kind == EvidenceKind.JourneyEffect, record.Effect != JourneyEffect.None);
            Assert.Equal(record.Kind == EvidenceKind.Weight, record.Weight > 0);
        });
        Assert.Equal(0, result.State.UnrecognizedSignalCount);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Apply_WellKnownSignalType_HasTheDocumentedEffectOnTheJourney(string signalType, string expected)
    {
        var result = Engine.Apply(Engine.Start(TestSignals.JourneyId), TestSignals.At(0, "s1", signalType));

        var status = expected switch
        {
            "journey Stall" => JourneyStatus.Stalled,
            "journey Won" => JourneyStatus.Won,
            "journey Lost" => JourneyStatus.Lost,
            _ => JourneyStatus.Open,
        };
        Assert.Equal(status, result.State.Status);
        foreach (var part in expected.Split("; "))
        {
            var words = part.Split(' ');
            if (words[0] == "journey")
            {
                continue;
            }

            var task = result.State.Tasks[Engine.Model.IndexOf(words[0])];
            if (words[1] == "completed")
            {
                Assert.Equal((TaskPhase.Completed, 0.0), (task.Phase, task.Score));
            }
            else
            {
                var weight = double.Parse(words[1][1..], CultureInfo.InvariantCulture);
                Assert.Equal(weight, task.Score, 12);
                Assert.Equal(weight >= 0.5 ? TaskPhase.Active : TaskPhase.NotStarted, task.Phase);
            }
        }
    }

    [Fact]
    public void Rows_CoverEveryRuleOfTheDefaultRulebookOnceInRulebookOrder()
    {
        var rowTypes = RowData.Select(row => row.Type).ToArray();
        var ruleTypes = Rulebooks.Gartner.Rules.Select(rule => Assert.Single(rule.AppliesTo)).ToArray();

        Assert.Equal(rowTypes.Length, rowTypes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ruleTypes, rowTypes);
    }

    /// <summary>The well-known types the engine itself reads (the buying group, seller feedback); no rulebook has rules for them.</summary>
    public static readonly string[] EngineTypes =
        [SignalTypes.StakeholderRoleChanged, SignalTypes.ActionAccepted, SignalTypes.ActionRejected, SignalTypes.ActionDone];

    [Fact]
    public void Gartner_HasARuleForEveryWellKnownSignalTypeButThoseTheEngineReads()
    {
        var constants = typeof(SignalTypes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .Except(EngineTypes)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var ruleTypes = Rulebooks.Gartner.Rules.SelectMany(rule => rule.AppliesTo).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(39, constants.Length);
        Assert.Equal(constants, ruleTypes);
    }

    [Fact]
    public void Gartner_RuleIdsAreUniqueAndAreGartnerPrefixedSignalTypes()
    {
        var rules = Rulebooks.Gartner.Rules;

        Assert.Equal(rules.Length, rules.Select(rule => rule.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rules, rule =>
        {
            Assert.StartsWith("gartner:", rule.Id, StringComparison.Ordinal);
            Assert.Equal("gartner:" + Assert.Single(rule.AppliesTo), rule.Id);
            Assert.Equal(rule.Id, rule.ToString());
        });
    }

    [Fact]
    public void Gartner_NameVersionAndSize()
    {
        var rulebook = Rulebooks.Gartner;

        Assert.Equal("gartner-default", rulebook.Name);
        Assert.Equal("1.0.0", rulebook.Version);
        Assert.Equal(39, rulebook.Rules.Length);
        Assert.Equal("gartner-default 1.0.0 (39 rules)", rulebook.ToString());
        Assert.Same(rulebook, JourneyEngine.CreateDefault().Rulebook);
    }

    [Fact]
    public void Assess_NamesTheRulebookThatProducedIt()
    {
        var assessment = Engine.Assess(Engine.Start(TestSignals.JourneyId), TestSignals.Day0);

        Assert.Equal("gartner-default", assessment.RulebookName);
        Assert.Equal("1.0.0", assessment.RulebookVersion);
    }

    private static string Describe(IEnumerable<EvidenceRecord> evidence)
        => string.Join("; ", evidence.Select(record => record.Kind switch
        {
            EvidenceKind.Weight => string.Create(CultureInfo.InvariantCulture, $"{record.TaskId} +{record.Weight:0.0##}"),
            EvidenceKind.Completion => $"{record.TaskId} completed",
            _ => $"journey {record.Effect}",
        }));
}
