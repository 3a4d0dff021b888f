using System;
using BuyingJourney.Internal;

namespace BuyingJourney.Signals;

/// <summary>
/// The person a signal is about or came from: a member of the customer's buying group.
/// </summary>
/// <remarks>Immutable and thread-safe. Equality is by value.</remarks>
public sealed record Stakeholder
{
    /// <summary>The longest accepted <see cref="Id"/> or <see cref="Role"/>, in characters.</summary>
    public const int MaxLength = 256;

    /// <summary>Creates a stakeholder reference.</summary>
    /// <param name="id">The CRM's id of the person (a contact id); required.</param>
    /// <param name="role">The person's role in the buying group (see <see cref="StakeholderRoles"/>); optional.</param>
    /// <exception cref="ArgumentException">An id or role that is empty, too long, or holds control characters or an unpaired surrogate.</exception>
    public Stakeholder(string id, string? role = null)
    {
        Id = Guard.Text(id, "stakeholder.id", MaxLength);
        Role = Guard.OptionalText(role, "stakeholder.role", MaxLength);
    }

    /// <summary>The CRM's id of the person.</summary>
    public string Id { get; }

    /// <summary>The person's role in the buying group, or <see langword="null"/> when unknown.</summary>
    public string? Role { get; }
}
