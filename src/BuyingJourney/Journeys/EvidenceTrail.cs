using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Evidence;
using BuyingJourney.Model;

namespace BuyingJourney.Journeys;

/// <summary>
/// Per task, the evidence behind its current score, kept while tracing for an assessment's explanations: weight
/// evidence since the score was last reset, after the completion that reset it. Follows what each step's lifecycle
/// did (<see cref="StepRecorder.Completed"/>, <see cref="StepRecorder.ScoresReset"/>), never re-deciding it.
/// </summary>
internal sealed class EvidenceTrail
{
    private readonly BuyingModel _model;
    private readonly List<EvidenceRecord>[] _tasks;

    public EvidenceTrail(BuyingModel model)
    {
        _model = model;
        _tasks = new List<EvidenceRecord>[model.Tasks.Length];
        for (var i = 0; i < _tasks.Length; i++)
        {
            _tasks[i] = [];
        }
    }

    /// <summary>Each task's evidence, in model order, oldest first.</summary>
    public List<EvidenceRecord>[] Tasks => _tasks;

    /// <summary>Follows one applied step: its evidence, the tasks it completed, whether it reset every score.</summary>
    public void Add(ImmutableArray<EvidenceRecord> evidence, uint completed, bool scoresReset)
    {
        foreach (var record in evidence)
        {
            if (record.Kind == EvidenceKind.Weight)
            {
                _tasks[_model.IndexOf(record.TaskId!)].Add(record);
            }
        }

        // A completion resets the task's score: its evidence is now the completion.
        for (var bits = completed; bits != 0; bits &= bits - 1)
        {
            var task = System.Numerics.BitOperations.TrailingZeroCount(bits);
            var list = _tasks[task];
            list.Clear();
            for (var i = evidence.Length - 1; i >= 0; i--)
            {
                var record = evidence[i];
                if (record.Kind == EvidenceKind.Completion && _model.IndexOf(record.TaskId!) == task)
                {
                    list.Add(record); // the last completion of the step stands for it
                    break;
                }
            }
        }

        // A stall, win or loss resets every score: no weight evidence stands behind any task.
        if (scoresReset)
        {
            foreach (var list in _tasks)
            {
                list.RemoveAll(static r => r.Kind == EvidenceKind.Weight);
            }
        }
    }
}
