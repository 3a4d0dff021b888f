using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Rules;
using BuyingJourney.Signals;

namespace BuyingJourney.Journeys;

/// <summary>
/// The fold run over a journey's signals in the three ways the engine offers: one signal (apply, with its
/// explanation), a whole stream (replay: sorted, each id once, no explanation kept), and a stream with every step
/// explained (trace, optionally keeping the evidence trail an assessment explains itself with). Thread-safe.
/// </summary>
internal sealed class JourneyRuns
{
    [ThreadStatic]
    private static Pooled? t_pooled;

    private readonly JourneyFold _fold;

    public JourneyRuns(JourneyFold fold) => _fold = fold;

    /// <summary>The model's tasks and their parameters.</summary>
    public Model.TaskParameterTable Table => _fold.Table;

    /// <summary>
    /// Folds one signal into <paramref name="state"/> (checked by the caller) with its explanation. The thread's
    /// working copy stays the copy of the state it returns, so the next call with that state (a caller applying a
    /// journey's signals one by one) folds on without loading it again; any other state is loaded first.
    /// </summary>
    public ApplyResult Apply(JourneyState state, Signal signal)
    {
        // A repeated or late signal is refused before the journey is copied to be folded.
        if (!SignalOrder.After(state.LastSignalId, state.LastSignalTicks, signal, out var order, out var why))
        {
            return new ApplyResult(state, order, why!);
        }

        var pooled = Pooled.Rent();
        var journey = pooled.Journey;
        try
        {
            // Forgotten first: if loading or folding throws, the working copy is no one's copy.
            var loaded = pooled.TakeCopyOf(_fold, state);
            if (!loaded)
            {
                journey.Load(state, _fold.Table);
            }

            var outcome = _fold.Step(journey, signal, pooled.Collector, pooled.Recorder, out var reason);
            if (outcome != SignalOutcome.Applied)
            {
                // A refused signal leaves the working copy untouched: still the copy of the state.
                pooled.KeepCopyOf(_fold, state);
                return new ApplyResult(state, outcome, reason!);
            }

            var next = journey.Snapshot();
            pooled.KeepCopyOf(_fold, next);
            return new ApplyResult(next, pooled.Recorder.Freeze());
        }
        finally
        {
            Pooled.Return(pooled);
        }
    }

    /// <summary>
    /// The replay loop: <paramref name="signals"/> in journey order, the first of each id, folded into
    /// <paramref name="from"/> (checked by the caller; null: a journey with no signals yet); a rule's refusal is
    /// reported in <paramref name="failures"/> by signal id when given. Allocation-free per signal in steady state:
    /// the sorted copy of the input, the set of seen ids and the working copy of the journey are per-thread buffers;
    /// only the final state is allocated (plus what the journey itself adds).
    /// </summary>
    public JourneyState Replay(string journeyId, JourneyState? from, IEnumerable<Signal> signals, Dictionary<string, string>? failures)
    {
        var buffers = SignalStream.ReplayBuffers.Rent();
        var pooled = Pooled.Rent();
        var journey = pooled.Journey;
        try
        {
            pooled.Forget();
            if (from is null)
            {
                journey.StartOver(journeyId, _fold.Table.Model);
            }
            else
            {
                journey.Load(from, _fold.Table);
            }

            var inOrder = SignalStream.InOrder(journeyId, signals, ref buffers.Signals);
            buffers.Used = inOrder.Length;
            var sorted = SignalStream.FirstOfEachId(inOrder, ref buffers.Signals, buffers.Seen);

            // The input is in journey order and each id is kept once, so once a signal sorts after the state's last
            // one (a snapshot's), every later one does: only the leading signals need the check.
            var checkOrder = journey.LastSignalId is not null;
            for (var i = 0; i < sorted.Length; i++)
            {
                var signal = sorted[i];
                if (checkOrder)
                {
                    if (!SignalOrder.After(journey.LastSignalId, journey.LastSignalTicks, signal, out _, out _))
                    {
                        continue;
                    }

                    checkOrder = false;
                }

                if (_fold.Step(journey, signal, pooled.Collector, null, out var reason) == SignalOutcome.RuleFailed
                    && failures is not null)
                {
                    failures[signal.Id] = reason!;
                }
            }

            return journey.Complete();
        }
        finally
        {
            Pooled.Return(pooled);
            SignalStream.ReplayBuffers.Return(buffers);
        }
    }

    /// <summary>Every signal of <paramref name="sorted"/> (checked, in journey order) with what it did; <paramref name="trail"/> follows each applied step when given.</summary>
    public JourneyTrace Trace(string journeyId, Signal[] sorted, EvidenceTrail? trail)
    {
        var journey = JourneyAccumulator.Start(journeyId, _fold.Table.Model);
        var steps = ImmutableArray.CreateBuilder<TraceStep>(sorted.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pooled = Pooled.Rent();
        var recorder = pooled.Recorder;
        try
        {
            foreach (var signal in sorted)
            {
                recorder.Clear();
                SignalOutcome outcome;
                string? reason;
                if (seen.Add(signal.Id))
                {
                    outcome = _fold.Step(journey, signal, pooled.Collector, recorder, out reason);
                }
                else
                {
                    outcome = SignalOutcome.Duplicate;
                    reason = $"signal \"{signal.Id}\" appears earlier in the journey; this copy is ignored.";
                }

                var explanation = outcome == SignalOutcome.Applied ? recorder.Freeze() : default;
                var records = explanation.Evidence();
                if (outcome == SignalOutcome.Applied)
                {
                    trail?.Add(records, recorder.Completed, recorder.ScoresReset);
                }

                steps.Add(new TraceStep(signal, outcome, reason, records, explanation.Transitions(), explanation.LoopBacks, journey.Snapshot()));
            }
        }
        finally
        {
            Pooled.Return(pooled);
        }

        return new JourneyTrace(journeyId, journey.Complete(), steps.MoveToImmutable());
    }

    /// <summary>A collector and a recorder per thread, reused from one run to the next; a nested run (a rule that folds) gets its own.</summary>
    private sealed class Pooled
    {
        public EvidenceCollector Collector { get; } = new();

        public StepRecorder Recorder { get; } = new();

        /// <summary>
        /// The working copy <see cref="Apply"/> and <see cref="Replay"/> fold into: each use starts with
        /// <see cref="JourneyAccumulator.Load"/> or <see cref="JourneyAccumulator.StartOver"/>, unless it is already the
        /// copy of the state <see cref="Apply"/> is given (<see cref="TakeCopyOf"/>).
        /// </summary>
        public JourneyAccumulator Journey { get; } = JourneyAccumulator.Start("pooled", Model.BuyingModels.Gartner);

        public bool InUse { get; private set; }

        /// <summary>
        /// The state <see cref="Journey"/> is the working copy of (made by <see cref="Apply"/> of <see cref="_copyFold"/>,
        /// which folded it: a state of another engine has other parameters), or null. Kept between runs: it holds one
        /// state per thread alive until the thread's next run.
        /// </summary>
        private JourneyState? _copyOf;
        private JourneyFold? _copyFold;

        /// <summary>True when <see cref="Journey"/> is already the working copy of <paramref name="state"/> for <paramref name="fold"/>; forgets it either way.</summary>
        public bool TakeCopyOf(JourneyFold fold, JourneyState state)
        {
            var same = ReferenceEquals(_copyOf, state) && ReferenceEquals(_copyFold, fold);
            Forget();
            return same;
        }

        /// <summary>Records that <see cref="Journey"/> is the working copy of <paramref name="state"/> (as <paramref name="fold"/> folds it).</summary>
        public void KeepCopyOf(JourneyFold fold, JourneyState state)
        {
            _copyOf = state;
            _copyFold = fold;
        }

        /// <summary>Forgets whose working copy <see cref="Journey"/> is (a run that folds it from elsewhere).</summary>
        public void Forget()
        {
            _copyOf = null;
            _copyFold = null;
        }

        public static Pooled Rent()
        {
            var pooled = t_pooled;
            if (pooled is null || pooled.InUse)
            {
                pooled = new Pooled();
                t_pooled ??= pooled;
            }

            pooled.InUse = true;
            return pooled;
        }

        public static void Return(Pooled pooled)
        {
            pooled.Recorder.Clear();
            pooled.InUse = false;
        }
    }
}
