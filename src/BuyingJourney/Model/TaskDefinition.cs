using System;
using BuyingJourney.Internal;

namespace BuyingJourney.Model;

/// <summary>
/// One buying task of a model, such as Gartner's "Supplier selection": a stable id, a display name,
/// the buyer's own question, optionally its own lifecycle settings, and its <see cref="Traits"/> (what the task means for
/// the seller: need-forming, risk-evaluation, choice, decision).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record TaskDefinition
{
    /// <summary>The longest accepted <see cref="Id"/>.</summary>
    public const int MaxIdLength = 64;

    private const TaskTraits AllTraits = TaskTraits.NeedForming | TaskTraits.RiskEvaluation | TaskTraits.Choice | TaskTraits.Decision;

    private readonly TaskTraits _traits;

    /// <summary>Creates a task definition.</summary>
    /// <param name="id">Stable id, stored with journeys: letters, digits, '-', '_' and '.', at most <see cref="MaxIdLength"/> characters.</param>
    /// <param name="displayName">The name a sales manager reads.</param>
    /// <param name="buyerQuestion">The buyer's own question while in this task.</param>
    /// <param name="alwaysOn">True for tasks that run alongside all the others the whole time (Gartner's validation and consensus creation).</param>
    /// <param name="settings">This task's own settings, or null to use the model's defaults.</param>
    /// <exception cref="ArgumentException">An id, name or question that is empty or malformed.</exception>
    public TaskDefinition(string id, string displayName, string buyerQuestion, bool alwaysOn = false, TaskSettings? settings = null)
    {
        Guard.Text(id, "task id", MaxIdLength);
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException($"task id \"{id}\" holds '{c}'; use letters, digits, '-', '_' and '.'.", nameof(id));
            }
        }

        Id = id;
        DisplayName = Guard.Text(displayName, "displayName", 200);
        BuyerQuestion = Guard.Text(buyerQuestion, "buyerQuestion", 500);
        AlwaysOn = alwaysOn;
        Settings = settings;
    }

    /// <summary>The stable id.</summary>
    public string Id { get; }

    /// <summary>The display name.</summary>
    public string DisplayName { get; }

    /// <summary>The buyer's own question while in this task.</summary>
    public string BuyerQuestion { get; }

    /// <summary>True when the task runs alongside all the others the whole time.</summary>
    public bool AlwaysOn { get; }

    /// <summary>This task's own settings, or null when it uses the model's defaults.</summary>
    public TaskSettings? Settings { get; }

    /// <summary>
    /// What the task means for the seller: the guardrails keep discounts out while a <see cref="TaskTraits.NeedForming"/>
    /// or <see cref="TaskTraits.RiskEvaluation"/> task is active, and hold price from the completion of a
    /// <see cref="TaskTraits.Choice"/> task or the start of a <see cref="TaskTraits.Decision"/> task until the order is
    /// signed; the built-in playbook asks for the signature once a <see cref="TaskTraits.Choice"/> task is completed.
    /// The built-in models set them on their tasks.
    /// </summary>
    /// <value><see cref="TaskTraits.None"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value with bits no <see cref="TaskTraits"/> member has.</exception>
    public TaskTraits Traits
    {
        get => _traits;
        init => _traits = (value & ~AllTraits) == 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Traits), value, $"task \"{Id}\": {(int)value} is not a combination of TaskTraits.");
    }

    /// <summary>True when <see cref="Traits"/> holds every trait of <paramref name="traits"/>.</summary>
    /// <param name="traits">The traits to look for.</param>
    /// <returns>True when the task has them all (always for <see cref="TaskTraits.None"/>).</returns>
    public bool Has(TaskTraits traits) => (_traits & traits) == traits;
}
