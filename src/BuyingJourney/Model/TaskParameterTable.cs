using BuyingJourney.Phases;

namespace BuyingJourney.Model;

/// <summary>A model's tasks with their settings pre-computed for the fold (<see cref="TaskParameters"/>), made once per engine.</summary>
/// <remarks>Immutable after construction; thread-safe.</remarks>
internal sealed class TaskParameterTable
{
    private readonly TaskParameters[] _parameters;
    private readonly string[] _taskIds;

    public TaskParameterTable(BuyingModel model)
    {
        Model = model;
        _parameters = new TaskParameters[model.Tasks.Length];
        _taskIds = new string[model.Tasks.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i] = model.SettingsAt(i).ToParameters(model.Lifecycle);
            _taskIds[i] = model.Tasks[i].Id;
        }
    }

    /// <summary>The model.</summary>
    public BuyingModel Model { get; }

    /// <summary>How many tasks the model has.</summary>
    public int Count => _parameters.Length;

    /// <summary>Each task's id, in model order.</summary>
    public System.ReadOnlySpan<string> TaskIds => _taskIds;

    /// <summary>Each task's parameters, in model order.</summary>
    public System.ReadOnlySpan<TaskParameters> All => _parameters;

    /// <summary>The parameters of the task at <paramref name="index"/>.</summary>
    public ref readonly TaskParameters this[int index] => ref _parameters[index];

    /// <summary>The model index of a task id, or -1. Rules usually pass the model's own id strings, so references are tried first.</summary>
    public int IndexOf(string taskId)
    {
        var tasks = Model.Tasks;
        for (var i = 0; i < tasks.Length; i++)
        {
            if (ReferenceEquals(tasks[i].Id, taskId))
            {
                return i;
            }
        }

        return Model.IndexOf(taskId);
    }
}
