using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using BuyingJourney.Assessment;
using BuyingJourney.Evidence;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;

namespace BuyingJourney.Advice;

/// <summary>
/// The built-in playbook, after Gartner's advice per buying task. Phase-aware: a first pass, a revisit
/// (loop-back) and a dormant task each get their own action; an always-on task without evidence (a score of zero: none
/// yet, or none since a stall) while others are active gets a "gap" action; a stalled, won or lost journey gets a journey-wide action. Tasks of other
/// models get generic actions built from their buyer question.
/// </summary>
/// <remarks>
/// Action codes are "{taskId}.active", "{taskId}.revisiting", "{taskId}.dormant", "{taskId}.gap" and
/// "journey.stalled", "journey.won", "journey.lost". Priorities: revisiting and stalled High; active Medium;
/// dormant and gap Low. A won or lost journey gets only its journey-wide action. Stateless and thread-safe.
/// </remarks>
public sealed class DefaultPlaybook : IPlaybook
{
    private static readonly Dictionary<(string Task, string Kind), (string Title, string Why)> Texts = new()
    {
        [(GartnerTasks.ProblemIdentification, Active)] = ("Understand the pain and share what the industry is doing",
            "The customer is working out what problem to solve. Stay close to their operations, understand the pain, and proactively share new equipment information and industry trends so they see the opportunity early."),
        [(GartnerTasks.ProblemIdentification, Revisiting)] = ("Re-open discovery: the problem is being redefined",
            "The customer has come back to defining the problem. Ask what changed and re-open discovery; do not push price or the proposal until the new problem statement is clear."),
        [(GartnerTasks.ProblemIdentification, Dormant)] = ("Check whether the pain is still there",
            "Problem identification has gone quiet. Check in on the operational pain with a relevant trend or insight."),
        [(GartnerTasks.SolutionExploration, Active)] = ("Offer new information and advice on the ways to solve it",
            "The customer is surveying what is out there. Offer new information, approaches and advice so they see the options clearly."),
        [(GartnerTasks.SolutionExploration, Revisiting)] = ("The chosen approach is in doubt: explore the options again with them",
            "The customer went back to exploring solutions, often because the requirements proved idealistic or missed practical constraints. Revisit the options openly instead of defending the old approach; price talk is premature."),
        [(GartnerTasks.SolutionExploration, Dormant)] = ("Send something new worth exploring",
            "Solution exploration has gone quiet. A new approach, case or trend can restart it."),
        [(GartnerTasks.RequirementsBuilding, Active)] = ("Help shape the requirements with specifications and performance data",
            "The customer is defining what the purchase must do. Keep talking, notice requirement changes, give expert advice to refine them, and provide specifications and performance data."),
        [(GartnerTasks.RequirementsBuilding, Revisiting)] = ("Requirements are changing: find out what changed and advise",
            "The customer reopened their requirements (comparing suppliers often does this). Find out what changed and help refine them; do not push price while they are being rewritten."),
        [(GartnerTasks.RequirementsBuilding, Dormant)] = ("Ask whether the requirements still hold",
            "Requirements building has gone quiet. Check whether the requirements, budget and deadline still stand."),
        [(GartnerTasks.SupplierSelection, Active)] = ("Give strong evidence of fit: demos, trials, references",
            "The customer is comparing suppliers. Give strong evidence and assurance: demos, trials, visits to reference lines, customer references and case studies."),
        [(GartnerTasks.SupplierSelection, Revisiting)] = ("The choice is open again: find the new doubt and answer it",
            "The customer reopened supplier selection after choosing. Find out which doubt or competitor reopened it and answer with evidence, not a discount."),
        [(GartnerTasks.SupplierSelection, Dormant)] = ("Ask where the comparison stands",
            "Supplier selection has gone quiet. Ask where the comparison stands and what would help them decide."),
        [(GartnerTasks.Validation, Active)] = ("Back every claim: references, case studies, trial results",
            "The customer is checking that the answer is right. Provide references, case studies, trial results and site visits, and be ready for new doubts at any time."),
        [(GartnerTasks.Validation, Revisiting)] = ("A new doubt surfaced: answer it with proof",
            "The customer went back to validating after being satisfied. Find the new doubt and answer it with proof: a reference call, a trial, data."),
        [(GartnerTasks.Validation, Dormant)] = ("Offer a reference call or a site visit",
            "Validation has gone quiet. Offer proof before doubts grow: a reference call, a site visit, a case study."),
        [(GartnerTasks.Validation, Gap)] = ("Line up proof before they ask",
            "Validation runs alongside every other task, yet nothing shows the customer checking our claims. Line up references and case studies now."),
        [(GartnerTasks.ConsensusCreation, Active)] = ("Help the buying group agree; do not wait for them",
            "The customer needs everyone on board. Actively help all participants communicate and agree: meet the stakeholders, give each the case they need."),
        [(GartnerTasks.ConsensusCreation, Revisiting)] = ("Consensus reopened: bring the group back together",
            "Agreement was reached, but something (a new stakeholder, an objection) reopened it. Meet the newcomers, rebuild the case with them, and do not push for signature yet."),
        [(GartnerTasks.ConsensusCreation, Dormant)] = ("Check who still needs convincing",
            "Consensus creation has gone quiet. Check who still needs convincing and what they need."),
        [(GartnerTasks.ConsensusCreation, Gap)] = ("Map the buying group and who must agree",
            "Consensus creation runs alongside every other task, yet no one beyond our contact has shown up. Map the 6 to 10 people who decide and start engaging them."),
    };

    private const string Active = "active";
    private const string Revisiting = "revisiting";
    private const string Dormant = "dormant";
    private const string Gap = "gap";

    /// <summary>The shared instance.</summary>
    public static DefaultPlaybook Instance { get; } = new();

    /// <inheritdoc />
    public IEnumerable<SellerAction> Advise(JourneyAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var actions = new List<SellerAction>();
        switch (assessment.Status)
        {
            case JourneyStatus.Won:
                actions.Add(Journey("journey.won", "Deliver well and plan the next purchase", "The customer signed", assessment, ActionPriority.Medium,
                    "Deliver, install and commission as promised, then review the results with the customer: satisfaction drives the repeat purchase."));
                return actions;
            case JourneyStatus.Lost:
                actions.Add(Journey("journey.lost", "Debrief and keep in touch", "The deal was lost", assessment, ActionPriority.Medium,
                    "Ask what decided it, and keep sharing useful information: lost customers come back when their situation changes."));
                return actions;
            case JourneyStatus.Stalled:
                actions.Add(Journey("journey.stalled", "Stay in touch and find out what would restart the purchase", "The purchase is on hold", assessment, ActionPriority.High,
                    "Budgets, banks, end customers or the economy stalled it, often people outside the buying team. Keep the relationship warm, learn what would restart it, and be ready for a new round."));
                break;
        }

        var anyActive = !assessment.ActiveTasks.IsEmpty;
        foreach (var task in assessment.Tasks)
        {
            var kind = task.Phase switch
            {
                TaskPhase.Active => Active,
                TaskPhase.Revisiting => Revisiting,
                TaskPhase.Dormant => Dormant,
                TaskPhase.NotStarted when task.Task.AlwaysOn && anyActive && task.Score == 0 => Gap,
                _ => null,
            };
            if (kind is not null)
            {
                actions.Add(ForTask(task, kind, assessment));
            }
        }

        return actions;
    }

    private static SellerAction ForTask(TaskAssessment task, string kind, JourneyAssessment assessment)
    {
        var (title, why) = Texts.TryGetValue((task.TaskId, kind), out var text) ? text : Generic(task.Task, kind);
        var rationale = new StringBuilder(why);
        var cited = ImmutableArray.CreateBuilder<string>();
        switch (kind)
        {
            case Revisiting:
                LoopBack? last = null;
                foreach (var loopBack in assessment.LoopBacks)
                {
                    if (string.Equals(loopBack.TaskId, task.TaskId, StringComparison.Ordinal))
                    {
                        last = loopBack;
                    }
                }

                if (last is not null)
                {
                    rationale.Append(CultureInfo.InvariantCulture, $" Loop-back on {last.At:yyyy-MM-dd} by signal {last.SignalId}");
                    rationale.Append(last.LoopedBackFrom.IsEmpty ? "." : $", from {string.Join(", ", last.LoopedBackFrom)}.");
                    cited.Add(last.SignalId);
                }

                break;
            case Dormant when task.Since is { } since:
                rationale.Append(CultureInfo.InvariantCulture, $" Quiet since {since:yyyy-MM-dd}.");
                break;
            case Gap:
                rationale.Append(" Active now:");
                foreach (var other in assessment.Tasks)
                {
                    if (other.IsActive)
                    {
                        rationale.Append(CultureInfo.InvariantCulture, $" {other.TaskId}");
                        if (other.LastEvidenceSignalId is { } signalId)
                        {
                            rationale.Append(CultureInfo.InvariantCulture, $" (signal {signalId})");
                            if (!cited.Contains(signalId))
                            {
                                cited.Add(signalId);
                            }
                        }

                        rationale.Append(',');
                    }
                }

                rationale.Length--;
                rationale.Append('.');
                break;
        }

        AppendEvidence(rationale, cited, task);
        var priority = kind switch
        {
            Revisiting => ActionPriority.High,
            Dormant or Gap => ActionPriority.Low,
            _ => ActionPriority.Medium,
        };
        return new SellerAction($"{task.TaskId}.{kind}", title, rationale.ToString(), priority, task.TaskId, cited.ToImmutable());
    }

    private static void AppendEvidence(StringBuilder rationale, ImmutableArray<string>.Builder cited, TaskAssessment task)
    {
        var shown = 0;
        foreach (var item in task.Evidence)
        {
            if (item.Evidence.Kind != EvidenceKind.Weight || shown == 2)
            {
                continue;
            }

            rationale.Append(shown == 0 ? " Evidence: " : "; ");
            rationale.Append(CultureInfo.InvariantCulture, $"{item.Evidence.Reason} ({item.Evidence.SignalType} {item.SignalId}, +{item.Contribution:0.00})");
            if (!cited.Contains(item.SignalId))
            {
                cited.Add(item.SignalId);
            }

            shown++;
        }

        if (shown > 0)
        {
            rationale.Append('.');
        }
        else if (task.LastEvidenceSignalId is { } last)
        {
            rationale.Append(CultureInfo.InvariantCulture, $" Last evidence: signal {last}.");
            if (!cited.Contains(last))
            {
                cited.Add(last);
            }
        }
    }

    private static (string Title, string Why) Generic(TaskDefinition task, string kind) => kind switch
    {
        Active => ($"Engage on \"{task.BuyerQuestion}\"", $"The customer is working on {task.DisplayName.ToLowerInvariant()}: help them answer \"{task.BuyerQuestion}\"."),
        Revisiting => ($"{task.DisplayName} reopened: find out what changed", $"The customer came back to {task.DisplayName.ToLowerInvariant()} after completing it. Find out what changed before pushing forward."),
        Dormant => ($"Re-engage on {task.DisplayName.ToLowerInvariant()}", $"{task.DisplayName} has gone quiet. Check whether \"{task.BuyerQuestion}\" is still open."),
        _ => ($"Prepare for {task.DisplayName.ToLowerInvariant()}", $"{task.DisplayName} runs alongside the other tasks, yet shows no evidence. Prepare for \"{task.BuyerQuestion}\"."),
    };

    private static SellerAction Journey(string code, string title, string what, JourneyAssessment assessment, ActionPriority priority, string why)
    {
        var state = assessment.State;
        var since = state.StatusSince is { } at ? string.Create(CultureInfo.InvariantCulture, $" since {at:yyyy-MM-dd}") : string.Empty;
        var cited = state.StatusSignalId is { } cause ? ImmutableArray.Create(cause) : ImmutableArray<string>.Empty;
        var evidence = state.StatusSignalId is { } id ? $" (signal {id})" : string.Empty;
        return new SellerAction(code, title, $"{what}{since}{evidence}. {why}", priority, null, cited);
    }
}
