using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using BuyingJourney.Evidence;
using BuyingJourney.Internal;
using BuyingJourney.Model;

namespace BuyingJourney.Rules.Json;

// The rulebook reader, part: the per-task settings ("tasks").
internal sealed partial class RulebookReader
{
    private ImmutableDictionary<string, TaskSettings> ReadTasks(Dictionary<string, JsonElement> parent, string parentPath)
    {
        var result = ImmutableDictionary.CreateBuilder<string, TaskSettings>(StringComparer.Ordinal);
        if (!parent.TryGetValue("tasks", out var tasks))
        {
            return result.ToImmutable();
        }

        var path = Child(parentPath, "tasks");
        if (tasks.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected an object of task ids, got {Describe(tasks)}.");
            return result.ToImmutable();
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var task in tasks.EnumerateObject())
        {
            if (NameOf(task, path, ++position) is not { } taskId)
            {
                continue;
            }

            var taskPath = Child(path, taskId);
            if (!seen.Add(taskId))
            {
                Error(taskPath, $"task {Quote(taskId)} appears more than once.");
                continue;
            }

            var known = _model.IndexOf(taskId) >= 0;
            if (!known)
            {
                Error(taskPath, UnknownTask(taskId));
            }

            if (!Object(task.Value, taskPath, TaskProperties, out var props))
            {
                continue;
            }

            var before = Found;
            var halfLife = Number(props, taskPath, "halfLifeDays");
            if (halfLife is { } days)
            {
                if (days <= 0)
                {
                    Error(Child(taskPath, "halfLifeDays"), $"the half-life is {Format(days)} days; it must be above zero.");
                }
                else if (days * 86400 < 1 || days > TaskSettings.MaxHalfLife.TotalDays)
                {
                    Error(Child(taskPath, "halfLifeDays"), $"the half-life is {Format(days)} days; it must be between one second and {TaskSettings.MaxHalfLife.TotalDays:0} days.");
                }
            }

            var activation = Threshold(props, taskPath, "activation");
            var reopen = Threshold(props, taskPath, "reopen");
            var dormancy = Threshold(props, taskPath, "dormancy");
            if (!known || Found > before)
            {
                continue;
            }

            var current = _model.SettingsOf(taskId);
            var merged = current with
            {
                HalfLife = halfLife is { } d ? TimeSpan.FromTicks((long)Math.Round(d * TimeSpan.TicksPerDay)) : current.HalfLife,
                ActivationThreshold = activation ?? current.ActivationThreshold,
                ReopenThreshold = reopen ?? current.ReopenThreshold,
                DormancyThreshold = dormancy ?? current.DormancyThreshold,
            };
            if (!(merged.DormancyThreshold < merged.ActivationThreshold && merged.ActivationThreshold <= merged.ReopenThreshold))
            {
                Error(taskPath, $"the thresholds must satisfy 0 < dormancy < activation <= reopen; here dormancy is {Format(merged.DormancyThreshold)}, activation {Format(merged.ActivationThreshold)} and reopen {Format(merged.ReopenThreshold)} (values not given come from the model).");
                continue;
            }

            try
            {
                merged.Validate($"task \"{taskId}\"");
            }
            catch (ArgumentException ex)
            {
                Error(taskPath, ex.Message);
                continue;
            }

            result[taskId] = merged;
        }

        return result.ToImmutable();
    }
}
