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
/// Each store instance also remembers the state its last writers left for the <see cref="RecentCapacity"/> journeys
/// written most recently (<see cref="Turn.Remember"/>), so the next writer of a busy journey starts from it instead of
/// reloading the journey per call. A state handed over within one queue (the gate stayed taken from the writer that
/// remembered it to the one that recalls it) is what the stream held when the turn passed, unless a writer that takes
/// no turn appended meanwhile, which the append's version check catches; any other remembered state is only a
/// starting point, checked against the stream like a snapshot. Thread-safe.
/// </remarks>
internal sealed class JourneyWriteGates
{
    /// <summary>How many journeys' last states one store instance remembers.</summary>
    public const int RecentCapacity = 1024;

    private static readonly ConditionalWeakTable<IJourneyStore, JourneyWriteGates> PerStore = new();

    private readonly Dictionary<(string Tenant, string Journey), Gate> _gates = [];
    private readonly Dictionary<(string Tenant, string Journey), LinkedListNode<Recent>> _recent = [];
    private readonly LinkedList<Recent> _recentOrder = new();

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

    /// <summary>How many journeys' states are remembered.</summary>
    public int RecentCount
    {
        get
        {
            lock (_recent)
            {
                return _recent.Count;
            }
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

    private bool TryRecall((string Tenant, string Journey) key, Gate gate, object engine, out JourneyState state, out long version, out bool handedOver)
    {
        lock (_recent)
        {
            if (_recent.TryGetValue(key, out var node) && ReferenceEquals(node.Value.Engine, engine))
            {
                (state, version, handedOver) = (node.Value.State, node.Value.Version, ReferenceEquals(node.Value.Gate, gate));
                return true;
            }
        }

        (state, version, handedOver) = (null!, 0, false);
        return false;
    }

    private void Remember((string Tenant, string Journey) key, Gate gate, object engine, JourneyState state, long version)
    {
        lock (_recent)
        {
            if (_recent.Remove(key, out var old))
            {
                _recentOrder.Remove(old);
            }
            else if (_recent.Count == RecentCapacity)
            {
                var oldest = _recentOrder.First!;
                _recentOrder.RemoveFirst();
                _recent.Remove(oldest.Value.Key);
            }

            _recent[key] = _recentOrder.AddLast(new Recent(key, gate, engine, state, version));
        }
    }

    private void Forget((string Tenant, string Journey) key)
    {
        lock (_recent)
        {
            if (_recent.Remove(key, out var old))
            {
                _recentOrder.Remove(old);
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
        /// The state and stream version the last writer of this journey on this store left, when it was folded by
        /// <paramref name="engine"/> (compared by reference); <paramref name="handedOver"/> tells whether it was left within this queue (the
        /// gate stayed taken since).
        /// </summary>
        public bool TryRecall(object engine, out JourneyState state, out long version, out bool handedOver)
            => _owner.TryRecall(_key, _gate, engine, out state, out version, out handedOver);

        /// <summary>Remembers the journey's state as stored at <paramref name="version"/> for its next writer.</summary>
        public void Remember(object engine, JourneyState state, long version) => _owner.Remember(_key, _gate, engine, state, version);

        /// <summary>Forgets the journey's state (a write failed part-way, so what was remembered may be behind).</summary>
        public void Forget() => _owner.Forget(_key);

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
    }

    private sealed record Recent((string Tenant, string Journey) Key, Gate Gate, object Engine, JourneyState State, long Version);
}
