using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Assessment;
using BuyingJourney.Model;
using BuyingJourney.Rules.Json;

namespace BuyingJourney.Cli.Commands;

/// <summary><c>buyingjourney reinterpret</c>: another rulebook over the stored portfolio, printed as a diff.</summary>
internal static class ReinterpretCommand
{
    public static readonly Command Definition = new(
        "reinterpret",
        "Re-read every stored journey under another rulebook and print what would change.",
        "<rulebook.json>",
        """
        Loads a JSON rulebook (validated: every problem is printed with its JSON path; its per-task settings are applied
        to Gartner's model), replays every journey of the tenant under it and under the built-in rulebook, and prints
        the difference as a diff: - the phase a task is in now, + the phase it would be in, with how many journeys move
        so; then the journeys whose status changes and the loop-backs that appear or vanish. Nothing is written.
        """,
        1,
        1,
        [
            new("as-of", "DATE", "Compare the journeys as of this time (default: now, or each journey's last signal if later)."),
            .. StoreOptions.Options,
        ],
        [
            "buyingjourney reinterpret my-rules.rulebook.json",
            "buyingjourney reinterpret my-rules.rulebook.json --as-of 2026-04-01 --db crm.db",
        ],
        RunAsync);

    private static async Task<int> RunAsync(ParsedArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        DateTimeOffset? asOf = args.Value("as-of") is { } text ? AssessCommand.ParseTime(text, "--as-of") : null;
        var current = JourneyEngine.CreateDefault(console.Clock);
        var candidate = await LoadCandidateAsync(args.Positional[0], console, cancellationToken).ConfigureAwait(false);
        var tenant = StoreOptions.Tenant(args);
        await using var store = await StoreOptions.OpenAsync(args, console, create: false, cancellationToken).ConfigureAwait(false);
        if (console.Interactive)
        {
            await console.Error.WriteLineAsync($"Re-interpreting the journeys of tenant {tenant} in {store.Description} ...").ConfigureAwait(false);
        }

        var service = new JourneyService(current, store.Store, timeProvider: console.Clock);
        var summary = await service.ReinterpretAllAsync(tenant, candidate, asOf, cancellationToken).ConfigureAwait(false);
        await console.Out.WriteAsync(Diff(summary, current, candidate, tenant)).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The engine of a JSON rulebook file: Gartner's model with the rulebook's per-task settings applied, the rulebook's
    /// rules, the console's clock. A missing or invalid file is an <see cref="InputException"/> naming it (and the JSON path).
    /// </summary>
    public static async Task<JourneyEngine> LoadCandidateAsync(string file, CliConsole console, CancellationToken cancellationToken)
    {
        var path = console.PathOf(file);
        RulebookDocument document;
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                document = await RulebookJson.LoadDocumentAsync(stream, BuyingModels.Gartner, cancellationToken).ConfigureAwait(false);
            }
            catch (RulebookValidationException e)
            {
                throw new InputException($"{path}: {e.Message}");
            }
        }

        return new JourneyEngineBuilder().UseModel(document.ApplyTo(BuyingModels.Gartner)).UseRulebook(document.Rulebook).UseTimeProvider(console.Clock).Build();
    }

    /// <summary>A re-interpretation as a diff: <c>-</c> the phase now, <c>+</c> under the candidate, with the counts; then status and loop-back changes.</summary>
    public static string Diff(ReinterpretationSummary summary, JourneyEngine current, JourneyEngine candidate, string tenant)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"--- rulebook {current.Rulebook.Name} {current.Rulebook.Version}\n+++ rulebook {candidate.Rulebook.Name} {candidate.Rulebook.Version}\n");
        text.Append(invariant, $"@@ {summary.JourneyCount:N0} journeys of tenant {tenant}: {summary.ChangedJourneyCount:N0} changed @@\n");
        foreach (var ((task, before, after), count) in summary.PhaseChanges.OrderBy(c => current.Model.IndexOf(c.Key.TaskId)).ThenByDescending(c => c.Value).ThenBy(c => c.Key.Before).ThenBy(c => c.Key.After))
        {
            text.Append(invariant, $"- {task,-26} {before}\n+ {task,-26} {after,-11} {count:N0} journey{(count == 1 ? string.Empty : "s")}\n");
        }

        if (summary.StatusChanges > 0)
        {
            text.Append(invariant, $"  status changes in {summary.StatusChanges:N0} journey{(summary.StatusChanges == 1 ? string.Empty : "s")}\n");
        }

        text.Append(invariant, $"  loop-backs: +{summary.LoopBacksAppeared:N0} appear, -{summary.LoopBacksVanished:N0} vanish\n");
        if (summary.ChangedJourneyCount == 0)
        {
            text.Append("  no journey changes under the new rulebook\n");
        }

        return text.ToString();
    }
}
