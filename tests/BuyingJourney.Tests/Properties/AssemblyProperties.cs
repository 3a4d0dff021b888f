// Every [Property] of this project: the case count from BUYINGJOURNEY_PROPERTY_CASES (the kit's default when unset;
// .ci/run sets 300), quiet on success, and a failing case printed with the seed to replay it with [Property(Replay = "...")].
[assembly: BuyingJourney.Testing.JourneyProperties]
