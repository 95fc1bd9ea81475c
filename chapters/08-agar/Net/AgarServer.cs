using System.Net;
using Agar.Game;
using Netcode;
using Netcode.Game;
using Netcode.Peers;
using Netcode.State;
using Netcode.Wire;

namespace Agar.Net;

/// <summary>What the server counted: who came and went, and what it refused (the anti-cheat tests read these).</summary>
public sealed class ServerCounters
{
    public long MalformedEvents, FloodedInputs, StaleInputs, TimedOut, Joined, Left, Refused, ViewFaults;
}

/// <summary>
/// The game server, a game on the chapter 07 library's <see cref="Backend"/>: the library owns the UDP
/// socket, the connections, the packages, the shared state and the game loop; this class owns the game.
///   - client events (join, input, leave) are the loop's event handlers: they run on the loop, between
///     ticks, so the world is only ever touched by one thread;
///   - each tick (the loop's late step, after the events): the <see cref="GameRoom"/> steps, then each
///     client gets its own view (area of interest, as a delta against the last view the library says it
///     received) through the library's per-client view slot, within the bytes a package has left;
///   - the leaderboard and the world's size travel in the library's shared state, which every client gets;
///   - a player silent for <see cref="Timeout"/> is removed, like one who said "leave", and so is one whose
///     connection the library gave up on (a client killed mid-game);
///   - at most <see cref="MaxPlayers"/> play at once; a join beyond that is refused with a "refused" event.
///     Connections, new connections per IP, packages per second and queues are bounded by the library.
/// Clients send directions, never positions, so there is nothing to teleport with. A fault in one
/// client's view skips that view for one tick (logged once, counted); a fault in the loop itself stops
/// the server (<see cref="Stopped"/> faults), so it never runs on with a dead loop.
/// </summary>
public sealed class AgarServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Bytes of shared state per package (the leaderboard): the rest of the 2048 is for the client's view.</summary>
    public const int UpdateBudget = 448;

    private readonly Backend _backend;
    private readonly GameRoom _room;
    private readonly Action<string> _log;
    private readonly object _gate = new();
    private readonly List<double> _tickMs = [];
    private readonly HashSet<string> _logged = [];
    private string _leaderboardSent = "";
    private (double, double) _worldSent;

    public AgarServer(WorldSettings settings, int bots = 0, PeerOptions? options = null, int maxPlayers = 1024)
    {
        TimeSpan tick = TimeSpan.FromSeconds(settings.TickSeconds);
        // One package per tick each way (a view is only new once a tick), half that on a bad link; and
        // most of each package for the view.
        options = (options ?? new PeerOptions()) with { GoodInterval = tick, BadInterval = tick * 2, UpdateBudget = UpdateBudget };
        _log = options.Log ?? (_ => { });
        MaxPlayers = maxPlayers;
        _room = new GameRoom(settings, bots);
        _backend = new Backend(new GameState([new("world", WorldShape(_room.World.Settings))]), (_, _) => null, options);
        _worldSent = (_room.World.Settings.Width, _room.World.Settings.Height);
        _backend.Machine.LateStep = Step;
        _backend.Machine.AfterTick = Record;
        _backend.RegisterEventHandler(Messages.Join, call => Handle(call, Join));
        _backend.RegisterEventHandler(Messages.Input, call => Handle(call, Input));
        _backend.RegisterEventHandler(Messages.Leave, call => Handle(call, (session, _) => { if (session is not null) Remove(session, "left"); }));
        _backend.RegisterEventHandler(LibraryEvents.ClientGone, call => Handle(call, (session, _) =>
        {
            if (session is null) return;
            Counters.TimedOut++;
            Remove(session, $"timed out (its connection was silent for {options.ConnectionTimeout.TotalSeconds:0} s)");
        }));
    }

    public IPEndPoint EndPoint => _backend.Server.EndPoint;
    public ServerCounters Counters { get; } = new();
    public ServerStats NetStats => _backend.Server.Stats;
    public GameStateMachine Loop => _backend.Machine;
    /// <summary>Players (humans and the server's own bots) at most; a join beyond it is refused.</summary>
    public int MaxPlayers { get; }

    /// <summary>Completes when the server stops; faults if its game loop or a network loop failed.</summary>
    public Task Stopped => _backend.Stopped;

    /// <summary>Runs after every tick, under the world's lock (keep it short): the demo prints from here.</summary>
    public Action<GameRoom>? AfterTick { get; set; }

    /// <summary>Players in the world after the last tick (readable from any thread).</summary>
    public int PlayerCount => Volatile.Read(ref _playerCount);
    private int _playerCount;

    /// <summary>Every tick's timing as it happens (the server's --tick-log, the bench).</summary>
    public Action<TickRecord>? TickRecorded { get; set; }

    /// <summary>Reads the game safely from another thread (tests, the demo).</summary>
    public T Read<T>(Func<GameRoom, T> read)
    {
        lock (_gate) return read(_room);
    }

    /// <summary>Tick durations in ms since the last call (the server's status line).</summary>
    public List<double> TakeTickTimes()
    {
        lock (_tickMs)
        {
            var copy = new List<double>(_tickMs);
            _tickMs.Clear();
            return copy;
        }
    }

    public Task StartAsync(IPEndPoint endPoint) =>
        _backend.StartAsync(endPoint, TimeSpan.FromSeconds(_room.World.Settings.TickSeconds));

    /// <summary>After each tick: the new views leave now (not up to a send interval later), and the tick is recorded.</summary>
    private void Record(TickRecord tick)
    {
        _backend.Server.Flush();
        lock (_tickMs)
        {
            _tickMs.Add(tick.DurationMs);
            if (_tickMs.Count > 100_000) _tickMs.RemoveRange(0, 50_000);
        }
        TickRecorded?.Invoke(tick);
    }

    /// <summary>The late step: the world moves, then every client gets its view. Returns the shared state's changes.</summary>
    private Changes? Step(GameState state, double dt)
    {
        lock (_gate)
        {
            _room.Tick();
            RemoveIdle();
            int budget = _backend.Server.ViewBudget;
            foreach (Session session in _room.Sessions)
            {
                try
                {
                    ViewMessage view = _room.ViewFor(session, budget);
                    ViewFeed feed = session.Feed;
                    long tick = view.Tick;
                    _backend.Server.SendView(session.Address, Messages.View, view.Encode(), () => feed.Acknowledge(tick));
                }
                catch (Exception e)
                {
                    // One client's view going wrong skips that view, this tick; the others still get theirs.
                    Counters.ViewFaults++;
                    LogOnce($"view:{e.GetType().Name}", $"BUG: the view of player {session.PlayerId} failed and is skipped this tick (logged once): {e}");
                }
            }
            Volatile.Write(ref _playerCount, _room.World.Players.Count);
            AfterTick?.Invoke(_room);
            return SharedChanges();
        }
    }

    /// <summary>What everyone sees alike, only when it changed: the world's size, and twice a second the leaderboard.</summary>
    private Changes? SharedChanges()
    {
        Changes? changes = null;
        WorldSettings world = _room.World.Settings;
        if ((world.Width, world.Height) != _worldSent)
        {
            _worldSent = (world.Width, world.Height);
            (changes ??= [])["world"] = WorldShape(world);
        }
        if (_room.World.Tick % 15 == 0)
        {
            var rows = Leaderboard.Top(_room.World.Players)
                .Select(r => (object?)new List<object?> { r.PlayerId, r.Name, Messages.Tenths(r.Mass) }).ToList();
            string key = string.Join(";", rows.Select(r => string.Join(",", (List<object?>)r!)));
            if (key != _leaderboardSent)
            {
                _leaderboardSent = key;
                (changes ??= [])["leaderboard"] = rows;
                changes["players"] = (long)_room.World.Players.Count;
            }
        }
        return changes;
    }

    private static List<object?> WorldShape(WorldSettings world) => [world.Width, world.Height, world.TickRate];

    /// <summary>Runs a handler on the loop, under the lock, with the sender's session (null if it has not joined); a malformed event is counted and dropped.</summary>
    private Changes? Handle(EventCall call, Action<Session?, EventCall> handler)
    {
        lock (_gate)
        {
            Session? session = _room.Find(call.ClientAddress!);
            try
            {
                handler(session, call);
            }
            catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
            {
                if (++Counters.MalformedEvents <= 20 || Counters.MalformedEvents % 1000 == 0)
                    _log($"dropped a malformed {call.Event.Type} event from {call.ClientAddress}: {ex.Message} ({Counters.MalformedEvents} so far)");
            }
            return null;
        }
    }

    private void Join(Session? session, EventCall call)
    {
        if (session is not null) return; // a repeated join (the client retries until its first view arrives)
        IPEndPoint from = call.ClientAddress!;
        if (_room.World.Players.Count >= MaxPlayers)
        {
            Counters.Refused++;
            _backend.Server.DispatchEvent(new NetEvent(Messages.Refused, $"full: {MaxPlayers} players are playing"), from);
            LogOnce("full", $"refused {from}: the game is full ({MaxPlayers} players); later refusals are only counted");
            return;
        }
        IReadOnlyList<object?> args = call.Event.Args;
        string name = CleanName(args.Count == 1 ? args[0] as string : null);
        session = _room.Join(name, from);
        Counters.Joined++;
        _log($"{name} joined from {from} as player {session.PlayerId}");
    }

    private void Input(Session? session, EventCall call)
    {
        if (session is null) return; // from an address that has not joined (or already left)
        IReadOnlyList<object?> args = call.Event.Args;
        if (args.Count != 3) throw new FormatException($"an input has 3 arguments, this one {args.Count}");
        long sequence = Messages.Integer(args[0]);
        if (sequence is < 1 or > uint.MaxValue) throw new FormatException($"sequence number {sequence} is out of range");
        session.LastHeardTick = _room.World.Tick;
        var input = new PlayerInput((uint)sequence, Messages.Number(args[1]), Messages.Number(args[2]));
        long droppedBefore = session.Inputs.Dropped;
        if (!session.Inputs.Offer(input)) Counters.StaleInputs++;
        if (session.Inputs.Dropped > droppedBefore && ++Counters.FloodedInputs % 100 == 1)
            _log($"player {session.PlayerId} ({session.Address}) sends inputs faster than the tick: dropping its oldest ({Counters.FloodedInputs} so far)");
    }

    /// <summary>A name is shown to everyone: printable, 1 to 16 characters, or a default.</summary>
    private static string CleanName(string? name)
    {
        string clean = new string((name ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (clean.Length > 16) clean = clean[..16];
        return clean.Length == 0 ? "Anonymous" : clean;
    }

    private void RemoveIdle()
    {
        long limit = (long)(Timeout.TotalSeconds * _room.World.Settings.TickRate);
        foreach (Session session in _room.Sessions.Where(s => _room.World.Tick - s.LastHeardTick > limit).ToList())
        {
            Counters.TimedOut++;
            Remove(session, $"timed out (no input for {Timeout.TotalSeconds:0} s)");
        }
    }

    private void Remove(Session session, string why)
    {
        _room.Leave(session);
        if (why == "left") Counters.Left++;
        _log($"{session.Name} (player {session.PlayerId}) {why}");
    }

    private void LogOnce(string kind, string line)
    {
        if (_logged.Count < 256 && _logged.Add(kind)) _log(line);
    }

    public ValueTask DisposeAsync() => _backend.DisposeAsync();
}
