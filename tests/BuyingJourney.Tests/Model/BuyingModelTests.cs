using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Tests.Support;
using Xunit;

namespace BuyingJourney.Tests.Model;

public sealed class BuyingModelTests
{
    private static readonly string[] GartnerIds =
    [
        "ProblemIdentification",
        "SolutionExploration",
        "RequirementsBuilding",
        "SupplierSelection",
        "Validation",
        "ConsensusCreation",
    ];

    private static readonly string[] GartnerNames =
    [
        "Problem identification",
        "Solution exploration",
        "Requirements building",
        "Supplier selection",
        "Validation",
        "Consensus creation",
    ];

    private static readonly string[] GartnerQuestions =
    [
        "We need to do something.",
        "What's out there to solve our problem?",
        "What exactly do we need the purchase to do?",
        "Does this do what we want it to do?",
        "We think we know the answer, but we need to be sure.",
        "We need to get everyone on board.",
    ];

    private static readonly string[] AlwaysOnIds = ["Validation", "ConsensusCreation"];

    [Fact]
    public void Gartner_HasSixTasksInGartnersOrder()
    {
        var model = BuyingModels.Gartner;

        Assert.Equal("gartner", model.Name);
        Assert.Equal(GartnerIds, model.Tasks.Select(t => t.Id).ToArray());
        Assert.Equal(GartnerNames, model.Tasks.Select(t => t.DisplayName).ToArray());
        Assert.Equal(GartnerQuestions, model.Tasks.Select(t => t.BuyerQuestion).ToArray());
    }

    [Fact]
    public void Gartner_TaskIdsAreTheGartnerTasksConstants()
    {
        var constants = new[]
        {
            GartnerTasks.ProblemIdentification,
            GartnerTasks.SolutionExploration,
            GartnerTasks.RequirementsBuilding,
            GartnerTasks.SupplierSelection,
            GartnerTasks.Validation,
            GartnerTasks.ConsensusCreation,
        };

        Assert.Equal(constants, BuyingModels.Gartner.Tasks.Select(t => t.Id).ToArray());
    }

    [Fact]
    public void Gartner_ValidationAndConsensusCreationAreAlwaysOn_TheOthersAreNot()
    {
        var alwaysOn = BuyingModels.Gartner.Tasks.Where(t => t.AlwaysOn).Select(t => t.Id).ToArray();

        Assert.Equal(AlwaysOnIds, alwaysOn);
    }

    [Fact]
    public void Gartner_EveryTaskUsesTheDefaultSettings()
    {
        var model = BuyingModels.Gartner;

        Assert.Equal(TaskSettings.Default, model.DefaultSettings);
        Assert.All(model.Tasks, task => Assert.Null(task.Settings));
        Assert.All(model.Tasks, task => Assert.Same(TaskSettings.Default, model.SettingsOf(task.Id)));
    }

    [Fact]
    public void Gartner_IsOneSharedInstance()
    {
        Assert.Same(BuyingModels.Gartner, BuyingModels.Gartner);
        Assert.Same(BuyingModels.Gartner, JourneyEngine.CreateDefault().Model);
    }

    [Fact]
    public void IndexOf_KnownTasks_ReturnsTheirPositionInOrder()
    {
        var model = BuyingModels.Gartner;

        for (var i = 0; i < GartnerIds.Length; i++)
        {
            Assert.Equal(i, model.IndexOf(GartnerIds[i]));
        }
    }

    [Theory]
    [InlineData("Nope")]
    [InlineData("validation")]
    [InlineData("")]
    [InlineData("Validation ")]
    public void IndexOf_UnknownOrDifferentlyCasedTask_ReturnsMinusOne(string taskId)
    {
        Assert.Equal(-1, BuyingModels.Gartner.IndexOf(taskId));
    }

    [Fact]
    public void IndexOf_Null_ThrowsArgumentNullNamingTaskId()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => BuyingModels.Gartner.IndexOf(null!));

        Assert.Equal("taskId", ex.ParamName);
    }

    [Fact]
    public void SettingsOf_UnknownTask_ThrowsNamingTheTaskAndModel()
    {
        var ex = Assert.Throws<ArgumentException>(() => BuyingModels.Gartner.SettingsOf("Nope"));

        Assert.Equal("taskId", ex.ParamName);
        Assert.Contains("Nope", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gartner", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ShowsNameAndTaskCount()
    {
        Assert.Equal("gartner (6 tasks)", BuyingModels.Gartner.ToString());
    }

    [Fact]
    public void Constructor_ValidTasks_KeepsNameTasksAndOrder()
    {
        var tasks = new[] { Task("b"), Task("a"), Task("c", alwaysOn: true) };

        var model = new BuyingModel("custom", tasks);

        Assert.Equal("custom", model.Name);
        Assert.Equal(tasks, model.Tasks.ToArray());
        Assert.Equal(2, model.IndexOf("c"));
    }

    [Fact]
    public void Constructor_DuplicateTaskId_ThrowsNamingTheId()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BuyingModel("custom", [Task("a"), Task("b"), Task("a")]));

        Assert.Equal("tasks", ex.ParamName);
        Assert.Contains("\"a\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("more than once", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_IdsDifferingOnlyInCase_AreDistinctTasks()
    {
        var model = new BuyingModel("custom", [Task("a"), Task("A")]);

        Assert.Equal(0, model.IndexOf("a"));
        Assert.Equal(1, model.IndexOf("A"));
    }

    [Fact]
    public void Constructor_NoTasks_ThrowsSayingHowManyAreNeeded()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BuyingModel("custom", []));

        Assert.Equal("tasks", ex.ParamName);
        Assert.Contains("0 tasks", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MaxTasks_IsAccepted()
    {
        var model = new BuyingModel("wide", Tasks(BuyingModel.MaxTasks));

        Assert.Equal(32, model.Tasks.Length);
    }

    [Fact]
    public void Constructor_OneTaskTooMany_ThrowsSayingHowMany()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BuyingModel("wide", Tasks(BuyingModel.MaxTasks + 1)));

        Assert.Equal("tasks", ex.ParamName);
        Assert.Contains("33 tasks", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullTasks_ThrowsArgumentNullNamingTasks()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new BuyingModel("custom", null!));

        Assert.Equal("tasks", ex.ParamName);
    }

    [Fact]
    public void Constructor_NullTask_ThrowsNamingItsPosition()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BuyingModel("custom", [Task("a"), null!]));

        Assert.Equal("tasks", ex.ParamName);
        Assert.Contains("tasks[1]", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("bad\u0001name")]
    public void Constructor_BadName_ThrowsNamingName(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new BuyingModel(name, [Task("a")]));

        Assert.Equal("name", ex.ParamName);
    }

    [Fact]
    public void Constructor_NameAtAndOverItsLimit_AcceptedThenRejected()
    {
        var accepted = new BuyingModel(new string('m', 100), [Task("a")]);

        var ex = Assert.Throws<ArgumentException>(() => new BuyingModel(new string('m', 101), [Task("a")]));

        Assert.Equal(100, accepted.Name.Length);
        Assert.Equal("name", ex.ParamName);
    }

    [Fact]
    public void Constructor_NullName_ThrowsArgumentNullNamingName()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new BuyingModel(null!, [Task("a")]));

        Assert.Equal("name", ex.ParamName);
    }

    [Fact]
    public void Constructor_InvalidDefaultSettings_ThrowsNamingTheModelAndSetting()
    {
        var settings = new TaskSettings { WeakWeight = -1 };

        var ex = Assert.Throws<ArgumentException>(() => new BuyingModel("custom", [Task("a")], settings));

        Assert.Equal(nameof(TaskSettings.WeakWeight), ex.ParamName);
        Assert.Contains("custom", ex.Message, StringComparison.Ordinal);
        Assert.Contains("default settings", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidTaskSettings_ThrowsNamingTheTaskAndSetting()
    {
        var broken = new TaskSettings { HalfLife = TimeSpan.Zero };

        var ex = Assert.Throws<ArgumentException>(() => new BuyingModel("custom", [Task("a"), Task("b", settings: broken)]));

        Assert.Equal(nameof(TaskSettings.HalfLife), ex.ParamName);
        Assert.Contains("task \"b\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("custom", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidDefaultSettings_AreRejectedEvenWhenEveryTaskHasItsOwn()
    {
        var own = new TaskSettings();

        var ex = Assert.Throws<ArgumentException>(
            () => new BuyingModel("custom", [Task("a", settings: own)], new TaskSettings { ReopenThreshold = 0.1 }));

        Assert.Equal(nameof(TaskSettings.ReopenThreshold), ex.ParamName);
    }

    [Fact]
    public void Constructor_NoDefaultSettings_UsesTaskSettingsDefault()
    {
        var model = new BuyingModel("custom", [Task("a")]);

        Assert.Same(TaskSettings.Default, model.DefaultSettings);
        Assert.Same(TaskSettings.Default, model.SettingsOf("a"));
    }

    [Fact]
    public void SettingsOf_TaskWithItsOwnSettings_ReturnsThem_OthersGetTheModelDefaults()
    {
        var defaults = new TaskSettings { HalfLife = TimeSpan.FromDays(7) };
        var own = new TaskSettings { HalfLife = TimeSpan.FromDays(30), ActivationThreshold = 0.9, ReopenThreshold = 1.5 };

        var model = new BuyingModel("custom", [Task("a"), Task("b", settings: own)], defaults);

        Assert.Same(defaults, model.SettingsOf("a"));
        Assert.Same(own, model.SettingsOf("b"));
    }

    [Fact]
    public void SettingsOf_PerTaskOverride_DrivesThatTasksLifecycleInTheEngine()
    {
        // Task "slow" needs 1.5 to start; task "fast" starts on 0.6 (the default 0.5 threshold).
        var slow = new TaskSettings { ActivationThreshold = 1.5, ReopenThreshold = 2 };
        var model = new BuyingModel("custom", [Task("fast"), Task("slow", settings: slow)]);
        var rulebook = new Rulebook("custom", "1", [EvidenceRule.ForSignalType("r", "both", EvidenceItem.For("fast", EvidenceStrength.Normal, "x"), EvidenceItem.For("slow", EvidenceStrength.Strong, "x"))]);
        var engine = new JourneyEngineBuilder().UseModel(model).UseRulebook(rulebook).Build();

        var once = engine.Apply(engine.Start("j"), TestSignals.At(0, "s1", "both")).State;
        var twice = engine.Apply(once, TestSignals.At(0, "s2", "both")).State;

        Assert.Equal(TaskPhase.Active, once.Tasks[0].Phase);
        Assert.Equal(TaskPhase.NotStarted, once.Tasks[1].Phase);
        Assert.Equal(TaskPhase.Active, twice.Tasks[1].Phase);
        Assert.Equal(2.0, twice.Tasks[1].Score, 12);
    }

    [Fact]
    public void SettingsOf_PerTaskWeights_AreWhatEachStrengthIsWorthForThatTask()
    {
        var heavy = new TaskSettings { StrongWeight = 2, NormalWeight = 1.5, WeakWeight = 0.7 };
        var model = new BuyingModel("custom", [Task("plain"), Task("heavy", settings: heavy)]);
        var rulebook = new Rulebook(
            "custom",
            "1",
            [
                EvidenceRule.ForSignalType(
                    "r",
                    "all",
                    EvidenceItem.For("plain", EvidenceStrength.Strong, "x"),
                    EvidenceItem.For("heavy", EvidenceStrength.Strong, "x"),
                    EvidenceItem.For("heavy", EvidenceStrength.Normal, "x"),
                    EvidenceItem.For("heavy", EvidenceStrength.Weak, "x")),
            ]);
        var engine = new JourneyEngineBuilder().UseModel(model).UseRulebook(rulebook).Build();

        var result = engine.Apply(engine.Start("j"), TestSignals.At(0, "s1", "all"));

        Assert.Equal("1, 2, 1.5, 0.7", string.Join(", ", result.Evidence.Select(e => e.Weight.ToString(CultureInfo.InvariantCulture))));
        Assert.Equal(1.0, result.State.Tasks[0].Score);
        Assert.Equal(4.2, result.State.Tasks[1].Score, 12);
    }

    [Fact]
    public void Constructor_MaxTasks_TheEngineTracksEveryTaskIncludingTheLast()
    {
        var model = new BuyingModel("wide", Tasks(BuyingModel.MaxTasks));
        var last = model.Tasks[^1].Id;
        var rulebook = new Rulebook("wide", "1", [EvidenceRule.ForSignalType("r", "last", EvidenceItem.For(last, EvidenceStrength.Strong, "x"))]);
        var engine = new JourneyEngineBuilder().UseModel(model).UseRulebook(rulebook).Build();

        var result = engine.Apply(engine.Start("j"), TestSignals.At(0, "s1", "last"));

        Assert.True(result.IsApplied);
        Assert.Equal(TaskPhase.Active, result.State.Tasks[31].Phase);
        Assert.All(result.State.Tasks.Take(31), task => Assert.Equal(TaskPhase.NotStarted, task.Phase));
        Assert.Equal(last, Assert.Single(engine.Assess(result.State, TestSignals.Day0).ActiveTasks));
    }

    private static TaskDefinition Task(string id, bool alwaysOn = false, TaskSettings? settings = null)
        => new(id, "Task " + id, "Question " + id + "?", alwaysOn, settings);

    private static List<TaskDefinition> Tasks(int count)
    {
        var tasks = new List<TaskDefinition>(count);
        for (var i = 0; i < count; i++)
        {
            tasks.Add(Task("t" + i.ToString(CultureInfo.InvariantCulture)));
        }

        return tasks;
    }
}
