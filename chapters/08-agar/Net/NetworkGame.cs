using System.Collections.Concurrent;
using System.Net;
using Agar.Game;
using Netcode.Peers;
using Netcode.Transport;
using Netcode.Wire;

namespace Agar.Net;

/// <summary>How a networked client plays: its name, the simulated bad network, the smoothing switches.</summary>
public sealed record NetworkGameOptions
{
    public string Name { get; init; } = "You";
    /// <summary>Simulated one-way delay, added in BOTH directions: the round trip grows by twice this.</summary>
    public TimeSpan Lag { get; init; } = TimeSpan.Zero;
    /// <summary>Random extra delay each way, 0 to this much (it reorders datagrams).</summary>
    public TimeSpan Jitter { get; init; } = TimeSpan.Zero;
    /// <summary>Fraction (0..1) of datagrams lost, in both directions.</summary>
    public double Loss { get; init; }
    public int Seed { get; init; } = 7;
    /// <summary>
    /// Conditions that may change while playing (the netcode lab's sliders). When set, the simulator reads
    /// this dial for every datagram, both ways, and <see cref="Lag"/>, <see cref="Jitter"/> and <see cref="Loss"/> are ignored.
    /// </summary>
    public NetworkDial? Dial { get; init; }
    public bool Prediction { get; init; } = true;
    public bool Reconciliation { get; init; } = true;
    public bool Interpolation { get; init; } = true;
    public Action<string>? Log { get; init; }
    /// <summary>Told each input sent, view received and correction made, on the thread that steps the game (the lab's timeline).</summary>
    public Action<ClientMoment>? Report { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>
/// A player on a server: <see cref="IPlayable"/>, so the same game loop and window play it as an offline
/// game. Each <see cref="Step"/> sends one input (a direction and a sequence number) and, with
/// prediction on, moves your own cell at once by the same function the server uses. When a view comes
/// back saying "your input n was the last I applied, you are here", the cell is put there and the inputs
/// after n are replayed on top (reconciliation, after Gabriel Gambetta's "Fast-Paced Multiplayer").
/// Other players are drawn a little in the past, between the two views around that moment (entity
/// interpolation), so they glide instead of jumping 30 times a second. P and I switch each off.
/// </summary>
public sealed partial class NetworkGame : IPlayable, IAsyncDisposable
{
    private readonly NetworkGameOptions _options;
    private readonly Client _client;
    private readonly ConcurrentQueue<NetEvent> _incoming = new();
    private readonly TimeProvider _time;
    private readonly Snapshots _snapshots = new();
    private readonly List<PlayerInput> _pending = [];
    private WorldSettings _settings = new();
    private Vec2 _steer;
    private uint _sequence;
    private Vec2 _predicted;

    private NetworkGame(NetworkGameOptions options)
    {
        _options = options;
        _time = options.Time;
        Prediction = options.Prediction;
        Reconciliation = options.Reconciliation;
        Interpolation = options.Interpolation;
        // The chapter 07 library's simulator spoils both directions, as a real bad link would: --lag 100
        // makes the round trip 200 ms longer. One package per tick, as the server sends.
        TimeSpan tick = TimeSpan.FromSeconds(_settings.TickSeconds);
        var conditions = new NetworkConditions(options.Lag, options.Jitter, options.Loss, 0);
        _client = new Client(new PeerOptions
        {
            Time = _time, Log = options.Log, Seed = options.Seed, GoodInterval = tick, BadInterval = tick * 2,
            Network = conditions == NetworkConditions.Perfect ? NetworkConditions.Perfect : conditions, NetworkDial = options.Dial,
        });
        _client.RegisterEventHandler(Messages.View, OnView);
        _client.RegisterEventHandler(Messages.Refused, e => _refusal = e.Args is [string reason, ..] ? reason : "no reason given");
    }

    private volatile string? _refusal;

    public bool Prediction { get; set; }
    /// <summary>Off: a view puts the predicted cell where the server says, without replaying the inputs it has not applied yet (it jumps back).</summary>
    public bool Reconciliation { get; set; }
    public bool Interpolation { get; set; }
    /// <summary>Your player id, 0 until the server's first view arrives.</summary>
    public int YouId { get; private set; }
    /// <summary>Inputs sent but not yet confirmed by a view: what reconciliation replays.</summary>
    public int PendingInputs => _pending.Count;
    /// <summary>Where the server last said you are (without prediction).</summary>
    public Vec2 ServerPosition { get; private set; }
    public double Mass { get; private set; }
    public long ViewsApplied { get; private set; }
    /// <summary>The newest of our inputs the server says it has applied.</summary>
    public uint LastAcknowledgedInput { get; private set; }

    /// <summary>Connects, asks to join, and waits until the first view says who we are.</summary>
    public static async Task<NetworkGame> JoinAsync(IPEndPoint server, NetworkGameOptions options, CancellationToken cancel = default)
    {
        var game = new NetworkGame(options);
        try
        {
            await game._client.ConnectAsync(server, TimeSpan.FromSeconds(5), cancel);
            game._client.DispatchEvent(new NetEvent(Messages.Join, options.Name), retries: 10);
            long start = game._time.GetTimestamp();
            while (game.YouId == 0)
            {
                if (game._refusal is { } reason) throw new RefusedException(reason);
                if (game._time.GetElapsedTime(start) > TimeSpan.FromSeconds(5) + 4 * options.Lag)
                    throw new TimeoutException($"{server} answers but never let us join: is it an agar server?");
                await Task.Delay(15, cancel);
                game.Pump();
            }
            return game;
        }
        catch
        {
            await game._client.DisposeAsync();
            throw;
        }
    }

    private void OnView(NetEvent e)
    {
        // Runs on the library's receive loop: only hand it over; Pump applies it on the game's thread.
        // Bounded: a server (or an attacker posing as one) that floods views cannot grow our memory.
        if (_incoming.Count < MaxWaitingViews) _incoming.Enqueue(e);
    }

    /// <summary>Views received and not yet applied: far more than a frame's worth, with room to spare.</summary>
    private const int MaxWaitingViews = 256;

    /// <summary>Applies every view that has arrived.</summary>
    private void Pump()
    {
        long now = _time.GetTimestamp();
        while (_incoming.TryDequeue(out NetEvent? e))
        {
            ViewMessage view;
            try { view = ViewMessage.FromEvent(e); }
            catch (FormatException ex) { _options.Log?.Invoke($"dropped a malformed view: {ex.Message}"); continue; }
            if (!_snapshots.Apply(view, now))
            {
                _options.Report?.Invoke(new ClientMoment(MomentKind.ViewStale, now, view.LastInput, view.Tick));
                continue;
            }
            ViewsApplied++;
            _options.Report?.Invoke(new ClientMoment(MomentKind.ViewApplied, now, view.LastInput, view.Tick));
            if (_client.AccessGameState(s => s.Has("world") ? s["world"] : null) is List<object?> { Count: >= 2 } world)
            {
                try
                {
                    _settings = _settings with { Width = Messages.Number(world[0]), Height = Messages.Number(world[1]) };
                    if (world.Count >= 3 && Messages.Number(world[2]) is > 0 and <= 1000 and var rate) _settings = _settings with { TickRate = rate };
                }
                catch (FormatException) { }
            }
            YouId = view.YouId;
            Reconcile(view, now);
        }
    }

    private void Reconcile(ViewMessage view, long now)
    {
        Vec2 before = _predicted;
        foreach (var (id, position, mass) in view.Players)
        {
            if (id != view.YouId) continue;
            ServerPosition = position;
            Mass = mass;
        }
        // Inputs up to LastInput are in the server's position already; the rest are still on their way.
        LastAcknowledgedInput = view.LastInput;
        _pending.RemoveAll(input => input.Sequence <= view.LastInput);
        _predicted = ServerPosition;
        // Without reconciliation the cell jumps back to the server's word, a round trip behind your keys.
        if (Reconciliation)
            foreach (PlayerInput input in _pending)
                _predicted = _settings.Moved(_predicted, input.Direction, Mass, _settings.TickSeconds);
        // A prediction that was right moves nothing here but the wire's rounding (positions travel as tenths);
        // what moves further is a jump you would see.
        double jump = Math.Sqrt(Vec2.DistanceSquared(before, _predicted));
        if (Prediction && ViewsApplied > 1 && jump > 0.5)
            _options.Report?.Invoke(new ClientMoment(MomentKind.Corrected, now, view.LastInput, view.Tick, jump));
    }

    public void Steer(Vec2 direction) => _steer = direction.ClampedToUnit();

    public void Step()
    {
        Pump();
        var input = new PlayerInput(++_sequence, _steer.X, _steer.Y);
        _client.DispatchEvent(Messages.Input, (long)input.Sequence, input.DirectionX, input.DirectionY);
        _client.Flush(); // the input leaves now, not at the next send slot
        _options.Report?.Invoke(new ClientMoment(MomentKind.InputSent, _time.GetTimestamp(), input.Sequence, Direction: input.Direction));
        _pending.Add(input);
        if (_pending.Count > 120) _pending.RemoveAt(0); // the server stopped answering: do not grow forever
        // Prediction: move now, by the server's own rule, instead of waiting a round trip to see it.
        if (YouId != 0) _predicted = _settings.Moved(_predicted, input.Direction, Mass, _settings.TickSeconds);
    }

    /// <summary>The library's round-trip estimate (the simulated lag included, both ways).</summary>
    public double? PingMs => _client.Rtt.TotalMilliseconds;

    public double TickSeconds => _settings.TickSeconds;

    public string? Status => $"P PREDICTION {(Prediction ? "ON" : "OFF")}  I INTERPOLATION {(Interpolation ? "ON" : "OFF")}";

    public void Toggle(char key)
    {
        if (key == 'p') Prediction = !Prediction;
        if (key == 'i') Interpolation = !Interpolation;
    }

    /// <summary>Where your cell is drawn: predicted, or the server's last word.</summary>
    public Vec2 DrawnPosition => Prediction ? _predicted : ServerPosition;

    public WorldView View()
    {
        Pump();
        IReadOnlyList<LeaderboardEntry> leaderboard = ReadLeaderboard();
        var others = Interpolation
            ? _snapshots.PlayersAt(_snapshots.EstimatedServerTick(_time.GetTimestamp(), _time.TimestampFrequency, _settings.TickRate) - Snapshots.InterpolationTicks)
            : _snapshots.PlayersAt(_snapshots.LatestTick);
        var players = new List<PlayerState>(others.Count + 1);
        foreach (var (id, position, mass) in others)
        {
            if (id == YouId) continue;
            var (name, color) = _snapshots.NameOf(id);
            players.Add(new PlayerState(id, name, color, position, mass));
        }
        Vec2 centre = new(_settings.Width / 2, _settings.Height / 2);
        if (YouId != 0)
        {
            var (name, color) = _snapshots.NameOf(YouId);
            centre = DrawnPosition;
            players.Add(new PlayerState(YouId, name, color, centre, Mass));
        }
        // Smallest first, so a big cell is drawn over the small ones it is about to eat.
        players.Sort((a, b) => a.Mass != b.Mass ? a.Mass.CompareTo(b.Mass) : a.Id.CompareTo(b.Id));
        return new WorldView(_snapshots.LatestTick, _settings.Width, _settings.Height, YouId, centre,
            AreaOfInterest.HalfExtentsFor(Mass, _settings), players, _snapshots.Pellets, leaderboard, LastAcknowledgedInput);
    }

    private IReadOnlyList<LeaderboardEntry> ReadLeaderboard() => _client.AccessGameState(state =>
    {
        var rows = new List<LeaderboardEntry>();
        if (!state.Has("leaderboard") || state["leaderboard"] is not List<object?> list) return rows;
        try
        {
            foreach (object? row in list)
                if (row is List<object?> { Count: 3 } r)
                    rows.Add(new LeaderboardEntry(rows.Count + 1, (int)Messages.Integer(r[0]), r[1] as string ?? "?", Messages.FromTenths(Messages.Integer(r[2]))));
        }
        catch (FormatException) { }
        return rows;
    });

    public async ValueTask DisposeAsync()
    {
        // Say goodbye (with retries, in case one is lost) and give the library a moment to send it.
        _client.DispatchEvent(new NetEvent(Messages.Leave), retries: 3);
        try { await Task.Delay(TimeSpan.FromMilliseconds(100) + 2 * _options.Lag, _time).WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (TimeoutException) { } // game time that does not move (a test's clock): do not hang on goodbye
        await _client.DisposeAsync();
    }
}
