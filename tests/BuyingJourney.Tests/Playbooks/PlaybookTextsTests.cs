using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using BuyingJourney.Model;
using BuyingJourney.Playbooks;
using BuyingJourney.Signals;
using Xunit;
using static BuyingJourney.Tests.Group.GroupSignals;
using static BuyingJourney.Tests.Support.TestSignals;

namespace BuyingJourney.Tests.Playbooks;

/// <summary>The built-in playbook's texts as data: the embedded files load, cover the built-in models, and a malformed file is refused naming it and the entry.</summary>
public sealed class PlaybookTextsTests
{
    private const string Common = """
        {
          "generic": {
            "active": { "title": "Engage on \"{question}\"", "why": "Working on {name}." },
            "revisiting": { "title": "{Name} reopened", "why": "Back to {name}." },
            "dormant": { "title": "Re-engage on {name}", "why": "{Name} is quiet." },
            "gap": { "title": "Prepare for {name}", "why": "{Name} shows nothing." },
            "next": { "title": "Next: {name}", "why": "{Name} is next." }
          },
          "effects": { "active": "a {name}", "revisiting": "r {name}", "dormant": "d {name}", "gap": "g {name}", "next": "n {name}" },
          "rationale": {
            "loopBack": "{date} {signal}", "loopBackFrom": "{date} {signal} {tasks}", "quietSince": "{date}", "activeNow": "{tasks}", "activeTask": "{task} {signal}",
            "evidence": "{items}", "evidenceMore": "{items} {count}", "evidenceItem": "{reason} {signal} {contribution}", "lastEvidence": "{signal}", "mostActive": "{stakeholder}", "missingFromGroup": "{roles}",
            "nextAfter": "{name} {date} {signal}", "nextFirst": "{signal}"
          },
          "group": {
            "noConsensusTask": "the purchase",
            "disagreement": { "title": "Resolve {name}", "effect": "e {name}", "why": "{reopenedBy} {name} {reopenedAt} {reopening} {approvedBy} {approvedAt} {approval}" },
            "engage": { "title": "Engage the {role}", "replaceTitle": "Replace the {role}", "effect": "{consensus} {role}", "whyMissing": "No {role}.", "whyLeft": "{role} left.", "whyAfter": "After.", "left": "{stakeholder} {date} {signal}", "into": "{name} {signal}", "workingOn": "{name} {signal}" },
            "reengage": { "title": "Re-engage {stakeholder}", "effect": "{consensus} {stakeholder}", "why": "{stakeholder} {date} {signal}" }
          },
          "signature": {
            "title": "Sign", "effect": "Won.", "why": "{name} {date} {cited}", "completedBy": "({signal})", "latestEvidence": "(latest {signal})",
            "signOffFirst": { "title": "Engage {who}", "effect": "Clears.", "why": "{name} {date} {signal} {gaps}" }
          },
          "journey": {
            "won": { "title": "W", "effect": "we", "what": "ww", "why": "wy" },
            "lost": { "title": "L", "effect": "le", "what": "lw", "why": "ly" },
            "stalled": { "title": "S", "effect": "se", "what": "sw", "why": "sy" },
            "atRisk": { "title": "R", "effect": "{consensus}", "effectWithoutConsensus": "re", "what": "{stakeholder} left", "someone": "Someone", "why": "ry" }
          }
        }
        """;

    private const string Model = """
        { "model": "mine", "tasks": { "Need": { "active": { "title": "Find the need", "why": "They look for it." } } } }
        """;

    [Fact]
    public void BuiltIn_LoadsAndGivesEveryTaskOfTheBuiltInModelsItsOwnActiveAndRevisitingTexts()
    {
        var texts = PlaybookTexts.BuiltIn;

        foreach (var model in new[] { BuyingModels.Gartner, BuyingModels.Rackham3, BuyingModels.Rackham5, BuyingModels.Practitioner, BuyingModels.BuyGrid })
        {
            foreach (var task in model.Tasks)
            {
                Assert.True(texts.Tasks.TryGetValue(task.Id, out var kinds), $"{model.Name}: no texts for {task.Id}");
                Assert.NotNull(kinds![0]);
                Assert.NotNull(kinds[1]);
            }
        }

        Assert.Equal("Re-open discovery: the problem is being redefined", texts.Tasks[GartnerTasks.ProblemIdentification][1]!.Title);
        Assert.Same(texts, PlaybookTexts.BuiltIn);
    }

    [Fact]
    public void BuiltInRationales_EndWithTheSentencesOfTheCommonFile()
    {
        var engine = JourneyEngine.CreateDefault();

        var assessment = engine.Assess(JourneyId, [By(0, "s1", SignalTypes.ProblemStated, "ann", StakeholderRoles.DecisionMaker)], Day(1));

        var active = Assert.Single(assessment.Advice, static a => a.Code == "ProblemIdentification.active");
        Assert.EndsWith(". Most active on it: ann (decision maker).", active.Rationale, StringComparison.Ordinal);
        var gap = Assert.Single(assessment.Advice, static a => a.Code == "ConsensusCreation.gap");
        Assert.Equal([StakeholderRoles.Influencer], assessment.Coverage.MissingRoles);
        Assert.Contains(" Active now: problem identification (signal s1).", gap.Rationale, StringComparison.Ordinal);
        Assert.EndsWith(". Missing from the buying group: influencer.", gap.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WellFormedFiles_FillsTheTemplates()
    {
        var texts = Load(Common, ("mine.playbook.json", Model));

        Assert.Equal("Find the need", texts.Tasks["Need"][0]!.Title);
        Assert.Null(texts.Tasks["Need"][1]);
        Assert.Equal("Engage on \"Why?\"", texts.GenericTitles[0].Format(["Need", "need", "Why?"]));
        Assert.Equal("Engage the approver", texts.EngageTitle.Format(["approver"]));
        Assert.Equal("Sign", texts.SignatureTitle);
    }

    [Theory]
    [InlineData("{ \"generic\": ", "common.playbook.json: not valid JSON")]
    [InlineData("\"whyAfter\": \"After.\"", "common.playbook.json: group.engage.whyAfter: \"{x}\": this text takes no placeholders.", "\"whyAfter\": \"After {x}.\"")]
    [InlineData("\"title\": \"Engage the {role}\"", "common.playbook.json: group.engage.title: \"{person}\" is not a placeholder of this text; it takes {role}.", "\"title\": \"Engage the {person}\"")]
    [InlineData("\"title\": \"Sign\"", "common.playbook.json: signature.title: the text is empty.", "\"title\": \" \"")]
    [InlineData("\"title\": \"Sign\", ", "common.playbook.json: signature.title: missing.", "")]
    [InlineData("\"noConsensusTask\": \"the purchase\",", "common.playbook.json: group.colour: unknown entry", "\"noConsensusTask\": \"the purchase\", \"colour\": \"red\",")]
    [InlineData("\"why\": \"wy\"", "common.playbook.json: journey.won.why: a '}' at 2 closes no placeholder.", "\"why\": \"wy}\"")]
    [InlineData("\"mostActive\": \"{stakeholder}\",", "common.playbook.json: rationale.mostActive: missing.", "")]
    public void Load_MalformedCommonFile_RefusedNamingTheFileAndTheEntry(string find, string message, string? replace = null)
    {
        var common = replace is null ? find : Common.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Common, common);

        var ex = Assert.Throws<InvalidOperationException>(() => Load(common, ("mine.playbook.json", Model)));

        Assert.StartsWith("playbook texts " + message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"model\": \"mine\"", "\"model\": \"yours\"", "mine.playbook.json: model: the file is for model \"yours\", but its name says \"mine\".")]
    [InlineData("\"active\":", "\"busy\":", "mine.playbook.json: tasks.Need.busy: unknown entry; expected active, revisiting, dormant, gap, next.")]
    [InlineData("\"why\": \"They look for it.\"", "\"why\": \"They look for {it}.\"", "mine.playbook.json: tasks.Need.active.why: \"{it}\": this text takes no placeholders.")]
    [InlineData(", \"why\": \"They look for it.\"", "", "mine.playbook.json: tasks.Need.active.why: missing.")]
    public void Load_MalformedModelFile_RefusedNamingTheFileAndTheEntry(string find, string replace, string message)
    {
        var model = Model.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Model, model);

        var ex = Assert.Throws<InvalidOperationException>(() => Load(Common, ("mine.playbook.json", model)));

        Assert.Equal("playbook texts " + message, ex.Message);
    }

    [Fact]
    public void Load_TaskInTwoFiles_RefusedNamingBoth()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Load(Common, ("mine.playbook.json", Model), ("other.playbook.json", Model.Replace("\"mine\"", "\"other\"", StringComparison.Ordinal))));

        Assert.Equal("playbook texts other.playbook.json: tasks.Need: task \"Need\" has texts in mine.playbook.json too; a task id has its texts in one file.", ex.Message);
    }

    private static PlaybookTexts Load(string common, params (string File, string Json)[] models)
        => PlaybookTexts.Load(Encoding.UTF8.GetBytes(common), models.Select(static m => (m.File, Encoding.UTF8.GetBytes(m.Json))).ToList());
}
