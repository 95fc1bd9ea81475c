using Netcode.Wire;

namespace Netcode.Peers;

/// <summary>An event waiting to go out, with what to do when it is acknowledged and how often to resend it.</summary>
internal sealed record OutgoingEvent(NetEvent Event, byte[] Encoded, int RetriesLeft, Action? OnAck);

/// <summary>
/// One side of one connection: our sequence numbers, what we received (<see cref="AckWindow"/>), the
/// packages in flight and their events, the round-trip estimate, congestion control, and de-duplication
/// of retried events. The server keeps one per client, the client one for the server. Thread-safe.
/// </summary>
/// <remarks>
/// Acknowledgement, step by step:
/// 1. Every package we send gets the next sequence and is remembered with its send time and its events.
/// 2. Every package the peer sends carries its ack and bitfield; each remembered package they cover is
///    delivered: one round-trip sample, and its events' ack callbacks run.
/// 3. A remembered package older than the package timeout (1 s) is lost. Its events with retries left
///    go back in the queue, as the same event with the same id, so the receiver can tell it is a repeat.
/// </remarks>
internal sealed class PeerLink(PeerOptions options)
{
    private readonly object _gate = new();
    private readonly AckWindow _incoming = new();
    private readonly Dictionary<ushort, (long SentAt, List<OutgoingEvent> Events)> _inFlight = [];
    private readonly LinkedList<OutgoingEvent> _outbox = new();
    private readonly HashSet<long> _seenIds = [];
    private readonly Queue<long> _seenOrder = new();
    private Sqn _sequence;
    private long _nextEventId = Random.Shared.NextInt64(1, long.MaxValue / 2);

    public CongestionControl Congestion { get; } = new(options);
    public SendSchedule Schedule { get; } = new(options.Time);
    public long LastHeardAt { get; private set; } = options.Time.GetTimestamp();
    public bool HasHeard { get; private set; }
    public TimeSpan Rtt { get; private set; }
    public int QueuedEvents { get { lock (_gate) return _outbox.Count; } }
    /// <summary>Events dropped because the queue was full: the peer is not taking them as fast as they come.</summary>
    public long DroppedEvents { get; private set; }
    /// <summary>The incoming rate limit (the server's side of the link uses it).</summary>
    public TokenBucket IncomingRate { get; } = new(options.Limits.PackagesPerConnectionPerSecond, options.Limits.PackagesPerConnectionPerSecond / 2, options.Time);
    /// <summary>Ack callbacks that threw (each was logged by the caller's log, and skipped).</summary>
    public Action<Exception>? OnCallbackFault { get; set; }

    public void Queue(NetEvent e, int retries, Action? onAck)
    {
        if (retries > 0 && options.TagRetriedEvents && e.Id is null) e = e.WithId(Interlocked.Increment(ref _nextEventId));
        byte[] encoded = e.Encode();
        if (PackageHeader.Size + 2 + Packages.EventCost(encoded) > Packages.MaxSize)
            throw new ArgumentException($"event {e.Type} takes {encoded.Length} bytes; it cannot fit in a {Packages.MaxSize}-byte package.");
        lock (_gate)
        {
            _outbox.AddLast(new OutgoingEvent(e, encoded, retries, onAck));
            // A bounded queue: a peer that stopped listening must not make us keep everything for it.
            while (_outbox.Count > options.Limits.MaxQueuedEventsPerConnection)
            {
                _outbox.RemoveFirst();
                DroppedEvents++;
            }
        }
    }

    /// <summary>The header for the next package: a new sequence, and our ack information.</summary>
    public PackageHeader NextHeader()
    {
        lock (_gate)
        {
            _sequence = _sequence.Next();
            return new PackageHeader(_sequence, _incoming.Newest, _incoming.Bits);
        }
    }

    /// <summary>Takes up to five queued events that fit in <paramref name="room"/> bytes, in order.</summary>
    public List<OutgoingEvent> TakeEvents(int room)
    {
        var taken = new List<OutgoingEvent>();
        lock (_gate)
        {
            for (var node = _outbox.First; node is not null && taken.Count < Packages.MaxEventsPerPackage;)
            {
                var next = node.Next;
                int cost = Packages.EventCost(node.Value.Encoded);
                if (cost <= room)
                {
                    taken.Add(node.Value);
                    room -= cost;
                    _outbox.Remove(node);
                }
                else break; // keep the order: a big event is not overtaken by later small ones
                node = next;
            }
        }
        return taken;
    }

    public void RecordSent(Sqn sequence, List<OutgoingEvent> events)
    {
        lock (_gate) _inFlight[sequence.Value] = (options.Time.GetTimestamp(), events);
        ExpireLost();
    }

    /// <summary>Books an incoming header. Only a <see cref="Arrival.Fresh"/> package should be processed further.</summary>
    public Arrival OnReceived(PackageHeader header)
    {
        var acked = new List<Action>();
        Arrival arrival;
        lock (_gate)
        {
            arrival = _incoming.Record(header.Sequence);
            if (arrival != Arrival.Fresh) return arrival;
            LastHeardAt = options.Time.GetTimestamp();
            HasHeard = true;
            foreach (var (sequence, (sentAt, events)) in _inFlight.ToList())
            {
                if (!header.Acknowledges(new Sqn(sequence))) continue;
                _inFlight.Remove(sequence);
                TimeSpan sample = options.Time.GetElapsedTime(sentAt);
                // Exponential moving average, weight 0.1 for the new sample, as PyGaSe.
                Rtt = Rtt == TimeSpan.Zero ? sample : Rtt + (sample - Rtt) * 0.1;
                foreach (var e in events) if (e.OnAck is { } callback) acked.Add(callback);
            }
            Congestion.Update(Rtt);
        }
        foreach (Action callback in acked) // outside the lock: a callback may dispatch
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
            foreach (var (sequence, (sentAt, events)) in _inFlight.ToList())
            {
                if (options.Time.GetElapsedTime(sentAt) < options.PackageTimeout) continue;
                _inFlight.Remove(sequence);
                foreach (var e in events)
                    if (e.RetriesLeft > 0 && _outbox.Count < options.Limits.MaxQueuedEventsPerConnection) _outbox.AddLast(e with { RetriesLeft = e.RetriesLeft - 1 });
            }
        }
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
