namespace BuyingJourney.Import;

/// <summary>Why a CRM record was not imported.</summary>
public enum CrmSkipReason
{
    /// <summary>The CSV row breaks the format (a field count other than the header's, text after a closing quote).</summary>
    MalformedRow = 0,

    /// <summary>The record's type is not one the mapping knows.</summary>
    UnknownRecordType = 1,

    /// <summary>The record has no id in the fields the mapping reads it from.</summary>
    MissingId = 2,

    /// <summary>The record names no journey (account or opportunity) in the fields the mapping reads it from.</summary>
    MissingJourney = 3,

    /// <summary>The record has no date in the fields the mapping reads it from.</summary>
    MissingDate = 4,

    /// <summary>The record's date is in none of the formats the mapping reads.</summary>
    BadDate = 5,

    /// <summary>No signal rule of the record type matched the record's fields (e.g. an opportunity still open).</summary>
    NoRuleMatched = 6,

    /// <summary>The signal the record maps to breaks a signal limit (an id too long, control characters in an id).</summary>
    InvalidSignal = 7,

    /// <summary>The journey service refused the signal (e.g. dated too far in the future).</summary>
    Refused = 8,
}
