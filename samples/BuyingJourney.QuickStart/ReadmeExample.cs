// The README's usage block is this file's readme-usings region followed by the body of Run (the readme region): a test
// checks that the README quotes the two verbatim. CI also builds and runs every README block as a console app of its own.
// #region readme-usings
using System;
using BuyingJourney;
using BuyingJourney.Signals;
// #endregion readme-usings

namespace BuyingJourney.QuickStart;

/// <summary>The README's usage example.</summary>
public static class ReadmeExample
{
    /// <summary>Runs the usage example and returns a one-line summary.</summary>
    public static string Run()
    {
        // #region readme
        var engine = JourneyEngine.CreateDefault();            // Gartner's six tasks, default rules and playbook
        var day = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        Signal[] signals =
        [
            new("s1", "acme", day, SignalTypes.ProblemStated),
            new("s2", "acme", day.AddDays(2), SignalTypes.ProblemDefined),
            new("s3", "acme", day.AddDays(5), SignalTypes.SolutionResearched),
            new("s4", "acme", day.AddDays(8), SignalTypes.ProblemMetricMissed), // back to the problem
        ];

        var state = engine.Replay("acme", signals);               // the left fold over the signals
        var assessment = engine.Assess("acme", signals, day.AddDays(9)); // as of a time, with evidence

        Console.WriteLine($"Active: {string.Join(", ", assessment.ActiveTasks)}");
        foreach (var loopBack in assessment.LoopBacks)
            Console.WriteLine($"Loop-back: {loopBack}");
        foreach (var action in assessment.Advice)
            Console.WriteLine($"{action.Priority}: {action.Title}\n  {action.Rationale}");
        // #endregion readme
        return $"{state.SignalCount} signals; active {string.Join(", ", assessment.ActiveTasks)}; {assessment.LoopBacks.Length} loop-back(s)";
    }
}
