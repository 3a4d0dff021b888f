using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BuyingJourney.Internal;
using BuyingJourney.Signals;

namespace BuyingJourney.Journeys;

/// <summary>
/// A journey's signals as the fold takes them: checked (none null, all of the journey), in journey order, and, for
/// replay, each id once (the first copy in journey order). Per-thread buffers keep replay allocation-free per signal.
/// </summary>
internal static class SignalStream
{
    /// <summary>
    /// <paramref name="signals"/> checked and in journey order. An array or list already in order is read where it is
    /// (no copy); anything else is copied into <paramref name="buffer"/> (grown as needed) and sorted there.
    /// </summary>
    public static ReadOnlySpan<Signal> InOrder(string journeyId, IEnumerable<Signal> signals, ref Signal[] buffer, string parameter = "signals")
    {
        Guard.Text(journeyId, nameof(journeyId), Signal.MaxIdLength);
        ReadOnlySpan<Signal> span;
        switch (signals)
        {
            case null:
                throw new ArgumentNullException(parameter);
            case Signal[] array:
                span = array;
                break;
            case List<Signal> list:
                span = CollectionsMarshal.AsSpan(list);
                break;
            default:
                var count = CopyInto(signals, ref buffer); // may replace the buffer: take the span after
                span = buffer.AsSpan(0, count);
                break;
        }

        if (Check(journeyId, span, parameter, buffer))
        {
            return span;
        }

        IntoBuffer(span, ref buffer);
        Array.Sort(buffer, 0, span.Length, SignalOrder.Instance);
        return buffer.AsSpan(0, span.Length);
    }

    /// <summary>
    /// <paramref name="sorted"/> (in journey order) with only the first copy of each id, using <paramref name="seen"/>
    /// (empty; left holding the ids). Without repeats it is <paramref name="sorted"/> itself; otherwise the kept signals
    /// are gathered in <paramref name="buffer"/> (grown as needed; <paramref name="sorted"/> may already be in it).
    /// </summary>
    public static ReadOnlySpan<Signal> FirstOfEachId(ReadOnlySpan<Signal> sorted, ref Signal[] buffer, HashSet<string> seen)
    {
        for (var i = 0; i < sorted.Length; i++)
        {
            if (!seen.Add(sorted[i].Id))
            {
                return Gather(sorted, i, ref buffer, seen);
            }
        }

        return sorted;
    }

    // The rare case: a repeat at position first. The kept signals from there on move down in the buffer.
    private static ReadOnlySpan<Signal> Gather(ReadOnlySpan<Signal> sorted, int first, ref Signal[] buffer, HashSet<string> seen)
    {
        IntoBuffer(sorted, ref buffer);
        var kept = first;
        for (var i = first + 1; i < sorted.Length; i++)
        {
            var signal = buffer[i];
            if (seen.Add(signal.Id))
            {
                buffer[kept++] = signal;
            }
        }

        Array.Clear(buffer, kept, sorted.Length - kept);
        return buffer.AsSpan(0, kept);
    }

    /// <summary>Puts <paramref name="signals"/> at the start of <paramref name="buffer"/> (grown as needed), unless they are already there.</summary>
    private static void IntoBuffer(ReadOnlySpan<Signal> signals, ref Signal[] buffer)
    {
        if (Unsafe.AreSame(ref MemoryMarshal.GetReference(signals), ref MemoryMarshal.GetArrayDataReference(buffer)))
        {
            return;
        }

        if (buffer.Length < signals.Length)
        {
            buffer = new Signal[Math.Max(signals.Length, buffer.Length * 2)];
        }

        signals.CopyTo(buffer);
    }

    private static int CopyInto(IEnumerable<Signal> signals, ref Signal[] buffer)
    {
        var count = 0;
        if (signals is IReadOnlyList<Signal> list)
        {
            if (buffer.Length < list.Count)
            {
                buffer = new Signal[Math.Max(list.Count, buffer.Length * 2)];
            }

            for (var i = 0; i < list.Count; i++)
            {
                buffer[count++] = list[i];
            }

            return count;
        }

        foreach (var signal in signals)
        {
            if (count == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(16, buffer.Length * 2));
            }

            buffer[count++] = signal;
        }

        return count;
    }

    /// <summary>
    /// Throws, naming <paramref name="parameter"/>, on a null signal or one of another journey (clearing
    /// <paramref name="buffer"/> first, so a pooled buffer keeps no references); returns true when the signals are in journey order.
    /// </summary>
    private static bool Check(string journeyId, ReadOnlySpan<Signal> signals, string parameter, Signal[] buffer)
    {
        var ordered = true;
        for (var i = 0; i < signals.Length; i++)
        {
            var signal = signals[i];
            if (signal is null)
            {
                Array.Clear(buffer);
                throw new ArgumentException($"{parameter}[{i}] is null.", parameter);
            }

            if (!string.Equals(signal.JourneyId, journeyId, StringComparison.Ordinal))
            {
                Array.Clear(buffer);
                CheckJourney(journeyId, signal, parameter);
            }

            if (ordered && i > 0 && SignalOrder.Instance.Compare(signals[i - 1], signal) > 0)
            {
                ordered = false;
            }
        }

        return ordered;
    }

    /// <summary>A checked copy of <paramref name="signals"/> in journey order; errors name <paramref name="parameter"/>.</summary>
    public static Signal[] Sorted(string journeyId, IEnumerable<Signal> signals, string parameter = "signals")
    {
        Signal[] buffer = [];
        return InOrder(journeyId, signals, ref buffer, parameter).ToArray();
    }

    /// <summary>Throws, naming <paramref name="parameter"/>, when <paramref name="signal"/> is not of journey <paramref name="journeyId"/>.</summary>
    public static void CheckJourney(string journeyId, Signal signal, string parameter)
    {
        if (!string.Equals(signal.JourneyId, journeyId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"signal \"{signal.Id}\" belongs to journey \"{signal.JourneyId}\", not \"{journeyId}\".", parameter);
        }
    }

    /// <summary>Per-thread replay buffers: the sorted copy of a journey's signals and the set of ids seen.</summary>
    internal sealed class ReplayBuffers
    {
        [ThreadStatic]
        private static ReplayBuffers? t_buffers;

        public Signal[] Signals = new Signal[128];

        /// <summary>How many leading entries of <see cref="Signals"/> the last replay may have filled.</summary>
        public int Used;

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public static ReplayBuffers Rent()
        {
            var buffers = t_buffers ?? new ReplayBuffers();
            t_buffers = null;
            return buffers;
        }

        public static void Return(ReplayBuffers buffers)
        {
            if (buffers.Signals.Length > 1 << 16 || buffers.Seen.Count > 1 << 16)
            {
                return; // an unusually long journey: let the big buffers go
            }

            Array.Clear(buffers.Signals, 0, Math.Min(buffers.Used, buffers.Signals.Length));
            buffers.Used = 0;
            buffers.Seen.Clear();
            t_buffers = buffers;
        }
    }
}
