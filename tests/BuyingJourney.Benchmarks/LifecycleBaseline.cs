using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using BuyingJourney.Evidence;
using BuyingJourney.Signals;

namespace BuyingJourney.Benchmarks;

/// <summary>
/// The "ceiling": a deliberately minimal, hand-written lifecycle-only fold over the same signals. Per journey an array of
/// one byte per task (NotStarted, Active, Completed); a map, built once, from signal type to the tasks it gives evidence
/// for and the tasks it completes. A task goes NotStarted → Active on evidence and → Completed on a completing type;
/// nothing else (no scores, decay, dormancy, loop-backs, journey status, ordering or duplicate checks).
/// </summary>
/// <remarks>
/// The map is read from the engine's own rulebook through the public API: each rule's signal types are traced once with
/// <see cref="JourneyEngine.Trace"/> and the evidence records say which task each type feeds or completes.
/// </remarks>
public sealed class LifecycleBaseline
{
    /// <summary>A task with no evidence yet.</summary>
    public const byte NotStarted = 0;

    /// <summary>A task with evidence.</summary>
    public const byte Active = 1;

    /// <summary>A completed task.</summary>
    public const byte Completed = 2;

    private readonly FrozenDictionary<string, Effect[]> _effects;

    /// <summary>Builds the map from <paramref name="engine"/>'s rulebook and model.</summary>
    /// <param name="engine">The engine whose rules say which signal type feeds which task.</param>
    public LifecycleBaseline(JourneyEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        TaskCount = engine.Model.Tasks.Length;
        var effects = new Dictionary<string, Effect[]>(StringComparer.Ordinal);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var rule in engine.Rulebook.Rules)
        {
            foreach (var type in rule.AppliesTo)
            {
                if (effects.ContainsKey(type))
                {
                    continue;
                }

                var trace = engine.Trace("probe", [new Signal("probe", "probe", at, type)]);
                var list = new List<Effect>();
                foreach (var record in trace.Steps[0].Evidence)
                {
                    if (record.TaskId is null || record.Kind == EvidenceKind.JourneyEffect)
                    {
                        continue;
                    }

                    list.Add(new Effect((byte)engine.Model.IndexOf(record.TaskId), record.Kind == EvidenceKind.Completion));
                }

                if (list.Count > 0)
                {
                    effects[type] = [.. list];
                }
            }
        }

        _effects = effects.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>How many tasks each journey has.</summary>
    public int TaskCount { get; }

    /// <summary>How many signal types the map knows.</summary>
    public int TypeCount => _effects.Count;

    /// <summary>Folds one journey's signals into a fresh array of task states.</summary>
    /// <param name="signals">The journey's signals, already in order.</param>
    /// <returns>One byte per task.</returns>
    public byte[] Replay(Signal[] signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var tasks = new byte[TaskCount];
        foreach (var signal in signals)
        {
            if (_effects.TryGetValue(signal.Type, out var effects))
            {
                foreach (var effect in effects)
                {
                    if (effect.Completes)
                    {
                        tasks[effect.Task] = Completed;
                    }
                    else if (tasks[effect.Task] == NotStarted)
                    {
                        tasks[effect.Task] = Active;
                    }
                }
            }
        }

        return tasks;
    }

    private readonly record struct Effect(byte Task, bool Completes);
}
