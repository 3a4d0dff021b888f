using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using BuyingJourney.Advice;
using BuyingJourney.Internal;
using BuyingJourney.Model;
using BuyingJourney.Playbooks;
using BuyingJourney.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BuyingJourney;

/// <summary>
/// Returned by <see cref="BuyingJourneyServiceCollectionExtensions.AddBuyingJourney"/> to register rules, the model,
/// the rulebook, the playbook and options. Each call adds registrations to the service collection.
/// </summary>
/// <remarks>Not thread-safe; use while configuring services.</remarks>
public sealed class BuyingJourneyBuilder
{
    internal BuyingJourneyBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a rule type, created by the container as a singleton (registered once however often this is called).</summary>
    public BuyingJourneyBuilder AddRule<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TRule>()
        where TRule : EvidenceRule
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<EvidenceRule, TRule>());
        return this;
    }

    /// <summary>Adds a rule instance.</summary>
    public BuyingJourneyBuilder AddRule(EvidenceRule rule)
    {
        Guard.NotNull(rule);
        Services.AddSingleton(rule);
        return this;
    }

    /// <summary>Adds a one-off rule written as a lambda.</summary>
    /// <param name="id">A stable rule id.</param>
    /// <param name="signalTypes">The signal types it reads; null or empty for every signal.</param>
    /// <param name="callback">The rule's body; must be pure and thread-safe.</param>
    public BuyingJourneyBuilder AddRule(string id, IEnumerable<string>? signalTypes, EvidenceRuleCallback callback)
        => AddRule(EvidenceRule.Create(id, signalTypes, callback));

    /// <summary>Uses another buying model (replacing any registered before).</summary>
    public BuyingJourneyBuilder UseModel(BuyingModel model)
    {
        Guard.NotNull(model);
        Services.RemoveAll<BuyingModel>();
        Services.AddSingleton(model);
        return this;
    }

    /// <summary>Uses another base rulebook (replacing any registered before). Registered rules are added after it.</summary>
    public BuyingJourneyBuilder UseRulebook(Rulebook rulebook)
    {
        Guard.NotNull(rulebook);
        Services.RemoveAll<Rulebook>();
        Services.AddSingleton(rulebook);
        return this;
    }

    /// <summary>Uses another playbook type (replacing any registered before).</summary>
    public BuyingJourneyBuilder UsePlaybook<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TPlaybook>()
        where TPlaybook : class, IPlaybook
    {
        Services.RemoveAll<IPlaybook>();
        Services.AddSingleton<IPlaybook, TPlaybook>();
        return this;
    }

    /// <summary>
    /// Adds a playbook type whose actions join the main playbook's (created by the container as a singleton; added
    /// once however often this is called). Use it to add actions of your own without replacing the defaults.
    /// </summary>
    public BuyingJourneyBuilder AddPlaybook<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TPlaybook>()
        where TPlaybook : class, IPlaybook
    {
        Services.TryAddSingleton<TPlaybook>();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<PlaybookAddition, PlaybookAddition<TPlaybook>>());
        return this;
    }

    /// <summary>Uses another ranking policy type for the next best actions (replacing any registered before).</summary>
    public BuyingJourneyBuilder UseRanker<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TRanker>()
        where TRanker : class, IActionRanker
    {
        Services.RemoveAll<IActionRanker>();
        Services.AddSingleton<IActionRanker, TRanker>();
        return this;
    }

    /// <summary>Changes the engine options; every configuration runs, in order, and the result is validated when the engine is created.</summary>
    public BuyingJourneyBuilder Configure(Action<JourneyEngineOptions> configure)
    {
        Guard.NotNull(configure);
        Services.AddSingleton(new OptionsConfiguration(configure));
        return this;
    }

    /// <summary>Changes the <see cref="JourneyService"/> options; every configuration runs, in order, and the result is validated when the service is created.</summary>
    public BuyingJourneyBuilder ConfigureService(Action<JourneyServiceOptions> configure)
    {
        Guard.NotNull(configure);
        Services.AddSingleton(new ServiceOptionsConfiguration(configure));
        return this;
    }

    internal abstract class PlaybookAddition
    {
        public abstract IPlaybook Playbook { get; }
    }

    internal sealed class PlaybookAddition<TPlaybook>(TPlaybook playbook) : PlaybookAddition
        where TPlaybook : class, IPlaybook
    {
        public override IPlaybook Playbook { get; } = playbook;
    }

    internal sealed class ServiceOptionsConfiguration(Action<JourneyServiceOptions> configure)
    {
        public Action<JourneyServiceOptions> Configure { get; } = configure;
    }

    internal sealed class OptionsConfiguration(Action<JourneyEngineOptions> configure)
    {
        public Action<JourneyEngineOptions> Configure { get; } = configure;
    }
}
