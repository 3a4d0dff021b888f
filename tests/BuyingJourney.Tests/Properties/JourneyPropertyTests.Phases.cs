using System.Linq;
using BuyingJourney.Evidence;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Signals;
using BuyingJourney.Testing;
using FsCheck.Xunit;
using Xunit;
using static BuyingJourney.Tests.Properties.JourneyArbitraries;

namespace BuyingJourney.Tests.Properties;

/// <summary>Extra law: every phase change happens at its threshold, and only the documented ones happen.</summary>
public sealed partial class JourneyPropertyTests
{
    [Property]
    public void Trace_EveryStep_ChangesPhasesExactlyAtTheThresholds(GeneratedJourney journey) => PhasesChangeAtTheirThresholds(journey);

    internal static void PhasesChangeAtTheirThresholds(GeneratedJourney journey)
    {
        var previous = Engine.Start(JourneyId);
        foreach (var step in Engine.Trace(JourneyId, journey.Deliveries).Steps)
        {
            if (step.Outcome != SignalOutcome.Applied)
            {
                continue;
            }

            // The phases at the signal's time before its evidence: decay applied, as Assess sees them.
            var before = Engine.Assess(previous, step.Signal.OccurredAt);
            var effect = step.Evidence.Where(static e => e.Kind == EvidenceKind.JourneyEffect).Select(static e => e.Effect).LastOrDefault();
            var hasTaskEvidence = step.Evidence.Any(static e => e.Kind != EvidenceKind.JourneyEffect);
            var resets = effect is JourneyEffect.Stall or JourneyEffect.Won or JourneyEffect.Lost;
            var movesATask = step.Evidence.Any(static e => e.Kind == EvidenceKind.Completion);
            for (var i = 0; i < step.State.Tasks.Length; i++)
            {
                var taskId = Engine.Model.Tasks[i].Id;
                var settings = Engine.Model.SettingsOf(taskId);
                var was = before.Tasks[i].Phase;
                var now = step.State.Tasks[i];
                var weighted = step.Evidence.Any(e => e.Kind == EvidenceKind.Weight && e.TaskId == taskId);
                var completed = step.Evidence.Any(e => e.Kind == EvidenceKind.Completion && e.TaskId == taskId);
                var where = $"{Code(step.Signal)}: {taskId} went from {was} to {now}";
                var expected = was;
                if (weighted)
                {
                    expected = was switch
                    {
                        TaskPhase.NotStarted or TaskPhase.Dormant when now.Score >= settings.ActivationThreshold => TaskPhase.Active,
                        TaskPhase.Completed when now.Score >= settings.ReopenThreshold => TaskPhase.Revisiting,
                        _ => was,
                    };
                }

                movesATask |= weighted && expected != was;
                if (completed)
                {
                    expected = TaskPhase.Completed;
                }

                if (resets)
                {
                    expected = expected switch
                    {
                        TaskPhase.Active => TaskPhase.Dormant,
                        TaskPhase.Revisiting => TaskPhase.Completed,
                        _ => expected,
                    };
                }

                Assert.True(now.Phase == expected, $"{where}; expected {expected}");
                Assert.True(!(completed || resets) || now.Score == 0, $"{where}: a completion, stall, win or loss must drop the score to 0");
                Assert.True(weighted || completed || resets || now.Score.Equals(previous.Tasks[i].Score), $"{where}: the score changed without evidence");
            }

            // Any task evidence resumes a stalled journey; a won or lost one reopens only on evidence that starts, reopens or completes a task.
            var reopened = (hasTaskEvidence && previous.Status == JourneyStatus.Stalled) || (movesATask && previous.Status is JourneyStatus.Won or JourneyStatus.Lost) ? JourneyStatus.Open : previous.Status;
            var status = effect switch
            {
                JourneyEffect.Stall => JourneyStatus.Stalled,
                JourneyEffect.Won => JourneyStatus.Won,
                JourneyEffect.Lost => JourneyStatus.Lost,
                JourneyEffect.AtRisk => reopened is JourneyStatus.Open or JourneyStatus.AtRisk ? JourneyStatus.AtRisk : reopened,
                _ => reopened,
            };

            // Someone in a risk role seen in the group ends the risk.
            if (effect != JourneyEffect.AtRisk && status == JourneyStatus.AtRisk && step.Signal.Stakeholder is { } who && !IsFeedback(step.Signal.Type)
                && step.State.BuyingGroup.Single(m => m.Id == who.Id) is { IsPresent: true } member
                && Engine.Options.BuyingGroup.RiskRoles.Any(member.HasRole))
            {
                status = JourneyStatus.Open;
            }

            Assert.True(step.State.Status == status, $"{Code(step.Signal)}: the journey went from {previous.Status} to {step.State.Status}; expected {status}");
            Assert.True(step.State.SignalCount == previous.SignalCount + 1, $"{Code(step.Signal)}: signal count {previous.SignalCount} → {step.State.SignalCount}");
            Assert.True(step.State.UnrecognizedSignalCount == previous.UnrecognizedSignalCount + (step.Evidence.IsEmpty && !IsFeedback(step.Signal.Type) ? 1 : 0), $"{Code(step.Signal)}: unrecognized count {previous.UnrecognizedSignalCount} → {step.State.UnrecognizedSignalCount}");
            previous = step.State;
        }
    }

    private static bool IsFeedback(string type)
        => type is SignalTypes.ActionAccepted or SignalTypes.ActionRejected or SignalTypes.ActionDone;
}
