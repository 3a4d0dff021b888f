using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using BuyingJourney.Phases;

namespace BuyingJourney.Analytics;

/// <summary>
/// Renders a <see cref="PortfolioAnalysis"/> as one self-contained HTML page a sales manager opens: inline CSS and inline
/// SVG, no script and no external resource (its Content-Security-Policy forbids loading any).
/// </summary>
/// <remarks>
/// <para>
/// The page shows the maze (a Sankey-like flow of tasks: the journey's start and every task as nodes in model order,
/// each flow a band as wide as its count, forward flows above, flows back to an earlier task below), the loop-back
/// matrix as a heat map, the stage and phase counts, the win rates with their counts and lift, the flow over time, the
/// forecast with its warnings, the quiet journeys linked to their journey reports, and the rulebook comparison.
/// </para>
/// <para>
/// Every chart carries its figures in data attributes so a browser test can read them from the DOM:
/// <c>data-chart</c> names it (<c>summary</c>, <c>maze</c>, <c>loop-backs</c>, <c>stages</c>, <c>phases</c>,
/// <c>configurations</c>, <c>patterns</c>, <c>flow</c>, <c>forecast</c>, <c>quiet</c>, <c>comparison</c>); its marks
/// carry <c>data-count</c> and what they are of (<c>data-from</c>, <c>data-to</c>, <c>data-stage</c>, <c>data-task</c>,
/// <c>data-phase</c>, <c>data-group</c>, <c>data-period</c>...). Every text from journeys, models or rulebooks is
/// HTML-encoded; output is deterministic ("\n" line endings, invariant formatting, UTC). Stateless and thread-safe.
/// </para>
/// </remarks>
public static class PortfolioDashboard
{
    /// <summary>The placeholder a journey-report URL template holds: replaced by the journey's id, URL-escaped.</summary>
    public const string JourneyIdPlaceholder = "{journeyId}";

    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2933;background:#fff}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d9e2ec;padding-bottom:4px}
        p.summary{margin:0;color:#52606d}table{border-collapse:collapse;font-size:13px}th,td{padding:3px 8px;border-bottom:1px solid #eef2f6;text-align:right}
        th:first-child,td:first-child{text-align:left}th{color:#52606d;font-weight:600}.warn{color:#b44d12}
        svg text{font-size:11px;fill:#1f2933}.flow{fill:none;stroke:#4c7fd1;stroke-opacity:.45}.flow.back{stroke:#d64545}
        .node rect{fill:#243b53}.node text{fill:#fff;font-size:10px}.cell text{font-size:11px}.bar rect{fill:#4c7fd1}
        .entered{fill:#4c7fd1}.advanced{fill:#3ebd93}.moved-back{fill:#d64545}.stalled{fill:#f0b429}.won{fill:#0e7c3a}.lost{fill:#7b8794}
        .legend span{display:inline-block;margin-right:12px;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
        section{max-width:1100px}
        """;

    /// <summary>The dashboard page.</summary>
    /// <param name="analysis">The analysis to show.</param>
    /// <param name="journeyUrlTemplate">
    /// Where a journey's report is, with <see cref="JourneyIdPlaceholder"/> for its id (e.g.
    /// <c>https://crm.example/journeys/{journeyId}/report</c> or a relative <c>reports/{journeyId}.html</c>); null for no links.
    /// </param>
    /// <returns>The HTML page.</returns>
    /// <exception cref="ArgumentNullException">A null analysis.</exception>
    /// <exception cref="ArgumentException">A template without the placeholder, or with a scheme other than http or https.</exception>
    public static string Render(PortfolioAnalysis analysis, string? journeyUrlTemplate = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        CheckTemplate(journeyUrlTemplate);
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        html.Append("<title>Pipeline as of ").Append(Time(analysis.AsOf)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        Summary(html, analysis);
        Maze(html, analysis);
        LoopBacks(html, analysis);
        Stages(html, analysis);
        Phases(html, analysis);
        Groups(html, "configurations", "Win rate by task configuration (the tasks a journey ever started)", analysis.ByTaskConfiguration);
        Groups(html, "patterns", "Win rate by loop-back pattern (the tasks a journey went back to)", analysis.ByLoopBackPattern);
        Flow(html, analysis);
        Forecast(html, analysis);
        Quiet(html, analysis, journeyUrlTemplate);
        Comparison(html, analysis);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void CheckTemplate(string? journeyUrlTemplate)
    {
        var template = journeyUrlTemplate;
        if (template is null)
        {
            return;
        }

        if (!template.Contains(JourneyIdPlaceholder, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the journey URL template \"{template}\" has no {JourneyIdPlaceholder} placeholder for the journey's id.", nameof(journeyUrlTemplate));
        }

        var colon = template.IndexOf(':', StringComparison.Ordinal);
        var end = template.IndexOfAny(['/', '?', '#']);
        if (colon >= 0 && (end < 0 || colon < end))
        {
            var scheme = template[..colon];
            if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"the journey URL template \"{template}\" uses scheme \"{scheme}\"; use http, https or a relative path.", nameof(journeyUrlTemplate));
            }
        }
    }

    private static void Summary(StringBuilder html, PortfolioAnalysis a)
    {
        html.Append(CultureInfo.InvariantCulture, $"<header data-chart=\"summary\" data-journeys=\"{a.Journeys}\" data-open=\"{a.OpenJourneys}\" data-won=\"{a.WonJourneys}\" data-lost=\"{a.LostJourneys}\" data-quiet=\"{a.QuietCount}\" data-fading=\"{a.FadingCount}\">\n");
        html.Append("<h1>Pipeline as of ").Append(Time(a.AsOf)).Append(" UTC</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\">{a.Journeys} journeys ({a.OpenJourneys} open, {a.WonJourneys} won, {a.LostJourneys} lost; {a.NotStarted} not started yet); overall win rate {Rate(a.Overall)}. {a.QuietCount} open journeys quiet, {a.FadingCount} fading. Model {E(a.ModelName)}, rulebook {E(a.Rulebook)}, stages {E(a.StageMappingName)}.</p>\n</header>\n");
    }

    private static void Maze(StringBuilder html, PortfolioAnalysis a)
    {
        var tasks = a.Tasks.Select(t => t.TaskId).ToList();
        var total = a.Flows.Sum(f => f.Count);
        html.Append("<section>\n<h2>The maze: which task follows which</h2>\n");
        const double column = 150, nodeWidth = 110, nodeHeight = 28, middle = 190;
        var width = 40 + (column * (tasks.Count + 1));
        html.Append(CultureInfo.InvariantCulture, $"<svg data-chart=\"maze\" data-count=\"{total}\" width=\"{F(width)}\" height=\"380\" viewBox=\"0 0 {F(width)} 380\" role=\"img\" aria-label=\"task flows\">\n");
        var max = Math.Max(1, a.Flows.Select(f => f.Count).DefaultIfEmpty(1).Max());
        double X(int node) => 20 + (column * node) + (nodeWidth / 2);
        foreach (var flow in a.Flows)
        {
            var from = flow.From is null ? 0 : tasks.IndexOf(flow.From) + 1;
            var to = tasks.IndexOf(flow.To) + 1;
            var back = to < from;
            var bend = (back ? 1 : -1) * (30 + (Math.Abs(to - from) * 28));
            var y = back ? middle + (nodeHeight / 2) : middle - (nodeHeight / 2);
            var stroke = 1.5 + (14.0 * flow.Count / max);
            html.Append(CultureInfo.InvariantCulture, $"<path class=\"flow{(back ? " back" : string.Empty)}\" data-from=\"{E(flow.From ?? "start")}\" data-to=\"{E(flow.To)}\" data-count=\"{flow.Count}\" stroke-width=\"{F(stroke)}\" d=\"M{F(X(from))},{F(y)} C{F(X(from))},{F(y + bend)} {F(X(to))},{F(y + bend)} {F(X(to))},{F(y)}\"><title>{E(flow.From ?? "start")} → {E(flow.To)}: {flow.Count}</title></path>\n");
        }

        Node(html, 20, middle - (nodeHeight / 2), nodeWidth, nodeHeight, "start", "Start", a.Journeys);
        for (var i = 0; i < a.Tasks.Length; i++)
        {
            var task = a.Tasks[i];
            Node(html, 20 + (column * (i + 1)), middle - (nodeHeight / 2), nodeWidth, nodeHeight, task.TaskId, task.DisplayName, task.Started);
        }

        html.Append("</svg>\n<p class=\"legend\"><span><i style=\"background:#4c7fd1\"></i>forward</span><span><i style=\"background:#d64545\"></i>back to an earlier task</span></p>\n");
        html.Append("<table data-chart=\"concurrency\">\n<tr><th>worked on together</th><th>journeys</th></tr>\n");
        foreach (var pair in a.Concurrency.Where(p => !string.Equals(p.First, p.Second, StringComparison.Ordinal)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-from=\"{E(pair.First)}\" data-to=\"{E(pair.Second)}\" data-count=\"{pair.Journeys}\"><td>{E(pair.First)} + {E(pair.Second)}</td><td>{pair.Journeys}</td></tr>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    private static void Node(StringBuilder html, double x, double y, double width, double height, string task, string name, int count)
        => html.Append(CultureInfo.InvariantCulture, $"<g class=\"node\" data-task=\"{E(task)}\" data-count=\"{count}\"><rect x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(width)}\" height=\"{F(height)}\" rx=\"4\"></rect><text x=\"{F(x + 6)}\" y=\"{F(y + 18)}\">{E(Short(name, 13))} ({count})</text><title>{E(name)}: {count}</title></g>\n");

    private static void LoopBacks(StringBuilder html, PortfolioAnalysis a)
    {
        var total = a.LoopBacks.Sum(c => c.Count);
        var rows = new List<string?> { null };
        rows.AddRange(a.Tasks.Select(t => t.TaskId));
        var columns = a.Tasks.Select(t => t.TaskId).ToList();
        const double label = 170, size = 64;
        var max = Math.Max(1, a.LoopBacks.Select(c => c.Count).DefaultIfEmpty(1).Max());
        html.Append("<section>\n<h2>Loop-backs: from which task back to which</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<svg data-chart=\"loop-backs\" data-count=\"{total}\" width=\"{F(label + (size * columns.Count) + 10)}\" height=\"{F(40 + (size * rows.Count))}\" role=\"img\" aria-label=\"loop-back matrix\">\n");
        for (var c = 0; c < columns.Count; c++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(label + (c * size) + 4)}\" y=\"24\">{E(Short(columns[c], 9))}<title>{E(columns[c])}</title></text>\n");
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var y = 34 + (r * size);
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{F(y + (size / 2))}\">from {E(rows[r] ?? "(none active)")}</text>\n");
            for (var c = 0; c < columns.Count; c++)
            {
                var cell = a.LoopBacks.FirstOrDefault(l => string.Equals(l.From, rows[r], StringComparison.Ordinal) && string.Equals(l.To, columns[c], StringComparison.Ordinal));
                var count = cell?.Count ?? 0;
                var opacity = count == 0 ? 0.04 : 0.15 + (0.85 * count / max);
                var title = cell is null
                    ? $"{rows[r] ?? "(none active)"} → {columns[c]}: none"
                    : FormattableString.Invariant($"{cell.From ?? "(none active)"} → {cell.To}: {cell.Count} loop-backs in {cell.Journeys} journeys; closed {cell.Outcome}; median {Days(cell.SinceStart.Median)} after the start");
                html.Append(CultureInfo.InvariantCulture, $"<g class=\"cell\" data-from=\"{E(rows[r] ?? "none")}\" data-to=\"{E(columns[c])}\" data-count=\"{count}\" data-won=\"{cell?.Outcome.Won ?? 0}\" data-lost=\"{cell?.Outcome.Lost ?? 0}\"><rect x=\"{F(label + (c * size))}\" y=\"{F(y)}\" width=\"{F(size - 2)}\" height=\"{F(size - 2)}\" fill=\"#d64545\" fill-opacity=\"{F(opacity)}\"></rect><text x=\"{F(label + (c * size) + 6)}\" y=\"{F(y + 22)}\">{count}</text>");
                if (cell?.Outcome.Lift is { } lift)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(label + (c * size) + 6)}\" y=\"{F(y + 40)}\">lift {lift:0.00}</text>");
                }

                html.Append("<title>").Append(E(title)).Append("</title></g>\n");
            }
        }

        html.Append("</svg>\n</section>\n");
    }

    private static void Stages(StringBuilder html, PortfolioAnalysis a)
    {
        var max = Math.Max(1, a.Stages.Select(s => s.Journeys).DefaultIfEmpty(1).Max());
        const double label = 170, plot = 420, row = 24;
        html.Append("<section>\n<h2>Seller stages now</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<svg data-chart=\"stages\" data-count=\"{a.Stages.Sum(s => s.Journeys)}\" width=\"{F(label + plot + 60)}\" height=\"{F(10 + (row * a.Stages.Length))}\" role=\"img\" aria-label=\"journeys per stage\">\n");
        for (var i = 0; i < a.Stages.Length; i++)
        {
            var stage = a.Stages[i];
            var y = 6 + (i * row);
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\" data-stage=\"{E(stage.StageId)}\" data-count=\"{stage.Journeys}\"><text x=\"4\" y=\"{F(y + 14)}\">{E(stage.DisplayName)}</text><rect x=\"{F(label)}\" y=\"{F(y)}\" width=\"{F(Math.Max(1, plot * stage.Journeys / max))}\" height=\"{F(row - 6)}\"></rect><text x=\"{F(label + (plot * stage.Journeys / max) + 6)}\" y=\"{F(y + 14)}\">{stage.Journeys}</text></g>\n");
        }

        html.Append("</svg>\n<table data-chart=\"stage-rates\">\n<tr><th>stage</th><th>now</th><th>median time there</th><th>p90</th><th>closed that reached it</th><th>won</th><th>win rate</th><th>lift</th></tr>\n");
        foreach (var stage in a.Stages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-stage=\"{E(stage.StageId)}\" data-count=\"{stage.Journeys}\" data-won=\"{stage.Reached.Won}\" data-closed=\"{stage.Reached.Closed}\"><td>{E(stage.DisplayName)}</td><td>{stage.Journeys}</td><td>{Days(stage.TimeInStage.Median)}</td><td>{Days(stage.TimeInStage.P90)}</td><td>{(stage.IsClosing ? "–" : stage.Reached.Closed.ToString(CultureInfo.InvariantCulture))}</td><td>{(stage.IsClosing ? "–" : stage.Reached.Won.ToString(CultureInfo.InvariantCulture))}</td><td>{(stage.IsClosing ? "–" : Rate(stage.Reached))}</td><td>{Lift(stage.Reached)}</td></tr>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    private static void Phases(StringBuilder html, PortfolioAnalysis a)
    {
        var phases = Enum.GetValues<TaskPhase>();
        html.Append("<section>\n<h2>Task phases now</h2>\n<table data-chart=\"phases\">\n<tr><th>task</th>");
        foreach (var phase in phases)
        {
            html.Append("<th>").Append(phase).Append("</th>");
        }

        html.Append("<th>median time active</th><th>loop-backs to it</th></tr>\n");
        foreach (var task in a.Tasks)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-task=\"{E(task.TaskId)}\"><td>{E(task.DisplayName)}</td>");
            foreach (var phase in phases)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td data-phase=\"{phase}\" data-count=\"{task.Journeys(phase)}\">{task.Journeys(phase)}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>{Days(task.TimeIn(TaskPhase.Active).Median)}</td><td>{task.LoopBacks}</td></tr>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    private static void Groups(StringBuilder html, string chart, string title, IEnumerable<OutcomeGroup> groups)
    {
        html.Append("<section>\n<h2>").Append(E(title)).Append("</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<table data-chart=\"{chart}\">\n<tr><th>tasks</th><th>closed</th><th>won</th><th>win rate</th><th>lift</th><th>open now</th></tr>\n");
        foreach (var group in groups.OrderByDescending(g => g.Outcome.Closed).ThenBy(g => g.Label, StringComparer.Ordinal))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-group=\"{E(group.Label)}\" data-closed=\"{group.Outcome.Closed}\" data-won=\"{group.Outcome.Won}\" data-count=\"{group.Outcome.Closed + group.OpenJourneys}\"><td>{E(group.Label)}</td><td>{group.Outcome.Closed}</td><td>{group.Outcome.Won}</td><td>{Rate(group.Outcome)}</td><td>{Lift(group.Outcome)}</td><td>{group.OpenJourneys}</td></tr>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    private static void Flow(StringBuilder html, PortfolioAnalysis a)
    {
        string[] names = ["entered", "advanced", "moved-back", "stalled", "won", "lost"];
        var max = Math.Max(1, a.Periods.Select(p => new[] { p.Entered, p.Advanced, p.MovedBack, p.Stalled, p.Won, p.Lost }.Max()).DefaultIfEmpty(1).Max());
        const double bar = 7, height = 180;
        var group = (bar * names.Length) + 8;
        html.Append(CultureInfo.InvariantCulture, $"<section>\n<h2>Flow over time (per {a.Period.ToString().ToLowerInvariant()})</h2>\n");
        html.Append("<p class=\"legend\">");
        foreach (var name in names)
        {
            html.Append(CultureInfo.InvariantCulture, $"<span><i class=\"{name}\" style=\"background:currentColor\"></i>{name.Replace('-', ' ')}</span>");
        }

        html.Append("</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<svg data-chart=\"flow\" data-count=\"{a.Periods.Length}\" width=\"{F(40 + (group * Math.Max(1, a.Periods.Length)))}\" height=\"{F(height + 40)}\" role=\"img\" aria-label=\"flow per period\">\n");
        for (var i = 0; i < a.Periods.Length; i++)
        {
            var p = a.Periods[i];
            int[] values = [p.Entered, p.Advanced, p.MovedBack, p.Stalled, p.Won, p.Lost];
            var x = 30 + (i * group);
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"period\" data-period=\"{p.Start:yyyy-MM-dd}\" data-entered=\"{p.Entered}\" data-advanced=\"{p.Advanced}\" data-moved-back=\"{p.MovedBack}\" data-stalled=\"{p.Stalled}\" data-won=\"{p.Won}\" data-lost=\"{p.Lost}\">");
            for (var k = 0; k < values.Length; k++)
            {
                var h = height * values[k] / max;
                html.Append(CultureInfo.InvariantCulture, $"<rect class=\"{names[k]}\" x=\"{F(x + (k * bar))}\" y=\"{F(10 + height - h)}\" width=\"{F(bar - 1)}\" height=\"{F(h)}\"></rect>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<title>{p}</title></g>\n");
            if (i % Math.Max(1, a.Periods.Length / 12) == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(height + 28)}\">{p.Start:yyyy-MM}</text>\n");
            }
        }

        html.Append("</svg>\n</section>\n");
    }

    private static void Forecast(StringBuilder html, PortfolioAnalysis a)
    {
        var forecast = a.Forecast;
        html.Append("<section>\n<h2>Forecast</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p data-chart=\"forecast-total\" data-count=\"{forecast.OpenJourneys}\" data-expected=\"{forecast.ExpectedWins:0.00}\">{forecast.OpenJourneys} open journeys, {forecast.ExpectedWins:0.0} expected wins (each line's rate from the tenant's closed journeys; a warning below {forecast.MinClosedDeals} closed deals).</p>\n");
        html.Append("<table data-chart=\"forecast\">\n<tr><th>stage now</th><th>loop-backs</th><th>open</th><th>rate from</th><th>closed deals</th><th>win rate</th><th>expected wins</th><th>warning</th></tr>\n");
        foreach (var line in forecast.Lines)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-stage=\"{E(line.StageId)}\" data-group=\"{E(line.LoopBackPattern)}\" data-count=\"{line.OpenJourneys}\" data-closed=\"{line.Rate.Closed}\" data-expected=\"{line.ExpectedWins:0.00}\"><td>{E(line.StageId)}</td><td>{E(line.LoopBackPattern)}</td><td>{line.OpenJourneys}</td><td>{line.Basis}</td><td>{line.Rate.Closed}</td><td>{Rate(line.Rate)}</td><td>{line.ExpectedWins:0.0}</td><td class=\"warn\">{E(line.Warning ?? string.Empty)}</td></tr>\n");
        }

        html.Append("</table>\n<h3>Cycle times</h3>\n<table data-chart=\"cycle-times\">\n<tr><th>outcome</th><th>journeys</th><th>median</th><th>p90</th><th>mean</th></tr>\n");
        foreach (var (name, d) in new[] { ("won", a.CycleTimeWon), ("lost", a.CycleTimeLost) })
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-group=\"{name}\" data-count=\"{d.Count}\"><td>{name}</td><td>{d.Count}</td><td>{Days(d.Median)}</td><td>{Days(d.P90)}</td><td>{Days(d.Count == 0 ? null : d.Mean)}</td></tr>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    private static void Quiet(StringBuilder html, PortfolioAnalysis a, string? template)
    {
        html.Append("<section>\n<h2>Going quiet</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{a.QuietCount} open journeys have had no signal for a while; {a.FadingCount} have a task about to go dormant. The longest silent:</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<ol data-chart=\"quiet\" data-count=\"{a.QuietJourneys.Length}\">\n");
        foreach (var journey in a.QuietJourneys)
        {
            var name = E(journey.JourneyId);
            var link = template is null ? name : $"<a href=\"{E(template.Replace(JourneyIdPlaceholder, Uri.EscapeDataString(journey.JourneyId), StringComparison.Ordinal))}\">{name}</a>";
            html.Append(CultureInfo.InvariantCulture, $"<li data-journey=\"{name}\">{link}: silent {journey.Silence.TotalDays:0} days since {Time(journey.LastSignalAt)}, stage {E(journey.StageId)}</li>\n");
        }

        html.Append("</ol>\n</section>\n");
    }

    private static void Comparison(StringBuilder html, PortfolioAnalysis a)
    {
        if (a.Comparison is not { } summary)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<section data-chart=\"comparison\" data-count=\"{summary.ChangedJourneyCount}\" data-journeys=\"{summary.JourneyCount}\">\n<h2>Rulebook {E(a.Rulebook)} against {E(a.CandidateRulebook ?? string.Empty)}</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{summary.ChangedJourneyCount} of {summary.JourneyCount} journeys change; {summary.StatusChanges} change status; {summary.LoopBacksAppeared} loop-backs appear and {summary.LoopBacksVanished} vanish.</p>\n<table>\n<tr><th>task</th><th>before</th><th>after</th><th>journeys</th></tr>\n");
        foreach (var change in summary.PhaseChanges.OrderBy(c => c.Key.TaskId, StringComparer.Ordinal).ThenBy(c => c.Key.Before).ThenBy(c => c.Key.After))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-task=\"{E(change.Key.TaskId)}\" data-count=\"{change.Value}\"><td>{E(change.Key.TaskId)}</td><td>{change.Key.Before}</td><td>{change.Key.After}</td><td>{change.Value}</td></tr>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    private static string Short(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string Rate(WinRate rate)
        => rate.Rate is { } r ? FormattableString.Invariant($"{r * 100:0.0}% ({rate.Won}/{rate.Closed})") : "–";

    private static string Lift(WinRate rate) => rate.Lift is { } lift ? lift.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Days(TimeSpan? time) => time is { } t ? FormattableString.Invariant($"{t.TotalDays:0.0} d") : "–";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
