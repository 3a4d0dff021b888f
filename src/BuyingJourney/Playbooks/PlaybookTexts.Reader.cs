using System;
using System.Collections.Generic;
using System.Text.Json;
using BuyingJourney.Advice;

namespace BuyingJourney.Playbooks;

// The playbook texts, part: reading common.playbook.json, and the checking JSON reader of every file.
internal sealed partial class PlaybookTexts
{
    private static readonly string[] TaskPlaceholders = ["Name", "name", "question"];

    private void ReadCommon(Reader reader)
    {
        var root = reader.Root("$comment", "generic", "effects", "rationale", "group", "signature", "journey");
        var generic = reader.Child(root, "generic", Kinds);
        var effects = reader.Child(root, "effects", Kinds, required: true);
        for (var k = 0; k < Kinds.Length; k++)
        {
            var path = "generic." + Kinds[k];
            var entry = reader.Child(generic, path, ["title", "why"], required: true);
            GenericTitles[k] = reader.Title(entry, path, "title", TaskPlaceholders);
            GenericWhys[k] = reader.Template(entry, path, "why", TaskPlaceholders);
            Effects[k] = reader.Template(effects, "effects", Kinds[k], ["name"]);
        }

        var rationale = reader.Child(root, "rationale", ["loopBack", "loopBackFrom", "quietSince", "activeNow", "activeTask", "evidence", "evidenceMore", "evidenceItem", "lastEvidence", "mostActive", "missingFromGroup", "nextAfter", "nextFirst"]);
        LoopBack = reader.Template(rationale, "rationale", "loopBack", ["date", "signal"]);
        LoopBackFrom = reader.Template(rationale, "rationale", "loopBackFrom", ["date", "signal", "tasks"]);
        QuietSince = reader.Template(rationale, "rationale", "quietSince", ["date"]);
        ActiveNow = reader.Template(rationale, "rationale", "activeNow", ["tasks"]);
        ActiveTask = reader.Template(rationale, "rationale", "activeTask", ["task", "signal"]);
        EvidenceList = reader.Template(rationale, "rationale", "evidence", ["items"]);
        EvidenceListMore = reader.Template(rationale, "rationale", "evidenceMore", ["items", "count"]);
        EvidenceItem = reader.Template(rationale, "rationale", "evidenceItem", ["reason", "signal", "contribution"]);
        NextAfter = reader.Template(rationale, "rationale", "nextAfter", ["name", "date", "signal"]);
        NextFirst = reader.Template(rationale, "rationale", "nextFirst", ["signal"]);
        LastEvidence = reader.Template(rationale, "rationale", "lastEvidence", ["signal"]);
        MostActive = reader.Template(rationale, "rationale", "mostActive", ["stakeholder"]);
        MissingFromGroup = reader.Template(rationale, "rationale", "missingFromGroup", ["roles"]);

        var group = reader.Child(root, "group", ["noConsensusTask", "disagreement", "engage", "reengage"]);
        NoConsensusTask = reader.Template(group, "group", "noConsensusTask", []).Text;
        var disagreement = reader.Child(group, "group.disagreement", ["title", "effect", "why"], required: true);
        DisagreementTitle = reader.Title(disagreement, "group.disagreement", "title", ["name"]);
        DisagreementEffect = reader.Template(disagreement, "group.disagreement", "effect", ["name"]);
        DisagreementWhy = reader.Template(disagreement, "group.disagreement", "why", ["reopenedBy", "name", "reopenedAt", "reopening", "approvedBy", "approvedAt", "approval"]);
        var engage = reader.Child(group, "group.engage", ["title", "replaceTitle", "effect", "whyMissing", "whyLeft", "whyAfter", "left", "into", "workingOn"], required: true);
        EngageTitle = reader.Title(engage, "group.engage", "title", ["role"]);
        ReplaceTitle = reader.Title(engage, "group.engage", "replaceTitle", ["role"]);
        EngageEffect = reader.Template(engage, "group.engage", "effect", ["consensus", "role"]);
        EngageWhyMissing = reader.Template(engage, "group.engage", "whyMissing", ["role"]);
        EngageWhyLeft = reader.Template(engage, "group.engage", "whyLeft", ["role"]);
        EngageWhyAfter = reader.Template(engage, "group.engage", "whyAfter", []).Text;
        RoleLeft = reader.Template(engage, "group.engage", "left", ["stakeholder", "date", "signal"]);
        RoleInto = reader.Template(engage, "group.engage", "into", ["name", "signal"]);
        RoleWorkingOn = reader.Template(engage, "group.engage", "workingOn", ["name", "signal"]);
        var reengage = reader.Child(group, "group.reengage", ["title", "effect", "why"], required: true);
        ReengageTitle = reader.Title(reengage, "group.reengage", "title", ["stakeholder"]);
        ReengageEffect = reader.Template(reengage, "group.reengage", "effect", ["consensus", "stakeholder"]);
        ReengageWhy = reader.Template(reengage, "group.reengage", "why", ["stakeholder", "date", "signal"]);

        var signature = reader.Child(root, "signature", ["title", "effect", "why", "completedBy", "latestEvidence", "signOffFirst"]);
        SignatureTitle = reader.Title(signature, "signature", "title", []).Text;
        SignatureEffect = reader.Template(signature, "signature", "effect", []).Text;
        SignatureWhy = reader.Template(signature, "signature", "why", ["name", "date", "cited"]);
        SignatureCompletedBy = reader.Template(signature, "signature", "completedBy", ["signal"]);
        SignatureLatestEvidence = reader.Template(signature, "signature", "latestEvidence", ["signal"]);
        var signOffFirst = reader.Child(signature, "signature.signOffFirst", ["title", "effect", "why"], required: true);
        SignOffFirstTitle = reader.Title(signOffFirst, "signature.signOffFirst", "title", ["who"]);
        SignOffFirstEffect = reader.Template(signOffFirst, "signature.signOffFirst", "effect", []).Text;
        SignOffFirstWhy = reader.Template(signOffFirst, "signature.signOffFirst", "why", ["name", "date", "signal", "gaps"]);

        string[] journeyActions = ["won", "lost", "stalled", "atRisk"];
        var journey = reader.Child(root, "journey", journeyActions);
        for (var j = 0; j < journeyActions.Length; j++)
        {
            var path = "journey." + journeyActions[j];
            var atRisk = j == journeyActions.Length - 1;
            var entry = reader.Child(journey, path, atRisk ? ["title", "effect", "effectWithoutConsensus", "what", "someone", "why"] : ["title", "effect", "what", "why"], required: true);
            var title = reader.Title(entry, path, "title", []).Text;
            var why = reader.Template(entry, path, "why", []).Text;
            if (atRisk)
            {
                AtRiskEffect = reader.Template(entry, path, "effect", ["consensus"]);
                AtRiskEffectWithoutConsensus = reader.Template(entry, path, "effectWithoutConsensus", []).Text;
                AtRiskWho = reader.Template(entry, path, "what", ["stakeholder"]);
                AtRiskSomeone = reader.Template(entry, path, "someone", []).Text;
                Journeys[j] = new JourneyText(title, string.Empty, string.Empty, why);
            }
            else
            {
                Journeys[j] = new JourneyText(title, reader.Template(entry, path, "effect", []).Text, reader.Template(entry, path, "what", []).Text, why);
            }
        }
    }

    /// <summary>Reads one file, failing with its name and the entry's path.</summary>
    private sealed class Reader
    {
        private readonly JsonElement _root;

        public Reader(string file, byte[] json)
        {
            File = file;
            try
            {
                using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
                _root = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException($"playbook texts {file}: not valid JSON: {ex.Message}", ex);
            }
        }

        public string File { get; }

        public JsonElement Root(params string[] allowed) => Check(_root, "(root)", allowed);

        /// <summary>
        /// The object at <paramref name="path"/> (its last part the property of <paramref name="parent"/>); with
        /// <paramref name="allowed"/> its only entries, all of them required when <paramref name="required"/>.
        /// </summary>
        public JsonElement Child(JsonElement parent, string path, string[]? allowed, bool required = false)
        {
            var value = Check(Value(parent, path, path[(path.LastIndexOf('.') + 1)..]), path, allowed);
            if (required && allowed is not null)
            {
                foreach (var property in allowed)
                {
                    _ = Value(value, path + "." + property, property);
                }
            }

            return value;
        }

        /// <summary><paramref name="element"/> itself, checked to be an object of only <paramref name="allowed"/> entries.</summary>
        public JsonElement Entry(JsonElement element, string path, string[] allowed) => Check(element, path, allowed);

        public JsonElement.ObjectEnumerator Properties(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(path, $"expected an object, got {element.ValueKind}.");
            }

            return element.EnumerateObject();
        }

        public string String(JsonElement parent, string name)
        {
            var value = Value(parent, name, name);
            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Fail(name, $"expected a non-empty string, got {value.ValueKind}.");
            }

            return value.GetString()!;
        }

        public TextTemplate Template(JsonElement parent, string path, string name, string[] placeholders)
        {
            var entry = path + "." + name;
            var value = Value(parent, entry, name);
            if (value.ValueKind != JsonValueKind.String)
            {
                Fail(entry, $"expected a string, got {value.ValueKind}.");
            }

            return TextTemplate.Parse(value.GetString()!, placeholders, out var error) ?? throw Error(entry, error!);
        }

        /// <summary>A template that is a title: at most <see cref="SellerAction.MaxTitleLength"/> characters before its placeholders are filled in.</summary>
        public TextTemplate Title(JsonElement parent, string path, string name, string[] placeholders)
        {
            var template = Template(parent, path, name, placeholders);
            if (parent.GetProperty(name).GetString()!.Length > SellerAction.MaxTitleLength / 2)
            {
                Fail(path + "." + name, $"a title is at most {SellerAction.MaxTitleLength / 2} characters.");
            }

            return template;
        }

        public void Fail(string path, string message) => throw Error(path, message);

        private InvalidOperationException Error(string path, string message) => new($"playbook texts {File}: {path}: {message}");

        private JsonElement Value(JsonElement parent, string path, string name)
        {
            if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
            {
                throw Error(path, "missing.");
            }

            return value;
        }

        private JsonElement Check(JsonElement element, string path, string[]? allowed)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(path, $"expected an object, got {element.ValueKind}.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    Fail(path + "." + property.Name, "appears more than once.");
                }

                if (allowed is not null && Array.IndexOf(allowed, property.Name) < 0)
                {
                    Fail(path + "." + property.Name, $"unknown entry; expected {string.Join(", ", allowed)}.");
                }
            }

            return element;
        }
    }
}
