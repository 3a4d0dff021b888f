using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Advice;
using BuyingJourney.Export;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Persistence;
using BuyingJourney.Signals;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BuyingJourney.QuickStart;

/// <summary>
/// The software purchase from Gartner's worked example: problem → exploration → back to the problem →
/// requirements → back to exploration → selection and validation side by side → a new stakeholder → consensus.
/// </summary>
public static class SoftwarePurchase
{
    /// <summary>The journey's id.</summary>
    public const string JourneyId = "northwind-erp";

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));

    /// <summary>The scripted signals, each with the line a seller would write in the CRM.</summary>
    public static IReadOnlyList<(Signal Signal, string Note)> Script { get; } =
    [
        (At(0, "s01", SignalTypes.ProblemStated, "ops-director", StakeholderRoles.Initiator), "Operations director: \"Orders ship late; we must raise efficiency.\""),
        (At(3, "s02", SignalTypes.ContentInsightRead, "ops-director", StakeholderRoles.Initiator), "She reads our piece on warehouse throughput."),
        (At(6, "s03", SignalTypes.ProblemDefined, "ops-director", StakeholderRoles.Initiator), "They agree the problem: order processing is too slow."),
        (At(9, "s04", SignalTypes.SolutionResearched, "it-lead", StakeholderRoles.Influencer), "IT lead compares ERP add-ons against a full ERP replacement."),
        (At(12, "s05", SignalTypes.ProblemMetricMissed, "ops-director", StakeholderRoles.Initiator), "Looking at vendors, they see the real gap is stock visibility, not speed."),
        (At(15, "s06", SignalTypes.ProblemDefined, "ops-director", StakeholderRoles.Initiator), "Problem redefined: no real-time view of stock across sites."),
        (At(18, "s07", SignalTypes.SolutionResearched, "it-lead", StakeholderRoles.Influencer), "IT lead shortlists three kinds of inventory platform."),
        (At(21, "s08", SignalTypes.SolutionApproachChosen, "it-lead", StakeholderRoles.Influencer), "They settle on a cloud inventory platform."),
        (At(24, "s09", SignalTypes.RequirementsDrafted, "it-lead", StakeholderRoles.Influencer), "IT lead drafts requirements: 12 sites, live sync, SAP connector."),
        (At(27, "s10", SignalTypes.DeadlineSet, "ops-director", StakeholderRoles.Initiator), "Go-live must happen before the Q4 peak."),
        (At(30, "s11", SignalTypes.RfiIssued, "it-lead", StakeholderRoles.Influencer), "An RFI shows nobody offers live sync at 12 sites within budget."),
        (At(31, "s12", SignalTypes.SolutionResearched, "it-lead", StakeholderRoles.Influencer), "Back to the drawing board: hybrid and batch-sync options."),
        (At(35, "s13", SignalTypes.SolutionApproachChosen, "it-lead", StakeholderRoles.Influencer), "They choose hourly sync on a cloud platform."),
        (At(38, "s14", SignalTypes.RfpIssued, "purchasing", StakeholderRoles.Purchaser), "Purchasing issues the RFP to four vendors."),
        (At(41, "s15", SignalTypes.DemoRequested, "it-lead", StakeholderRoles.Influencer), "They ask us for a demo with their own data."),
        (At(43, "s16", SignalTypes.ReferenceRequested, "it-lead", StakeholderRoles.Influencer), "They ask to call a customer running 10+ sites."),
        (At(46, "s17", SignalTypes.TrialStarted, "warehouse-lead", StakeholderRoles.User), "A two-week trial starts in the Leeds warehouse."),
        (At(50, "s18", SignalTypes.StakeholderJoined, "cfo", StakeholderRoles.DecisionMaker), "The new CFO joins and wants the business case."),
        (At(53, "s19", SignalTypes.RoiReviewed, "cfo", StakeholderRoles.DecisionMaker), "The CFO reviews the ROI model with us."),
        (At(56, "s20", SignalTypes.MeetingMultiStakeholder, "ops-director", StakeholderRoles.Initiator), "Operations, IT, finance and purchasing meet together."),
        (At(58, "s21", SignalTypes.ValidationPassed, "it-lead", StakeholderRoles.Influencer), "Trial and reference call both check out."),
        (At(60, "s22", SignalTypes.SupplierChosen, "purchasing", StakeholderRoles.Purchaser), "Purchasing picks us."),
        (At(63, "s23", SignalTypes.ConsensusReached, "cfo", StakeholderRoles.DecisionMaker), "Everyone signs off on the decision."),
        (At(66, "s24", SignalTypes.DealWon, "purchasing", StakeholderRoles.Purchaser), "Contract signed."),
    ];

    /// <summary>
    /// Replays the script one signal at a time and writes, after each, what a sales manager needs to know (the next best
    /// actions and what to avoid only when they changed); then the journey as swim lanes (text and Mermaid) and the HTML
    /// journey report, written to a file whose path it prints.
    /// </summary>
    /// <param name="output">Where to write.</param>
    /// <param name="reportPath">Where to write the HTML report; null for buyingjourney-quickstart/northwind-erp.html in the temporary folder.</param>
    public static void Run(TextWriter output, string? reportPath = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var engine = JourneyEngine.CreateDefault();
        var model = engine.Model;
        var state = engine.Start(JourneyId);

        output.WriteLine("BuyingJourney QuickStart: a B2B software purchase, signal by signal");
        output.WriteLine($"Model: {model.Name}, rulebook {engine.Rulebook.Name} {engine.Rulebook.Version}");
        output.WriteLine(new string('=', 78));
        output.WriteLine("(next best actions and what to avoid are shown when they change)");
        List<string> shown = [];
        foreach (var (signal, note) in Script)
        {
            var result = engine.Apply(state, signal);
            state = result.State;
            var assessment = engine.Assess(state, signal.OccurredAt);

            output.WriteLine();
            output.WriteLine($"Day {(signal.OccurredAt - Start).Days,2} | {note}");
            output.WriteLine($"       signal {signal.Id}: {signal.Type} ({signal.Stakeholder?.Role})");
            foreach (var transition in result.Transitions)
            {
                output.WriteLine($"       {Name(model, transition.TaskId)}: {transition.From} -> {transition.To}");
            }

            foreach (var loopBack in result.LoopBacks)
            {
                var from = loopBack.LoopedBackFrom.IsEmpty ? "a quiet spell" : string.Join(" and ", loopBack.LoopedBackFrom.Select(id => Name(model, id)));
                output.WriteLine($"  <<   LOOP-BACK: the customer went back to {Name(model, loopBack.TaskId)}, from {from}.");
            }

            var active = assessment.ActiveTasks.IsEmpty ? "none" : string.Join(", ", assessment.ActiveTasks.Select(id => Name(model, id)));
            output.WriteLine($"       Working on now: {active}   (journey {assessment.Status}, {People(assessment.Coverage.EngagedStakeholders)} engaged)");
            // The advice is shown when it changed, so a sales manager reads what is new rather than the same list again.
            var actions = (assessment.NextBestActions.IsEmpty ? ["   ->  (no action recommended now)"] : assessment.NextBestActions.Select(action => $"   ->  [{action.Priority}] {action.Title}{Target(action)}"))
                .Concat(assessment.Guardrails.Select(guardrail => $"   x   avoid: {guardrail.Title}"))
                .ToList();
            if (!actions.SequenceEqual(shown))
            {
                foreach (var line in actions)
                {
                    output.WriteLine(line);
                }

                shown = actions;
            }
        }

        var signals = Script.Select(s => s.Signal).ToArray();
        var beforeSignature = Script[^2].Signal.OccurredAt;
        var explained = engine.Assess(JourneyId, signals, Script[17].Signal.OccurredAt);
        output.WriteLine();
        output.WriteLine(new string('=', 78));
        output.WriteLine($"Why does the engine think so? The journey as of day {(Script[17].Signal.OccurredAt - Start).Days} (when the CFO joined):");
        foreach (var task in explained.Tasks.Where(t => t.IsActive))
        {
            output.WriteLine($"  {task.Task.DisplayName}: {task.Phase}, score {task.Score:0.00}");
            foreach (var evidence in task.Evidence.Take(3))
            {
                output.WriteLine($"      {evidence}");
            }
        }

        output.WriteLine();
        output.WriteLine("  The buying group then:");
        foreach (var person in explained.BuyingGroup)
        {
            var working = person.ActiveTasks.IsEmpty ? "no task now" : "working on " + string.Join(", ", person.ActiveTasks.Select(id => Name(model, id)));
            output.WriteLine($"    {person.Id,-15} {string.Join(", ", person.Roles),-15} {person.Status,-8} {working}");
        }

        var coverage = explained.Coverage;
        output.WriteLine($"  Consensus coverage: {coverage.EngagedStakeholders} engaged; missing {List(coverage.MissingRoles)}; gone quiet {List(coverage.QuietRoles)}; sign-off roles not engaged {List(coverage.MissingSignOffRoles)}");
        output.WriteLine();
        output.WriteLine("  Next best actions, ranked, with their reasons:");
        var rank = 0;
        foreach (var action in explained.NextBestActions)
        {
            output.WriteLine($"    {++rank}. [{action.Priority}] {action.Title}{Target(action)}");
            output.WriteLine($"       Why: {action.Rationale}");
            output.WriteLine($"       Expected effect: {action.ExpectedEffect}");
        }

        output.WriteLine("  Avoid now:");
        foreach (var guardrail in explained.Guardrails)
        {
            output.WriteLine($"    x {guardrail.Title}. {guardrail.Reason}");
        }

        // The seller reports the top action done: it is not recommended again until the evidence changes.
        var top = explained.NextBestActions[0];
        var done = new Signal("s18-done", JourneyId, Script[17].Signal.OccurredAt.AddHours(2), SignalTypes.ActionDone,
            attributes: new Dictionary<string, string> { [ActionFeedback.ActionAttribute] = top.Code });
        var afterDone = engine.Assess(JourneyId, [.. signals[..18], done], done.OccurredAt);
        output.WriteLine();
        output.WriteLine($"  The seller marks \"{top.Title}\" done; the next best actions become:");
        foreach (var action in afterDone.NextBestActions)
        {
            output.WriteLine($"    [{action.Priority}] {action.Title}{Target(action)}");
        }

        // What if the CFO, the decision maker, left right after everyone signed off? Nothing is stored; the seller sees the effect.
        var decisionDay = Script[22].Signal.OccurredAt;
        var cfoLeaves = new Signal("what-if-1", JourneyId, decisionDay.AddHours(1), SignalTypes.StakeholderLeft, new Stakeholder("cfo", StakeholderRoles.DecisionMaker));
        var whatIf = engine.WhatIf(JourneyId, signals[..23], [cfoLeaves], cfoLeaves.OccurredAt);
        output.WriteLine();
        output.WriteLine($"What if the CFO left on day {(decisionDay - Start).Days}, right after everyone signed off? (a what-if: nothing is stored)");
        output.WriteLine($"  journey {whatIf.Before.Status} -> {whatIf.After.Status}");
        foreach (var change in whatIf.Tasks)
        {
            output.WriteLine($"  {Name(model, change.TaskId)}: {change.Before} -> {change.After}");
        }

        foreach (var loopBack in whatIf.LoopBacksAppeared)
        {
            output.WriteLine($"  <<   LOOP-BACK: the customer would go back to {Name(model, loopBack.TaskId)}.");
        }

        foreach (var action in whatIf.After.NextBestActions)
        {
            output.WriteLine($"   ->  [{action.Priority}] {action.Title}{Target(action)}");
        }

        foreach (var guardrail in whatIf.After.Guardrails)
        {
            output.WriteLine($"   x   avoid: {guardrail.Title}{(guardrail.BlockedActionCodes.IsEmpty ? string.Empty : $" (keeps out: {string.Join(", ", guardrail.BlockedActionCodes)})")}");
        }

        var final = engine.Assess(JourneyId, signals, beforeSignature);
        output.WriteLine();
        output.WriteLine($"Loop-backs in this journey: {final.State.LoopBackCount}");
        foreach (var loopBack in final.LoopBacks)
        {
            output.WriteLine($"  {loopBack.At:yyyy-MM-dd} back to {Name(model, loopBack.TaskId)} (signal {loopBack.SignalId})");
        }

        var trace = engine.Trace(JourneyId, signals);
        output.WriteLine();
        output.WriteLine("The journey as swim lanes, one per task:");
        output.WriteLine();
        output.Write(TextChart.JourneyDiagram(trace, model));
        output.WriteLine();
        output.WriteLine("The same as a Mermaid gantt chart (paste into https://mermaid.live):");
        output.WriteLine();
        output.Write(Mermaid.JourneyDiagram(trace, model));

        // The report as of the signature: lanes with the evidence on hover, the buying group, the actions and what to avoid.
        var path = reportPath ?? Path.Combine(Path.GetTempPath(), "buyingjourney-quickstart", JourneyId + ".html");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Html.JourneyReport(trace, engine.Assess(JourneyId, signals, Script[^1].Signal.OccurredAt)));
        output.WriteLine();
        output.WriteLine($"The journey report (HTML, self-contained; open it in a browser): {Path.GetFullPath(path)}");
    }

    /// <summary>
    /// The same journey kept in the embedded SQLite store (a temporary file): recorded through the journey service,
    /// delivered twice, with a late signal, and read back.
    /// </summary>
    /// <param name="output">Where to write.</param>
    /// <param name="databasePath">The SQLite file; null for a new temporary file, deleted afterwards.</param>
    public static async Task RunStoredAsync(TextWriter output, string? databasePath = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var path = databasePath ?? Path.Combine(Path.GetTempPath(), $"buyingjourney-quickstart-{Guid.NewGuid():N}.db");
        try
        {
            var services = new ServiceCollection();
            services.AddBuyingJourney().UseSqlite($"Data Source={path}");
            await using var provider = services.BuildServiceProvider();
            var journeys = provider.GetRequiredService<JourneyService>();
            var signals = Script.Select(s => s.Signal).ToArray();

            output.WriteLine();
            output.WriteLine(new string('=', 78));
            output.WriteLine($"Kept in SQLite ({path}):");
            var first = await journeys.RecordAsync("northwind-tenant", [.. signals[..16], .. signals[20..]]);
            output.WriteLine($"  recorded {first.Signals.Count(s => s.Status == RecordStatus.Applied)} signals (days 0-46 and 58-66)");
            var late = await journeys.RecordAsync("northwind-tenant", signals[16..20]);
            output.WriteLine($"  days 50-56 synced late: {late.Signals.Count(s => s.Status == RecordStatus.LateRebuilt)} stored and the journey rebuilt");
            var again = await journeys.RecordAsync("northwind-tenant", signals);
            output.WriteLine($"  the CRM sync sent everything again: {again.Signals.Count(s => s.Status == RecordStatus.Duplicate)} duplicates absorbed, nothing changed");
            var stored = await journeys.GetAsync("northwind-tenant", JourneyId, Script[^1].Signal.OccurredAt);
            var replayed = JourneyEngine.CreateDefault().Replay(JourneyId, signals);
            output.WriteLine($"  read back: {stored.State.SignalCount} signals, {stored.State.LoopBackCount} loop-backs, journey {stored.Status}; equals the in-memory replay: {stored.State.Equals(replayed)}");
        }
        finally
        {
            if (databasePath is null)
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }
    }

    private static string Name(BuyingModel model, string taskId) => model.Tasks[model.IndexOf(taskId)].DisplayName;

    /// <summary>The person the action is for; an action for a role nobody holds yet names the role in its title.</summary>
    private static string Target(SellerAction action)
        => action.TargetStakeholderId is { } who ? $"  (with {who})" : string.Empty;

    private static string People(int count) => count == 1 ? "1 person" : $"{count} people";

    private static string List(IEnumerable<string> items) => items.Any() ? string.Join(", ", items) : "none";

    private static Signal At(int day, string id, string type, string person, string role)
        => new(id, JourneyId, Start.AddDays(day), type, new Stakeholder(person, role), source: "crm");
}
