using System.Net.WebSockets;
using Course.Cli;
using Snake.Chat;
using Snake.Game;
using Snake.Loop;
using Snake.Wire;

namespace Snake.Rooms;

/// <summary>
/// One game with its players and its own tick loop. The loop starts when the room is created for its
/// first player, and stops when its last player leaves (then the room is thrown away).
/// One lock guards the game and the player list: receive loops steer under it, the tick steps under it.
/// The tick holds it only while it steps the game and writes the state bytes, never while it sends.
/// </summary>
/// <remarks>
/// What a failed tick means, decided here: the room CLOSES. Its state may be half-updated, so ticking on
/// could spread the damage; instead every player is told (close status 1011, "internal error") and can
/// reconnect, which makes a brand-new room. Other rooms never notice.
/// </remarks>
public sealed class Room
{
    private readonly Lock _gate = new();
    private readonly SnakeGame _game;
    private readonly Dictionary<int, Player> _players = [];
    private readonly TickLoop _loop;
    private readonly RoomOptions _options;
    private readonly Log _failureLog;
    private readonly ITickHook? _hook;
    private Player[] _snapshot = [];

    public Room(string name, int seed, RoomOptions options, Log log)
    {
        Name = name;
        _options = options;
        _game = new SnakeGame(options.Rules, seed);
        _hook = options.TickHooks?.Invoke();
        _failureLog = options.FailureLog?.For($"room {name}") ?? log;
        _loop = new TickLoop(options.Period, options.Time, TickAsync, OnLoopFault, _failureLog, options.Pacing);
    }

    public string Name { get; }
    public TickLoop Loop => _loop;
    /// <summary>This room's extra per-tick work, if the server has any (disposed when the room closes).</summary>
    public ITickHook? Hook => _hook;
    private bool _failed;

    /// <summary>True once the loop has failed: the room is closing and takes nobody new.</summary>
    public bool Failed
    {
        get { lock (_gate) return _failed; }
    }

    public int Count
    {
        get { lock (_gate) return _players.Count; }
    }

    /// <summary>Adds the player and returns the new count; 0 when the room failed or is full.</summary>
    internal int TryAdd(Player player)
    {
        lock (_gate)
        {
            // Checked under the same lock the failure handler takes: a player is either added before it
            // (and then closed with everyone else) or refused after it.
            if (_failed || _players.Count >= _options.MaxPlayersPerRoom) return 0;
            _players.Add(player.Id, player);
            _snapshot = [.. _players.Values];
            _game.Add(player.Id, player.Name);
            return _players.Count;
        }
    }

    internal int Remove(Player player)
    {
        lock (_gate)
        {
            _players.Remove(player.Id);
            _snapshot = [.. _players.Values];
            _game.Remove(player.Id);
            return _players.Count;
        }
    }

    public void Steer(Player player, Direction direction)
    {
        lock (_gate) _game.Steer(player.Id, direction);
    }

    /// <summary>Queues a message for every player here (a chat line, a scoreboard); never waits.</summary>
    public void Announce(byte[] message)
    {
        Player[] players;
        lock (_gate) players = _snapshot;
        foreach (Player player in players) player.Outbox.PostNotice(message);
    }

    /// <summary>Every snake's score, as of the last tick.</summary>
    public IReadOnlyList<Score> Scores()
    {
        lock (_gate) return [.. _game.Snakes.Select(s => new Score(s.Name, s.Score))];
    }

    private ValueTask TickAsync(long number, CancellationToken cancel)
    {
        if (number == _options.FailOnTick) throw new InvalidOperationException($"test failure injected in tick {number}");
        byte[] state;
        Player[] players;
        lock (_gate)
        {
            _hook?.BeforeStep(_game);
            IReadOnlyList<string> events = _game.Step();
            state = ServerMessages.State(_game, events);
            players = _snapshot;
        }
        // Posting never waits; the players' own send loops do the sending.
        foreach (Player player in players) player.Outbox.PostState(state);
        return ValueTask.CompletedTask;
    }

    private void OnLoopFault(Exception error)
    {
        _failureLog.Line($"room {Name}: closing, its loop failed ({error.GetType().Name}: {error.Message})");
        Player[] players;
        lock (_gate)
        {
            _failed = true;
            players = _snapshot;
        }
        foreach (Player player in players) player.Outbox.Close(WebSocketCloseStatus.InternalServerError);
    }
}
