using System;
using System.Linq;
using BuyingJourney.Model;
using Xunit;

namespace BuyingJourney.Tests.Model;

public sealed class TaskDefinitionTests
{
    [Fact]
    public void Constructor_ValidArguments_KeepsEveryField()
    {
        var settings = new TaskSettings { HalfLife = TimeSpan.FromDays(3) };

        var task = new TaskDefinition("needs.v2", "Needs", "What do we need?", alwaysOn: true, settings: settings);

        Assert.Equal("needs.v2", task.Id);
        Assert.Equal("Needs", task.DisplayName);
        Assert.Equal("What do we need?", task.BuyerQuestion);
        Assert.True(task.AlwaysOn);
        Assert.Same(settings, task.Settings);
    }

    [Fact]
    public void Constructor_Defaults_NotAlwaysOnAndNoOwnSettings()
    {
        var task = new TaskDefinition("t", "T", "Q?");

        Assert.False(task.AlwaysOn);
        Assert.Null(task.Settings);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Z9")]
    [InlineData("supplier-selection_v2.1")]
    [InlineData("...")]
    public void Constructor_IdOfLettersDigitsDashUnderscoreDot_IsAccepted(string id)
    {
        var task = new TaskDefinition(id, "T", "Q?");

        Assert.Equal(id, task.Id);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("a/b")]
    [InlineData("a:b")]
    [InlineData("tâche")]
    [InlineData("a+b")]
    [InlineData("\"quoted\"")]
    public void Constructor_IdWithOtherCharacters_ThrowsNamingTheIdAndTheCharacter(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => new TaskDefinition(id, "T", "Q?"));

        Assert.Equal("id", ex.ParamName);
        Assert.Contains(id, ex.Message, StringComparison.Ordinal);
        Assert.Contains("task id", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a\tb")]
    public void Constructor_BlankOrControlId_ThrowsNamingTheTaskId(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => new TaskDefinition(id, "T", "Q?"));

        Assert.Contains("task id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullId_ThrowsArgumentNull()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new TaskDefinition(null!, "T", "Q?"));

        Assert.Contains("task id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_IdAtAndOverItsLimit_AcceptedThenRejected()
    {
        var longest = new string('t', TaskDefinition.MaxIdLength);

        var accepted = new TaskDefinition(longest, "T", "Q?");
        var ex = Assert.Throws<ArgumentException>(() => new TaskDefinition(longest + "t", "T", "Q?"));

        Assert.Equal(64, accepted.Id.Length);
        Assert.Contains("task id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("64", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Needs\n")]
    public void Constructor_BadDisplayName_ThrowsNamingDisplayName(string displayName)
    {
        var ex = Assert.Throws<ArgumentException>(() => new TaskDefinition("t", displayName, "Q?"));

        Assert.Equal("displayName", ex.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Why?\u0000")]
    public void Constructor_BadBuyerQuestion_ThrowsNamingBuyerQuestion(string buyerQuestion)
    {
        var ex = Assert.Throws<ArgumentException>(() => new TaskDefinition("t", "T", buyerQuestion));

        Assert.Equal("buyerQuestion", ex.ParamName);
    }

    [Fact]
    public void Constructor_NullDisplayNameOrQuestion_ThrowsArgumentNullNamingIt()
    {
        Assert.Equal("displayName", Assert.Throws<ArgumentNullException>(() => new TaskDefinition("t", null!, "Q?")).ParamName);
        Assert.Equal("buyerQuestion", Assert.Throws<ArgumentNullException>(() => new TaskDefinition("t", "T", null!)).ParamName);
    }

    [Fact]
    public void Constructor_TextsAtAndOverTheirLimits_AcceptedThenRejected()
    {
        var name = new string('n', 200);
        var question = new string('q', 500);

        var accepted = new TaskDefinition("t", name, question);

        Assert.Equal(name, accepted.DisplayName);
        Assert.Equal(question, accepted.BuyerQuestion);
        Assert.Equal("displayName", Assert.Throws<ArgumentException>(() => new TaskDefinition("t", name + "n", "Q?")).ParamName);
        Assert.Equal("buyerQuestion", Assert.Throws<ArgumentException>(() => new TaskDefinition("t", "T", question + "q")).ParamName);
    }

    [Fact]
    public void Equals_SameValues_AreEqual()
    {
        var settings = new TaskSettings { HalfLife = TimeSpan.FromDays(3) };

        var left = new TaskDefinition("t", "T", "Q?", alwaysOn: true, settings: settings);
        var right = new TaskDefinition("t", "T", "Q?", alwaysOn: true, settings: new TaskSettings { HalfLife = TimeSpan.FromDays(3) });

        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Fact]
    public void Equals_AlwaysOnOrSettingsDiffer_AreNotEqual()
    {
        var plain = new TaskDefinition("t", "T", "Q?");

        Assert.NotEqual(plain, new TaskDefinition("t", "T", "Q?", alwaysOn: true));
        Assert.NotEqual(plain, new TaskDefinition("t", "T", "Q?", settings: TaskSettings.Default));
        Assert.NotEqual(plain, new TaskDefinition("u", "T", "Q?"));
    }

    [Fact]
    public void Traits_Default_None()
    {
        var task = new TaskDefinition("t", "T", "Q?");

        Assert.Equal(TaskTraits.None, task.Traits);
        Assert.True(task.Has(TaskTraits.None));
        Assert.False(task.Has(TaskTraits.NeedForming));
    }

    [Fact]
    public void Traits_Set_KeptAndQueryable()
    {
        var task = new TaskDefinition("decide", "Decide", "Do we sign?") { Traits = TaskTraits.RiskEvaluation | TaskTraits.Choice };

        Assert.True(task.Has(TaskTraits.Choice));
        Assert.True(task.Has(TaskTraits.RiskEvaluation | TaskTraits.Choice));
        Assert.False(task.Has(TaskTraits.NeedForming | TaskTraits.Choice));
        Assert.NotEqual(task, task with { Traits = TaskTraits.Choice });
    }

    [Fact]
    public void Traits_UndefinedBits_ThrowNamingTheTask()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TaskDefinition("odd", "Odd", "Q?") { Traits = (TaskTraits)16 });

        Assert.Equal(nameof(TaskDefinition.Traits), ex.ParamName);
        Assert.Contains("task \"odd\"", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gartner", "ProblemIdentification SolutionExploration RequirementsBuilding", "Validation", "SupplierSelection", "")]
    [InlineData("rackham-3", "NeedFormation", "PurchaseDecision", "OptionEvaluation", "PurchaseDecision")]
    [InlineData("rackham-5", "RecognitionOfNeeds", "ResolutionOfConcerns Decision", "EvaluationOfOptions", "Decision")]
    [InlineData("practitioner-3", "AwarenessOfNeed", "ChoosingTheMoment", "MarketMonitoring", "ChoosingTheMoment")]
    [InlineData("buygrid-8", "ProblemRecognition CharacteristicsDetermination CharacteristicsDescription", "ProposalEvaluation", "ProposalEvaluation", "OrderRoutineSelection")]
    public void BuiltInModels_DeclareTheirNeedFormingRiskEvaluationChoiceAndDecisionTasks(string modelName, string needForming, string riskEvaluation, string choice, string decision)
    {
        var model = new[] { BuyingModels.Gartner, BuyingModels.Rackham3, BuyingModels.Rackham5, BuyingModels.Practitioner, BuyingModels.BuyGrid }.Single(m => m.Name == modelName);

        Assert.Equal(needForming, With(model, TaskTraits.NeedForming));
        Assert.Equal(riskEvaluation, With(model, TaskTraits.RiskEvaluation));
        Assert.Equal(choice, With(model, TaskTraits.Choice));
        Assert.Equal(decision, With(model, TaskTraits.Decision));
    }

    private static string With(BuyingModel model, TaskTraits trait) => string.Join(" ", model.Tasks.Where(t => t.Has(trait)).Select(static t => t.Id));
}
