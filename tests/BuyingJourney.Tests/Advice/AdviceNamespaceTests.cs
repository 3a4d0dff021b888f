using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using BuyingJourney.Advice;
using Xunit;

namespace BuyingJourney.Tests.Advice;

/// <summary>
/// The advice vocabulary depends on nothing that depends on it: the journey state holds <see cref="ActionFeedback"/>,
/// so no type of BuyingJourney.Advice may mention the journeys, the assessment, the buying group or the playbooks; and
/// the assessment is made before the advice, so no type of BuyingJourney.Assessment mentions the playbooks.
/// </summary>
public sealed class AdviceNamespaceTests
{
    private static readonly string[] Upstream = ["BuyingJourney.Journeys", "BuyingJourney.Assessment", "BuyingJourney.Group", "BuyingJourney.Playbooks"];

    [Fact]
    public void AdviceTypes_MentionNoTypeOfTheNamespacesThatUseThem()
    {
        var advice = typeof(SellerAction).Assembly.GetTypes().Where(static t => t.Namespace == "BuyingJourney.Advice").ToList();
        Assert.Contains(typeof(Guardrail), advice);
        Assert.DoesNotContain(advice, static t => t.Name is "IPlaybook" or "DefaultPlaybook" or "AdvicePipeline");

        var offending = advice.SelectMany(static t => Mentioned(t).Where(IsUpstream).Select(m => $"{t.Name} -> {m.FullName}")).Distinct().ToList();

        Assert.True(offending.Count == 0, string.Join("; ", offending));
    }

    [Fact]
    public void AssessmentTypes_MentionNoTypeOfThePlaybooks()
    {
        var assessment = typeof(SellerAction).Assembly.GetTypes().Where(static t => t.Namespace == "BuyingJourney.Assessment").ToList();
        Assert.Contains(typeof(BuyingJourney.Assessment.JourneyAssessment), assessment);

        var offending = assessment
            .SelectMany(static t => Mentioned(t).Where(static m => m.Namespace == "BuyingJourney.Playbooks").Select(m => $"{t.Name} -> {m.FullName}"))
            .Distinct()
            .ToList();

        Assert.True(offending.Count == 0, string.Join("; ", offending));
    }

    private static bool IsUpstream(Type type) => Upstream.Any(n => type.Namespace is { } ns && ns.StartsWith(n, StringComparison.Ordinal));

    /// <summary>Every type in a member signature of <paramref name="type"/>, generic arguments included.</summary>
    private static IEnumerable<Type> Mentioned(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var direct = new List<Type>();
        direct.AddRange(type.GetFields(All).Select(static f => f.FieldType));
        direct.AddRange(type.GetProperties(All).Select(static p => p.PropertyType));
        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            direct.AddRange(method.GetParameters().Select(static p => p.ParameterType));
            if (method is MethodInfo info)
            {
                direct.Add(info.ReturnType);
            }
        }

        return direct.SelectMany(Flatten);
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        yield return type;
        var element = type.HasElementType ? type.GetElementType() : null;
        if (element is not null)
        {
            foreach (var inner in Flatten(element))
            {
                yield return inner;
            }
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            foreach (var inner in Flatten(argument))
            {
                yield return inner;
            }
        }
    }
}
