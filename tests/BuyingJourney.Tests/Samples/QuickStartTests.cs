using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using BuyingJourney.Advice;
using BuyingJourney.Group;
using BuyingJourney.Journeys;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using BuyingJourney.QuickStart;
using BuyingJourney.Rules;
using BuyingJourney.Rules.Json;
using BuyingJourney.Signals;
using BuyingJourney.Testing;
using Xunit;

namespace BuyingJourney.Tests.Samples;

/// <summary>The QuickStart tells the seed's story, and the README quotes compiled code.</summary>
public sealed class QuickStartTests
{
    [Fact]
    public void Run_SoftwarePurchase_ShowsBothLoopBacksTheAdviceAndTheDiagram()
    {
        using var output = new StringWriter();
        var path = ReportPath();

        SoftwarePurchase.Run(output, path);

        File.Delete(path);
        var text = output.ToString();
        Assert.Contains("LOOP-BACK: the customer went back to Problem identification, from Solution exploration.", text, StringComparison.Ordinal);
        Assert.Contains("LOOP-BACK: the customer went back to Solution exploration, from Requirements building.", text, StringComparison.Ordinal);
        Assert.Contains("Working on now: Supplier selection, Validation, Consensus creation", text, StringComparison.Ordinal);
        Assert.Contains("[High] Re-open discovery: the problem is being redefined", text, StringComparison.Ordinal);
        Assert.Contains("\ngantt\n", text, StringComparison.Ordinal);
        Assert.Contains("    loop-back from Solution exploration (signal s05) :crit, milestone, 2026-03-14 08:00, 0d\n", text, StringComparison.Ordinal);
        Assert.Contains("\n↺ 2026-03-14 back to Problem identification from Solution exploration (signal s05)\n", text, StringComparison.Ordinal);
        Assert.Contains("\n↺ 2026-04-02 back to Solution exploration from Requirements building (signal s12)\n", text, StringComparison.Ordinal);
        Assert.Contains("(journey Won", text, StringComparison.Ordinal);
        Assert.Contains("cfo             decision-maker  Engaged  working on Consensus creation", text, StringComparison.Ordinal);
        Assert.Contains("Consensus coverage: 5 engaged; missing approver; gone quiet none; sign-off roles not engaged approver", text, StringComparison.Ordinal);
        Assert.Contains("1. [Medium] Back every claim: references, case studies, trial results  (with it-lead)", text, StringComparison.Ordinal);
        Assert.Contains("Expected effect: Helps complete validation.", text, StringComparison.Ordinal);
        Assert.Contains("x Hold the price until the order is signed: the customer is deciding.", text, StringComparison.Ordinal);
        Assert.Contains("x   avoid: Do not discount while the customer is still forming the need", text, StringComparison.Ordinal);
        Assert.Contains("journey Open -> AtRisk", text, StringComparison.Ordinal);
        Assert.Contains("LOOP-BACK: the customer would go back to Consensus creation.", text, StringComparison.Ordinal);
        Assert.Contains("[High] A decision maker left: start a new round", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SignalBySignal_ShowsTheAdviceOnlyWhenItChanged()
    {
        using var output = new StringWriter();
        var engine = JourneyEngine.CreateDefault();

        var path = ReportPath();

        SoftwarePurchase.Run(output, path);

        File.Delete(path);
        var text = output.ToString().ReplaceLineEndings("\n");
        var steps = text[..text.IndexOf("Why does the engine think so?", StringComparison.Ordinal)].Split("\nDay ")[1..];
        Assert.Equal(SoftwarePurchase.Script.Count, steps.Length);
        var state = engine.Start(SoftwarePurchase.JourneyId);
        string[]? before = null;
        var shown = 0;
        for (var i = 0; i < steps.Length; i++)
        {
            var signal = SoftwarePurchase.Script[i].Signal;
            state = engine.Apply(state, signal).State;
            var assessment = engine.Assess(state, signal.OccurredAt);
            string[] advice = [.. assessment.NextBestActions.Select(a => $"{a.Priority} {a.Code} {a.TargetStakeholderId ?? a.TargetRole}"), .. assessment.Guardrails.Select(g => g.Code)];
            var lines = steps[i].Split('\n').Where(line => line.StartsWith("   ->  ", StringComparison.Ordinal) || line.StartsWith("   x   avoid: ", StringComparison.Ordinal)).ToList();
            if (before is not null && advice.SequenceEqual(before))
            {
                Assert.True(lines.Count == 0, $"day block {i + 1} repeats the advice it showed before: {string.Join(" | ", lines)}");
            }
            else
            {
                Assert.Equal(Math.Max(1, assessment.NextBestActions.Length) + assessment.Guardrails.Length, lines.Count);
                shown++;
            }

            before = advice;
        }

        Assert.InRange(shown, 2, steps.Length - 1);
    }

    [Fact]
    public void Run_SoftwarePurchase_WritesTheHtmlReportAndPrintsItsPath()
    {
        using var output = new StringWriter();
        var path = ReportPath();
        try
        {
            SoftwarePurchase.Run(output, path);

            Assert.Contains($"The journey report (HTML, self-contained; open it in a browser): {path}\n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
            var html = File.ReadAllText(path);
            Assert.Equal(6, Regex.Count(html, "<g class=\"lane\" data-task="));
            Assert.Equal(2, Regex.Count(html, "<g class=\"loop-back\" "));
            Assert.Contains("data-status=\"Won\"", html, StringComparison.Ordinal);
            Assert.Equal(5, Regex.Count(html, "<tr class=\"stakeholder\" "));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Script_FollowsTheSeedStory_LoopBacksWhereTheSeedSaysAndEndsWon()
    {
        var engine = JourneyEngine.CreateDefault();
        var signals = SoftwarePurchase.Script.Select(s => s.Signal).ToArray();

        var trace = engine.Trace(SoftwarePurchase.JourneyId, signals);

        Assert.All(trace.Steps, step => Assert.Equal(SignalOutcome.Applied, step.Outcome));
        var loopBacks = trace.Steps.SelectMany(step => step.LoopBacks).ToList();
        Assert.Equal(["s05", "s12"], loopBacks.Select(l => l.SignalId));
        Assert.Equal([GartnerTasks.ProblemIdentification, GartnerTasks.SolutionExploration], loopBacks.Select(l => l.TaskId));
        Assert.Equal(JourneyStatus.Won, trace.State.Status);

        // Selection and validation run side by side once the trial starts.
        var trial = trace.Steps.Single(step => step.Signal.Type == SignalTypes.TrialStarted).State;
        Assert.Equal(TaskPhase.Active, trial.Tasks[BuyingModels.Gartner.IndexOf(GartnerTasks.SupplierSelection)].Phase);
        Assert.Equal(TaskPhase.Active, trial.Tasks[BuyingModels.Gartner.IndexOf(GartnerTasks.Validation)].Phase);
    }

    [Fact]
    public async Task RunStoredAsync_SqliteFile_AbsorbsDuplicatesRebuildsLateSignalsAndEqualsTheReplay()
    {
        using var output = new StringWriter();

        await SoftwarePurchase.RunStoredAsync(output);

        var text = output.ToString();
        Assert.Contains("days 50-56 synced late: 4 stored and the journey rebuilt", text, StringComparison.Ordinal);
        Assert.Contains("24 duplicates absorbed", text, StringComparison.Ordinal);
        Assert.Contains("read back: 24 signals, 2 loop-backs, journey Won; equals the in-memory replay: True", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadmeExample_Run_ReportsTheLoopBack()
    {
        var summary = ReadmeExample.Run();

        Assert.Equal("4 signals; active ProblemIdentification, SolutionExploration; 1 loop-back(s)", summary);
    }

    [Fact]
    public void Readme_BuyingGroupScenario_ShowsWhatTheReadmeSays()
    {
        // The signals of the README's buying-group block (CI runs the block itself; this checks what its comments claim).
        var day = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        Signal[] signals =
        [
            new("s1", "acme", day, SignalTypes.RfpIssued, new Stakeholder("ana", StakeholderRoles.Purchaser)),
            new("s2", "acme", day.AddDays(3), SignalTypes.ReferenceRequested, new Stakeholder("ben", StakeholderRoles.Influencer)),
            new("s3", "acme", day.AddDays(6), SignalTypes.SupplierChosen, new Stakeholder("ana", StakeholderRoles.Purchaser)),
        ];

        var assessment = JourneyEngine.CreateDefault().Assess("acme", signals, day.AddDays(7));

        Assert.Equal(["ana", "ben"], assessment.BuyingGroup.Select(p => p.Id));
        Assert.All(assessment.BuyingGroup, p => Assert.Equal(EngagementStatus.Engaged, p.Status));
        Assert.Equal(["decision-maker", "user", "approver"], assessment.Coverage.MissingRoles);
        var guardrail = Assert.Single(assessment.Guardrails, g => g.Tactic == ActionTactic.SignaturePush);
        Assert.Equal(["deal.ask-for-signature"], guardrail.BlockedActionCodes);
        Assert.Contains("the decision maker (nobody in that role has shown up)", guardrail.Reason, StringComparison.Ordinal);
        Assert.InRange(assessment.NextBestActions.Length, 1, 3);
        Assert.All(assessment.NextBestActions, a => Assert.NotNull(a.ExpectedEffect));
        Assert.DoesNotContain(assessment.NextBestActions, a => a.Code == "deal.ask-for-signature");
    }

    [Fact]
    public void Readme_UsageBlock_IsTheCompiledSampleUsingsAndBody()
    {
        var readme = File.ReadAllText(RepositoryFiles.Path("README.md")).ReplaceLineEndings("\n");
        var sample = File.ReadAllText(RepositoryFiles.Path("samples", "BuyingJourney.QuickStart", "ReadmeExample.cs")).ReplaceLineEndings("\n");
        var regions = Regex.Matches(sample, @"// #region (\S+)\n(.*?)\n\s*// #endregion \1", RegexOptions.Singleline)
            .ToDictionary(m => m.Groups[1].Value, m => Dedent(m.Groups[2].Value));
        var usage = readme[readme.IndexOf("## Usage", StringComparison.Ordinal)..];
        var block = Regex.Match(usage, "```csharp\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;

        Assert.Equal(regions["readme-usings"] + "\n" + regions["readme"], block);
        Assert.True(regions["readme"].Split('\n').Length - 1 <= 20, "the usage example stays within 20 lines besides its using lines");
    }

    [Fact]
    public void Readme_EveryCSharpBlock_IsAWholeProgramStartingWithItsUsings()
    {
        var readme = File.ReadAllText(RepositoryFiles.Path("README.md")).ReplaceLineEndings("\n");

        var blocks = Regex.Matches(readme, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(11, blocks.Count);
        Assert.All(blocks, block => Assert.StartsWith("using System;\n", block, StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_JsonRulebookBlock_LoadsThroughTheSampleAndAddsItsEvidence()
    {
        var readme = File.ReadAllText(RepositoryFiles.Path("README.md")).ReplaceLineEndings("\n");
        var json = Assert.Single(Regex.Matches(readme, "```json\n(.*?)```", RegexOptions.Singleline)).Groups[1].Value;
        var path = Path.Combine(Path.GetTempPath(), $"acme-{Guid.NewGuid():N}.rulebook.json");
        File.WriteAllText(path, json);
        try
        {
            var acme = RulebookJson.Load(File.ReadAllText(path));
            var engine = new JourneyEngineBuilder().UseRulebook(Rulebooks.Gartner.With(acme.Rules, "1.0.0+acme.1")).Build();
            var webinar = new Signal("w1", "j", new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), SignalTypes.EventAttended, attributes: new Dictionary<string, string> { ["topic"] = "pricing" });

            var result = engine.Apply(engine.Start("j"), webinar);

            Assert.Equal("1.0.0+acme.1", engine.Rulebook.Version);
            Assert.Equal(["gartner:event.attended", "acme:webinar"], result.Evidence.Select(e => e.RuleId));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Readme_SetUp_HasExactlyTheTwoCommands()
    {
        var readme = File.ReadAllText(RepositoryFiles.Path("README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("## Set up", StringComparison.Ordinal);
        var setUp = readme[start..readme.IndexOf("\n## ", start, StringComparison.Ordinal)];

        var commands = Regex.Matches(setUp, "```sh\n(.*?)\n```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["dotnet run --project samples/BuyingJourney.QuickStart", "dotnet test"], commands);
    }

    private static string ReportPath() => Path.Combine(Path.GetTempPath(), $"buyingjourney-quickstart-{Guid.NewGuid():N}.html");

    private static string Dedent(string text)
    {
        var lines = text.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())) + "\n";
    }
}
