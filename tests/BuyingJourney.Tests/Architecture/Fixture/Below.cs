namespace BuyingJourney.Tests.Architecture.Fixture.Below;

/// <summary>Used by Left, uses nobody: outside every cycle.</summary>
internal class BelowType;
