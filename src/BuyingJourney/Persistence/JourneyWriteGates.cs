using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace BuyingJourney.Persistence;

/// <summary>
/// The in-process turn of each journey's writers: one gate per (store instance, tenant, journey), shared by every
/// <see cref="JourneyService"/> on that store, taken first come first served. A gate exists only while someone holds
/// or waits for it, so the table stays as small as the number of journeys being written at that moment.
/// </summary>
/// <remarks>Thread-safe.</remarks>
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
}
