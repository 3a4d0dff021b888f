using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace BuyingJourney.Tests;

/// <summary>Reflection over the shipped assembly: the public surface is small, sealed, and laid out folder by namespace.</summary>
public sealed class ContractTests
{
    private static readonly Assembly Library = typeof(JourneyEngine).Assembly;

    /// <summary>The whole public surface. A new public type must be added here on purpose.</summary>
    private static readonly string[] PublicTypes =
    [
        "BuyingJourney.Advice.ActionFeedback",
        "BuyingJourney.Advice.ActionPriority",
        "BuyingJourney.Advice.ActionTactic",
        "BuyingJourney.Advice.DefaultActionRanker",
        "BuyingJourney.Advice.DefaultPlaybook",
        "BuyingJourney.Advice.FeedbackKind",
        "BuyingJourney.Advice.Guardrail",
        "BuyingJourney.Advice.IActionRanker",
        "BuyingJourney.Advice.IPlaybook",
        "BuyingJourney.Advice.SellerAction",
        "BuyingJourney.Assessment.EvidenceContribution",
        "BuyingJourney.Assessment.JourneyAssessment",
        "BuyingJourney.Assessment.JourneyDiff",
        "BuyingJourney.Assessment.ReinterpretationSummary",
        "BuyingJourney.Assessment.TaskAssessment",
        "BuyingJourney.Assessment.TaskPhaseChange",
        "BuyingJourney.BuyingJourneyBuilder",
        "BuyingJourney.BuyingJourneyServiceCollectionExtensions",
        "BuyingJourney.Evidence.EvidenceItem",
        "BuyingJourney.Evidence.EvidenceKind",
        "BuyingJourney.Evidence.EvidenceRecord",
        "BuyingJourney.Evidence.EvidenceStrength",
        "BuyingJourney.Evidence.JourneyEffect",
        "BuyingJourney.Export.Mermaid",
        "BuyingJourney.Group.BuyingGroupDefinition",
        "BuyingJourney.Group.ConsensusCoverage",
        "BuyingJourney.Group.Disagreement",
        "BuyingJourney.Group.EngagementStatus",
        "BuyingJourney.Group.RoleCoverage",
        "BuyingJourney.Group.RoleDefinition",
        "BuyingJourney.Group.StakeholderAssessment",
        "BuyingJourney.Group.StakeholderState",
        "BuyingJourney.Group.StakeholderTaskEvidence",
        "BuyingJourney.JourneyEngine",
        "BuyingJourney.JourneyEngineBuilder",
        "BuyingJourney.JourneyEngineOptions",
        "BuyingJourney.JourneyService",
        "BuyingJourney.JourneyServiceOptions",
        "BuyingJourney.Journeys.ApplyResult",
        "BuyingJourney.Journeys.JourneyState",
        "BuyingJourney.Journeys.JourneyStatus",
        "BuyingJourney.Journeys.JourneyTrace",
        "BuyingJourney.Journeys.LoopBack",
        "BuyingJourney.Journeys.SignalOutcome",
        "BuyingJourney.Journeys.TraceStep",
        "BuyingJourney.Model.BuyGridPhases",
        "BuyingJourney.Model.BuyingModel",
        "BuyingJourney.Model.BuyingModels",
        "BuyingJourney.Model.GartnerTasks",
        "BuyingJourney.Model.PractitionerStages",
        "BuyingJourney.Model.Rackham3Phases",
        "BuyingJourney.Model.Rackham5Phases",
        "BuyingJourney.Model.TaskDefinition",
        "BuyingJourney.Model.TaskSettings",
        "BuyingJourney.Persistence.AppendOutcome",
        "BuyingJourney.Persistence.AppendResult",
        "BuyingJourney.Persistence.IJourneyStore",
        "BuyingJourney.Persistence.IJourneyWriteLock",
        "BuyingJourney.Persistence.InMemoryJourneyStore",
        "BuyingJourney.Persistence.JourneyRecordException",
        "BuyingJourney.Persistence.JourneyRecords",
        "BuyingJourney.Persistence.JourneySnapshot",
        "BuyingJourney.Persistence.JourneyVersionConflictException",
        "BuyingJourney.Persistence.RecordResult",
        "BuyingJourney.Persistence.RecordStatus",
        "BuyingJourney.Persistence.SignalRecordOutcome",
        "BuyingJourney.Persistence.StoreArguments",
        "BuyingJourney.Persistence.StoredSignal",
        "BuyingJourney.Phases.TaskPhase",
        "BuyingJourney.Phases.TaskState",
        "BuyingJourney.Phases.TaskTransition",
        "BuyingJourney.Phases.TransitionCause",
        "BuyingJourney.Rules.EvidenceCollector",
        "BuyingJourney.Rules.EvidenceRule",
        "BuyingJourney.Rules.EvidenceRuleCallback",
        "BuyingJourney.Rules.Json.RulebookDocument",
        "BuyingJourney.Rules.Json.RulebookJson",
        "BuyingJourney.Rules.Json.RulebookValidationError",
        "BuyingJourney.Rules.Json.RulebookValidationException",
        "BuyingJourney.Rules.RuleContext",
        "BuyingJourney.Rules.Rulebook",
        "BuyingJourney.Rules.Rulebooks",
        "BuyingJourney.Signals.Signal",
        "BuyingJourney.Signals.SignalTypes",
        "BuyingJourney.Signals.Stakeholder",
        "BuyingJourney.Signals.StakeholderRoles",
        "BuyingJourney.Stages.StageDefinition",
        "BuyingJourney.Stages.StageMapping",
        "BuyingJourney.Stages.StageMappings",
        "BuyingJourney.Stages.StageProjection",
        "BuyingJourney.Stages.StageRequirement",
    ];

    [Fact]
    public void PublicTypes_AreExactlyThePinnedList()
    {
        var actual = Library.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(PublicTypes, actual);
    }

    [Fact]
    public void PublicConcreteClasses_AreSealed_EvidenceRuleIsTheOnlyAbstractOne()
    {
        var classes = Library.GetExportedTypes().Where(t => t.IsClass).ToArray();

        var unsealed = classes.Where(t => !t.IsAbstract && !t.IsSealed).Select(t => t.FullName).ToArray();
        var abstractNonStatic = classes.Where(t => t.IsAbstract && !t.IsSealed).Select(t => t.FullName).ToArray();

        Assert.Empty(unsealed);
        Assert.Equal("BuyingJourney.Rules.EvidenceRule", Assert.Single(abstractNonStatic));
    }

    [Fact]
    public void PublicTypes_HaveNoPublicNestedTypes()
    {
        Assert.DoesNotContain(Library.GetExportedTypes(), t => t.IsNested);
    }

    [Fact]
    public void PublicTypes_LiveInANamespaceMatchingTheFolderOfTheirFile()
    {
        var source = SourceFolder();

        foreach (var type in Library.GetExportedTypes())
        {
            var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;
            var files = Directory.GetFiles(source, name + ".cs", SearchOption.AllDirectories)
                .Where(file => !IsBuildOutput(source, file))
                .ToArray();
            var file = Assert.Single(files);
            var folder = Path.GetRelativePath(source, Path.GetDirectoryName(file)!);
            var expected = folder == "." ? "BuyingJourney" : "BuyingJourney." + folder.Replace(Path.DirectorySeparatorChar, '.');

            Assert.Equal(expected, type.Namespace);
        }
    }

    [Fact]
    public void SourceFiles_DeclareTheNamespaceOfTheirFolder()
    {
        var source = SourceFolder();
        var files = Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories).Where(file => !IsBuildOutput(source, file)).ToArray();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var folder = Path.GetRelativePath(source, Path.GetDirectoryName(file)!);
            var expected = folder == "." ? "BuyingJourney" : "BuyingJourney." + folder.Replace(Path.DirectorySeparatorChar, '.');
            var declared = Regex.Match(File.ReadAllText(file), @"^namespace ([\w.]+);", RegexOptions.Multiline);

            Assert.True(declared.Success, $"{file} has no file-scoped namespace");
            Assert.Equal(expected, declared.Groups[1].Value);
        }
    }

    [Fact]
    public void InternalFolder_HasNoPublicTypes()
    {
        Assert.DoesNotContain(Library.GetExportedTypes(), t => t.Namespace == "BuyingJourney.Internal");
    }

    private static bool IsBuildOutput(string source, string file)
    {
        var relative = Path.GetRelativePath(source, file);
        return relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>src/BuyingJourney, found by walking up from the test binaries (or, failing that, from this source file).</summary>
    private static string SourceFolder([CallerFilePath] string thisFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(thisFile) ?? string.Empty })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "src", "BuyingJourney");
                if (File.Exists(Path.Combine(candidate, "BuyingJourney.csproj")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException($"src/BuyingJourney not found above {AppContext.BaseDirectory} or {thisFile}");
    }
}
