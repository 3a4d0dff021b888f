using System;

namespace BuyingJourney.Persistence;

/// <summary>Another writer appended to the stream first: the expected version is not the stream's. Nothing was stored; read again and retry.</summary>
public sealed class JourneyVersionConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="journeyId">The journey whose stream moved on.</param>
    /// <param name="expectedVersion">The version the writer expected.</param>
    /// <param name="actualVersion">The stream's version (-1 when unknown).</param>
    public JourneyVersionConflictException(string journeyId, long expectedVersion, long actualVersion)
        : base($"journey \"{journeyId}\" is at version {actualVersion}, not the expected {expectedVersion}; another writer appended first.")
    {
        JourneyId = journeyId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Creates the exception with a message.</summary>
    public JourneyVersionConflictException()
        : this("(unknown)", -1, -1)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public JourneyVersionConflictException(string message)
        : base(message)
    {
        JourneyId = "(unknown)";
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The error that caused this one.</param>
    public JourneyVersionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        JourneyId = "(unknown)";
    }

    /// <summary>The journey.</summary>
    public string JourneyId { get; }

    /// <summary>The version the writer expected.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The stream's version (-1 when unknown).</summary>
    public long ActualVersion { get; }
}
