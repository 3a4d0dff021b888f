using System;
using System.Collections.Generic;
using BuyingJourney.Assessment;
using BuyingJourney.Phases;

namespace BuyingJourney.Analytics.Internal;

// The portfolio tally, part: counting a folded journey, as assessed at the analysis time, into the accumulators (status,
// stage, task phases, groups, cycle times, quiet journeys, loop-backs and active pairs).
internal sealed partial class PortfolioTally
{
    private void Count(JourneyAssessment assessment, int stageAtLastSignal, long stageSince, long startTicks, int furthest, ulong startedMask, ulong patternMask)
    {
        _journeys++;
        var state = assessment.State;
        var status = assessment.Status;
        var closed = status is JourneyStatus.Won or JourneyStatus.Lost;
        var won = status == JourneyStatus.Won;
        _status[(int)status]++;

        var stage = _stageCache.StageOf(assessment);
        if (stage != stageAtLastSignal)
        {
            // Time alone (tasks fading after the last signal) moved the journey: it is here since the latest phase change.
            foreach (var task in assessment.Tasks)
            {
                if (task.Since is { } since && since.UtcTicks > stageSince)
                {
                    stageSince = since.UtcTicks;
                }
            }
        }

        _stageNow[stage]++;
        var fadesBy = _asOf + _options.FadingWithin;
        var fading = false;
        for (var i = 0; i < assessment.Tasks.Length; i++)
        {
            var task = assessment.Tasks[i];
            var cell = (i * Phases) + (int)task.Phase;
            _phaseCounts[cell]++;
            if (!closed && task.Phase != TaskPhase.NotStarted)
            {
                _phaseTime[cell].Add(task.TimeInPhase);
            }

            if (task.FadesAt is { } fadesAt && fadesAt <= fadesBy)
            {
                fading = true;
            }

            if ((startedMask & (1UL << i)) != 0)
            {
                _started[i]++;
            }
        }

        CountPairs();
        var configuration = _configurations.Group(startedMask);
        var pattern = _patterns.Group(patternMask);
        _configurations.Count(configuration, closed, won);
        _patterns.Count(pattern, closed, won);
        long closeTicks = 0;
        if (closed)
        {
            closeTicks = state.StatusSince?.UtcTicks ?? startTicks;
            (won ? _cycleWon : _cycleLost).Add(new TimeSpan(closeTicks - startTicks));
            var key = (furthest, pattern);
            if (!_closedByFurthest.TryGetValue(key, out var counts))
            {
                counts = new int[2];
                _closedByFurthest[key] = counts;
            }

            counts[won ? 0 : 1]++;
        }
        else
        {
            _stageTime[stage].Add(new TimeSpan(_asOf.UtcTicks - stageSince));
            var key = (stage, pattern);
            _openByStage[key] = _openByStage.GetValueOrDefault(key) + 1;
            _fading += fading ? 1 : 0;
            var silence = _asOf - state.LastSignalAt!.Value;
            if (silence >= _options.QuietAfter)
            {
                _quiet++;
                if (_options.QuietJourneysListed > 0)
                {
                    var quiet = new QuietJourney(state.JourneyId, state.LastSignalAt.Value, silence, _mapping.Stages[stage].Id);
                    _quietJourneys.Enqueue(quiet, quiet);
                    if (_quietJourneys.Count > _options.QuietJourneysListed)
                    {
                        _quietJourneys.Dequeue();
                    }
                }
            }
        }

        CountLoopBacks(closed, won, startTicks, closeTicks);
    }

    private void CountLoopBacks(bool closed, bool won, long startTicks, long closeTicks)
    {
        foreach (var (cell, at) in _journeyLoopBacks)
        {
            _cellCount[cell]++;
            _cellSinceStart[cell].Add(new TimeSpan(at - startTicks));
            if (closed && closeTicks > startTicks)
            {
                _cellShareSum[cell] += (double)(at - startTicks) / (closeTicks - startTicks);
                _cellShareCount[cell]++;
            }

            if (!_cellSeen[cell])
            {
                _cellSeen[cell] = true;
                _cellJourneys[cell]++;
                if (closed)
                {
                    (won ? _cellWon : _cellLost)[cell]++;
                }
            }
        }

        foreach (var (cell, _) in _journeyLoopBacks)
        {
            _cellSeen[cell] = false;
        }
    }

    private void CountPairs()
    {
        for (var i = 0; i < _pairSeen.Length; i++)
        {
            if (_pairSeen[i])
            {
                _pairs[i]++;
                _pairSeen[i] = false;
            }
        }
    }
}
