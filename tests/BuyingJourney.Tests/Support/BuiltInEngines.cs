using System.Collections.Generic;
using BuyingJourney.Advice;
using BuyingJourney.Model;
using BuyingJourney.Playbooks;
using BuyingJourney.Rules;

namespace BuyingJourney.Tests.Support;

/// <summary>An engine per built-in model (with its default rulebook), by model name, optionally with a playbook that proposes a discount.</summary>
internal static class BuiltInEngines
{
    public const string DiscountCode = "custom.discount";

    private static readonly Dictionary<string, (BuyingModel Model, Rulebook Rulebook)> Models = new()
    {
        ["gartner"] = (BuyingModels.Gartner, Rulebooks.Gartner),
        ["rackham-3"] = (BuyingModels.Rackham3, Rulebooks.Rackham3),
        ["rackham-5"] = (BuyingModels.Rackham5, Rulebooks.Rackham5),
        ["practitioner-3"] = (BuyingModels.Practitioner, Rulebooks.Practitioner),
        ["buygrid-8"] = (BuyingModels.BuyGrid, Rulebooks.BuyGrid),
    };

    private static readonly Dictionary<string, JourneyEngine> Plain = [];
    private static readonly Dictionary<string, JourneyEngine> WithDiscount = [];

    /// <summary>The names of the five built-in models.</summary>
    public static IEnumerable<string> Names => Models.Keys;

    /// <summary>The default engine for the model.</summary>
    public static JourneyEngine For(string model)
    {
        lock (Plain)
        {
            if (!Plain.TryGetValue(model, out var engine))
            {
                var (m, r) = Models[model];
                Plain[model] = engine = new JourneyEngineBuilder().UseModel(m).UseRulebook(r).Configure(static o => o.MaxNextBestActions = 50).Build();
            }

            return engine;
        }
    }

    /// <summary>The model's engine plus a playbook that always proposes a discount ("custom.discount") citing the latest signal.</summary>
    public static JourneyEngine Discounting(string model)
    {
        lock (WithDiscount)
        {
            if (!WithDiscount.TryGetValue(model, out var engine))
            {
                var (m, r) = Models[model];
                WithDiscount[model] = engine = new JourneyEngineBuilder().UseModel(m).UseRulebook(r).AddPlaybook(new DiscountPlaybook()).Build();
            }

            return engine;
        }
    }

    private sealed class DiscountPlaybook : IPlaybook
    {
        public void Advise(AdviceContext context, ActionCollector actions)
        {
            if (context.State.LastSignalId is { } last)
            {
                actions.Add(new SellerAction(DiscountCode, "Offer 10% off", "Price talk.", ActionPriority.High, null, [last]) { Tactic = ActionTactic.Discount });
            }
        }
    }
}
