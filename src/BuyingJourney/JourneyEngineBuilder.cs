using System;
using System.Collections.Generic;
using BuyingJourney.Advice;
using BuyingJourney.Internal;
using BuyingJourney.Model;
using BuyingJourney.Playbooks;
using BuyingJourney.Rules;

namespace BuyingJourney;

/// <summary>
/// Builds a <see cref="JourneyEngine"/>: the model (default <see cref="BuyingModels.Gartner"/>), the rulebook
/// (default <see cref="Rulebooks.Gartner"/>) plus rules of your own, the playbook (default
/// <see cref="DefaultPlaybook"/>) plus playbooks that add actions, the ranking policy (default
/// <see cref="DefaultActionRanker"/>), the clock (default <see cref="TimeProvider.System"/>) and the options.
/// </summary>
/// <remarks>Not thread-safe. Frozen by <see cref="Build"/>: any later call throws <see cref="InvalidOperationException"/>.</remarks>
public sealed class JourneyEngineBuilder
{
    private readonly List<EvidenceRule> _rules = [];
    private readonly JourneyEngineOptions _options = new();
    private BuyingModel _model = BuyingModels.Gartner;
    private Rulebook _rulebook = Rulebooks.Gartner;
    private IPlaybook _playbook = DefaultPlaybook.Instance;
    private readonly List<IPlaybook> _additionalPlaybooks = [];
    private IActionRanker _ranker = DefaultActionRanker.Instance;
    private TimeProvider _timeProvider = TimeProvider.System;
    private bool _built;

    /// <summary>Uses another buying model. Give it a rulebook whose rules name its tasks.</summary>
    /// <param name="model">The buying model: its tasks and their lifecycle.</param>
    public JourneyEngineBuilder UseModel(BuyingModel model)
    {
        ThrowIfBuilt();
        _model = Guard.NotNull(model);
        return this;
    }

    /// <summary>Replaces the base rulebook (rules added with <see cref="AddRule(EvidenceRule)"/> still come after it).</summary>
    /// <param name="rulebook">The rulebook whose rules come first.</param>
    public JourneyEngineBuilder UseRulebook(Rulebook rulebook)
    {
        ThrowIfBuilt();
        _rulebook = Guard.NotNull(rulebook);
        return this;
    }

    /// <summary>Adds a rule after the rulebook's own.</summary>
    /// <param name="rule">The rule; its id must be unique among the engine's rules.</param>
    /// <exception cref="ArgumentException">The rule's id starts "buying-group:", which is reserved for the engine's own rules.</exception>
    public JourneyEngineBuilder AddRule(EvidenceRule rule)
    {
        ThrowIfBuilt();
        Guard.NotNull(rule);
        if (EvidenceRule.IsReserved(rule.Id))
        {
            throw new ArgumentException($"rule \"{rule.Id}\": ids starting \"{EvidenceRule.ReservedIdPrefix}\" are reserved for the engine's buying-group rules.", nameof(rule));
        }

        _rules.Add(rule);
        return this;
    }

    /// <summary>Adds a one-off rule written as a lambda.</summary>
    /// <param name="id">A stable rule id.</param>
    /// <param name="signalTypes">The signal types it reads; null or empty for every signal.</param>
    /// <param name="callback">The rule's body; must be pure and thread-safe.</param>
    /// <exception cref="ArgumentException">The id starts "buying-group:", which is reserved for the engine's own rules.</exception>
    public JourneyEngineBuilder AddRule(string id, IEnumerable<string>? signalTypes, EvidenceRuleCallback callback)
        => AddRule(EvidenceRule.Create(id, signalTypes, callback));

    /// <summary>Uses another playbook.</summary>
    /// <param name="playbook">The main playbook.</param>
    public JourneyEngineBuilder UsePlaybook(IPlaybook playbook)
    {
        ThrowIfBuilt();
        _playbook = Guard.NotNull(playbook);
        return this;
    }

    /// <summary>Adds a playbook whose actions join the main playbook's (after them, in the order added).</summary>
    /// <param name="playbook">The extra playbook.</param>
    public JourneyEngineBuilder AddPlaybook(IPlaybook playbook)
    {
        ThrowIfBuilt();
        _additionalPlaybooks.Add(Guard.NotNull(playbook));
        return this;
    }

    /// <summary>Uses another ranking policy for the next best actions (default <see cref="DefaultActionRanker"/>).</summary>
    /// <param name="ranker">The ranking policy.</param>
    public JourneyEngineBuilder UseRanker(IActionRanker ranker)
    {
        ThrowIfBuilt();
        _ranker = Guard.NotNull(ranker);
        return this;
    }

    /// <summary>Uses another clock (for "now" in <see cref="JourneyEngine.Assess(Journeys.JourneyState)"/>).</summary>
    /// <param name="timeProvider">The clock.</param>
    public JourneyEngineBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        ThrowIfBuilt();
        _timeProvider = Guard.NotNull(timeProvider);
        return this;
    }

    /// <summary>Changes the options; validated by <see cref="Build"/>.</summary>
    /// <param name="configure">Changes the builder's options in place.</param>
    public JourneyEngineBuilder Configure(Action<JourneyEngineOptions> configure)
    {
        ThrowIfBuilt();
        Guard.NotNull(configure)(_options);
        return this;
    }

    /// <summary>Validates everything and builds the engine. The builder is frozen afterwards.</summary>
    /// <exception cref="ArgumentException">The options are out of range, two rules share an id, a rule id starts "buying-group:" (reserved for the engine's own rules), a data rule names a task the model lacks, or the data rules for one signal type can give a signal more than <see cref="EvidenceCollector.MaxPerSignal"/> pieces of evidence together.</exception>
    /// <exception cref="InvalidOperationException">Called twice.</exception>
    public JourneyEngine Build()
    {
        ThrowIfBuilt();
        var options = _options.Validated();
        var rulebook = _rules.Count == 0 ? _rulebook : _rulebook.With(_rules);
        var engine = new JourneyEngine(_model, rulebook, _playbook, [.. _additionalPlaybooks], _ranker, _timeProvider, options);
        _built = true;
        return engine;
    }

    /// <summary>True once <see cref="Build"/> has run (the DI registration checks that its callbacks left it to it).</summary>
    internal bool IsBuilt => _built;

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("This JourneyEngineBuilder has already built its engine; make a new builder to build another.");
        }
    }
}
