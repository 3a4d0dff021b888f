namespace BuyingJourney.Journeys;

/// <summary>How much of a journey's history its state keeps (from the engine's options).</summary>
/// <param name="MaxLoopBacks">The most recent loop-backs kept.</param>
/// <param name="MaxStakeholders">The stakeholders kept.</param>
/// <param name="MaxFeedback">The action codes whose latest feedback is kept.</param>
internal readonly record struct JourneyFoldLimits(int MaxLoopBacks, int MaxStakeholders, int MaxFeedback);
