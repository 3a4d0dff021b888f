using System;
using BuyingJourney.Model;
using BuyingJourney.Rules;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

[assembly: BuyingJourney.Testing.JourneyProperties]

namespace BuyingJourney.Testing.Tests.Laws;

/// <summary>Every law holds for the five built-in models with their built-in rulebooks, on the kit's own generated journeys.</summary>
public sealed class BuiltInModelLawTests
{
    internal static readonly JourneyEngine Gartner = JourneyEngine.CreateDefault();
    internal static readonly JourneyEngine Rackham3 = Engine(BuyingModels.Rackham3, Rulebooks.Rackham3);
    internal static readonly JourneyEngine Rackham5 = Engine(BuyingModels.Rackham5, Rulebooks.Rackham5);
    internal static readonly JourneyEngine BuyGrid = Engine(BuyingModels.BuyGrid, Rulebooks.BuyGrid);
    internal static readonly JourneyEngine Practitioner = Engine(BuyingModels.Practitioner, Rulebooks.Practitioner);

    private static readonly JourneyGenerator GartnerJourneys = new(Gartner);
    private static readonly JourneyGenerator Rackham3Journeys = new(Rackham3);
    private static readonly JourneyGenerator Rackham5Journeys = new(Rackham5);
    private static readonly JourneyGenerator BuyGridJourneys = new(BuyGrid);
    private static readonly JourneyGenerator PractitionerJourneys = new(Practitioner);

    [Property]
    public Property Gartner_EveryLaw() => Laws(GartnerJourneys);

    [Property]
    public Property Rackham3_EveryLaw() => Laws(Rackham3Journeys);

    [Property]
    public Property Rackham5_EveryLaw() => Laws(Rackham5Journeys);

    [Property]
    public Property BuyGrid_EveryLaw() => Laws(BuyGridJourneys);

    [Property]
    public Property Practitioner_EveryLaw() => Laws(PractitionerJourneys);

    internal static JourneyEngine Engine(BuyingModel model, Rulebook rulebook)
        => new JourneyEngineBuilder().UseModel(model).UseRulebook(rulebook).Build();

    private static Property Laws(JourneyGenerator generator)
        => Prop.ForAll(generator.Journeys, JourneyGenerator.LaterOffsets, (journey, later) => JourneyLaws.All(generator.Engine, journey, later));
}
