using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BuyingJourney;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Rules.Json;
using BuyingJourney.Signals;

// Loads a JSON rulebook (the acme.rulebook.json shipped next to this program, or the path given as the first
// argument), applies its per-task overrides to Gartner's model, and replays a short journey with it.
var path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "acme.rulebook.json");

RulebookDocument document;
try
{
    using var file = File.OpenRead(path);
    document = await RulebookJson.LoadDocumentAsync(file);
}
catch (RulebookValidationException ex)
{
    Console.Error.WriteLine($"{path} is not a valid rulebook ({ex.Errors.Length} problem{(ex.Errors.Length == 1 ? "" : "s")}):");
    foreach (var error in ex.Errors)
    {
        Console.Error.WriteLine($"  {error.Path}: {error.Message}");
    }

    return 1;
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"cannot read {path}: {ex.Message}");
    return 1;
}

var model = document.ApplyTo(BuyingModels.Gartner);
var engine = new JourneyEngineBuilder().UseModel(model).UseRulebook(document.Rulebook).Build();
Console.WriteLine($"Loaded {document} for model \"{document.Model}\" from {path}");
foreach (var (taskId, settings) in document.TaskSettings.OrderBy(s => model.IndexOf(s.Key)))
{
    Console.WriteLine($"  override {taskId}: half-life {settings.HalfLife.TotalDays:0.#} days, activation {settings.ActivationThreshold}, reopen {settings.ReopenThreshold}, dormancy {settings.DormancyThreshold}");
}

Console.WriteLine();

const string journeyId = "globex";
var start = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
var cfo = new Stakeholder("cfo", StakeholderRoles.DecisionMaker);
var analyst = new Stakeholder("analyst", StakeholderRoles.Influencer);
(Signal Signal, string Note)[] script =
[
    (new("s1", journeyId, start, SignalTypes.ProblemStated, analyst), "The analyst says month-end close takes too long."),
    (new("s2", journeyId, start.AddDays(4), SignalTypes.ProblemDefined, analyst), "They agree the problem: manual reconciliation."),
    (new("s3", journeyId, start.AddDays(8), "webinar.attended", analyst, attributes: Topic("roi")), "The analyst attends our ROI webinar (custom attribute rule)."),
    (new("s4", journeyId, start.AddDays(10), "email.replied", analyst), "The analyst replies to our email (no rule: not a decision-maker)."),
    (new("s5", journeyId, start.AddDays(12), "email.replied", cfo), "The CFO replies to our email (stakeholder-role rule)."),
    (new("s6", journeyId, start.AddDays(15), SignalTypes.ProblemMetricMissed, cfo), "The CFO: the real issue is the audit findings."),
];

var state = engine.Start(journeyId);
foreach (var (signal, note) in script)
{
    var result = engine.Apply(state, signal);
    state = result.State;
    Console.WriteLine($"{signal.OccurredAt:yyyy-MM-dd} {signal.Id} {signal.Type}: {note}");
    if (result.Evidence.IsEmpty)
    {
        Console.WriteLine($"    {result.Outcome}: no rule matched");
    }

    foreach (var evidence in result.Evidence)
    {
        var what = evidence.Kind switch
        {
            EvidenceKind.Completion => $"completes {evidence.TaskId}",
            EvidenceKind.JourneyEffect => $"journey {evidence.Effect}",
            _ => $"{evidence.TaskId} +{evidence.Weight:0.##}",
        };
        Console.WriteLine($"    {evidence.RuleId}: {what} ({evidence.Reason})");
    }

    foreach (var loopBack in result.LoopBacks)
    {
        Console.WriteLine($"    LOOP-BACK to {DisplayName(loopBack.TaskId)}, from {string.Join(", ", loopBack.LoopedBackFrom.Select(DisplayName))}");
    }
}

var assessment = engine.Assess(journeyId, script.Select(s => s.Signal), start.AddDays(16));
Console.WriteLine();
Console.WriteLine($"As of {assessment.AsOf:yyyy-MM-dd}:");
Console.WriteLine($"  Active tasks: {string.Join(", ", assessment.ActiveTasks.Select(DisplayName))}");
foreach (var task in assessment.Tasks)
{
    Console.WriteLine($"    {task.Task.DisplayName,-24} {task.Phase,-10} {task.Score:0.00}");
}

Console.WriteLine($"  Loop-backs: {assessment.LoopBacks.Length}");
foreach (var loopBack in assessment.LoopBacks)
{
    Console.WriteLine($"    {loopBack}");
}

if (assessment.Advice.IsEmpty)
{
    Console.WriteLine("  No advice.");
}
else
{
    var top = assessment.Advice[0];
    Console.WriteLine($"  Top advice: {top}");
    Console.WriteLine($"    {top.Rationale}");
}

return 0;

static Dictionary<string, string> Topic(string topic) => new(StringComparer.Ordinal) { ["topic"] = topic };

string DisplayName(string taskId) => model.Tasks[model.IndexOf(taskId)].DisplayName;
