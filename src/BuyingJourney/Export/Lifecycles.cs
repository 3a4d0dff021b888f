using System;
using BuyingJourney.Internal;
using BuyingJourney.Model;
using BuyingJourney.Phases;
using Stateless.Graph;

namespace BuyingJourney.Export;

/// <summary>
/// The lifecycles as Stateless draws them (<c>MermaidGraph</c> and <c>UmlDotGraph</c>), from the same declarations the
/// engine's tables are compiled from: a model's task lifecycle and the journey status lifecycle. Each edge shows its
/// trigger and, in brackets, its row's label (and <see cref="TaskLifecycles.LoopBack"/> for a loop-back); an ignored
/// trigger shows as a loop on its state.
/// </summary>
/// <remarks>Output uses "\n" line endings and is deterministic. Stateless and thread-safe.</remarks>
public static class Lifecycles
{
    /// <summary>The model's task lifecycle as a Mermaid <c>stateDiagram-v2</c>.</summary>
    /// <param name="model">The model whose lifecycle to draw (the built-in one unless it was given its own).</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string TaskLifecycleMermaid(BuyingModel model)
    {
        Guard.NotNull(model);
        return Lines(MermaidGraph.Format(model.Lifecycle.Info));
    }

    /// <summary>The model's task lifecycle as a Graphviz DOT <c>digraph</c>.</summary>
    /// <param name="model">The model whose lifecycle to draw (the built-in one unless it was given its own).</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string TaskLifecycleDot(BuyingModel model)
    {
        Guard.NotNull(model);
        return Lines(UmlDotGraph.Format(model.Lifecycle.Info));
    }

    /// <summary>The journey status lifecycle (Open, Stalled, Won, Lost, AtRisk) as a Mermaid <c>stateDiagram-v2</c>.</summary>
    public static string JourneyStatusMermaid() => Lines(MermaidGraph.Format(JourneyStatusLifecycle.Info));

    /// <summary>The journey status lifecycle (Open, Stalled, Won, Lost, AtRisk) as a Graphviz DOT <c>digraph</c>.</summary>
    public static string JourneyStatusDot() => Lines(UmlDotGraph.Format(JourneyStatusLifecycle.Info));

    private static string Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
