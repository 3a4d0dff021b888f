using System;
using System.Linq;
using BuyingJourney.Evidence;
using BuyingJourney.Export;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Rules;
using BuyingJourney.Signals;
using BuyingJourney.Tests.Phases;
using Xunit;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Export;

public sealed class MermaidTests
{
    private static readonly BuyingModel Demo = new(
        "demo-2",
        [
            new TaskDefinition("need", "Need \"pain\"", "Why?"),
            new TaskDefinition("proof.check", "Proof", "Sure?", alwaysOn: true),
        ]);

    [Fact]
    public void ModelDiagram_SmallModel_IsExactlyTheExpectedStateDiagram()
    {
        string[] lines =
        [
            "stateDiagram-v2",
            "    state \"demo-2\" as demo_2d2_model {",
            "        state \"Need #quot;pain#quot;\" as need {",
            .. Region("need"),
            "        }",
            "        --",
            "        state \"Proof (always on)\" as proof_2echeck {",
            .. Region("proof_2echeck"),
            "        }",
            "    }",
        ];

        var diagram = Mermaid.ModelDiagram(Demo);

        Assert.Equal(string.Join("\n", lines) + "\n", diagram);
    }

    [Fact]
    public void ModelDiagram_CustomLifecycle_DrawsItsOwnRows()
    {
        var machine = LifecycleDeclarations.Machine(TaskPhase.NotStarted, [new RowChange(TaskPhase.Completed, TaskTrigger.ReachesReopen, null), new RowChange(TaskPhase.Dormant, TaskTrigger.ReachesActivation, TaskPhase.Active, "picked up", LoopBack: true)]);
        var model = new BuyingModel("final", [new TaskDefinition("t", "T", "Q?")], taskLifecycle: machine);

        var diagram = Mermaid.ModelDiagram(model);

        Assert.DoesNotContain("t_Completed --> t_Revisiting", diagram, StringComparison.Ordinal);
        Assert.Contains("            t_Dormant --> t_Active : picked up (loop-back); evidence resumed the task\n", diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelDiagram_Gartner_HasOneRegionPerTaskAndNoCarriageReturns()
    {
        var diagram = Mermaid.ModelDiagram(BuyingModels.Gartner);

        Assert.DoesNotContain('\r', diagram);
        Assert.StartsWith("stateDiagram-v2\n    state \"gartner\" as gartner_model {\n", diagram, StringComparison.Ordinal);
        Assert.Equal(5, diagram.Split('\n').Count(line => line == "        --"));
        Assert.Contains("        state \"Validation (always on)\" as Validation {\n", diagram, StringComparison.Ordinal);
        Assert.Contains("        state \"Consensus creation (always on)\" as ConsensusCreation {\n", diagram, StringComparison.Ordinal);
        Assert.Contains("        state \"Supplier selection\" as SupplierSelection {\n", diagram, StringComparison.Ordinal);
        Assert.Equal(diagram, Mermaid.ModelDiagram(BuyingModels.Gartner));
    }

    [Fact]
    public void ModelDiagram_TaskIdsDifferingOnlyInPunctuation_GetDistinctStateIds()
    {
        var model = new BuyingModel("m", [new TaskDefinition("a-b", "Dash", "Q?"), new TaskDefinition("a.b", "Dot", "Q?")]);

        var diagram = Mermaid.ModelDiagram(model);

        var ids = diagram.Split('\n')
            .Where(line => line.StartsWith("        state ", StringComparison.Ordinal))
            .Select(line => line[(line.LastIndexOf(" as ", StringComparison.Ordinal) + 4)..].TrimEnd(' ', '{'))
            .ToArray();
        Assert.Equal(2, ids.Length);
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Fact]
    public void JourneyDiagram_ConcurrentTasksWithALoopBack_IsExactlyTheExpectedGantt()
    {
        var engine = JourneyEngine.CreateDefault();
        var trace = engine.Trace(JourneyId, JourneyScripts.ConcurrentWithALoopBack());
        string[] lines =
        [
            "gantt",
            "    title Journey j (gartner)",
            "    dateFormat YYYY-MM-DD HH:mm",
            "    axisFormat %Y-%m-%d",
            "    section Problem identification",
            "    Active :active, 2026-03-02 09:00, 2026-03-04 09:00",
            "    Completed :done, 2026-03-04 09:00, 2026-03-10 09:00",
            "    loop-back from Solution exploration and Requirements building (signal s5) :crit, milestone, 2026-03-10 09:00, 0d",
            "    Revisiting :crit, active, 2026-03-10 09:00, 2026-03-14 09:00",
            "    Completed :done, 2026-03-14 09:00, 2026-04-11 09:00",
            "    section Solution exploration",
            "    Active :active, 2026-03-06 09:00, 2026-03-28 13:32",
            "    Dormant :2026-03-28 13:32, 2026-04-11 09:00",
            "    section Requirements building",
            "    Active :active, 2026-03-08 09:00, 2026-04-09 21:10",
            "    Dormant :2026-04-09 21:10, 2026-04-11 09:00",
            "    section Supplier selection",
            "    Active :active, 2026-03-12 09:00, 2026-04-03 13:32",
            "    Dormant :2026-04-03 13:32, 2026-04-11 09:00",
            "    section Validation (always on)",
            "    Active :active, 2026-03-13 09:00, 2026-04-11 09:00",
            "    Dormant :milestone, 2026-04-11 09:00, 0d",
            "    section Journey status",
            "    Stalled (signal s9) :milestone, 2026-04-11 09:00, 0d",
        ];

        var diagram = Mermaid.JourneyDiagram(trace, engine.Model);

        Assert.Equal(string.Join("\n", lines) + "\n", diagram);
    }

    [Fact]
    public void JourneyDiagram_ConcurrentTasks_OverlapInTime()
    {
        var engine = JourneyEngine.CreateDefault();
        var diagram = Mermaid.JourneyDiagram(engine.Trace(JourneyId, JourneyScripts.ConcurrentWithALoopBack()), engine.Model);

        // Each section's first Active interval: exploration, requirements, selection and validation all run at once on day 13.
        var starts = diagram.Split('\n').Where(line => line.StartsWith("    Active :active, ", StringComparison.Ordinal))
            .Select(line => line.Split(", ")[1..3]).ToList();
        Assert.Equal(5, starts.Count);
        Assert.Equal(4, starts.Count(span => string.CompareOrdinal(span[0], "2026-03-14") < 0 && string.CompareOrdinal(span[1], "2026-03-14") > 0));
    }

    [Fact]
    public void JourneyDiagram_StallThenResume_MarksBothStatusChanges()
    {
        var engine = JourneyEngine.CreateDefault();
        var signals = Script(
            (0, SignalTypes.ProblemStated),
            (1, SignalTypes.BudgetFrozen),
            (2, SignalTypes.ProblemStated));

        var diagram = Mermaid.JourneyDiagram(engine.Trace(JourneyId, signals), engine.Model);

        Assert.EndsWith(
            "    section Journey status\n"
            + "    Stalled (signal s2) :milestone, 2026-03-03 09:00, 0d\n"
            + "    Open (signal s3) :milestone, 2026-03-04 09:00, 0d\n",
            diagram,
            StringComparison.Ordinal);
        Assert.Contains(
            "    section Problem identification\n"
            + "    Active :active, 2026-03-02 09:00, 2026-03-03 09:00\n"
            + "    Dormant :2026-03-03 09:00, 2026-03-04 09:00\n"
            + "    Active :active, milestone, 2026-03-04 09:00, 0d\n",
            diagram,
            StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyDiagram_OrderedModelReturnToAnEarlierStage_IsACriticalMilestone()
    {
        var engine = new JourneyEngineBuilder().UseModel(BuyingModels.Practitioner).UseRulebook(Rulebooks.Practitioner).Build();
        var signals = Script(
            (0, SignalTypes.ProblemStated),    // awareness of need
            (40, SignalTypes.DemoRequested),   // market monitoring; awareness has gone dormant by now
            (41, SignalTypes.ProblemStated));  // back to awareness while monitoring is active: a loop-back in an ordered model

        var trace = engine.Trace(JourneyId, signals);
        var diagram = Mermaid.JourneyDiagram(trace, engine.Model);

        Assert.Equal(1, trace.State.LoopBackCount);
        var monitoring = engine.Model.Tasks[engine.Model.IndexOf("MarketMonitoring")].DisplayName;
        Assert.Contains($"    loop-back from {monitoring} (signal s3) :crit, milestone, 2026-04-12 09:00, 0d\n", diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyDiagram_NoSignals_IsJustTheHeader()
    {
        var engine = JourneyEngine.CreateDefault();

        var diagram = Mermaid.JourneyDiagram(engine.Trace(JourneyId, []), engine.Model);

        Assert.Equal("gantt\n    title Journey j (gartner)\n    dateFormat YYYY-MM-DD HH:mm\n    axisFormat %Y-%m-%d\n", diagram);
    }

    [Fact]
    public void JourneyDiagram_NamesWithGanttSyntax_AreWrittenAsEntityCodes()
    {
        var model = new BuyingModel("m:1", [new TaskDefinition("t", "Fit: #1; really", "Q?")]);
        var rulebook = new Rulebook("r", "1", [EvidenceRule.ForSignalType("r:go", "go", EvidenceItem.For("t", EvidenceStrength.Strong, "go"))]);
        var engine = new JourneyEngineBuilder().UseModel(model).UseRulebook(rulebook).Build();

        var diagram = Mermaid.JourneyDiagram(engine.Trace("a:b", Script((0, "go")).Select(s => new Signal(s.Id, "a:b", s.OccurredAt, s.Type))), model);

        Assert.Contains("    title Journey a#58;b (m#58;1)\n", diagram, StringComparison.Ordinal);
        Assert.Contains("    section Fit#58; #35;1#59; really\n", diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyDiagram_CustomModel_UsesItsTaskNames()
    {
        var rulebook = new Rulebook("demo", "1", [EvidenceRule.ForSignalType("demo:proof", "proof", EvidenceItem.For("proof.check", EvidenceStrength.Strong, "x"))]);
        var engine = new JourneyEngineBuilder().UseModel(Demo).UseRulebook(rulebook).Build();

        var diagram = Mermaid.JourneyDiagram(engine.Trace(JourneyId, Script((0, "proof"), (1, "proof"))), Demo);

        Assert.EndsWith("    section Proof (always on)\n    Active :active, 2026-03-02 09:00, 2026-03-03 09:00\n", diagram, StringComparison.Ordinal);
        Assert.DoesNotContain("Need", diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelDiagram_NullModel_ThrowsArgumentNullNamingModel()
    {
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => Mermaid.ModelDiagram(null!)).ParamName);
    }

    [Fact]
    public void JourneyDiagram_NullArguments_ThrowNamingTheParameter()
    {
        var engine = JourneyEngine.CreateDefault();
        var trace = engine.Trace(JourneyId, []);

        Assert.Equal("trace", Assert.Throws<ArgumentNullException>(() => Mermaid.JourneyDiagram(null!, engine.Model)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => Mermaid.JourneyDiagram(trace, null!)).ParamName);
    }

    [Fact]
    public void JourneyDiagram_TraceOfAnotherModel_ThrowsNamingModel()
    {
        var trace = JourneyEngine.CreateDefault().Trace(JourneyId, []);

        var ex = Assert.Throws<ArgumentException>(() => Mermaid.JourneyDiagram(trace, Demo));

        Assert.Equal("model", ex.ParamName);
        Assert.Contains("gartner", ex.Message, StringComparison.Ordinal);
        Assert.Contains("demo-2", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>One task's region: its five phases and the built-in lifecycle's edges, parallel rows joined.</summary>
    private static string[] Region(string id) =>
    [
        $"            state \"Not started\" as {id}_NotStarted",
        $"            state \"Active\" as {id}_Active",
        $"            state \"Dormant\" as {id}_Dormant",
        $"            state \"Completed\" as {id}_Completed",
        $"            state \"Revisiting\" as {id}_Revisiting",
        $"            [*] --> {id}_NotStarted",
        $"            {id}_NotStarted --> {id}_Active : evidence reached the activation threshold",
        $"            {id}_NotStarted --> {id}_Completed : completion evidence",
        $"            {id}_Active --> {id}_Completed : completion evidence",
        $"            {id}_Active --> {id}_Dormant : the score decayed below the dormancy threshold; a stall, win or loss dropped the score to zero",
        $"            {id}_Dormant --> {id}_Active : evidence resumed the task",
        $"            {id}_Dormant --> {id}_Completed : completion evidence",
        $"            {id}_Completed --> {id}_Revisiting : evidence after completion reached the reopen threshold (loop-back)",
        $"            {id}_Completed --> {id}_Completed : completion evidence",
        $"            {id}_Revisiting --> {id}_Completed : completion evidence; the score decayed below the dormancy threshold; a stall, win or loss dropped the score to zero",
    ];
}
