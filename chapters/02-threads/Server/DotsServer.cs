using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Course.Cli;
using Listening;

namespace Dots;

/// <summary>
/// The dots server: the accept loop runs on the calling thread, each player gets a thread of its own
/// (<see cref="PlayerThread"/>), and one relay thread sends every event to every player (<see cref="Relay"/>).
/// </summary>
/// <remarks>
/// Why a <c>new Thread</c> per player and not the thread pool? A player's thread spends its whole life
/// blocked in a receive. Pool threads are meant for short work items; park two hundred of them in
/// blocking calls and the pool, which adds threads only slowly when it runs dry, starves everything else
/// that runs on it (timers, async continuations). A dedicated thread also gets a name ("player 7") that
/// you can see in a debugger. The cost is about 1 MiB of reserved stack per player: fine for hundreds,
/// not for tens of thousands. Chapter 04 serves thousands on a handful of threads with async sockets.
/// </remarks>
public sealed class DotsServer(ServerOptions options, Log log)
{
    private readonly PlayerTable _table = new(options.Board);
    private readonly AddressLimit _perAddress = new(options.MaxPerAddress);
    private readonly ConcurrentDictionary<int, (ClientSession Session, Thread Thread)> _players = new();
    private Relay? _relay;
    private int _lastId;

    /// <summary>Player threads still running: tests check it drops back to zero when players leave.</summary>
    public int PlayerThreads => _players.Count;

    /// <summary>The positions, for tests that check what the server believes.</summary>
    internal PlayerTable Table => _table;

    /// <summary>
    /// Binds and listens, calls <paramref name="onListening"/> with the real endpoint, then accepts players
    /// until <paramref name="stop"/> fires. Returns only after every socket is closed and every thread joined.
    /// </summary>
    public void Run(Action<IPEndPoint> onListening, CancellationToken stop)
    {
        // Chapter 01's recipe (socket, SO_REUSEADDR alone, bind, listen), from its Listening library.
        using Socket listener = Listener.Open(options.EndPoint, options.Backlog);
        var bound = (IPEndPoint)listener.LocalEndPoint!;
        string idle = options.IdleTimeout > TimeSpan.Zero ? $"{options.IdleTimeout.TotalSeconds:0.#} s" : "off";
        log.Line($"listening on {Endpoints.Show(bound)}: board {options.Board.Width}x{options.Board.Height}, "
                 + $"at most {options.MaxClients} players ({options.MaxPerAddress} per address), idle timeout {idle}");

        _relay = new Relay(options.QueueCapacity, _table, log, options.Trace);
        _relay.Start();
        onListening(bound);

        // A blocked Accept() ignores the token; disposing the listener is what wakes it (see chapter 01).
        using (stop.Register(listener.Dispose))
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = listener.Accept();
                }
                catch (Exception e) when (stop.IsCancellationRequested && e is SocketException or ObjectDisposedException)
                {
                    break;
                }
                Admit(socket, stop);
            }
        }
        Shutdown();
    }

    private void Admit(Socket socket, CancellationToken stop)
    {
        string peer = Endpoints.Show(socket.RemoteEndPoint);
        IPAddress address = ((IPEndPoint)socket.RemoteEndPoint!).Address;
        // Every connection counts, joined or not: each one has a thread, whatever it has said so far.
        if (_players.Count >= options.MaxClients)
        {
            // Say why in the protocol's own words, then hang up. (The seed's accept loop crashed here.)
            Refuse(socket, peer, $"server full ({options.MaxClients} players)");
            return;
        }
        if (!_perAddress.TryTake(address))
        {
            Refuse(socket, peer, $"too many connections from {address} ({options.MaxPerAddress} at most)");
            return;
        }

        // Only this thread hands out ids, so the counter needs no lock: it has a single owner.
        int id = ++_lastId;
        socket.NoDelay = true; // our messages are tiny: send each at once, not after Nagle's wait
        // Non-blocking: a send never waits (the slow-client rule in ClientSession.TrySend), and the
        // player's thread only calls Receive after Poll said there is something to read.
        socket.Blocking = false;
        if (options.SendBufferBytes > 0) socket.SendBufferSize = options.SendBufferBytes;

        var session = new ClientSession(id, socket, peer, options.SlowClientGrace);
        // The player joins the table and the relay from its own thread, once it has said "join"; a
        // connection that says nothing costs a thread for a few seconds, and nobody else hears of it.
        var thread = new Thread(() =>
        {
            try { new PlayerThread(session, _table, _relay!, options, log).Run(stop); }
            finally
            {
                // The thread crosses itself off on its way out, and gives its address's seat back.
                _players.TryRemove(id, out _);
                _perAddress.Release(address);
            }
        })
        {
            Name = $"player {id}",
            IsBackground = true, // a thread we forgot must not keep the process alive; we join them anyway
        };
        _players[id] = (session, thread);
        thread.Start();
    }

    private void Refuse(Socket socket, string peer, string reason)
    {
        log.Line($"refused {peer}: {reason}");
        socket.SendTimeout = 1000;
        try { socket.Send(Encoding.UTF8.GetBytes(Messages.Error(reason) + "\n")); }
        catch (SocketException) { }
        try { socket.Shutdown(SocketShutdown.Both); }
        catch (SocketException) { } // already gone
        socket.Dispose();
    }

    private void Shutdown()
    {
        // 1. Hang up on every player: each thread wakes from its receive with end of stream and leaves.
        var players = _players.Values.ToArray();
        foreach (var (session, _) in players) session.Drop("server stopping");
        // 2. Join every player thread, so none is left running when Run returns.
        foreach (var (_, thread) in players) thread.Join();
        // 3. Let the relay send what is queued (the goodbyes), close the sockets, and join it.
        _relay?.StopAndJoin();
        log.Line($"stopped: closed {players.Length} connections, joined {players.Length} player threads and the relay thread");
    }
}
