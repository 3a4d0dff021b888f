namespace BuyingJourney.Group;

/// <summary>How engaged a stakeholder, or a role of the buying group, is as of an assessment.</summary>
public enum EngagementStatus
{
    /// <summary>A role nobody in the group has held (not used for stakeholders).</summary>
    Missing = 0,

    /// <summary>In the group and seen within <see cref="BuyingGroupDefinition.QuietAfter"/>.</summary>
    Engaged = 1,

    /// <summary>In the group but not seen for longer than <see cref="BuyingGroupDefinition.QuietAfter"/>.</summary>
    Quiet = 2,

    /// <summary>Left the group (for a role: everyone who held it left).</summary>
    Left = 3,
}
