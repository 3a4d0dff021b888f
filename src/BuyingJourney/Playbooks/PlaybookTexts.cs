using System;
using System.Collections.Generic;
using System.IO;

namespace BuyingJourney.Playbooks;

/// <summary>
/// The built-in playbook's texts as data: one embedded file per built-in model with its tasks' titles and
/// explanations by kind of action (Texts/{model}.playbook.json), and Texts/common.playbook.json with the generic task
/// texts, the expected effects and the texts of the group, signature and journey actions. Loaded and checked once, on
/// first use; a malformed file is an <see cref="InvalidOperationException"/> naming the file and the entry. Immutable
/// and thread-safe.
/// </summary>
internal sealed partial class PlaybookTexts
{
    /// <summary>The file of the texts every model shares.</summary>
    public const string CommonFile = "common.playbook.json";

    /// <summary>The kinds of task action, in the order the playbook numbers them (as in the action codes).</summary>
    public static readonly string[] Kinds = ["active", "revisiting", "dormant", "gap", "next"];

    /// <summary>The files of the built-in models' task texts.</summary>
    public static readonly string[] ModelFiles =
        ["gartner.playbook.json", "rackham-3.playbook.json", "rackham-5.playbook.json", "practitioner-3.playbook.json", "buygrid-8.playbook.json"];

    private static readonly Lazy<PlaybookTexts> BuiltInTexts = new(LoadBuiltIn);

    private PlaybookTexts()
    {
    }

    /// <summary>The embedded texts, loaded on first use.</summary>
    public static PlaybookTexts BuiltIn => BuiltInTexts.Value;

    /// <summary>Per task id (of every built-in model), the title and explanation per kind; null where the file gives none.</summary>
    public Dictionary<string, TaskText?[]> Tasks { get; } = new(StringComparer.Ordinal);

    /// <summary>The generic titles per kind ({Name}, {name}, {question}).</summary>
    public TextTemplate[] GenericTitles { get; } = new TextTemplate[Kinds.Length];

    /// <summary>The generic explanations per kind ({Name}, {name}, {question}).</summary>
    public TextTemplate[] GenericWhys { get; } = new TextTemplate[Kinds.Length];

    /// <summary>The expected effects of the task actions per kind ({name}).</summary>
    public TextTemplate[] Effects { get; } = new TextTemplate[Kinds.Length];

    /// <summary>"The customer came back to it on {date} (signal {signal})." (the revisiting rationale).</summary>
    public TextTemplate LoopBack { get; private set; } = null!;

    /// <summary>"The customer came back to it on {date} (signal {signal}), from {tasks}." ({tasks}: the task names in plain words).</summary>
    public TextTemplate LoopBackFrom { get; private set; } = null!;

    /// <summary>"Quiet since {date}." (the dormant rationale).</summary>
    public TextTemplate QuietSince { get; private set; } = null!;

    /// <summary>"Active now: {tasks}." (the gap rationale), each task as <see cref="ActiveTask"/> or its name.</summary>
    public TextTemplate ActiveNow { get; private set; } = null!;

    /// <summary>"{task} (signal {signal})".</summary>
    public TextTemplate ActiveTask { get; private set; } = null!;

    /// <summary>"Evidence: {items}.", the items (at most two) as <see cref="EvidenceItem"/> joined by "; ".</summary>
    public TextTemplate EvidenceList { get; private set; } = null!;

    /// <summary>"Evidence: {items}; and {count}." when more weighed evidence than the two shown is known ({count}: "1 more signal", "3 more signals").</summary>
    public TextTemplate EvidenceListMore { get; private set; } = null!;

    /// <summary>"{reason} (signal {signal}, +{contribution})".</summary>
    public TextTemplate EvidenceItem { get; private set; } = null!;

    /// <summary>"The customer completed {name} on {date} (signal {signal}) and nothing is active yet." (the next step's rationale).</summary>
    public TextTemplate NextAfter { get; private set; } = null!;

    /// <summary>"Nothing is active yet (latest signal {signal})." (the next step's rationale when no task is completed).</summary>
    public TextTemplate NextFirst { get; private set; } = null!;

    /// <summary>"Last evidence: signal {signal}." (when no weighed evidence is known).</summary>
    public TextTemplate LastEvidence { get; private set; } = null!;

    /// <summary>"Most active on it: {stakeholder}."</summary>
    public TextTemplate MostActive { get; private set; } = null!;

    /// <summary>"Missing from the buying group: {roles}." (the consensus gap).</summary>
    public TextTemplate MissingFromGroup { get; private set; } = null!;

    public string NoConsensusTask { get; private set; } = string.Empty;

    public TextTemplate DisagreementTitle { get; private set; } = null!;

    public TextTemplate DisagreementEffect { get; private set; } = null!;

    public TextTemplate DisagreementWhy { get; private set; } = null!;

    public TextTemplate EngageTitle { get; private set; } = null!;

    public TextTemplate ReplaceTitle { get; private set; } = null!;

    public TextTemplate EngageEffect { get; private set; } = null!;

    public TextTemplate EngageWhyMissing { get; private set; } = null!;

    public TextTemplate EngageWhyLeft { get; private set; } = null!;

    public string EngageWhyAfter { get; private set; } = string.Empty;

    public TextTemplate RoleLeft { get; private set; } = null!;

    public TextTemplate RoleInto { get; private set; } = null!;

    public TextTemplate RoleWorkingOn { get; private set; } = null!;

    public TextTemplate ReengageTitle { get; private set; } = null!;

    public TextTemplate ReengageEffect { get; private set; } = null!;

    public TextTemplate ReengageWhy { get; private set; } = null!;

    public string SignatureTitle { get; private set; } = string.Empty;

    public string SignatureEffect { get; private set; } = string.Empty;

    public TextTemplate SignatureWhy { get; private set; } = null!;

    public TextTemplate SignatureCompletedBy { get; private set; } = null!;

    public TextTemplate SignatureLatestEvidence { get; private set; } = null!;

    /// <summary>"Engage {who} before asking for the signature".</summary>
    public TextTemplate SignOffFirstTitle { get; private set; } = null!;

    public string SignOffFirstEffect { get; private set; } = string.Empty;

    /// <summary>({name}, {date}, {signal}, {gaps}): the choice and the sign-off roles not engaged.</summary>
    public TextTemplate SignOffFirstWhy { get; private set; } = null!;

    /// <summary>The journey-wide actions: won, lost, stalled, at risk (in the playbook's numbering).</summary>
    public JourneyText[] Journeys { get; } = new JourneyText[4];

    public TextTemplate AtRiskEffect { get; private set; } = null!;

    public string AtRiskEffectWithoutConsensus { get; private set; } = string.Empty;

    public TextTemplate AtRiskWho { get; private set; } = null!;

    public string AtRiskSomeone { get; private set; } = string.Empty;

    /// <summary>Loads texts from files: the common one and each model's (file name and UTF-8 JSON).</summary>
    /// <exception cref="InvalidOperationException">A malformed file, naming it and the entry.</exception>
    public static PlaybookTexts Load(byte[] common, IEnumerable<(string File, byte[] Json)> models)
    {
        var texts = new PlaybookTexts();
        texts.ReadCommon(new Reader(CommonFile, common));
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, json) in models)
        {
            texts.ReadModel(new Reader(file, json), files);
        }

        return texts;
    }

    private static PlaybookTexts LoadBuiltIn()
    {
        var models = new List<(string, byte[])>(ModelFiles.Length);
        foreach (var file in ModelFiles)
        {
            models.Add((file, Resource(file)));
        }

        return Load(Resource(CommonFile), models);
    }

    private static byte[] Resource(string file)
    {
        var name = "BuyingJourney.Playbooks.Texts." + file;
        using var stream = typeof(PlaybookTexts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"playbook texts {file}: the embedded resource \"{name}\" is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private void ReadModel(Reader reader, Dictionary<string, string> files)
    {
        var root = reader.Root("$comment", "model", "tasks");
        var model = reader.String(root, "model");
        var expected = reader.File.EndsWith(".playbook.json", StringComparison.Ordinal) ? reader.File[..^".playbook.json".Length] : reader.File;
        if (!string.Equals(model, expected, StringComparison.Ordinal))
        {
            reader.Fail("model", $"the file is for model \"{model}\", but its name says \"{expected}\".");
        }

        var tasks = reader.Child(root, "tasks", null);
        foreach (var task in reader.Properties(tasks, "tasks"))
        {
            var path = "tasks." + task.Name;
            if (files.TryGetValue(task.Name, out var other))
            {
                reader.Fail(path, $"task \"{task.Name}\" has texts in {other} too; a task id has its texts in one file.");
            }

            files[task.Name] = reader.File;
            var kinds = new TaskText?[Kinds.Length];
            foreach (var kind in reader.Properties(reader.Entry(task.Value, path, Kinds), path))
            {
                var kindPath = path + "." + kind.Name;
                var entry = reader.Entry(kind.Value, kindPath, ["title", "why"]);
                kinds[Array.IndexOf(Kinds, kind.Name)] = new TaskText(reader.Title(entry, kindPath, "title", []).Text, reader.Template(entry, kindPath, "why", []).Text);
            }

            Tasks[task.Name] = kinds;
        }
    }

    /// <summary>One task's title and explanation for one kind of action.</summary>
    internal sealed record TaskText(string Title, string Why);

    /// <summary>A journey-wide action's title, expected effect, what happened and why.</summary>
    internal sealed record JourneyText(string Title, string Effect, string What, string Why);
}
