using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BuyingJourney.Internal;
using BuyingJourney.Phases;
using Stateless;

namespace BuyingJourney.Model;

/// <summary>
/// A buying model: a name and an ordered set of tasks a customer works on, concurrently and with
/// loop-backs. Built once and shared by every journey; the built-in default is <see cref="BuyingModels.Gartner"/>.
/// </summary>
/// <remarks>
/// A model holds 1 to <see cref="MaxTasks"/> tasks with distinct ids. Every task's effective settings
/// (its own, or the model's defaults) are validated when the model is built.
/// <para>
/// A model is unordered (Gartner's tasks: concurrent, a loop-back is a completed task reopened) or
/// <see cref="IsOrdered"/> (a linear model such as Rackham's phases: its tasks are stages in
/// <see cref="Tasks"/> order, and a loop-back is any return to an earlier stage). Either way the engine
/// tracks every task independently, so several stages may be active at once when the evidence says so.
/// </para>
/// Immutable and thread-safe.
/// </remarks>
public sealed class BuyingModel
{
    /// <summary>The most tasks a model may have.</summary>
    public const int MaxTasks = 32;

    private readonly Dictionary<string, int> _indexById;
    private readonly TaskSettings[] _settings;

    /// <summary>Builds and validates a model.</summary>
    /// <param name="name">The model's name, e.g. "gartner".</param>
    /// <param name="tasks">The tasks, in display order.</param>
    /// <param name="defaultSettings">Settings for tasks without their own; null means <see cref="TaskSettings.Default"/>.</param>
    /// <param name="isOrdered">True for a linear model whose tasks are stages in the given order; see <see cref="IsOrdered"/>.</param>
    /// <param name="taskLifecycle">
    /// The task lifecycle every task of the model follows, declared with Stateless (conventions: <see cref="TaskLifecycles"/>);
    /// null means the built-in one. It is compiled and validated here, once: later changes to the machine do not reach the model.
    /// </param>
    /// <exception cref="ArgumentException">
    /// No tasks, too many, a repeated id, or settings out of range (the message names the task and setting); or a lifecycle
    /// that does not start in <see cref="TaskPhase.NotStarted"/>, leaves a trigger unhandled or handled twice in a phase, or
    /// has a loop-back row without a label (the message names the phase and trigger).
    /// </exception>
    public BuyingModel(string name, IEnumerable<TaskDefinition> tasks, TaskSettings? defaultSettings = null, bool isOrdered = false, StateMachine<TaskPhase, TaskTrigger>? taskLifecycle = null)
    {
        IsOrdered = isOrdered;
        Name = Guard.Text(name, "name", 100);
        Guard.NotNull(tasks);
        DefaultSettings = defaultSettings ?? TaskSettings.Default;
        DefaultSettings.Validate($"model \"{Name}\" default settings");

        var list = ImmutableArray.CreateBuilder<TaskDefinition>();
        _indexById = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (task is null)
            {
                throw new ArgumentException($"model \"{Name}\": tasks[{list.Count}] is null.", nameof(tasks));
            }

            if (!_indexById.TryAdd(task.Id, list.Count))
            {
                throw new ArgumentException($"model \"{Name}\": task id \"{task.Id}\" appears more than once.", nameof(tasks));
            }

            list.Add(task);
        }

        if (list.Count == 0 || list.Count > MaxTasks)
        {
            throw new ArgumentException($"model \"{Name}\" has {list.Count} tasks; a model needs 1 to {MaxTasks}.", nameof(tasks));
        }

        Tasks = list.ToImmutable();
        Lifecycle = taskLifecycle is null ? TaskLifecycleTable.BuiltIn : TaskLifecycleTable.Compile(taskLifecycle, $"model \"{Name}\" task lifecycle", nameof(taskLifecycle));
        _settings = new TaskSettings[Tasks.Length];
        for (var i = 0; i < Tasks.Length; i++)
        {
            var settings = Tasks[i].Settings ?? DefaultSettings;
            settings.Validate($"model \"{Name}\" task \"{Tasks[i].Id}\"");
            _settings[i] = settings;
        }
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>The tasks, in display order. A journey's task states use the same order.</summary>
    public ImmutableArray<TaskDefinition> Tasks { get; }

    /// <summary>
    /// True for a linear model: the tasks are stages, in <see cref="Tasks"/> order, and a loop-back is any
    /// return to an earlier stage. False (the default, and Gartner's model) for concurrent tasks.
    /// </summary>
    /// <remarks>
    /// In every model a completed task reopened by evidence (Completed → Revisiting) is a loop-back. In an
    /// ordered model, so is a task that becomes active (NotStarted or Dormant → Active) while a later task
    /// is active (Active or Revisiting) or Completed, after decay, just before the signal. Each loop-back is
    /// recorded once, in <c>JourneyState.LoopBacks</c> and in the task's loop-back count; its
    /// <c>LoopedBackFrom</c> lists the later tasks that were active, or, when none was, the later tasks that
    /// were completed (in an unordered model: every other task that was active).
    /// </remarks>
    /// <value>False unless set when the model is built.</value>
    public bool IsOrdered { get; }

    /// <summary>The settings of tasks that have none of their own.</summary>
    public TaskSettings DefaultSettings { get; }

    /// <summary>The position of the task with this id, or -1 when the model has no such task.</summary>
    /// <param name="taskId">The task's id (compared ordinally).</param>
    public int IndexOf(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);

        // Rules built from the model hold its own id strings: those are found by reference among its few tasks, without hashing.
        var tasks = Tasks.AsSpan();
        for (var i = 0; i < tasks.Length; i++)
        {
            if (ReferenceEquals(tasks[i].Id, taskId))
            {
                return i;
            }
        }

        return _indexById.TryGetValue(taskId, out var index) ? index : -1;
    }

    /// <summary>The settings in force for the task with this id (its own, or the model's defaults).</summary>
    /// <param name="taskId">The task's id (compared ordinally).</param>
    /// <exception cref="ArgumentException">The model has no such task.</exception>
    public TaskSettings SettingsOf(string taskId)
    {
        var index = IndexOf(taskId);
        return index >= 0 ? _settings[index] : throw new ArgumentException($"model \"{Name}\" has no task \"{taskId}\".", nameof(taskId));
    }

    internal TaskSettings SettingsAt(int index) => _settings[index];

    /// <summary>The compiled task lifecycle (the built-in one unless the model was given its own).</summary>
    internal TaskLifecycleTable Lifecycle { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Tasks.Length} {(IsOrdered ? "ordered stages" : "tasks")})";
}
