using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Internal;
using BuyingJourney.Journeys;
using BuyingJourney.Phases;
using BuyingJourney.Playbooks;

namespace BuyingJourney.Export;

/// <summary>
/// A self-contained HTML journey report: one file with no scripts and no external fonts, styles or images (its
/// Content-Security-Policy forbids loading any), to open in a browser, attach to a CRM record or mail.
/// </summary>
/// <remarks>
/// Every text that comes from signals, stakeholders, models, rulebooks or the playbook is HTML-encoded. Output uses "\n"
/// line endings, UTC times and invariant formatting, and is deterministic. Stateless and thread-safe.
/// </remarks>
public static class Html
{
    private const double LabelWidth = 250;
    private const double PlotWidth = 760;
    private const double LaneHeight = 32;
    private const double Top = 36;
    private const double BarHeight = 16;

    /// <summary>
    /// The journey report as of the assessment's time: an SVG of the tasks as concurrent swim lanes over time (a
    /// <c>g.lane</c> per task with <c>data-task</c>; a <c>rect.interval</c> per phase interval with <c>data-phase</c>;
    /// a <c>circle.evidence</c> per piece of evidence with <c>data-signal</c>; a <c>g.loop-back</c> per loop-back with
    /// <c>data-task</c>, <c>data-signal</c> and <c>data-from</c>, drawn from the lanes the customer came back from; a
    /// <c>g.status-change</c> per status change), each with a <c>title</c> naming the signals and evidence behind it,
    /// shown on hover; then the tasks now, the buying group (stakeholders, roles, engagement, tasks they work on) with
    /// the consensus coverage, the ranked next best actions with their reasons and expected effects, and the
    /// guardrails (what to avoid now).
    /// </summary>
    /// <param name="trace">A trace from <c>JourneyEngine.Trace</c> of the journey's signals.</param>
    /// <param name="assessment">
    /// The journey assessed from the same signals (its <see cref="JourneyAssessment.State"/> equal to the trace's), as of
    /// the time the report is for; <c>JourneyEngine.Assess(journeyId, signals, asOf)</c> also fills each task's evidence.
    /// </param>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">The assessment is not of the journey state the trace ends in.</exception>
    public static string JourneyReport(JourneyTrace trace, JourneyAssessment assessment)
    {
        Guard.NotNull(trace);
        Guard.NotNull(assessment);
        if (!trace.State.Equals(assessment.State))
        {
            throw new ArgumentException(
                $"the assessment is of journey \"{assessment.JourneyId}\" after {assessment.State.SignalCount} signals, not of the state the trace ends in (journey \"{trace.JourneyId}\" after {trace.State.SignalCount} signals); assess the same signals the trace replayed.",
                nameof(assessment));
        }

        var lanes = JourneyLanes.From(trace, assessment.Tasks.Select(task => task.Task).ToImmutableArray(), assessment);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>Journey {E(lanes.JourneyId)}</title>\n<style>\n{Style}</style>\n</head>\n<body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<header>\n<h1>Journey {E(lanes.JourneyId)}</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\">Model {E(lanes.ModelName)}, rulebook {E(assessment.RulebookName)} {E(assessment.RulebookVersion)}; as of {JourneyLanes.Time(assessment.AsOf)} UTC the journey is <strong class=\"status\" data-status=\"{assessment.Status}\">{assessment.Status}</strong>, after {PlainWords.Count(assessment.State.SignalCount, "signal", "signals")} and {PlainWords.Count(assessment.State.LoopBackCount, "loop-back", "loop-backs")}.</p>\n</header>\n");
        Lanes(html, lanes);
        TasksNow(html, assessment);
        BuyingGroup(html, assessment, lanes);
        Actions(html, assessment);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Lanes(StringBuilder html, JourneyLanes lanes)
    {
        html.Append("<section class=\"journey\">\n<h2>The tasks over time</h2>\n");
        if (lanes.IsEmpty)
        {
            html.Append("<p class=\"empty\">No signals applied yet.</p>\n</section>\n");
            return;
        }

        var height = Top + (lanes.Lanes.Count * LaneHeight) + 8;
        var span = Math.Max(1, (lanes.End - lanes.Start).Ticks);
        double X(DateTimeOffset at) => LabelWidth + (PlotWidth * (at - lanes.Start).Ticks / span);
        double Y(int lane) => Top + (lane * LaneHeight) + (LaneHeight / 2);
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"lanes\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(LabelWidth + PlotWidth + 20)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(LabelWidth + PlotWidth + 20)} {N(height)}\" role=\"img\" aria-label=\"The journey's tasks as swim lanes over time\">\n");
        for (var tick = 0; tick <= 4; tick++)
        {
            var at = lanes.Start.AddTicks(span * tick / 4);
            var x = X(at);
            var anchor = tick == 0 ? "start" : tick == 4 ? "end" : "middle";
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"tick\"><line x1=\"{N(x)}\" y1=\"{N(Top - 8)}\" x2=\"{N(x)}\" y2=\"{N(height - 4)}\"/><text x=\"{N(x)}\" y=\"{N(Top - 14)}\" text-anchor=\"{anchor}\">{JourneyLanes.Date(at)}</text></g>\n");
        }

        for (var i = 0; i < lanes.Lanes.Count; i++)
        {
            var lane = lanes.Lanes[i];
            var label = JourneyLanes.Label(lane.Task);
            var y = Y(i);
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"lane\" data-task=\"{E(lane.Task.Id)}\">\n");
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"lane-label\" x=\"8\" y=\"{N(y + 5)}\">{E(label)}<title>{E(lane.Task.BuyerQuestion)}</title></text>\n");
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"lane-rule\" x1=\"{N(LabelWidth)}\" y1=\"{N(y)}\" x2=\"{N(LabelWidth + PlotWidth)}\" y2=\"{N(y)}\"/>\n");
            foreach (var interval in lane.Intervals)
            {
                var x = X(interval.From);
                var width = Math.Max(3, X(interval.To ?? interval.From) - x);
                var title = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{label}: {interval.Span}");
                if (interval.Entered is { } entered)
                {
                    title.Append(CultureInfo.InvariantCulture, $"\n{(interval.IsLoopBack ? "loop-back: " : string.Empty)}{entered.Reason}{(entered.SignalId is { } id ? $" (signal {id})" : string.Empty)}");
                }

                foreach (var evidence in interval.Evidence)
                {
                    title.Append("\n- ").Append(evidence.ToString());
                }

                html.Append(CultureInfo.InvariantCulture, $"<rect class=\"interval phase-{interval.Phase.ToString().ToLowerInvariant()}\" data-phase=\"{interval.Phase}\" data-from=\"{JourneyLanes.Time(interval.From)}\" x=\"{N(x)}\" y=\"{N(y - (BarHeight / 2))}\" width=\"{N(width)}\" height=\"{N(BarHeight)}\" rx=\"3\"><title>{E(title.ToString())}</title></rect>\n");
                if (interval.Phase == TaskPhase.Completed)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<text class=\"completed-mark\" x=\"{N(x + 2)}\" y=\"{N(y + 5)}\">✓</text>\n");
                }
            }

            foreach (var evidence in lane.Evidence)
            {
                html.Append(CultureInfo.InvariantCulture, $"<circle class=\"evidence\" data-signal=\"{E(evidence.Signal.Id)}\" cx=\"{N(X(evidence.Signal.OccurredAt))}\" cy=\"{N(y + (BarHeight / 2) + 4)}\" r=\"3\"><title>{E(evidence.ToString())}</title></circle>\n");
            }

            foreach (var loopBack in lane.LoopBacks)
            {
                var x = X(loopBack.At);
                html.Append(CultureInfo.InvariantCulture, $"<g class=\"loop-back\" data-task=\"{E(loopBack.TaskId)}\" data-signal=\"{E(loopBack.SignalId)}\" data-from=\"{E(string.Join(" ", loopBack.LoopedBackFrom))}\"><title>{E($"loop-back on {JourneyLanes.Time(loopBack.At)}: {lanes.Describe(loopBack)}")}</title>");
                foreach (var from in loopBack.LoopedBackFrom)
                {
                    var source = lanes.Lanes.FindIndex(other => string.Equals(other.Task.Id, from, StringComparison.Ordinal));
                    html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x)}\" y1=\"{N(Y(source))}\" x2=\"{N(x)}\" y2=\"{N(y)}\"/>");
                }

                html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"7\"/><text x=\"{N(x)}\" y=\"{N(y + 4)}\" text-anchor=\"middle\">↺</text></g>\n");
            }

            html.Append("</g>\n");
        }

        foreach (var change in lanes.Statuses)
        {
            var x = X(change.At);
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"status-change\" data-status=\"{change.Status}\"><title>{E($"journey {change.Status} on {JourneyLanes.Time(change.At)} (signal {change.Signal.Id} {change.Signal.Type})")}</title><line x1=\"{N(x)}\" y1=\"{N(Top - 4)}\" x2=\"{N(x)}\" y2=\"{N(height - 4)}\"/><text x=\"{N(x - 3)}\" y=\"{N(Top - 2)}\" text-anchor=\"end\">{change.Status}</text></g>\n");
        }

        html.Append("</svg>\n");
        html.Append("<p class=\"legend\"><span class=\"key phase-active\"></span> active <span class=\"key phase-revisiting\"></span> revisiting <span class=\"key phase-dormant\"></span> dormant <span class=\"key phase-completed\"></span> completed <span class=\"key-loop\">↺</span> loop-back (dashed from where the customer came back) <span class=\"key-dot\"></span> evidence; hover for the signals.</p>\n");
        var loopBacks = lanes.LoopBacks().ToList();
        if (loopBacks.Count > 0)
        {
            html.Append("<ul class=\"loop-backs\">\n");
            foreach (var loopBack in loopBacks)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{JourneyLanes.Date(loopBack.At)}: {E(lanes.Describe(loopBack))}</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</section>\n");
    }

    private static void TasksNow(StringBuilder html, JourneyAssessment assessment)
    {
        html.Append("<section class=\"tasks-now\">\n<h2>The tasks now</h2>\n<table>\n<thead><tr><th>Task</th><th>Phase</th><th>Score</th><th>Since</th><th>Loop-backs</th></tr></thead>\n<tbody>\n");
        foreach (var task in assessment.Tasks)
        {
            var since = task.Since is { } at ? JourneyLanes.Time(at) : "never started";
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"task{(task.IsActive ? " is-active" : string.Empty)}\" data-task=\"{E(task.TaskId)}\"><td>{E(JourneyLanes.Label(task.Task))}</td><td>{Mermaid.PhaseName(task.Phase)}</td><td>{task.Score.ToString("0.00", CultureInfo.InvariantCulture)}</td><td>{since}</td><td>{task.LoopBackCount}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void BuyingGroup(StringBuilder html, JourneyAssessment assessment, JourneyLanes lanes)
    {
        html.Append("<section class=\"buying-group\">\n<h2>The buying group</h2>\n");
        if (assessment.BuyingGroup.IsEmpty)
        {
            html.Append("<p class=\"empty\">Nobody in the buying group has shown up yet.</p>\n");
        }
        else
        {
            html.Append("<table>\n<thead><tr><th>Stakeholder</th><th>Roles</th><th>Engagement</th><th>Working on</th></tr></thead>\n<tbody>\n");
            foreach (var person in assessment.BuyingGroup)
            {
                var working = person.ActiveTasks.IsEmpty ? "no task now" : string.Join(", ", person.ActiveTasks.Select(lanes.TaskName));
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"stakeholder\" data-stakeholder=\"{E(person.Id)}\" data-engagement=\"{person.Status}\"><td>{E(person.Id)}</td><td>{E(string.Join(", ", person.Roles.Select(role => PlainWords.Role(assessment.Journey.Plan.Group, role))))}</td><td>{person.Status}</td><td>{E(working)}</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        var coverage = assessment.Coverage;
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"coverage\">{PlainWords.Count(coverage.EngagedStakeholders, "person", "people")} engaged; roles missing: {E(List(coverage.MissingRoles.Select(role => PlainWords.Role(assessment.Journey.Plan.Group, role))))}; gone quiet: {E(List(coverage.QuietRoles.Select(role => PlainWords.Role(assessment.Journey.Plan.Group, role))))}; sign-off roles not engaged: {E(List(coverage.MissingSignOffRoles.Select(role => PlainWords.Role(assessment.Journey.Plan.Group, role))))}.</p>\n</section>\n");
    }

    private static void Actions(StringBuilder html, JourneyAssessment assessment)
    {
        html.Append("<section class=\"actions\">\n<h2>Next best actions</h2>\n");
        if (assessment.NextBestActions.IsEmpty)
        {
            html.Append("<p class=\"empty\">No action recommended now.</p>\n");
        }
        else
        {
            html.Append("<ol>\n");
            foreach (var action in assessment.NextBestActions)
            {
                // The person the action is for; an action for a role nobody holds names the role in its title.
                var target = action.TargetStakeholderId is { } who ? $" (with {who})" : string.Empty;
                html.Append(CultureInfo.InvariantCulture, $"<li class=\"action\" data-code=\"{E(action.Code)}\" data-priority=\"{action.Priority}\"><span class=\"priority\">{action.Priority}</span> <strong>{E(action.Title)}</strong>{E(target)}\n<p class=\"why\">Why: {E(action.Rationale)}</p>\n");
                if (action.ExpectedEffect is { } effect)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p class=\"effect\">Expected effect: {E(effect)}</p>\n");
                }

                html.Append("</li>\n");
            }

            html.Append("</ol>\n");
        }

        html.Append("</section>\n<section class=\"guardrails\">\n<h2>Avoid now</h2>\n");
        if (assessment.Guardrails.IsEmpty)
        {
            html.Append("<p class=\"empty\">Nothing to avoid now.</p>\n");
        }
        else
        {
            html.Append("<ul>\n");
            foreach (var guardrail in assessment.Guardrails)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li class=\"guardrail\" data-code=\"{E(guardrail.Code)}\"><strong>{E(guardrail.Title)}</strong>. {E(guardrail.Reason)}</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</section>\n");
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string List(IEnumerable<string> items) => items.Any() ? string.Join(", ", items) : "none";

    private const string Style =
        "body { font-family: system-ui, sans-serif; margin: 24px; color: #1d2430; max-width: 1060px; }\n"
        + "h1 { font-size: 1.5em; margin: 0 0 4px; } h2 { font-size: 1.15em; margin: 24px 0 8px; }\n"
        + "table { border-collapse: collapse; } th, td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid #e3e6eb; }\n"
        + "tr.is-active td:first-child { font-weight: 600; }\n"
        + "svg.lanes { display: block; } svg text { font-family: system-ui, sans-serif; font-size: 12px; fill: #1d2430; }\n"
        + ".tick line { stroke: #eef0f3; } .tick text { fill: #6b7280; font-size: 11px; } .lane-rule { stroke: #d9dde3; }\n"
        + ".interval.phase-active, .key.phase-active { fill: #2f6fde; background: #2f6fde; }\n"
        + ".interval.phase-revisiting, .key.phase-revisiting { fill: #e8590c; background: #e8590c; }\n"
        + ".interval.phase-dormant, .key.phase-dormant { fill: #c3c8d0; background: #c3c8d0; }\n"
        + ".interval.phase-completed, .key.phase-completed { fill: #cfe8d5; background: #cfe8d5; }\n"
        + ".completed-mark { fill: #1f7a3a; font-weight: 700; }\n"
        + ".evidence, .key-dot { fill: #1d2430; background: #1d2430; }\n"
        + ".loop-back line { stroke: #e8590c; stroke-width: 1.5; stroke-dasharray: 4 3; } .loop-back circle { fill: #fff; stroke: #e8590c; stroke-width: 2; }\n"
        + ".loop-back text, .key-loop { fill: #e8590c; color: #e8590c; font-weight: 700; }\n"
        + ".status-change line { stroke: #7c3aed; stroke-dasharray: 2 3; } .status-change text { fill: #7c3aed; font-size: 11px; }\n"
        + ".legend { color: #4b5563; font-size: 0.9em; } .key { display: inline-block; width: 14px; height: 10px; border-radius: 2px; }\n"
        + ".key-dot { display: inline-block; width: 6px; height: 6px; border-radius: 3px; }\n"
        + ".priority { display: inline-block; min-width: 4.5em; font-size: 0.85em; color: #4b5563; } .why, .effect { margin: 2px 0 8px; color: #374151; }\n";
}
