using System.Collections.Generic;
using BuyingJourney.Assessment;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Stages;

namespace BuyingJourney.Analytics.Internal;

/// <summary>
/// The stage mapping's own projection (<see cref="StageMapping.Project"/>), remembered by what it reads: the journey's
/// status and every task's phase (its remarks: a closing stage by status, every other by requirements on task phases).
/// A key is made from an assessment's status and phases and stored with that assessment's projection, so every entry is
/// a projection the mapping made. Bounded: at most <see cref="MaxEntries"/> keys; models of more than 20 tasks (whose key
/// would not fit) are projected every time. Not thread-safe.
/// </summary>
internal sealed class StageCache
{
    public const int MaxEntries = 65_536;

    private const int MaxTasks = 20;

    private readonly JourneyEngine _engine;
    private readonly StageMapping _mapping;
    private readonly Dictionary<ulong, int> _stages = [];
    private readonly bool _keyed;

    public StageCache(JourneyEngine engine, StageMapping mapping)
    {
        _engine = engine;
        _mapping = mapping;
        _keyed = engine.Model.Tasks.Length <= MaxTasks;
    }

    /// <summary>The stage of the journey right after its last signal (assessed as of that signal).</summary>
    public int StageOf(JourneyState state)
    {
        if (_keyed)
        {
            var key = (ulong)state.Status;
            var tasks = state.Tasks;
            for (var i = 0; i < tasks.Length; i++)
            {
                key = (key << 3) | (byte)tasks[i].Phase;
            }

            if (_stages.TryGetValue(key, out var stage))
            {
                return stage;
            }
        }

        return StageOf(_engine.Assess(state, state.LastSignalAt!.Value));
    }

    /// <summary>The stage of an assessed journey.</summary>
    public int StageOf(JourneyAssessment assessment)
    {
        if (!_keyed)
        {
            return _mapping.Project(assessment).Index;
        }

        var key = (ulong)assessment.Status;
        foreach (var task in assessment.Tasks)
        {
            key = (key << 3) | (byte)task.Phase;
        }

        if (!_stages.TryGetValue(key, out var stage))
        {
            stage = _mapping.Project(assessment).Index;
            if (_stages.Count < MaxEntries)
            {
                _stages[key] = stage;
            }
        }

        return stage;
    }
}
