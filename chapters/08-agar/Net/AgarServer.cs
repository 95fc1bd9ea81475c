using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Agar.Game;
using Netcode.Peers;
using Netcode.State;
using Netcode.Wire;

namespace Agar.Net;

/// <summary>What the server counted: who came and went, and what it refused (the anti-cheat tests read these).</summary>
public sealed class ServerCounters
{
    public long MalformedEvents, FloodedInputs, StaleInputs, TimedOut, Joined, Left, Refused, InboxFull;
}

/// <summary>
/// The game server on the chapter 07 library. The library's <see cref="Server"/> owns the UDP socket,
/// the connections, the packages and the shared state; this class owns the game:
///   - client events (join, input, leave) wait in an inbox until the next tick: the world is only ever
///     touched by the tick, under one lock, so no list is ever read while another thread changes it;
///   - a fixed 30 Hz tick: apply events, step the <see cref="GameRoom"/>, then queue each client its own
///     view (area of interest, as a delta) as a targeted event;
///   - every half second the leaderboard goes into the library's shared state, which every client gets;
///   - a player silent for <see cref="Timeout"/> is removed, like one who said "leave", and so is one whose
///     connection the library gave up on (a client killed mid-game);
///   - at most <see cref="MaxPlayers"/> play at once; a join beyond that is refused with a "refused" event
///     that says why. Connections, new connections per IP, packages per second and queues are bounded by
///     the library (<see cref="ServerLimits"/>).
/// Clients send directions, never positions, so there is nothing to teleport with.
/// </summary>
public sealed class AgarServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    /// <summary>Events waiting for the next tick; beyond it new ones are dropped (the library bounds each sender's rate).</summary>
    public const int InboxCapacity = 65_536;

    private readonly GameRoom _room;
    private readonly GameStateStore _store;
    private readonly Server _server;
    private readonly Action<string> _log;
    private readonly ConcurrentQueue<(NetEvent Event, IPEndPoint From)> _inbox = new();
    private readonly Dictionary<IPEndPoint, Session> _byAddress = [];
    private readonly Dictionary<int, IPEndPoint> _addressOf = [];
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<double> _tickMs = [];
    private string _leaderboardSent = "";
    private Task _loop = Task.CompletedTask;

    public AgarServer(WorldSettings settings, int bots = 0, PeerOptions? options = null, int maxPlayers = 1024)
    {
        options ??= new PeerOptions();
        _log = options.Log ?? (_ => { });
        MaxPlayers = maxPlayers;
        _room = new GameRoom(settings, bots);
        _store = new GameStateStore(new GameState([new("world", new List<object?> { settings.Width, settings.Height })]));
        _server = new Server(_store, options)
        {
            EventWire = Enqueue,
            // A connection the library gave up on (no package for its timeout): the player goes too.
            ClientGone = address => Enqueue(new NetEvent(LibraryEvents.ClientGone), address),
        };
    }

    /// <summary>Players (humans and the server's own bots) at most; a join beyond it is refused.</summary>
    public int MaxPlayers { get; }

    private int _waiting;

    private void Enqueue(NetEvent e, IPEndPoint from)
    {
        if (Interlocked.Increment(ref _waiting) > InboxCapacity)
        {
            Interlocked.Decrement(ref _waiting);
            if (Interlocked.Increment(ref Counters.InboxFull) == 1) _log($"the inbox is full ({InboxCapacity} events): dropping new events until the tick catches up");
            return;
        }
        _inbox.Enqueue((e, from));
    }

    public IPEndPoint EndPoint => _server.EndPoint;
    public ServerCounters Counters { get; } = new();
    public ServerStats NetStats => _server.Stats;

    /// <summary>Runs after every tick, under the world's lock (keep it short): the demo prints from here.</summary>
    public Action<GameRoom>? AfterTick { get; set; }

    /// <summary>Reads the game safely from another thread (tests, the demo).</summary>
    public T Read<T>(Func<GameRoom, T> read)
    {
        lock (_gate) return read(_room);
    }

    /// <summary>Tick durations in ms since the last call (the server's status line, the bench).</summary>
    public List<double> TakeTickTimes()
    {
        lock (_gate)
        {
            var copy = new List<double>(_tickMs);
            _tickMs.Clear();
            return copy;
        }
    }

    public async Task StartAsync(IPEndPoint endPoint)
    {
        await _server.StartAsync(endPoint);
        _loop = Task.Run(() => TickLoop(_stop.Token));
    }

    private async Task TickLoop(CancellationToken cancel)
    {
        // Tick n is due at start + n/30 s: a late tick shortens the next wait instead of shifting all
        // later ticks, so the game keeps real time (Game Programming Patterns, "Game Loop").
        var clock = Stopwatch.StartNew();
        long n = 0;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                n++;
                TimeSpan wait = TimeSpan.FromSeconds(n * LocalGame.TickSeconds) - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, cancel);
                else if (-wait > TimeSpan.FromSeconds(0.5)) n = (long)(clock.Elapsed.TotalSeconds * LocalGame.TickRate); // a long stall: skip, do not burst
                long started = Stopwatch.GetTimestamp();
                lock (_gate)
                {
                    RunTick();
                    _tickMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (_tickMs.Count > 100_000) _tickMs.RemoveRange(0, 50_000);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
    }

    private void RunTick()
    {
        for (int n = Volatile.Read(ref _waiting); n > 0 && _inbox.TryDequeue(out var item); n--)
        {
            Interlocked.Decrement(ref _waiting);
            Handle(item.Event, item.From);
        }
        _room.Tick();
        RemoveSilent();
        foreach (Session session in _room.Sessions)
            _server.DispatchEvent(_room.ViewFor(session).ToEvent(), _addressOf[session.PlayerId]);
        if (_room.World.Tick % 15 == 0) PublishLeaderboard();
        AfterTick?.Invoke(_room);
    }

    private void Handle(NetEvent e, IPEndPoint from)
    {
        Session? session = _byAddress.GetValueOrDefault(from);
        if (session is not null) session.LastHeardTick = _room.World.Tick;
        try
        {
            switch (e.Type)
            {
                case Messages.Join when session is null && _room.World.Players.Count >= MaxPlayers:
                    Counters.Refused++;
                    _server.DispatchEvent(new NetEvent(Messages.Refused, $"full: {MaxPlayers} players are playing"), from);
                    if (Counters.Refused == 1) _log($"refused {from}: the game is full ({MaxPlayers} players); later refusals are only counted");
                    break;
                case Messages.Join when session is null:
                    string name = CleanName(e.Args.Count == 1 ? e.Args[0] as string : null);
                    session = _room.Join(name);
                    _byAddress[from] = session;
                    _addressOf[session.PlayerId] = from;
                    Counters.Joined++;
                    _log($"{name} joined from {from} as player {session.PlayerId}");
                    break;
                case Messages.Join:
                    break; // a repeated join (the client retries until its first view arrives)
                case Messages.Input when session is not null:
                    if (e.Args.Count != 4) throw new FormatException($"an input has 4 arguments, this one {e.Args.Count}");
                    long sequence = Messages.Integer(e.Args[0]);
                    if (sequence is < 1 or > uint.MaxValue) throw new FormatException($"sequence number {sequence} is out of range");
                    var input = new PlayerInput((uint)sequence, Messages.Number(e.Args[1]), Messages.Number(e.Args[2]));
                    session.Feed.Acknowledge(Messages.Integer(e.Args[3]));
                    long droppedBefore = session.Inputs.Dropped;
                    if (!session.Inputs.Offer(input)) Counters.StaleInputs++;
                    if (session.Inputs.Dropped > droppedBefore && ++Counters.FloodedInputs % 100 == 1)
                        _log($"player {session.PlayerId} ({from}) sends inputs faster than the tick: dropping its oldest ({Counters.FloodedInputs} so far)");
                    break;
                case Messages.Leave when session is not null:
                    Remove(session, "left");
                    break;
                case LibraryEvents.ClientGone when session is not null:
                    Counters.TimedOut++;
                    Remove(session, $"timed out (its connection was silent for {Timeout.TotalSeconds:0} s)");
                    break;
                case Messages.Input or Messages.Leave or LibraryEvents.ClientGone:
                    break; // from an address that has not joined (or already left): nothing to do
                default:
                    throw new FormatException($"unknown event '{e.Type}'");
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            if (++Counters.MalformedEvents <= 20 || Counters.MalformedEvents % 1000 == 0)
                _log($"dropped a malformed {e.Type} event from {from}: {ex.Message} ({Counters.MalformedEvents} so far)");
        }
        catch (Exception ex)
        {
            // A bug, not bad input: one event is lost, the tick goes on; the first of each kind is logged whole.
            if (++Counters.MalformedEvents <= 20) _log($"BUG: handling a {e.Type} event from {from} threw; it is skipped: {ex}");
        }
    }

    /// <summary>A name is shown to everyone: printable, 1 to 16 characters, or a default.</summary>
    private static string CleanName(string? name)
    {
        string clean = new string((name ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (clean.Length > 16) clean = clean[..16];
        return clean.Length == 0 ? "Anonymous" : clean;
    }

    private void RemoveSilent()
    {
        long limit = (long)(Timeout.TotalSeconds * LocalGame.TickRate);
        foreach (Session session in _room.Sessions.Where(s => _room.World.Tick - s.LastHeardTick > limit).ToList())
        {
            Counters.TimedOut++;
            Remove(session, $"timed out (nothing for {Timeout.TotalSeconds:0} s)");
        }
    }

    private void Remove(Session session, string why)
    {
        IPEndPoint address = _addressOf[session.PlayerId];
        _room.Leave(session);
        _byAddress.Remove(address);
        _addressOf.Remove(session.PlayerId);
        if (why == "left") Counters.Left++;
        _log($"{session.Name} (player {session.PlayerId}) {why}");
    }

    private void PublishLeaderboard()
    {
        var rows = Leaderboard.Top(_room.World.Players)
            .Select(r => (object?)new List<object?> { r.PlayerId, r.Name, Messages.Tenths(r.Mass) }).ToList();
        string key = string.Join(";", rows.Select(r => string.Join(",", (List<object?>)r!)));
        if (key == _leaderboardSent) return; // only changes travel
        _leaderboardSent = key;
        _store.PushUpdate(GameStateUpdate.From(_store.TimeOrder.Next(), [new("leaderboard", rows), new("players", (long)_room.World.Players.Count)]));
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        await _server.DisposeAsync();
    }
}
