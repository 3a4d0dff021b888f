using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using BuyingJourney.Group;
using BuyingJourney.Internal;
using BuyingJourney.Model;

namespace BuyingJourney;

/// <summary>Options of a <see cref="JourneyEngine"/>, validated when the engine is built.</summary>
/// <remarks>Not thread-safe while being configured; the engine keeps its own copy.</remarks>
public sealed class JourneyEngineOptions
{
    /// <summary>The largest accepted <see cref="MaxLoopBacksRetained"/>.</summary>
    public const int MaxLoopBacksLimit = 100_000;

    /// <summary>The largest accepted <see cref="MaxStakeholdersRetained"/> and <see cref="MaxFeedbackRetained"/>.</summary>
    public const int MaxRetainedLimit = 1_000;

    /// <summary>The largest accepted <see cref="MaxNextBestActions"/>.</summary>
    public const int MaxNextBestActionsLimit = 50;

    /// <summary>
    /// How many of a journey's most recent loop-backs its state keeps, so that a journey that loops back
    /// forever stays small. Loop-back counts stay exact. Between 1 and <see cref="MaxLoopBacksLimit"/>.
    /// </summary>
    /// <value>100.</value>
    public int MaxLoopBacksRetained { get; set; } = 100;

    /// <summary>
    /// How many stakeholders a journey's buying group keeps. When a new one joins a full group, the least recently
    /// seen makes room, preferring those who left. Between 1 and <see cref="MaxRetainedLimit"/>.
    /// </summary>
    /// <value>50 (a complex purchase involves 6 to 10 people).</value>
    public int MaxStakeholdersRetained { get; set; } = 50;

    /// <summary>How many action codes' latest feedback a journey keeps (the oldest is dropped). Between 1 and <see cref="MaxRetainedLimit"/>.</summary>
    /// <value>64.</value>
    public int MaxFeedbackRetained { get; set; } = 64;

    /// <summary>How many actions <c>JourneyAssessment.NextBestActions</c> holds at most. Between 1 and <see cref="MaxNextBestActionsLimit"/>.</summary>
    /// <value>3.</value>
    public int MaxNextBestActions { get; set; } = 3;

    /// <summary>The roles, expectations and risk rules of buying groups.</summary>
    /// <value><see cref="BuyingGroupDefinition.Default"/>.</value>
    public BuyingGroupDefinition BuyingGroup { get; set; } = BuyingGroupDefinition.Default;

    /// <summary>
    /// Tasks in which the customer is still forming the need: while any is active or revisiting, discounting is
    /// guardrailed. Ids the model lacks are ignored. By default the need-forming tasks of every built-in model.
    /// </summary>
    public IList<string> NeedFormingTasks { get; } = new Collection<string>
    {
        GartnerTasks.ProblemIdentification, GartnerTasks.SolutionExploration, GartnerTasks.RequirementsBuilding,
        Rackham3Phases.NeedFormation, Rackham5Phases.RecognitionOfNeeds, PractitionerStages.AwarenessOfNeed,
        BuyGridPhases.ProblemRecognition, BuyGridPhases.CharacteristicsDetermination, BuyGridPhases.CharacteristicsDescription,
    };

    /// <summary>
    /// Tasks in which the customer evaluates the risk of deciding: while any is active or revisiting, price is held
    /// (no discount). Ids the model lacks are ignored. By default the risk-evaluation tasks of every built-in model.
    /// </summary>
    public IList<string> RiskEvaluationTasks { get; } = new Collection<string>
    {
        GartnerTasks.Validation,
        Rackham3Phases.PurchaseDecision, Rackham5Phases.ResolutionOfConcerns, Rackham5Phases.Decision,
        PractitionerStages.ChoosingTheMoment, BuyGridPhases.ProposalEvaluation,
    };

    internal JourneyEngineOptions Validated()
    {
        Check(nameof(MaxLoopBacksRetained), MaxLoopBacksRetained, MaxLoopBacksLimit);
        Check(nameof(MaxStakeholdersRetained), MaxStakeholdersRetained, MaxRetainedLimit);
        Check(nameof(MaxFeedbackRetained), MaxFeedbackRetained, MaxRetainedLimit);
        Check(nameof(MaxNextBestActions), MaxNextBestActions, MaxNextBestActionsLimit);
        if (BuyingGroup is null)
        {
            throw new ArgumentNullException(nameof(BuyingGroup), $"{nameof(JourneyEngineOptions)}.{nameof(BuyingGroup)} is null; use BuyingGroupDefinition.Default or a definition of your own.");
        }

        var copy = new JourneyEngineOptions
        {
            MaxLoopBacksRetained = MaxLoopBacksRetained,
            MaxStakeholdersRetained = MaxStakeholdersRetained,
            MaxFeedbackRetained = MaxFeedbackRetained,
            MaxNextBestActions = MaxNextBestActions,
            BuyingGroup = BuyingGroup,
        };
        CopyTasks(NeedFormingTasks, copy.NeedFormingTasks, nameof(NeedFormingTasks));
        CopyTasks(RiskEvaluationTasks, copy.RiskEvaluationTasks, nameof(RiskEvaluationTasks));
        return copy;
    }

    private static void Check(string name, int value, int max)
    {
        if (value < 1 || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(JourneyEngineOptions)}.{name} is {value}; it must be between 1 and {max}.");
        }
    }

    private static void CopyTasks(IList<string> from, IList<string> to, string name)
    {
        to.Clear();
        foreach (var task in from)
        {
            Guard.Text(task, $"{nameof(JourneyEngineOptions)}.{name} entry", TaskDefinition.MaxIdLength);
            if (!to.Contains(task))
            {
                to.Add(task);
            }
        }
    }
}
