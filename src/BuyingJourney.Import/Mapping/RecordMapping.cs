using System.Collections.Immutable;

namespace BuyingJourney.Import.Mapping;

/// <summary>Which signal one kind of record becomes when every condition of <see cref="When"/> holds. Immutable and thread-safe.</summary>
/// <param name="SignalType">The signal type.</param>
/// <param name="When">The conditions, all of which must hold; empty: always.</param>
/// <param name="Role">The stakeholder role this rule gives, winning over the title's; or null.</param>
internal sealed record SignalRule(string SignalType, ImmutableArray<FieldCondition> When, string? Role);

/// <summary>A contact title's keywords and the stakeholder role they mean.</summary>
/// <param name="Keywords">Keywords found at the start of a word of the title (case-insensitive).</param>
/// <param name="Role">The role.</param>
internal sealed record TitleRole(ImmutableArray<string> Keywords, string Role);

/// <summary>Who a record is about: the stakeholder id's fields, the title's field and a fixed role.</summary>
/// <param name="IdFields">The first non-blank of these fields is the stakeholder id.</param>
/// <param name="TitleField">The field holding the contact's title, matched against the mapping's title roles; or null.</param>
/// <param name="Role">A fixed role; or null.</param>
internal sealed record StakeholderMapping(ImmutableArray<string> IdFields, string? TitleField, string? Role);

/// <summary>How one record type becomes a signal. Immutable and thread-safe.</summary>
internal sealed record RecordMapping(
    string Type,
    ImmutableArray<string> Detect,
    ImmutableArray<string> IdFields,
    ImmutableArray<string> JourneyFields,
    ImmutableArray<string> OccurredAtFields,
    string? Source,
    StakeholderMapping? Stakeholder,
    ImmutableArray<(string Key, string Field)> Attributes,
    ImmutableArray<SignalRule> Signals);
