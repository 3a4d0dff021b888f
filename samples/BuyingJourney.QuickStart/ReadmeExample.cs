// The README's code blocks, kept here so the build compiles them; a test checks the README quotes each region verbatim.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BuyingJourney.Advice;
using BuyingJourney.Assessment;
using BuyingJourney.Evidence;
using BuyingJourney.Model;
using BuyingJourney.Rules;
using BuyingJourney.Rules.Json;
using BuyingJourney.Signals;
using Microsoft.Extensions.DependencyInjection;

namespace BuyingJourney.QuickStart;

/// <summary>The README's examples.</summary>
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

    /// <summary>The README's buying-group example: who is involved, the coverage, the guardrails and the ranked actions.</summary>
    public static JourneyAssessment BuyingGroup()
    {
        var day = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var engine = JourneyEngine.CreateDefault();
        // #region readme-group
        Signal[] signals =
        [
            new("s1", "acme", day, SignalTypes.RfpIssued, new Stakeholder("ana", StakeholderRoles.Purchaser)),
            new("s2", "acme", day.AddDays(3), SignalTypes.ReferenceRequested, new Stakeholder("ben", StakeholderRoles.Influencer)),
            new("s3", "acme", day.AddDays(6), SignalTypes.SupplierChosen, new Stakeholder("ana", StakeholderRoles.Purchaser)),
        ];
        var assessment = engine.Assess("acme", signals, day.AddDays(7));

        foreach (var person in assessment.BuyingGroup)   // ana (purchaser) Engaged, ben (influencer) Engaged
            Console.WriteLine($"{person.Id} ({string.Join(", ", person.Roles)}) {person.Status}");
        Console.WriteLine($"Missing: {string.Join(", ", assessment.Coverage.MissingRoles)}"); // decision-maker, user, approver
        foreach (var action in assessment.NextBestActions) // top 3, each with its target, reasons and expected effect
            Console.WriteLine($"{action.Title} -> {action.TargetRole ?? action.TargetStakeholderId}: {action.ExpectedEffect}");
        foreach (var guardrail in assessment.Guardrails)   // e.g. no signature push: the decision maker is missing
            Console.WriteLine($"Avoid: {guardrail.Title} ({string.Join(", ", guardrail.BlockedActionCodes)})");
        // #endregion readme-group
        return assessment;
    }

    /// <summary>The README's custom-rule example: an engine with a lambda rule, a playbook and options.</summary>
    public static JourneyEngine BuildCustomEngine()
    {
        // #region readme-custom
        var engine = new JourneyEngineBuilder()
            .AddRule("acme:webinar", [SignalTypes.EventAttended], (context, evidence) =>
            {
                if (context.Signal.Attributes.TryGetValue("topic", out var topic) && topic == "pricing")
                    evidence.Add(GartnerTasks.SupplierSelection, EvidenceStrength.Normal, "attended our pricing webinar");
            })
            .UsePlaybook(new MyPlaybook())            // IPlaybook: assessment in, SellerActions out
            .UseRanker(DefaultActionRanker.Instance)  // IActionRanker: picks the next best actions
            .Configure(options => options.MaxLoopBacksRetained = 20)
            .Build();
        // #endregion readme-custom
        return engine;
    }

    /// <summary>The README's JSON rulebook example: the Gartner rules plus those of a JSON file.</summary>
    public static JourneyEngine BuildEngineFromJsonFile(string path)
    {
        // #region readme-json
        var acme = RulebookJson.Load(File.ReadAllText(path));    // validates all of it; throws listing every problem
        var engine = new JourneyEngineBuilder()
            .UseRulebook(Rulebooks.Gartner.With(acme.Rules, "1.0.0+acme.1")) // code and JSON rules in one rulebook
            .Build();
        // #endregion readme-json
        return engine;
    }

    /// <summary>The README's SQLite example: the embedded store for one app server.</summary>
    public static async System.Threading.Tasks.Task<Assessment.JourneyAssessment> RecordInSqliteAsync(string path, Signal[] signals)
    {
        // #region readme-sqlite
        var services = new ServiceCollection();
        services.AddBuyingJourney().UseSqlite($"Data Source={path}");   // one file, WAL mode, created on first use
        using var provider = services.BuildServiceProvider();
        var journeys = provider.GetRequiredService<JourneyService>();

        var recorded = await journeys.RecordAsync("tenant-1", signals);  // idempotent; late signals rebuild the journey
        var now = await journeys.GetAsync("tenant-1", "acme");          // or GetAsync(..., asOf) to look at the past
        // #endregion readme-sqlite
        return now;
    }

    /// <summary>The README's PostgreSQL example (compiled, not run here: it needs a server).</summary>
    public static async System.Threading.Tasks.Task<Assessment.JourneyAssessment> UsePostgreSqlAsync(string connectionString)
    {
        // #region readme-postgresql
        var services = new ServiceCollection();
        services.AddBuyingJourney().UsePostgreSql(connectionString);  // tables in schema "buying_journey"
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<PostgreSql.PostgreSqlJourneyStore>().MigrateAsync(); // explicit, idempotent
        var journeys = provider.GetRequiredService<JourneyService>();
        return await journeys.GetAsync("tenant-1", "acme");
        // #endregion readme-postgresql
    }

    /// <summary>The README's PostgreSQL rebuild example: every journey of a tenant read a page at a time and replayed (compiled, not run here).</summary>
    public static async System.Threading.Tasks.Task<int> RebuildFromPostgreSqlAsync(PostgreSql.PostgreSqlJourneyStore store, JourneyEngine engine)
    {
        var rebuilt = 0;
        // #region readme-postgresql-rebuild
        string? after = null;
        while (true)
        {
            var page = await store.ReadJourneysAsync("tenant-1", after, limit: 100);
            foreach (var journey in page)
            {
                var state = engine.Replay(journey.JourneyId, journey.Signals.Select(s => s.Signal));
                rebuilt += state.SignalCount > 0 ? 1 : 0; // ... keep or snapshot the state
            }

            if (page.Count < 100)
            {
                break;
            }

            after = page[^1].JourneyId;
        }
        // #endregion readme-postgresql-rebuild
        return rebuilt;
    }

    /// <summary>The README's DI example.</summary>
    public static ServiceProvider BuildServices(EvidenceRule myOtherRule)
    {
        var services = new ServiceCollection();
        // #region readme-di
        services.AddSingleton(TimeProvider.System);  // optional; the engine uses a registered TimeProvider
        services.AddBuyingJourney(b => b.AddRule<MyRule>().AddRule(myOtherRule));
        // then inject JourneyEngine
        // #endregion readme-di
        return services.BuildServiceProvider();
    }
}

/// <summary>A rule of the README's DI example: a signed NDA is normal evidence of consensus creation.</summary>
public sealed class MyRule : EvidenceRule
{
    /// <summary>Creates the rule.</summary>
    public MyRule()
        : base("acme:nda-signed", ["nda.signed"])
    {
    }

    /// <inheritdoc />
    public override void Evaluate(RuleContext context, EvidenceCollector evidence)
        => evidence.Add(GartnerTasks.ConsensusCreation, EvidenceStrength.Normal, "the customer signed an NDA");
}

/// <summary>A playbook of the README's custom example: the default advice, at most two actions.</summary>
public sealed class MyPlaybook : IPlaybook
{
    /// <inheritdoc />
    public IEnumerable<SellerAction> Advise(JourneyAssessment assessment)
    {
        var count = 0;
        foreach (var action in DefaultPlaybook.Instance.Advise(assessment))
        {
            if (count++ == 2)
            {
                yield break;
            }

            yield return action;
        }
    }
}
