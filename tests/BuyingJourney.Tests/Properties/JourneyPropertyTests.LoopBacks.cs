using System.Collections.Generic;
using System.Linq;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using Xunit;
using static BuyingJourney.Tests.Properties.JourneyArbitraries;

namespace BuyingJourney.Tests.Properties;

/// <summary>Law 6: loop-backs are counted exactly, once per Completed → Revisiting transition.</summary>
public sealed partial class JourneyPropertyTests
{
    [Fact]
    public void Trace_LoopBacks_MatchCompletedToRevisitingTransitionsOneToOne() => Check(LoopBacksAreCountedExactly);

    internal static void LoopBacksAreCountedExactly(JourneyCase journey)
    {
        foreach (var engine in new[] { Engine, ForgetfulEngine })
        {
            CheckLoopBacks(engine, journey);
        }
    }

    private static void CheckLoopBacks(JourneyEngine engine, JourneyCase journey)
    {
        var trace = engine.Trace(JourneyId, journey.Deliveries);
        var model = engine.Model;
        var previous = engine.Start(JourneyId);
        var all = new List<LoopBack>();
        var transitions = 0;
        foreach (var step in trace.Steps)
        {
            var where = $"step {Code(step.Signal)}";
            var loops = step.Transitions.Where(static t => t.From == TaskPhase.Completed && t.To == TaskPhase.Revisiting).ToList();
            Assert.True(loops.Count == step.LoopBacks.Length, $"{where}: {loops.Count} Completed → Revisiting transitions but {step.LoopBacks.Length} loop-backs ({string.Join(", ", step.Transitions)})");
            foreach (var transition in loops)
            {
                Assert.True(transition.IsLoopBack && transition.Cause == TransitionCause.Evidence && transition.SignalId == step.Signal.Id, $"{where}: {transition} by {transition.SignalId}");
                var matches = step.LoopBacks.Count(l => l.TaskId == transition.TaskId && l.SignalId == transition.SignalId && l.At == transition.At);
                Assert.True(matches == 1, $"{where}: {matches} loop-backs match {transition}");
            }

            if (!step.LoopBacks.IsEmpty)
            {
                // Where the customer looped back from: the tasks active (after decay) just before the signal.
                var before = engine.Assess(previous, step.Signal.OccurredAt);
                foreach (var loopBack in step.LoopBacks)
                {
                    Assert.Equal(TaskPhase.Completed, before.Task(loopBack.TaskId).Phase);
                    Assert.Equal(before.ActiveTasks.Where(t => t != loopBack.TaskId), loopBack.LoopedBackFrom);
                }
            }

            Assert.True(previous.LoopBackCount + loops.Count == step.State.LoopBackCount, $"{where}: loop-back count went from {previous.LoopBackCount} to {step.State.LoopBackCount} with {loops.Count} loop-backs");
            for (var i = 0; i < model.Tasks.Length; i++)
            {
                var id = model.Tasks[i].Id;
                var expected = previous.Tasks[i].LoopBackCount + loops.Count(t => t.TaskId == id);
                Assert.True(expected == step.State.Tasks[i].LoopBackCount, $"{where}: {id} has {step.State.Tasks[i].LoopBackCount} loop-backs, expected {expected}");
            }

            transitions += loops.Count;
            all.AddRange(step.LoopBacks);
            previous = step.State;
        }

        var state = trace.State;
        Assert.Equal(transitions, state.LoopBackCount);
        Assert.Equal(transitions, state.Tasks.Sum(static t => t.LoopBackCount));
        Assert.Equal(all.TakeLast(engine.Options.MaxLoopBacksRetained), state.LoopBacks);
    }
}
