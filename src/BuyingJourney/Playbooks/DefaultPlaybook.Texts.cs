using System.Runtime.CompilerServices;
using System.Threading;
using BuyingJourney.Assessment;
using BuyingJourney.Group;
using BuyingJourney.Model;

namespace BuyingJourney.Playbooks;

// The built-in playbook, part: its texts resolved for a model and buying group definition, cached per model.
public sealed partial class DefaultPlaybook
{
    /// <summary>
    /// The playbook's texts for one model and buying group definition, worked out once from <see cref="PlaybookTexts"/>
    /// and cached per model (and, within a model, per definition), held weakly so that models and definitions of the
    /// past can go. The last one used is kept at hand: an engine asks for the same one every time.
    /// </summary>
    private sealed class ModelTexts
    {
        private static readonly ConditionalWeakTable<BuyingModel, ByModel> Cache = new();
        private static ModelTexts? s_last;

        private ModelTexts(BuyingModel model, BuyingGroupDefinition group, TaskTexts[] tasks, PlaybookTexts common)
        {
            Model = model;
            Group = group;
            Tasks = tasks;
            Common = common;
            var consensus = group.ConsensusTaskId is { } id ? model.IndexOf(id) : -1;
            ConsensusName = consensus < 0 ? common.NoConsensusTask : tasks[consensus].Name;
            Roles = new RoleTexts[group.Roles.Length];
            for (var r = 0; r < Roles.Length; r++)
            {
                Roles[r] = new RoleTexts(group.Roles[r], ConsensusName, common);
            }

            AtRiskEffect = consensus < 0 ? common.AtRiskEffectWithoutConsensus : common.AtRiskEffect.Format([tasks[consensus].Name]);
        }

        public BuyingModel Model { get; }

        public BuyingGroupDefinition Group { get; }

        /// <summary>The texts every model shares.</summary>
        public PlaybookTexts Common { get; }

        public TaskTexts[] Tasks { get; }

        public RoleTexts[] Roles { get; }

        /// <summary>The consensus task's name in lower case, or "the purchase".</summary>
        public string ConsensusName { get; }

        public string AtRiskEffect { get; }

        /// <summary>The texts for the plan's model and buying group definition.</summary>
        public static ModelTexts For(AssessmentPlan plan)
        {
            var last = Volatile.Read(ref s_last);
            if (last is not null && ReferenceEquals(last.Model, plan.Model) && ReferenceEquals(last.Group, plan.Group))
            {
                return last;
            }

            var texts = Cache.GetValue(plan.Model, static model => new ByModel(model)).For(plan.Group);
            Volatile.Write(ref s_last, texts);
            return texts;
        }

        /// <summary>One model's task texts, and its texts per buying group definition.</summary>
        private sealed class ByModel
        {
            private readonly ConditionalWeakTable<BuyingGroupDefinition, ModelTexts> _byGroup = new();
            private readonly BuyingModel _model;
            private readonly TaskTexts[] _tasks;
            private readonly PlaybookTexts _common;

            public ByModel(BuyingModel model)
            {
                _model = model;
                _common = PlaybookTexts.BuiltIn;
                _tasks = new TaskTexts[model.Tasks.Length];
                for (var i = 0; i < _tasks.Length; i++)
                {
                    _tasks[i] = new TaskTexts(model.Tasks[i], _common);
                }
            }

            public ModelTexts For(BuyingGroupDefinition group)
                => _byGroup.GetValue(group, definition => new ModelTexts(_model, definition, _tasks, _common));
        }
    }

    /// <summary>One task's codes, titles, explanations and expected effects, by kind of action.</summary>
    private sealed class TaskTexts
    {
        public TaskTexts(TaskDefinition task, PlaybookTexts common)
        {
            var kinds = PlaybookTexts.Kinds;
            Name = task.DisplayName.ToLowerInvariant();
            Codes = new string[kinds.Length];
            Titles = new string[kinds.Length];
            Whys = new string[kinds.Length];
            Effects = new string[kinds.Length];
            common.Tasks.TryGetValue(task.Id, out var own);
            for (var kind = 0; kind < kinds.Length; kind++)
            {
                Codes[kind] = $"{task.Id}.{kinds[kind]}";
                if (own?[kind] is { } text)
                {
                    (Titles[kind], Whys[kind]) = (text.Title, text.Why);
                }
                else
                {
                    Titles[kind] = common.GenericTitles[kind].Format([task.DisplayName, Name, task.BuyerQuestion]);
                    Whys[kind] = common.GenericWhys[kind].Format([task.DisplayName, Name, task.BuyerQuestion]);
                }

                Effects[kind] = common.Effects[kind].Format([Name]);
            }

            DisagreementCode = $"group.disagreement.{task.Id}";
            DisagreementTitle = common.DisagreementTitle.Format([Name]);
            DisagreementEffect = common.DisagreementEffect.Format([Name]);
        }

        /// <summary>The task's display name in lower case, as the texts use it.</summary>
        public string Name { get; }

        public string[] Codes { get; }

        public string[] Titles { get; }

        public string[] Whys { get; }

        public string[] Effects { get; }

        public string DisagreementCode { get; }

        public string DisagreementTitle { get; }

        public string DisagreementEffect { get; }
    }

    /// <summary>One role's code, titles and expected effect for "group.engage.{role}".</summary>
    private sealed class RoleTexts
    {
        public RoleTexts(RoleDefinition role, string consensusName, PlaybookTexts common)
        {
            Display = role.DisplayName.ToLowerInvariant();
            EngageCode = $"group.engage.{role.Id}";
            EngageTitle = common.EngageTitle.Format([Display]);
            ReplaceTitle = common.ReplaceTitle.Format([Display]);
            EngageEffect = common.EngageEffect.Format([consensusName, Display]);
        }

        /// <summary>The role's name in lower case.</summary>
        public string Display { get; }

        public string EngageCode { get; }

        public string EngageTitle { get; }

        public string ReplaceTitle { get; }

        public string EngageEffect { get; }
    }
}
