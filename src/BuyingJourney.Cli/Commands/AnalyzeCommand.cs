using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Analytics;
using BuyingJourney.Persistence;
using BuyingJourney.Phases;
using BuyingJourney.Stages;

namespace BuyingJourney.Cli.Commands;

/// <summary><c>buyingjourney analyze</c>: the tenant's whole pipeline as text tables, or the HTML dashboard.</summary>
internal static partial class AnalyzeCommand
{
    /// <summary>How many rows the longer text tables (flows, loop-backs, patterns, periods, forecast) show; the dashboard shows them all.</summary>
    private const int Rows = 12;

    public static readonly Command Definition = new(
        "analyze",
        "Analyse the whole pipeline: stages, tasks, the maze of loop-backs, win rates, flow over time, a forecast.",
        "",
        """
        Reads every stored journey of the tenant page by page and analyses them in one pass as of now or --as-of
        (BuyingJourney.Analytics): journeys per status, seller stage and task phase with how long they have been there;
        the maze (which task follows which, and the loop-backs: from which task back to which, how often, how late and
        how those journeys ended); win rates by stage reached and by loop-back pattern with the counts behind every rate
        and the lift against the overall rate; cycle times; entered, advanced, moved back, stalled, won and lost per
        month or week; and a forecast that weights the open journeys by the win rates of the closed ones, warning when a
        rate rests on fewer than 20 closed deals. A journey is closed when it is won (a signed order) or lost.
        --html writes the self-contained dashboard (inline SVG, no script, nothing fetched) instead of the text;
        --reports also writes the journey report of every quiet journey it lists, linked from it. --compare re-reads
        the portfolio under another JSON rulebook and adds what would change.
        """,
        0,
        0,
        [
            new("as-of", "DATE", "Analyse as of this time (ISO 8601, e.g. 2026-04-01; default: now). Later signals are left out."),
            new("period", "month|week", "Count the flow over time per month (default) or per ISO week."),
            new("stages", "NAME", "The seller stages: seller-stages (default: Lead ... Order confirmed) or salesforce-standard (Prospecting ... Closed Won)."),
            new("compare", "RULEBOOK", "Also re-interpret the portfolio under this JSON rulebook and show what would change."),
            new("html", "FILE", "Write the HTML dashboard to FILE instead of printing text."),
            new("reports", "FOLDER", "With --html: write the journey report of each quiet journey listed into FOLDER, linked from the dashboard."),
            .. StoreOptions.Options,
        ],
        [
            "buyingjourney analyze --html pipeline.html --reports journeys",
            "buyingjourney analyze",
            "buyingjourney analyze --period week --as-of 2026-04-01",
            "buyingjourney analyze --compare my-rules.rulebook.json --db crm.db",
        ],
        RunAsync);

    private static async Task<int> RunAsync(ParsedArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var asOf = args.Value("as-of") is { } text ? AssessCommand.ParseTime(text, "--as-of") : console.Clock.GetUtcNow();
        var period = args.Value("period") switch
        {
            null or "month" => PortfolioPeriod.Month,
            "week" => PortfolioPeriod.Week,
            var other => throw new UsageException($"--period takes month or week; got \"{other}\"."),
        };
        var stages = args.Value("stages") switch
        {
            null or "seller-stages" => StageMappings.SellerStages,
            "salesforce-standard" => StageMappings.Salesforce,
            var other => throw new UsageException($"--stages takes seller-stages or salesforce-standard; got \"{other}\"."),
        };
        var html = args.Value("html") is { } file ? console.PathOf(file) : null;
        var reports = args.Value("reports") is { } folder ? console.PathOf(folder) : null;
        if (reports is not null && html is null)
        {
            throw new UsageException("--reports writes the reports the dashboard links to; give --html FILE too.");
        }

        var engine = JourneyEngine.CreateDefault(console.Clock);
        var candidate = args.Value("compare") is { } rulebook ? await ReinterpretCommand.LoadCandidateAsync(rulebook, console, cancellationToken).ConfigureAwait(false) : null;
        var tenant = StoreOptions.Tenant(args);
        await using var store = await StoreOptions.OpenAsync(args, console, create: false, cancellationToken).ConfigureAwait(false);
        var total = await CountAsync(store.Store, tenant, all: console.Interactive, cancellationToken).ConfigureAwait(false);
        if (total == 0)
        {
            throw new InputException($"tenant {tenant} has no journeys in {store.Description}; import an export first (buyingjourney import --help).", ExitCodes.NotFound);
        }

        var options = new PortfolioOptions { Period = period, MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount, 1, 64) };
        var analyzer = new PortfolioAnalyzer(engine, stages, options);
        var bar = new ProgressBar(console, "analyzing");
        PortfolioAnalysis analysis;
        try
        {
            analysis = await analyzer.AnalyzeStoreAsync(store.Store, tenant, asOf, candidate, progress: new JourneysRead(bar, total), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "asOf")
        {
            throw new UsageException(e.Message.Split(" (Parameter", 2)[0]);
        }
        finally
        {
            bar.Done();
        }

        if (html is null)
        {
            await console.Out.WriteAsync(Text(analysis, engine, candidate, tenant, store.Description)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        string? template = null;
        if (reports is not null)
        {
            Directory.CreateDirectory(reports);
            var relative = Path.GetRelativePath(Path.GetDirectoryName(html)!, reports).Replace(Path.DirectorySeparatorChar, '/');
            template = $"{relative}/{PortfolioDashboard.JourneyIdPlaceholder}.html";
            var written = 0;
            foreach (var quiet in analysis.QuietJourneys)
            {
                if (!SafeFileName().IsMatch(quiet.JourneyId))
                {
                    await console.Error.WriteLineAsync($"buyingjourney analyze: journey \"{quiet.JourneyId}\" has an id that is not a safe file name; its report is not written (its link on the dashboard leads nowhere).").ConfigureAwait(false);
                    continue;
                }

                var signals = await AssessCommand.ReadSignalsAsync(store.Store, tenant, quiet.JourneyId, analysis.AsOf, cancellationToken).ConfigureAwait(false);
                var assessment = engine.Assess(quiet.JourneyId, signals, analysis.AsOf);
                await AssessCommand.WriteReportAsync(Path.Combine(reports, quiet.JourneyId + ".html"), engine.Trace(quiet.JourneyId, signals), assessment, cancellationToken).ConfigureAwait(false);
                written++;
            }

            await console.Out.WriteLineAsync($"Wrote {written} journey report{(written == 1 ? string.Empty : "s")} to {reports}").ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(html, PortfolioDashboard.Render(analysis, template), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        await console.Out.WriteLineAsync($"Wrote the dashboard of {Journeys(analysis.Journeys)} (tenant {tenant}, as of {analysis.AsOf.UtcDateTime:yyyy-MM-dd HH:mm} UTC) to {html}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>The tenant's journey count when <paramref name="all"/> (for the progress bar), else 0 or 1: whether it has any.</summary>
    private static async Task<long> CountAsync(IJourneyStore store, string tenant, bool all, CancellationToken cancellationToken)
    {
        const int page = 10_000;
        long count = 0;
        string? after = null;
        while (true)
        {
            var ids = await store.ListJourneysAsync(tenant, after, all ? page : 1, cancellationToken).ConfigureAwait(false);
            count += ids.Count;
            if (!all || ids.Count < page)
            {
                return count;
            }

            after = ids[^1];
        }
    }

    /// <summary>Letters, digits, '-', '_' and '.', not starting with '.': a file name on every system, the same in a URL.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeFileName();

    private static string Text(PortfolioAnalysis a, JourneyEngine engine, JourneyEngine? candidate, string tenant, string where)
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(invariant, $"Pipeline of tenant {tenant} in {where}, as of {a.AsOf.UtcDateTime:yyyy-MM-dd HH:mm} UTC (model {a.ModelName}, rulebook {a.Rulebook}, stages {a.StageMappingName})\n");
        text.Append(invariant, $"{Journeys(a.Journeys)}: {a.StatusCount(JourneyStatus.Open):N0} open, {a.StatusCount(JourneyStatus.AtRisk):N0} at risk, {a.StatusCount(JourneyStatus.Stalled):N0} stalled, {a.WonJourneys:N0} won, {a.LostJourneys:N0} lost");
        text.Append(a.NotStarted > 0 ? string.Create(invariant, $"; {a.NotStarted:N0} with no signal yet\n") : "\n");
        text.Append(invariant, $"Overall win rate: {a.Overall}. Quiet: {a.QuietCount:N0} open journeys without a signal for a while; fading: {a.FadingCount:N0}.\n");

        Section(text, "Seller stages", ["stage", "now", "time in stage", "reached: won of closed", "win rate", "lift"],
            a.Stages.Select(s => s.IsClosing
                ? [s.DisplayName, Count(s.Journeys), "-", "-", "-", "-"]
                : new[] { s.DisplayName, Count(s.Journeys), Duration(s.TimeInStage), $"{s.Reached.Won:N0} of {s.Reached.Closed:N0}", Percent(s.Reached.Rate), Lift(s.Reached.Lift) }));

        Section(text, "Buying tasks (journeys per phase now)", ["task", "not started", "active", "dormant", "completed", "revisiting", "loop-backs", "time active"],
            a.Tasks.Select(t => new[]
            {
                t.DisplayName, Count(t.Journeys(TaskPhase.NotStarted)), Count(t.Journeys(TaskPhase.Active)), Count(t.Journeys(TaskPhase.Dormant)),
                Count(t.Journeys(TaskPhase.Completed)), Count(t.Journeys(TaskPhase.Revisiting)), Count(t.LoopBacks), Duration(t.TimeIn(TaskPhase.Active)),
            }));

        Section(text, "The maze: which task follows which", ["from", "to", "times"],
            a.Flows.OrderByDescending(f => f.Count).ThenBy(f => f.From, StringComparer.Ordinal).ThenBy(f => f.To, StringComparer.Ordinal).Take(Rows)
                .Select(f => new[] { f.From ?? "(start)", f.To, Count(f.Count) }), a.Flows.Length);

        Section(text, "Loop-backs: back to a completed task, from each task active then (one loop-back counts in the row of each)", ["from", "back to", "times", "journeys", "how late", "won of closed", "win rate", "lift"],
            a.LoopBacks.OrderByDescending(c => c.Count).ThenBy(c => c.From, StringComparer.Ordinal).ThenBy(c => c.To, StringComparer.Ordinal).Take(Rows)
                .Select(c => new[] { c.From ?? "(none active)", c.To, Count(c.Count), Count(c.Journeys), c.MeanShareOfCycle is { } late ? late.ToString("P0", invariant) : "-", $"{c.Outcome.Won:N0} of {c.Outcome.Closed:N0}", Percent(c.Outcome.Rate), Lift(c.Outcome.Lift) }),
            a.LoopBacks.Length);

        Section(text, "Win rate by loop-back pattern", ["pattern", "won of closed", "win rate", "lift", "open"],
            a.ByLoopBackPattern.OrderByDescending(g => g.Outcome.Closed).ThenBy(g => g.Label, StringComparer.Ordinal).Take(Rows)
                .Select(g => new[] { g.Label, $"{g.Outcome.Won:N0} of {g.Outcome.Closed:N0}", Percent(g.Outcome.Rate), Lift(g.Outcome.Lift), Count(g.OpenJourneys) }),
            a.ByLoopBackPattern.Length);

        text.Append(invariant, $"\nCycle time: won {Duration(a.CycleTimeWon)}; lost {Duration(a.CycleTimeLost)}.\n");

        Section(text, $"Flow per {(a.Period == PortfolioPeriod.Week ? "week" : "month")} (the latest {Rows})", ["from", "entered", "advanced", "moved back", "stalled", "won", "lost"],
            a.Periods.Skip(Math.Max(0, a.Periods.Length - Rows)).Select(p => new[] { p.Start.UtcDateTime.ToString("yyyy-MM-dd", invariant), Count(p.Entered), Count(p.Advanced), Count(p.MovedBack), Count(p.Stalled), Count(p.Won), Count(p.Lost) }),
            a.Periods.Length);

        var forecast = a.Forecast;
        Section(text, $"Forecast: {forecast.OpenJourneys:N0} open journeys, {forecast.ExpectedWins.ToString("0.0", invariant)} expected wins", ["stage", "loop-back pattern", "open", "win rate", "of closed", "expected wins", "rate from"],
            forecast.Lines.OrderByDescending(l => l.ExpectedWins).ThenBy(l => l.StageId, StringComparer.Ordinal).ThenBy(l => l.LoopBackPattern, StringComparer.Ordinal).Take(Rows)
                .Select(l => new[] { l.StageId, l.LoopBackPattern, Count(l.OpenJourneys), Percent(l.Rate.Rate), Count(l.Rate.Closed), l.ExpectedWins.ToString("0.0", invariant), Basis(l.Basis) }),
            forecast.Lines.Length);
        foreach (var warning in forecast.Warnings)
        {
            text.Append("  warning: ").Append(warning).Append('\n');
        }

        if (!a.QuietJourneys.IsEmpty)
        {
            Section(text, "Quiet journeys, the longest silent first", ["journey", "stage", "last signal", "silent"],
                a.QuietJourneys.Take(Rows).Select(q => new[] { q.JourneyId, q.StageId, q.LastSignalAt.UtcDateTime.ToString("yyyy-MM-dd", invariant), $"{q.Silence.TotalDays.ToString("0", invariant)} days" }),
                a.QuietJourneys.Length);
        }

        if (a.Comparison is { } comparison && candidate is not null)
        {
            text.Append("\nUnder the rulebook ").Append(a.CandidateRulebook).Append(":\n");
            text.Append(ReinterpretCommand.Diff(comparison, engine, candidate, tenant));
        }

        text.Append("\nbuyingjourney analyze --html pipeline.html draws all of it as a dashboard.\n");
        return text.ToString();
    }

    /// <summary>A titled table: the first column left-aligned, the others right-aligned; "... of N" when rows were left out.</summary>
    private static void Section(StringBuilder text, string title, string[] headers, IEnumerable<string[]> rows, int? of = null)
    {
        var lines = rows.ToList();
        text.Append('\n').Append(title);
        text.Append(of is { } all && all > lines.Count ? string.Create(CultureInfo.InvariantCulture, $" ({lines.Count} of {all:N0}; the dashboard shows all)") : string.Empty).Append('\n');
        if (lines.Count == 0)
        {
            text.Append("  none\n");
            return;
        }

        var widths = headers.Select((h, i) => Math.Max(h.Length, lines.Max(l => l[i].Length))).ToArray();
        foreach (var line in lines.Prepend(headers))
        {
            text.Append("  ");
            for (var i = 0; i < line.Length; i++)
            {
                text.Append(i == 0 ? line[i].PadRight(widths[i]) : "  " + line[i].PadLeft(widths[i]));
            }

            text.Append('\n');
        }
    }

    private static string Journeys(long count) => string.Create(CultureInfo.InvariantCulture, $"{count:N0} journey{(count == 1 ? string.Empty : "s")}");

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double? rate) => rate is { } r ? r.ToString("P0", CultureInfo.InvariantCulture) : "-";

    private static string Lift(double? lift) => lift is { } l ? l.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Duration(DurationDistribution d) => d.Count == 0 ? "-" : d.ToString();

    private static string Basis(ForecastBasis basis) => basis switch
    {
        ForecastBasis.StageAndPattern => "stage and pattern",
        ForecastBasis.Stage => "stage",
        _ => "overall",
    };

    /// <summary>Journeys read, drawn as the progress bar (synchronously, on the reading thread).</summary>
    private sealed class JourneysRead(ProgressBar bar, long total) : IProgress<long>
    {
        public void Report(long value) => bar.Show(value, total, $"{value:N0} of {total:N0} journeys");
    }
}
