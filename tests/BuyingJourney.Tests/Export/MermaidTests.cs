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
    public void JourneyDiagram_ScriptWithALoopBackAndAStall_IsExactlyTheExpectedFlowchart()
    {
        var engine = JourneyEngine.CreateDefault();
        var signals = Script(
            (0, SignalTypes.ProblemStated),       // s1 task_ProblemIdentification starts
            (1, SignalTypes.ProblemDefined),      // s2 ... and completes (no edge: not an entry)
            (2, SignalTypes.SolutionResearched),  // s3 task_SolutionExploration starts
            (3, SignalTypes.ProblemMetricMissed), // s4 back to ProblemIdentification, from task_SolutionExploration
            (4, SignalTypes.BudgetFrozen));       // s5 stall
        var trace = engine.Trace(JourneyId, [.. signals, signals[2]]); // the repeat is a duplicate step: no edge
        string[] lines =
        [
            "flowchart LR",
            "    start((start))",
            "    task_ProblemIdentification[\"Problem identification<br/>Completed, 1 loop-back\"]",
            "    task_SolutionExploration[\"Solution exploration<br/>Dormant\"]",
            "    status_Stalled{{\"Stalled\"}}",
            "    start -->|\"1. problem.stated 2026-03-02\"| task_ProblemIdentification",
            "    task_ProblemIdentification -->|\"2. solution.researched 2026-03-04\"| task_SolutionExploration",
            "    task_SolutionExploration -.->|\"3. loop-back: problem.metric-missed 2026-03-05\"| task_ProblemIdentification",
            "    task_ProblemIdentification -->|\"4. budget.frozen 2026-03-06\"| status_Stalled",
        ];

        var diagram = Mermaid.JourneyDiagram(trace, engine.Model);

        Assert.Equal(string.Join("\n", lines) + "\n", diagram);
    }

    [Fact]
    public void JourneyDiagram_LoopBackFromSeveralTasks_DrawsADottedEdgeFromEach()
    {
        var engine = JourneyEngine.CreateDefault();
        var signals = Script(
            (0, SignalTypes.ProblemDefined),
            (1, SignalTypes.SolutionResearched),
            (2, SignalTypes.RequirementsQuestion),
            (3, SignalTypes.ProblemStated));

        var diagram = Mermaid.JourneyDiagram(engine.Trace(JourneyId, signals), engine.Model);

        Assert.EndsWith(
            "    task_SolutionExploration -.->|\"3. loop-back: problem.stated 2026-03-05\"| task_ProblemIdentification\n"
            + "    task_RequirementsBuilding -.->|\"3. loop-back: problem.stated 2026-03-05\"| task_ProblemIdentification\n",
            diagram,
            StringComparison.Ordinal);
        Assert.Contains("    task_ProblemIdentification[\"Problem identification<br/>Revisiting, 1 loop-back\"]\n", diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyDiagram_TaskNamedStart_DoesNotCollideWithTheStartNode()
    {
        var model = new BuyingModel("m", [new TaskDefinition("start", "Kick-off", "Shall we?")]);
        var rulebook = new Rulebook("r", "1", [EvidenceRule.ForSignalType("r:go", "go", EvidenceItem.For("start", EvidenceStrength.Strong, "go"))]);
        var engine = new JourneyEngineBuilder().UseModel(model).UseRulebook(rulebook).Build();

        var diagram = Mermaid.JourneyDiagram(engine.Trace(JourneyId, Script((0, "go"))), model);

        var taskLine = Assert.Single(diagram.Split('\n'), line => line.Contains("[\"Kick-off<br/>", StringComparison.Ordinal));
        var taskNode = taskLine.Trim()[..taskLine.Trim().IndexOf('[', StringComparison.Ordinal)];
        Assert.NotEqual("start", taskNode);
    }

    [Fact]
    public void JourneyDiagram_StallThenResume_DrawsTheResumptionFromTheStallWithoutAnOpenNode()
    {
        var engine = JourneyEngine.CreateDefault();
        var signals = Script(
            (0, SignalTypes.ProblemStated),
            (1, SignalTypes.BudgetFrozen),
            (2, SignalTypes.ProblemStated));

        var diagram = Mermaid.JourneyDiagram(engine.Trace(JourneyId, signals), engine.Model);

        Assert.DoesNotContain("status_Open", diagram, StringComparison.Ordinal);
        Assert.EndsWith(
            "    task_ProblemIdentification -->|\"2. budget.frozen 2026-03-03\"| status_Stalled\n"
            + "    status_Stalled -->|\"3. problem.stated 2026-03-04\"| task_ProblemIdentification\n",
            diagram,
            StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyDiagram_OrderedModelReturnToAnEarlierStage_IsDrawnAsALoopBack()
    {
        var engine = new JourneyEngineBuilder().UseModel(BuyingModels.Practitioner).UseRulebook(Rulebooks.Practitioner).Build();
        var signals = Script(
            (0, SignalTypes.ProblemStated),    // awareness of need
            (40, SignalTypes.DemoRequested),   // market monitoring; awareness has gone dormant by now
            (41, SignalTypes.ProblemStated));  // back to awareness while monitoring is active: a loop-back in an ordered model

        var trace = engine.Trace(JourneyId, signals);
        var diagram = Mermaid.JourneyDiagram(trace, engine.Model);

        Assert.Equal(1, trace.State.LoopBackCount);
        Assert.Contains("    task_MarketMonitoring -.->|\"", diagram, StringComparison.Ordinal);
        Assert.Contains("loop-back: problem.stated", diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyDiagram_NoSignals_IsJustTheStartNode()
    {
        var engine = JourneyEngine.CreateDefault();

        var diagram = Mermaid.JourneyDiagram(engine.Trace(JourneyId, []), engine.Model);

        Assert.Equal("flowchart LR\n    start((start))\n", diagram);
    }

    [Fact]
    public void JourneyDiagram_CustomModel_UsesItsTaskIdsAndNames()
    {
        var rulebook = new Rulebook("demo", "1", [EvidenceRule.ForSignalType("demo:proof", "proof", EvidenceItem.For("proof.check", EvidenceStrength.Strong, "x"))]);
        var engine = new JourneyEngineBuilder().UseModel(Demo).UseRulebook(rulebook).Build();

        var diagram = Mermaid.JourneyDiagram(engine.Trace(JourneyId, Script((0, "proof"))), Demo);

        Assert.Equal(
            "flowchart LR\n    start((start))\n    task_proof_2echeck[\"Proof<br/>Active\"]\n    start -->|\"1. proof 2026-03-02\"| task_proof_2echeck\n",
            diagram);
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
