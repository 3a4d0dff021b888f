using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Assessment;
using BuyingJourney.Export;
using BuyingJourney.Journeys;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;

namespace BuyingJourney.Cli.Commands;

/// <summary><c>buyingjourney assess</c>: one journey as text, or the HTML journey report.</summary>
internal static class AssessCommand
{
    public static readonly Command Definition = new(
        "assess",
        "Show one journey: its tasks, loop-backs, buying group and next best actions.",
        "<journey-id>",
        """
        Replays the journey's stored signals (an opportunity or account id, as imported) and prints, as of now or
        --as-of: the journey's status, each buying task's phase and score, the loop-backs, the tasks as swim lanes over
        time, the buying group and the next best actions with what to avoid now. --html writes the self-contained HTML
        journey report (an SVG of the concurrent tasks, the evidence, the buying group and the advice) to a file instead.
        """,
        1,
        1,
        [
            new("as-of", "DATE", "Assess as of this time (ISO 8601, e.g. 2026-04-01 or 2026-04-01T09:00:00Z; default: now, or the last signal if later)."),
            new("html", "FILE", "Write the HTML journey report to FILE instead of printing text."),
            .. StoreOptions.Options,
        ],
        [
            "buyingjourney assess 006Aa0000011111AAA",
            "buyingjourney assess 006Aa0000011111AAA --as-of 2026-03-20",
            "buyingjourney assess 9001 --html journey.html --db crm.db",
        ],
        RunAsync);

    private static async Task<int> RunAsync(ParsedArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var journeyId = args.Positional[0];
        DateTimeOffset? asOf = args.Value("as-of") is { } text ? ParseTime(text, "--as-of") : null;
        var tenant = StoreOptions.Tenant(args);
        await using var store = await StoreOptions.OpenAsync(args, console, create: false, cancellationToken).ConfigureAwait(false);
        var signals = await ReadSignalsAsync(store.Store, tenant, journeyId, asOf, cancellationToken).ConfigureAwait(false);
        if (signals.Length == 0)
        {
            var some = await store.Store.ListJourneysAsync(tenant, null, 5, cancellationToken).ConfigureAwait(false);
            var hint = some.Count == 0 ? $"tenant {tenant} has no journeys there" : $"journeys there include {string.Join(", ", some)}";
            throw new InputException($"journey \"{journeyId}\" has no signals{(asOf is null ? string.Empty : $" up to {asOf:O}")} in {store.Description} (tenant {tenant}); {hint}.", ExitCodes.NotFound);
        }

        var engine = JourneyEngine.CreateDefault(console.Clock);
        var time = asOf ?? Later(console.Clock.GetUtcNow(), signals.Max(s => s.OccurredAt));
        var assessment = engine.Assess(journeyId, signals, time);
        var trace = engine.Trace(journeyId, signals);
        if (args.Value("html") is { } html)
        {
            var path = console.PathOf(html);
            await WriteReportAsync(path, trace, assessment, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"Wrote the journey report of {journeyId} ({signals.Length:N0} signals, as of {time:yyyy-MM-dd HH:mm} UTC) to {path}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        await console.Out.WriteAsync(Text(assessment, TextChart.JourneyDiagram(trace, engine.Model), signals.Length)).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>A journey's stored signals up to <paramref name="asOf"/> (all when null), in stream order; empty when it has none.</summary>
    public static async Task<Signal[]> ReadSignalsAsync(IJourneyStore store, string tenant, string journeyId, DateTimeOffset? asOf, CancellationToken cancellationToken)
        => [.. (await store.ReadAsync(tenant, journeyId, 0, asOf, cancellationToken).ConfigureAwait(false)).Select(s => s.Signal)];

    /// <summary>Writes the self-contained HTML journey report (UTF-8, no byte order mark) to <paramref name="path"/>.</summary>
    public static Task WriteReportAsync(string path, JourneyTrace trace, JourneyAssessment assessment, CancellationToken cancellationToken)
        => File.WriteAllTextAsync(path, Html.JourneyReport(trace, assessment), new UTF8Encoding(false), cancellationToken);

    /// <summary>A time from the command line: ISO 8601, a time without an offset being UTC.</summary>
    public static DateTimeOffset ParseTime(string text, string option)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new UsageException($"{option} takes a time such as 2026-04-01 or 2026-04-01T09:00:00Z; got \"{text}\".");

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Text(JourneyAssessment assessment, string lanes, int signalCount)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"Journey {assessment.JourneyId}: {assessment.Status}, as of {assessment.AsOf.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({signalCount:N0} signals, rulebook {assessment.RulebookName} {assessment.RulebookVersion})\n");
        if (assessment.StatusNote is { } note)
        {
            text.Append(note).Append('\n');
        }

        text.Append(invariant, $"Active: {(assessment.ActiveTasks.IsEmpty ? "none" : string.Join(", ", assessment.ActiveTasks))}\n\nTasks:\n");
        foreach (var task in assessment.Tasks)
        {
            text.Append(invariant, $"  {task.Task.Id,-26} {task.Phase,-11} score {task.Score,6:0.00}{(task.LoopBackCount > 0 ? $"  {task.LoopBackCount} loop-back{(task.LoopBackCount == 1 ? string.Empty : "s")}" : string.Empty)}\n");
        }

        if (!assessment.LoopBacks.IsEmpty)
        {
            text.Append("\nLoop-backs:\n");
            foreach (var loopBack in assessment.LoopBacks)
            {
                text.Append("  ").Append(loopBack).Append('\n');
            }
        }

        text.Append('\n').Append(lanes.TrimEnd()).Append("\n\nBuying group:\n");
        foreach (var person in assessment.BuyingGroup)
        {
            text.Append(invariant, $"  {person.Id} ({(person.Roles.IsEmpty ? "no role" : string.Join(", ", person.Roles))}) {person.Status}\n");
        }

        if (assessment.BuyingGroup.IsEmpty)
        {
            text.Append("  nobody named yet\n");
        }

        if (!assessment.Coverage.MissingRoles.IsEmpty)
        {
            text.Append(invariant, $"  missing: {string.Join(", ", assessment.Coverage.MissingRoles)}\n");
        }

        text.Append("\nNext best actions:\n");
        var rank = 0;
        foreach (var action in assessment.NextBestActions)
        {
            text.Append(invariant, $"  {++rank}. {action.Priority}: {action.Title}\n     {action.Rationale}\n");
        }

        if (assessment.NextBestActions.IsEmpty)
        {
            text.Append("  none\n");
        }

        foreach (var guardrail in assessment.Guardrails)
        {
            text.Append(invariant, $"Avoid now: {guardrail.Title}\n");
        }

        return text.ToString();
    }
}
