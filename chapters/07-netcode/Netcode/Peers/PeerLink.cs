using Netcode.Wire;

namespace Netcode.Peers;

/// <summary>An event (its type and encoded bytes) waiting to go out, with what to do when it is acknowledged and how often to resend it.</summary>
internal sealed record OutgoingEvent(string Type, byte[] Encoded, int RetriesLeft, Action? OnAck);

/// <summary>
/// One side of one connection: our sequence numbers, what we received (<see cref="AckWindow"/>), the
/// packages in flight and their events, the round-trip estimate, congestion control, and de-duplication
/// of retried events. The server keeps one per client, the client one for the server. Thread-safe.
/// </summary>
/// <remarks>
/// Acknowledgement, step by step:
/// 1. Every package we send gets the next sequence and is remembered, in a ring of 64 slots, with its
///    send time and its events.
/// 2. Every package the peer sends carries its ack and bitfield: 33 sequences at most, each looked up in
///    its slot. Each remembered package they cover is delivered: one round-trip sample, and its events'
///    ack callbacks run.
/// 3. A remembered package older than the package timeout (1 s) is lost, and so is one whose slot is
///    needed again 64 packages later. Its events with retries left go back in the queue, as the same
///    event with the same id, so the receiver can tell it is a repeat.
/// Besides the queue, a link holds at most one <em>view</em>: the newest of a stream where only the newest
/// matters (a client's picture of the world). A new view replaces one not yet sent; it is never retried.
/// </remarks>
internal sealed class PeerLink(PeerOptions options)
{
    private const int Slots = 64;

    private struct InFlight
    {
        public bool Used;
        public ushort Sequence;
        public long SentAt;
        public List<OutgoingEvent>? Events;
    }

    private readonly object _gate = new();
    private readonly AckWindow _incoming = new();
    private readonly InFlight[] _inFlight = new InFlight[Slots];
    private readonly LinkedList<OutgoingEvent> _outbox = new();
    private readonly HashSet<long> _seenIds = [];
    private readonly Queue<long> _seenOrder = new();
    private OutgoingEvent? _view;
    private Sqn _sequence;
    private long _nextEventId = Random.Shared.NextInt64(1, long.MaxValue / 2);

    public CongestionControl Congestion { get; } = new(options);
    public SendSchedule Schedule { get; } = new(options.Time);
    public long LastHeardAt { get; private set; } = options.Time.GetTimestamp();
    /// <summary>When the peer last acknowledged one of our packages (at first: when the link was made).</summary>
    public long LastAckedAt { get; private set; } = options.Time.GetTimestamp();

    /// <summary>
    /// The peer has acknowledged nothing we sent for longer than the package timeout: it does not read (a
    /// crashed client, a fake one), or everything we send is lost. Either way, sending at the full rate is
    /// wasted work; the server falls back to a few packages a second until an acknowledgement comes back.
    /// </summary>
    public bool SeemsDeaf => options.Time.GetElapsedTime(LastAckedAt) > options.PackageTimeout;
    public bool HasHeard { get; private set; }
    public TimeSpan Rtt { get; private set; }
    public int QueuedEvents { get { lock (_gate) return _outbox.Count; } }
    /// <summary>Events dropped because the queue was full: the peer is not taking them as fast as they come.</summary>
    public long DroppedEvents { get; private set; }
    /// <summary>The incoming rate limit (the server's side of the link uses it).</summary>
    public TokenBucket IncomingRate { get; } = new(options.Limits.PackagesPerConnectionPerSecond, options.Limits.PackagesPerConnectionPerSecond / 2, options.Time);
    /// <summary>Ack callbacks that threw (each was logged by the caller's log, and skipped).</summary>
    public Action<Exception>? OnCallbackFault { get; set; }

    /// <summary>
    /// Queues an event. Returns false, and queues nothing, when the event is too big for any package: the
    /// caller decides what that means (PyGaSe raises, which ended its server).
    /// </summary>
    public bool Queue(NetEvent e, int retries, Action? onAck)
    {
        if (retries > 0 && options.TagRetriedEvents && e.Id is null) e = e.WithId(Interlocked.Increment(ref _nextEventId));
        byte[] encoded = e.Encode();
        if (!Fits(encoded)) return false;
        lock (_gate)
        {
            _outbox.AddLast(new OutgoingEvent(e.Type, encoded, retries, onAck));
            // A bounded queue: a peer that stopped listening must not make us keep everything for it.
            while (_outbox.Count > options.Limits.MaxQueuedEventsPerConnection)
            {
                _outbox.RemoveFirst();
                DroppedEvents++;
            }
        }
        return true;
    }

    /// <summary>Makes an encoded view the view to send next, replacing one not yet sent. False if it can never fit a package.</summary>
    public bool SetView(string type, byte[] encoded, Action? onAck)
    {
        if (!Fits(encoded)) return false;
        lock (_gate) _view = new OutgoingEvent(type, encoded, 0, onAck);
        return true;
    }

    private static bool Fits(byte[] encoded) => PackageHeader.Size + 2 + Packages.EventCost(encoded) <= Packages.MaxSize;

    /// <summary>The header for the next package: a new sequence, and our ack information.</summary>
    public PackageHeader NextHeader()
    {
        lock (_gate)
        {
            _sequence = _sequence.Next();
            return new PackageHeader(_sequence, _incoming.Newest, _incoming.Bits);
        }
    }

    /// <summary>
    /// Takes what fits in <paramref name="room"/> bytes, five events at most: the view first, then queued
    /// events in order. Null when there is nothing to send.
    /// </summary>
    public List<OutgoingEvent>? TakeEvents(int room)
    {
        List<OutgoingEvent>? taken = null;
        lock (_gate)
        {
            if (_view is { } view && Packages.EventCost(view.Encoded) <= room)
            {
                (taken = []).Add(view);
                room -= Packages.EventCost(view.Encoded);
                _view = null;
            }
            while (_outbox.First is { } node && (taken?.Count ?? 0) < Packages.MaxEventsPerPackage)
            {
                int cost = Packages.EventCost(node.Value.Encoded);
                if (cost > room) break; // keep the order: a big event is not overtaken by later small ones
                (taken ??= []).Add(node.Value);
                room -= cost;
                _outbox.RemoveFirst();
            }
        }
        return taken;
    }

    public void RecordSent(Sqn sequence, List<OutgoingEvent>? events)
    {
        long now = options.Time.GetTimestamp();
        lock (_gate)
        {
            ref InFlight slot = ref _inFlight[sequence.Value % Slots];
            if (slot.Used) Lose(ref slot); // 64 packages later and still not acknowledged: lost
            slot = new InFlight { Used = true, Sequence = sequence.Value, SentAt = now, Events = events };
        }
        ExpireLost();
    }

    /// <summary>Books an incoming header. Only a <see cref="Arrival.Fresh"/> package should be processed further.</summary>
    public Arrival OnReceived(PackageHeader header)
    {
        List<Action>? acked = null;
        Arrival arrival;
        lock (_gate)
        {
            arrival = _incoming.Record(header.Sequence);
            if (arrival != Arrival.Fresh) return arrival;
            LastHeardAt = options.Time.GetTimestamp();
            HasHeard = true;
            // The ack and the 32 before it: look each up in its slot instead of walking everything in flight.
            for (int offset = 0; offset <= 32 && !header.Ack.IsNone; offset++)
            {
                Sqn sequence = header.Ack.Minus(offset);
                ref InFlight slot = ref _inFlight[sequence.Value % Slots];
                if (!slot.Used || slot.Sequence != sequence.Value || !header.Acknowledges(sequence)) continue;
                TimeSpan sample = options.Time.GetElapsedTime(slot.SentAt);
                LastAckedAt = options.Time.GetTimestamp();
                // Exponential moving average, weight 0.1 for the new sample, as PyGaSe.
                Rtt = Rtt == TimeSpan.Zero ? sample : Rtt + (sample - Rtt) * 0.1;
                foreach (var e in slot.Events ?? []) if (e.OnAck is { } callback) (acked ??= []).Add(callback);
                slot = default;
            }
            Congestion.Update(Rtt);
        }
        foreach (Action callback in acked ?? []) // outside the lock: a callback may dispatch
        {
            try { callback(); }
            catch (Exception e) { OnCallbackFault?.Invoke(e); }
        }
        ExpireLost();
        return arrival;
    }

    /// <summary>Declares packages older than the timeout lost and requeues their events that have retries left.</summary>
    public void ExpireLost()
    {
        lock (_gate)
        {
            for (int i = 0; i < Slots; i++)
            {
                ref InFlight slot = ref _inFlight[i];
                if (slot.Used && options.Time.GetElapsedTime(slot.SentAt) >= options.PackageTimeout) Lose(ref slot);
            }
        }
    }

    private void Lose(ref InFlight slot)
    {
        foreach (var e in slot.Events ?? [])
            if (e.RetriesLeft > 0 && _outbox.Count < options.Limits.MaxQueuedEventsPerConnection) _outbox.AddLast(e with { RetriesLeft = e.RetriesLeft - 1 });
        slot = default;
    }

    /// <summary>
    /// Whether an incoming event should be handled: events without an id always; with an id, the first time only.
    /// Remembers the last 4096 ids, far more than can be in flight.
    /// </summary>
    public bool FirstTime(NetEvent e)
    {
        if (e.Id is not { } id) return true;
        lock (_gate)
        {
            if (!_seenIds.Add(id)) return false;
            _seenOrder.Enqueue(id);
            if (_seenOrder.Count > 4096) _seenIds.Remove(_seenOrder.Dequeue());
            return true;
        }
    }
}
