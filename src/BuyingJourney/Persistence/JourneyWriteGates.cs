using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Journeys;

namespace BuyingJourney.Persistence;

/// <summary>
/// The in-process turn of each journey's writers: one gate per (store instance, tenant, journey), shared by every
/// <see cref="JourneyService"/> on that store, taken first come first served. A gate exists only while someone holds
/// or waits for it, so the table stays as small as the number of journeys being written at that moment.
/// </summary>
/// <remarks>
/// The writer whose turn ends may hand the journey's state on to the next one (<see cref="Turn.HandOn"/>), so a queue
/// of writers folds and reads each signal once instead of reloading the journey per call; the hand-off lives only as
/// long as the gate, and a writer in another process is still caught by the append's version check. Thread-safe.
/// </remarks>
internal sealed class JourneyWriteGates
{
    private static readonly ConditionalWeakTable<IJourneyStore, JourneyWriteGates> PerStore = new();

    private readonly Dictionary<(string Tenant, string Journey), Gate> _gates = [];

    /// <summary>The gates of one store instance.</summary>
    public static JourneyWriteGates For(IJourneyStore store) => PerStore.GetValue(store, static _ => new JourneyWriteGates());

    /// <summary>Waits for the journey's turn; dispose the result to pass it on. Nothing is held when cancelled.</summary>
    public async ValueTask<Turn> EnterAsync(string tenant, string journeyId, CancellationToken cancellationToken)
    {
        var key = (tenant, journeyId);
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(key, out gate!))
            {
                _gates[key] = gate = new Gate();
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, gate);
            throw;
        }

        return new Turn(this, key, gate);
    }

    /// <summary>How many writers hold or wait for the journey's turn (0 when it has no gate).</summary>
    public int Users(string tenant, string journeyId)
    {
        lock (_gates)
        {
            return _gates.TryGetValue((tenant, journeyId), out var gate) ? gate.Users : 0;
        }
    }

    private void Leave((string Tenant, string Journey) key, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(key);
            }
        }
    }

    /// <summary>A held turn; disposing it lets the next writer of the journey in.</summary>
    public readonly struct Turn : IDisposable
    {
        private readonly JourneyWriteGates _owner;
        private readonly (string Tenant, string Journey) _key;
        private readonly Gate _gate;

        internal Turn(JourneyWriteGates owner, (string Tenant, string Journey) key, Gate gate)
        {
            _owner = owner;
            _key = key;
            _gate = gate;
        }

        /// <summary>
        /// The state and stream version the previous writer of this journey left, when it was folded by
        /// <paramref name="engine"/>; taken once (the next writer gets nothing unless this one hands on again).
        /// </summary>
        public bool TryTake(JourneyEngine engine, out JourneyState state, out long version)
        {
            var handoff = _gate.Handoff;
            _gate.Handoff = null;
            if (handoff is { } left && ReferenceEquals(left.Engine, engine))
            {
                (state, version) = (left.State, left.Version);
                return true;
            }

            (state, version) = (null!, 0);
            return false;
        }

        /// <summary>Leaves the journey's state as stored at <paramref name="version"/> for the next writer.</summary>
        public void HandOn(JourneyEngine engine, JourneyState state, long version) => _gate.Handoff = (engine, state, version);

        /// <inheritdoc />
        public void Dispose()
        {
            _gate.Semaphore.Release();
            _owner.Leave(_key, _gate);
        }
    }

    internal sealed class Gate
    {
        /// <summary>Holders and waiters; guarded by the owner's table lock.</summary>
        public int Users { get; set; }

        /// <summary>The turn: async waiters are let in in the order they came.</summary>
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        /// <summary>What the last writer left for the next; read and written only by the turn's holder.</summary>
        public (JourneyEngine Engine, JourneyState State, long Version)? Handoff { get; set; }
    }
}
