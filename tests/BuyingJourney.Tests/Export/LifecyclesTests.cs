using System;
using BuyingJourney.Export;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.Tests.Phases;
using Xunit;

namespace BuyingJourney.Tests.Export;

/// <summary>Stateless's own Mermaid and DOT exports of the lifecycles, compared with exact texts.</summary>
public sealed class LifecyclesTests
{
    [Fact]
    public void TaskLifecycleMermaid_BuiltIn_IsExactlyTheExpectedDiagram()
    {
        string[] lines =
        [
            "stateDiagram-v2",
            "\tNotStarted --> Active : ReachesActivation [evidence reached the activation threshold]",
            "\tNotStarted --> Active : ReachesReopen [evidence reached the activation threshold]",
            "\tNotStarted --> Completed : Completion [completion evidence]",
            "\tNotStarted --> NotStarted : BelowActivation",
            "\tNotStarted --> NotStarted : Fade",
            "\tNotStarted --> NotStarted : JourneyEffect",
            "\tActive --> Completed : Completion [completion evidence]",
            "\tActive --> Dormant : Fade [the score decayed below the dormancy threshold]",
            "\tActive --> Dormant : JourneyEffect [a stall, win or loss dropped the score to zero]",
            "\tActive --> Active : BelowActivation",
            "\tActive --> Active : ReachesActivation",
            "\tActive --> Active : ReachesReopen",
            "\tDormant --> Active : ReachesActivation [evidence resumed the task]",
            "\tDormant --> Active : ReachesReopen [evidence resumed the task]",
            "\tDormant --> Completed : Completion [completion evidence]",
            "\tDormant --> Dormant : BelowActivation",
            "\tDormant --> Dormant : Fade",
            "\tDormant --> Dormant : JourneyEffect",
            "\tCompleted --> Revisiting : ReachesReopen [evidence after completion reached the reopen threshold] [loop-back]",
            "\tCompleted --> Completed : Completion [completion evidence]",
            "\tCompleted --> Completed : BelowActivation",
            "\tCompleted --> Completed : ReachesActivation",
            "\tCompleted --> Completed : Fade",
            "\tCompleted --> Completed : JourneyEffect",
            "\tRevisiting --> Completed : Completion [completion evidence]",
            "\tRevisiting --> Completed : Fade [the score decayed below the dormancy threshold]",
            "\tRevisiting --> Completed : JourneyEffect [a stall, win or loss dropped the score to zero]",
            "\tRevisiting --> Revisiting : BelowActivation",
            "\tRevisiting --> Revisiting : ReachesActivation",
            "\tRevisiting --> Revisiting : ReachesReopen",
            "[*] --> NotStarted",
        ];

        Assert.Equal(string.Join("\n", lines), Lifecycles.TaskLifecycleMermaid(BuyingModels.Gartner));
    }

    [Fact]
    public void TaskLifecycleDot_BuiltIn_IsExactlyTheExpectedGraph()
    {
        string[] lines =
        [
            "digraph {",
            "compound=true;",
            "node [shape=Mrecord]",
            "rankdir=\"LR\"",
            "\"NotStarted\" [label=\"NotStarted\"];",
            "\"Active\" [label=\"Active\"];",
            "\"Dormant\" [label=\"Dormant\"];",
            "\"Completed\" [label=\"Completed\"];",
            "\"Revisiting\" [label=\"Revisiting\"];",
            "",
            "\"NotStarted\" -> \"Active\" [style=\"solid\", label=\"ReachesActivation [evidence reached the activation threshold]\"];",
            "\"NotStarted\" -> \"Active\" [style=\"solid\", label=\"ReachesReopen [evidence reached the activation threshold]\"];",
            "\"NotStarted\" -> \"Completed\" [style=\"solid\", label=\"Completion [completion evidence]\"];",
            "\"NotStarted\" -> \"NotStarted\" [style=\"solid\", label=\"BelowActivation\"];",
            "\"NotStarted\" -> \"NotStarted\" [style=\"solid\", label=\"Fade\"];",
            "\"NotStarted\" -> \"NotStarted\" [style=\"solid\", label=\"JourneyEffect\"];",
            "\"Active\" -> \"Completed\" [style=\"solid\", label=\"Completion [completion evidence]\"];",
            "\"Active\" -> \"Dormant\" [style=\"solid\", label=\"Fade [the score decayed below the dormancy threshold]\"];",
            "\"Active\" -> \"Dormant\" [style=\"solid\", label=\"JourneyEffect [a stall, win or loss dropped the score to zero]\"];",
            "\"Active\" -> \"Active\" [style=\"solid\", label=\"BelowActivation\"];",
            "\"Active\" -> \"Active\" [style=\"solid\", label=\"ReachesActivation\"];",
            "\"Active\" -> \"Active\" [style=\"solid\", label=\"ReachesReopen\"];",
            "\"Dormant\" -> \"Active\" [style=\"solid\", label=\"ReachesActivation [evidence resumed the task]\"];",
            "\"Dormant\" -> \"Active\" [style=\"solid\", label=\"ReachesReopen [evidence resumed the task]\"];",
            "\"Dormant\" -> \"Completed\" [style=\"solid\", label=\"Completion [completion evidence]\"];",
            "\"Dormant\" -> \"Dormant\" [style=\"solid\", label=\"BelowActivation\"];",
            "\"Dormant\" -> \"Dormant\" [style=\"solid\", label=\"Fade\"];",
            "\"Dormant\" -> \"Dormant\" [style=\"solid\", label=\"JourneyEffect\"];",
            "\"Completed\" -> \"Revisiting\" [style=\"solid\", label=\"ReachesReopen [evidence after completion reached the reopen threshold] [loop-back]\"];",
            "\"Completed\" -> \"Completed\" [style=\"solid\", label=\"Completion [completion evidence]\"];",
            "\"Completed\" -> \"Completed\" [style=\"solid\", label=\"BelowActivation\"];",
            "\"Completed\" -> \"Completed\" [style=\"solid\", label=\"ReachesActivation\"];",
            "\"Completed\" -> \"Completed\" [style=\"solid\", label=\"Fade\"];",
            "\"Completed\" -> \"Completed\" [style=\"solid\", label=\"JourneyEffect\"];",
            "\"Revisiting\" -> \"Completed\" [style=\"solid\", label=\"Completion [completion evidence]\"];",
            "\"Revisiting\" -> \"Completed\" [style=\"solid\", label=\"Fade [the score decayed below the dormancy threshold]\"];",
            "\"Revisiting\" -> \"Completed\" [style=\"solid\", label=\"JourneyEffect [a stall, win or loss dropped the score to zero]\"];",
            "\"Revisiting\" -> \"Revisiting\" [style=\"solid\", label=\"BelowActivation\"];",
            "\"Revisiting\" -> \"Revisiting\" [style=\"solid\", label=\"ReachesActivation\"];",
            "\"Revisiting\" -> \"Revisiting\" [style=\"solid\", label=\"ReachesReopen\"];",
            " init [label=\"\", shape=point];",
            " init -> \"NotStarted\"[style = \"solid\"]",
            "}",
        ];

        Assert.Equal(string.Join("\n", lines), Lifecycles.TaskLifecycleDot(BuyingModels.Gartner));
    }

    [Fact]
    public void JourneyStatusMermaid_IsExactlyTheExpectedDiagram()
    {
        string[] lines =
        [
            "stateDiagram-v2",
            "\tOpen --> AtRisk : AtRiskEffect [someone in a risk role left the group]",
            "\tOpen --> Stalled : StallEffect [the purchase is on hold]",
            "\tOpen --> Won : WonEffect [the customer bought]",
            "\tOpen --> Lost : LostEffect [the customer chose someone else or did without]",
            "\tOpen --> Open : TaskEvidence",
            "\tOpen --> Open : ReopeningEvidence",
            "\tOpen --> Open : RiskRoleReturned",
            "\tStalled --> Open : TaskEvidence [task evidence reopens the journey]",
            "\tStalled --> Open : ReopeningEvidence [evidence that starts, reopens or completes a task reopens the journey]",
            "\tStalled --> Won : WonEffect [the customer bought]",
            "\tStalled --> Lost : LostEffect [the customer chose someone else or did without]",
            "\tStalled --> Stalled : RiskRoleReturned",
            "\tStalled --> Stalled : AtRiskEffect",
            "\tStalled --> Stalled : StallEffect",
            "\tWon --> Open : ReopeningEvidence [evidence that starts, reopens or completes a task reopens the journey]",
            "\tWon --> Stalled : StallEffect [the purchase is on hold]",
            "\tWon --> Lost : LostEffect [the customer chose someone else or did without]",
            "\tWon --> Won : TaskEvidence",
            "\tWon --> Won : RiskRoleReturned",
            "\tWon --> Won : AtRiskEffect",
            "\tWon --> Won : WonEffect",
            "\tLost --> Open : ReopeningEvidence [evidence that starts, reopens or completes a task reopens the journey]",
            "\tLost --> Stalled : StallEffect [the purchase is on hold]",
            "\tLost --> Won : WonEffect [the customer bought]",
            "\tLost --> Lost : TaskEvidence",
            "\tLost --> Lost : RiskRoleReturned",
            "\tLost --> Lost : AtRiskEffect",
            "\tLost --> Lost : LostEffect",
            "\tAtRisk --> Open : RiskRoleReturned [someone in a risk role is back in the group]",
            "\tAtRisk --> Stalled : StallEffect [the purchase is on hold]",
            "\tAtRisk --> Won : WonEffect [the customer bought]",
            "\tAtRisk --> Lost : LostEffect [the customer chose someone else or did without]",
            "\tAtRisk --> AtRisk : TaskEvidence",
            "\tAtRisk --> AtRisk : ReopeningEvidence",
            "\tAtRisk --> AtRisk : AtRiskEffect",
            "[*] --> Open",
        ];

        Assert.Equal(string.Join("\n", lines), Lifecycles.JourneyStatusMermaid());
    }

    [Fact]
    public void JourneyStatusDot_IsExactlyTheExpectedGraph()
    {
        string[] lines =
        [
            "digraph {",
            "compound=true;",
            "node [shape=Mrecord]",
            "rankdir=\"LR\"",
            "\"Open\" [label=\"Open\"];",
            "\"Stalled\" [label=\"Stalled\"];",
            "\"Won\" [label=\"Won\"];",
            "\"Lost\" [label=\"Lost\"];",
            "\"AtRisk\" [label=\"AtRisk\"];",
            "",
            "\"Open\" -> \"AtRisk\" [style=\"solid\", label=\"AtRiskEffect [someone in a risk role left the group]\"];",
            "\"Open\" -> \"Stalled\" [style=\"solid\", label=\"StallEffect [the purchase is on hold]\"];",
            "\"Open\" -> \"Won\" [style=\"solid\", label=\"WonEffect [the customer bought]\"];",
            "\"Open\" -> \"Lost\" [style=\"solid\", label=\"LostEffect [the customer chose someone else or did without]\"];",
            "\"Open\" -> \"Open\" [style=\"solid\", label=\"TaskEvidence\"];",
            "\"Open\" -> \"Open\" [style=\"solid\", label=\"ReopeningEvidence\"];",
            "\"Open\" -> \"Open\" [style=\"solid\", label=\"RiskRoleReturned\"];",
            "\"Stalled\" -> \"Open\" [style=\"solid\", label=\"TaskEvidence [task evidence reopens the journey]\"];",
            "\"Stalled\" -> \"Open\" [style=\"solid\", label=\"ReopeningEvidence [evidence that starts, reopens or completes a task reopens the journey]\"];",
            "\"Stalled\" -> \"Won\" [style=\"solid\", label=\"WonEffect [the customer bought]\"];",
            "\"Stalled\" -> \"Lost\" [style=\"solid\", label=\"LostEffect [the customer chose someone else or did without]\"];",
            "\"Stalled\" -> \"Stalled\" [style=\"solid\", label=\"RiskRoleReturned\"];",
            "\"Stalled\" -> \"Stalled\" [style=\"solid\", label=\"AtRiskEffect\"];",
            "\"Stalled\" -> \"Stalled\" [style=\"solid\", label=\"StallEffect\"];",
            "\"Won\" -> \"Open\" [style=\"solid\", label=\"ReopeningEvidence [evidence that starts, reopens or completes a task reopens the journey]\"];",
            "\"Won\" -> \"Stalled\" [style=\"solid\", label=\"StallEffect [the purchase is on hold]\"];",
            "\"Won\" -> \"Lost\" [style=\"solid\", label=\"LostEffect [the customer chose someone else or did without]\"];",
            "\"Won\" -> \"Won\" [style=\"solid\", label=\"TaskEvidence\"];",
            "\"Won\" -> \"Won\" [style=\"solid\", label=\"RiskRoleReturned\"];",
            "\"Won\" -> \"Won\" [style=\"solid\", label=\"AtRiskEffect\"];",
            "\"Won\" -> \"Won\" [style=\"solid\", label=\"WonEffect\"];",
            "\"Lost\" -> \"Open\" [style=\"solid\", label=\"ReopeningEvidence [evidence that starts, reopens or completes a task reopens the journey]\"];",
            "\"Lost\" -> \"Stalled\" [style=\"solid\", label=\"StallEffect [the purchase is on hold]\"];",
            "\"Lost\" -> \"Won\" [style=\"solid\", label=\"WonEffect [the customer bought]\"];",
            "\"Lost\" -> \"Lost\" [style=\"solid\", label=\"TaskEvidence\"];",
            "\"Lost\" -> \"Lost\" [style=\"solid\", label=\"RiskRoleReturned\"];",
            "\"Lost\" -> \"Lost\" [style=\"solid\", label=\"AtRiskEffect\"];",
            "\"Lost\" -> \"Lost\" [style=\"solid\", label=\"LostEffect\"];",
            "\"AtRisk\" -> \"Open\" [style=\"solid\", label=\"RiskRoleReturned [someone in a risk role is back in the group]\"];",
            "\"AtRisk\" -> \"Stalled\" [style=\"solid\", label=\"StallEffect [the purchase is on hold]\"];",
            "\"AtRisk\" -> \"Won\" [style=\"solid\", label=\"WonEffect [the customer bought]\"];",
            "\"AtRisk\" -> \"Lost\" [style=\"solid\", label=\"LostEffect [the customer chose someone else or did without]\"];",
            "\"AtRisk\" -> \"AtRisk\" [style=\"solid\", label=\"TaskEvidence\"];",
            "\"AtRisk\" -> \"AtRisk\" [style=\"solid\", label=\"ReopeningEvidence\"];",
            "\"AtRisk\" -> \"AtRisk\" [style=\"solid\", label=\"AtRiskEffect\"];",
            " init [label=\"\", shape=point];",
            " init -> \"Open\"[style = \"solid\"]",
            "}",
        ];

        Assert.Equal(string.Join("\n", lines), Lifecycles.JourneyStatusDot());
    }

    [Fact]
    public void TaskLifecycleExports_CustomLifecycle_ShowTheModelsOwnRows()
    {
        var machine = LifecycleDeclarations.Machine(TaskPhase.NotStarted, [new RowChange(TaskPhase.Completed, TaskTrigger.ReachesReopen, null)]);
        var model = new BuyingModel("final", [new TaskDefinition("t", "T", "Q?")], taskLifecycle: machine);

        var mermaid = Lifecycles.TaskLifecycleMermaid(model);
        var dot = Lifecycles.TaskLifecycleDot(model);

        Assert.Contains("\tCompleted --> Completed : ReachesReopen\n", mermaid, StringComparison.Ordinal);
        Assert.DoesNotContain("Completed --> Revisiting", mermaid, StringComparison.Ordinal);
        Assert.Contains("\"Completed\" -> \"Completed\" [style=\"solid\", label=\"ReachesReopen\"];\n", dot, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', mermaid + dot);
    }

    [Fact]
    public void TaskLifecycleExports_NullModel_Throw()
    {
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => Lifecycles.TaskLifecycleMermaid(null!)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => Lifecycles.TaskLifecycleDot(null!)).ParamName);
    }
}
