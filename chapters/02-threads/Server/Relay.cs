using System.Collections.Concurrent;
using System.Text;
using Course.Cli;

namespace Dots;

/// <summary>
/// The relay thread (the seed's "server channel"): it drains one bounded queue of events and writes each
/// to every player. It is the only thread that sends game messages, so every player sees the events in
/// the same order, and the only one that closes sockets, so nobody writes to a closed one.
/// </summary>
/// <remarks>
/// The queue is bounded: if the relay falls behind, client threads wait to add their moves instead of the
/// queue eating all the memory. The relay itself never waits for a player: see <see cref="ClientSession.TrySend"/>.
/// </remarks>
public sealed class Relay
{
    private readonly BlockingCollection<RelayEvent> _queue;
    private readonly PlayerTable _table;
    private readonly Log _log;
    private readonly TimeTrace _trace;
    private readonly Thread _thread;
    private const int MaxBatch = 64;

    // Touched by the relay thread only, so it needs no lock: ownership instead of locking.
    private readonly Dictionary<int, ClientSession> _joined = [];

    public Relay(int capacity, PlayerTable table, Log log, TimeTrace trace)
    {
        _queue = new BlockingCollection<RelayEvent>(capacity);
        _table = table;
        _log = log;
        _trace = trace;
        _thread = new Thread(Run) { Name = "relay", IsBackground = true };
    }

    public void Start() => _thread.Start();

    /// <summary>A player connected: greet it with the board, and tell the others.</summary>
    public void Join(ClientSession player) => _queue.Add(new Joined(player));

    /// <summary>Queues a line for every player. Waits while the queue is full, unless <paramref name="stop"/> fires.</summary>
    public void Broadcast(string line, CancellationToken stop) => _queue.Add(new Said(Encode(line)), stop);

    /// <summary>A player's thread has finished: close its socket and tell the others.</summary>
    public void Leave(ClientSession player)
    {
        // Leaving must not be lost, and must not wait forever either. If the relay has already stopped
        // (server shutdown), close the socket here instead.
        bool queued;
        try { queued = _queue.TryAdd(new Left(player), TimeSpan.FromSeconds(5)); }
        catch (InvalidOperationException) { queued = false; } // CompleteAdding was called
        if (!queued) player.Socket.Dispose();
    }

    /// <summary>Lets the relay finish what is queued, then waits for its thread to end.</summary>
    public void StopAndJoin()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }

    private void Run()
    {
        RelayEvent? next = null;
        while (next is not null || _queue.TryTake(out next, Timeout.Infinite))
        {
            RelayEvent item = next!;
            next = null;
            // Batching: when the relay has fallen behind, several lines are waiting. Sending them to each
            // player in one buffer costs one system call instead of one per line, so the relay catches up.
            if (item is Said first && _queue.TryTake(out next))
            {
                var batch = new List<byte[]> { first.Line };
                while (next is Said more && batch.Count < MaxBatch)
                {
                    batch.Add(more.Line);
                    if (!_queue.TryTake(out next)) next = null;
                }
                item = new Said([.. batch.SelectMany(line => line)]);
            }
            switch (item)
            {
                case Joined(ClientSession player):
                    _joined.Add(player.Id, player);
                    Greet(player);
                    break;
                case Said(byte[] line):
                    string? traced = _trace.Enabled ? Encoding.UTF8.GetString(line).TrimEnd('\n') : null;
                    if (traced is not null) _trace.Receive(TraceLane, traced, $"takes {Words(traced)}");
                    SendToAll(line, except: null, traced);
                    break;
                case Left(ClientSession player):
                    _joined.Remove(player.Id);
                    player.Socket.Dispose();
                    SendToAll(Encode(Messages.PlayerLeft(player.Id)), except: null);
                    break;
            }
        }
        // Whoever is still here when the queue closes is closed with it.
        foreach (ClientSession player in _joined.Values) player.Socket.Dispose();
        _joined.Clear();
    }

    private void Greet(ClientSession player)
    {
        // The newcomer learns its id, then every player the relay has already announced (itself
        // included, so it learns where it stands). Players added to the table whose own "joined" event
        // is still queued are left out: they will be announced when it comes, exactly once.
        var greeting = new StringBuilder().Append(Messages.MyId(player.Id)).Append('\n');
        Position? self = null;
        foreach (var (id, at) in _table.Snapshot())
        {
            if (!_joined.ContainsKey(id)) continue;
            greeting.Append(Messages.NewPlayer(id, at)).Append('\n');
            if (id == player.Id) self = at;
        }
        Send(player, Encoding.UTF8.GetBytes(greeting.ToString()));
        if (self is { } where) SendToAll(Encode(Messages.NewPlayer(player.Id, where)), except: player);
    }

    private void SendToAll(byte[] line, ClientSession? except, string? traced = null)
    {
        foreach (ClientSession player in _joined.Values)
        {
            if (player == except) continue;
            if (traced is not null) _trace.Send(TraceLane, $"{traced} to {player.Id}", $"to player {player.Id}");
            Send(player, line);
        }
    }

    private const string TraceLane = "relay thread";

    /// <summary>"playerMoved 1 11 7" as "playerMoved 1": a figure's label must not depend on where the dot is.</summary>
    internal static string Words(string line) => string.Join(' ', line.Split(' ').Take(2));

    private void Send(ClientSession player, byte[] message)
    {
        // A failed send to a player who already left is routine (its thread reports the goodbye); a
        // player dropped for being too slow is news, and only the relay knows it.
        bool wasDropped = player.DropReason is not null;
        if (!player.TrySend(message) && !wasDropped && player.DropReason == ClientSession.TooSlow)
            _log.Line($"dropped player {player.Id}: {ClientSession.TooSlow}");
    }

    private static byte[] Encode(string line) => Encoding.UTF8.GetBytes(line + "\n");

    // What can wait in the queue. Records keep the switch above readable.
    private abstract record RelayEvent;
    private sealed record Joined(ClientSession Player) : RelayEvent;
    private sealed record Said(byte[] Line) : RelayEvent;
    private sealed record Left(ClientSession Player) : RelayEvent;
}
