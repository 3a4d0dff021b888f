using System;

namespace BuyingJourney.Persistence;

/// <summary>A stored record could not be read (malformed JSON, an unknown type or a newer schema). The message names the journey and the record.</summary>
public sealed class JourneyRecordException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="journeyId">The journey whose record is bad.</param>
    /// <param name="record">Which record, e.g. "signal version 7".</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="innerException">The error that exposed the problem (a JSON error, say), or null.</param>
    public JourneyRecordException(string journeyId, string record, string problem, Exception? innerException = null)
        : base($"journey \"{journeyId}\", record {record}: {problem}", innerException)
    {
        JourneyId = journeyId;
        Record = record;
    }

    /// <summary>Creates the exception.</summary>
    public JourneyRecordException()
        : this("(unknown)", "(unknown)", "the record could not be read.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public JourneyRecordException(string message)
        : base(message)
    {
        JourneyId = "(unknown)";
        Record = "(unknown)";
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The error that caused this one.</param>
    public JourneyRecordException(string message, Exception innerException)
        : base(message, innerException)
    {
        JourneyId = "(unknown)";
        Record = "(unknown)";
    }

    /// <summary>The journey whose record is bad.</summary>
    public string JourneyId { get; }

    /// <summary>Which record: "signal version 7", "snapshot version 100".</summary>
    public string Record { get; }
}
